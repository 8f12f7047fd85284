// Texts stored in a locale with exactly the words of their English source: before the guards of
// keepFallbackOut.ts, the admin's "Publish changes" could store the English this way (and a few may
// be right, like a name that is the same in every language). An editor reviews the list and clears
// those that are not translations. `npm run check:translations` prints it.
import type { Field, Payload } from 'payload'

import { DEFAULT_LOCALE, LOCALE_CODES } from '../locales'
import { isEmptyText, plainText, sameText } from './plainText'

export type IdenticalText = {
  collection: string
  id: number | string
  /** The record's title in English, for the editor to find it. */
  title: string
  /** Where the text is, e.g. `summary` or `links.0.label`. */
  path: string
  locale: string
  text: string
}

const TEXT_TYPES = new Set(['text', 'textarea', 'richText'])

/** Each localized text of a document read with `locale: 'all'`, with its path. */
const localizedTexts = (
  fields: Field[],
  doc: Record<string, unknown> | undefined,
  prefix: string,
  found: { path: string; byLocale: Record<string, unknown> }[],
) => {
  if (!doc) return
  for (const field of fields) {
    if (field.type === 'tabs') {
      for (const tab of field.tabs) {
        const named = 'name' in tab && tab.name
        localizedTexts(
          tab.fields,
          named ? (doc[tab.name] as Record<string, unknown>) : doc,
          named ? `${prefix}${tab.name}.` : prefix,
          found,
        )
      }
      continue
    }
    const name = 'name' in field ? field.name : undefined
    if (field.type === 'array' && name && Array.isArray(doc[name])) {
      ;(doc[name] as Record<string, unknown>[]).forEach((row, index) =>
        localizedTexts(field.fields, row, `${prefix}${name}.${index}.`, found),
      )
      continue
    }
    if ('fields' in field) {
      const inner = field.type === 'group' && name ? (doc[name] as Record<string, unknown>) : doc
      localizedTexts(
        field.fields,
        inner,
        field.type === 'group' && name ? `${prefix}${name}.` : prefix,
        found,
      )
      continue
    }
    if (!name || !TEXT_TYPES.has(field.type) || !('localized' in field) || !field.localized)
      continue
    const value = doc[name]
    if (value && typeof value === 'object' && !Array.isArray(value) && !('root' in value)) {
      found.push({ path: `${prefix}${name}`, byLocale: value as Record<string, unknown> })
    }
  }
}

export const findIdenticalTranslations = async (
  payload: Payload,
  {
    collections,
    onProgress,
  }: { collections?: string[]; onProgress?: (collection: string) => void } = {},
): Promise<IdenticalText[]> => {
  const found: IdenticalText[] = []
  for (const { config } of Object.values(payload.collections)) {
    if (collections && !collections.includes(config.slug)) continue
    onProgress?.(config.slug)
    const titleField = config.admin?.useAsTitle ?? 'id'
    for (let page = 1; ; page++) {
      const result = await payload.find({
        collection: config.slug as never,
        locale: 'all',
        depth: 0,
        draft: Boolean(config.versions && config.versions.drafts),
        limit: 200,
        page,
        overrideAccess: true,
        sort: 'id',
      })
      for (const doc of result.docs as Record<string, unknown>[]) {
        const perDoc: { path: string; byLocale: Record<string, unknown> }[] = []
        localizedTexts(config.fields, doc, '', perDoc)
        const title = doc[titleField]
        for (const { path, byLocale } of perDoc) {
          const source = byLocale[DEFAULT_LOCALE]
          if (isEmptyText(source)) continue
          for (const locale of LOCALE_CODES) {
            if (locale === DEFAULT_LOCALE || !sameText(byLocale[locale], source)) continue
            found.push({
              collection: config.slug,
              id: doc.id as number,
              title: plainText(
                title && typeof title === 'object'
                  ? (title as Record<string, unknown>)[DEFAULT_LOCALE]
                  : title,
              ),
              path,
              locale,
              text: plainText(source),
            })
          }
        }
      }
      if (!result.hasNextPage) break
    }
  }
  return found
}
