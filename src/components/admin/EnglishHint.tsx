'use client'
// Under a localized text in another locale's view: while the translation is missing, the English
// that readers get instead, as a hint beside the empty box (never as the box's value, which a save
// would then store as the translation; src/translations/keepFallbackOut.ts).
import { useConfig, useDocumentInfo, useFormFields, useLocale } from '@payloadcms/ui'
import { useEffect, useState } from 'react'

import { DEFAULT_LOCALE } from '../../locales'
import { plainText } from '../../translations/plainText'

/** One read of the English per document and save, shared by all the hints of a form. */
const englishDocs = new Map<string, Promise<Record<string, unknown> | null>>()

const readEnglish = (url: string) => {
  let doc = englishDocs.get(url)
  if (!doc) {
    doc = fetch(url, { credentials: 'include' })
      .then((response) =>
        response.ok ? (response.json() as Promise<Record<string, unknown>>) : null,
      )
      .catch(() => null)
    englishDocs.set(url, doc)
    if (englishDocs.size > 50) englishDocs.delete(englishDocs.keys().next().value!)
  }
  return doc
}

const at = (doc: unknown, path: string): unknown =>
  path
    .split('.')
    .reduce<unknown>(
      (node, key) =>
        node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined,
      doc,
    )

const MAX_CHARS = 280

export const EnglishHint = ({ path }: { path: string }) => {
  const { code } = useLocale()
  const { id, collectionSlug, lastUpdateTime } = useDocumentInfo()
  const {
    config: { routes, serverURL },
  } = useConfig()
  const value = useFormFields(([fields]) => fields[path]?.value)
  const [english, setEnglish] = useState<string>('')
  const translating = code !== DEFAULT_LOCALE && Boolean(id && collectionSlug)

  useEffect(() => {
    if (!translating) return
    let current = true
    const url =
      `${serverURL ?? ''}${routes.api}/${collectionSlug}/${id}?locale=${DEFAULT_LOCALE}` +
      `&fallback-locale=none&draft=true&depth=0&v=${lastUpdateTime ?? ''}`
    void readEnglish(url).then((doc) => {
      if (current) setEnglish(plainText(at(doc, path)))
    })
    return () => {
      current = false
    }
  }, [translating, serverURL, routes.api, collectionSlug, id, path, lastUpdateTime])

  if (!translating || !english || plainText(value) !== '') return null
  const shown = english.length > MAX_CHARS ? `${english.slice(0, MAX_CHARS)}…` : english
  return (
    <div className="field-description english-hint" data-testid="english-hint">
      <span>
        Not translated: readers see the English,{' '}
        <q lang="en" dir="ltr">
          {shown}
        </q>
      </span>
    </div>
  )
}
