// A translation is only ever what someone wrote in that language. Payload reads a missing
// translation through the English (fallback), and its admin's "Publish changes" reloads the form
// from such a read (payloadcms/payload#16303, open; see also #15664, #11712): the English then sat
// in the French boxes and the next save stored it as French. Two guards, for every path that writes
// (admin, REST, Payload's GraphQL, bulk actions, jobs):
// - a write in a locale is answered without fallback, so a form reloaded from the answer shows a
//   missing translation as missing (the English appears beside it, src/components/admin/EnglishHint);
// - a localized text that had no value in the locale and arrives equal to the English source is
//   not stored: it can only have come from the fallback. (A translation that is truly the same
//   words gains nothing by being stored: readers get those words through the fallback anyway.)
import type { CollectionBeforeOperationHook, Field, FieldHook } from 'payload'

import { mapFields, withAfterInput } from '../fields/mapFields'
import { DEFAULT_LOCALE } from '../locales'
import { isEmptyText, sameText } from './plainText'

const TEXT_TYPES = new Set(['text', 'textarea', 'richText'])

const writesInOneTranslation = (locale: string | undefined): locale is string =>
  Boolean(locale) && locale !== 'all' && locale !== DEFAULT_LOCALE

export const answerWritesWithoutFallback: CollectionBeforeOperationHook = ({
  args,
  operation,
  req,
}) => {
  if ((operation === 'create' || operation === 'update') && writesInOneTranslation(req.locale)) {
    // Read by the operation after this hook, for the answer's afterRead.
    req.fallbackLocale = false as never
  }
  return args
}

export const keepFallbackOut: FieldHook = ({ value, siblingDocWithLocales, req, field }) => {
  const locale: string | undefined = req.locale ?? undefined
  const name = 'name' in field ? field.name : undefined
  if (!writesInOneTranslation(locale) || !name || isEmptyText(value)) return value
  const stored = siblingDocWithLocales?.[name] as Record<string, unknown> | undefined
  if (!stored || typeof stored !== 'object') return value
  if (isEmptyText(stored[locale]) && sameText(value, stored[DEFAULT_LOCALE])) return null
  return value
}

const HINT = '/src/components/admin/EnglishHint#EnglishHint'

/** Adds both guards' field parts to every localized text, however deep. */
export const guardTranslations = (fields: Field[]): Field[] =>
  mapFields(fields, (field) => {
    if (!TEXT_TYPES.has(field.type) || !('localized' in field) || !field.localized) return field
    const hooks = 'hooks' in field ? field.hooks : undefined
    return withAfterInput(
      {
        ...field,
        hooks: { ...hooks, beforeChange: [...(hooks?.beforeChange ?? []), keepFallbackOut] },
      } as Field,
      HINT,
    )
  })
