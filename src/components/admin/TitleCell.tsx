'use client'
// The title column of a list in French, Spanish or Arabic. Payload shows "<No Title>" for every
// record not translated yet; this shows the English title instead, greyed and marked "not
// translated", still linking to the record. The English titles of a page come in one request.
import { DefaultCell, useConfig, useLocale } from '@payloadcms/ui'
import DataLoader from 'dataloader'
import type { DefaultCellComponentProps } from 'payload'
import { useEffect, useState } from 'react'

import { DEFAULT_LOCALE } from '../../locales'
import { isEmptyText } from '../../translations/plainText'

type Key = { api: string; collection: string; field: string; id: number | string }

/** One loader per list page and field: the cells of a render ask in the same tick. */
const loaders = new Map<string, DataLoader<Key, string | null>>()

const loaderFor = (key: Key) => {
  const name = `${key.api}/${key.collection}/${key.field}`
  let loader = loaders.get(name)
  if (!loader) {
    loader = new DataLoader<Key, string | null>(
      async (keys) => {
        const ids = keys.map((k) => k.id)
        const query = new URLSearchParams({
          locale: DEFAULT_LOCALE,
          'fallback-locale': 'none',
          depth: '0',
          draft: 'true',
          limit: String(ids.length),
          [`select[${key.field}]`]: 'true',
          'where[id][in]': ids.join(','),
        })
        const response = await fetch(`${key.api}/${key.collection}?${query}`, {
          credentials: 'include',
        }).catch(() => null)
        const docs = response?.ok
          ? ((await response.json()) as { docs: Record<string, unknown>[] }).docs
          : []
        const byId = new Map(docs.map((doc) => [String(doc.id), doc[key.field]]))
        return ids.map((id) => {
          const title = byId.get(String(id))
          return typeof title === 'string' ? title : null
        })
      },
      { cache: false },
    )
    loaders.set(name, loader)
  }
  return loader
}

export const TitleCell = (props: DefaultCellComponentProps) => {
  const { cellData, collectionSlug, rowData, field } = props
  const { code } = useLocale()
  const {
    config: { serverURL, routes },
  } = useConfig()
  const missing = code !== DEFAULT_LOCALE && isEmptyText(cellData)
  const name = 'name' in field ? field.name : ''
  const [english, setEnglish] = useState<string | null>(null)

  useEffect(() => {
    if (!missing || !rowData?.id) return
    let current = true
    const key: Key = {
      api: `${serverURL ?? ''}${routes.api}`,
      collection: collectionSlug,
      field: name,
      id: rowData.id as number,
    }
    void loaderFor(key)
      .load(key)
      .then((title) => {
        if (current) setEnglish(title)
      })
    return () => {
      current = false
    }
  }, [missing, rowData?.id, serverURL, routes.api, collectionSlug, name])

  if (!missing) return <DefaultCell {...props} />
  return (
    <DefaultCell
      {...props}
      cellData={
        <span className="hub-untranslated-title" data-testid="untranslated-title">
          <span lang="en" dir="ltr" style={{ color: 'var(--theme-elevation-500)' }}>
            {english ?? '…'}
          </span>{' '}
          <small style={{ color: 'var(--theme-elevation-500)', fontStyle: 'italic' }}>
            · not translated
          </small>
        </span>
      }
    />
  )
}
