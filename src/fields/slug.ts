import {
  type CollectionSlug,
  type FieldHook,
  type PayloadRequest,
  type TextField,
  ValidationError,
} from 'payload'

import { SLUG_PATTERN, toSlug } from '../slugs'

/** Fill an empty slug from the English title or name when a document is first saved. */
const slugFrom =
  (source: string): FieldHook =>
  ({ value, data, req }) => {
    if (typeof value === 'string' && value.trim()) return toSlug(value)
    const sourceValue: unknown = data?.[source]
    const text =
      typeof sourceValue === 'string'
        ? sourceValue
        : sourceValue && typeof sourceValue === 'object' && 'en' in sourceValue
          ? String((sourceValue as { en: unknown }).en)
          : undefined
    // Only an English title makes the slug, so that a translation never renames a URL.
    return text && (req.locale ?? 'en') !== 'all' ? toSlug(text) : value
  }

/** Who already holds `value` in the collection, in words; null when nobody does. */
const slugHolder = async (
  value: string,
  req: PayloadRequest,
  collectionSlug: CollectionSlug,
  id?: number | string,
): Promise<string | null> => {
  const collection = req.payload.collections[collectionSlug]
  const { docs } = await req.payload.find({
    collection: collectionSlug,
    where: { and: [{ slug: { equals: value } }, ...(id ? [{ id: { not_equals: id } }] : [])] },
    limit: 1,
    depth: 0,
    overrideAccess: true,
    req,
  })
  const holder = docs[0] as Record<string, unknown> | undefined
  if (!holder) return null
  const titleField = collection?.config.admin.useAsTitle ?? 'id'
  const title = typeof holder[titleField] === 'string' ? `"${holder[titleField]}" ` : ''
  const kind = collection?.config.labels?.singular
  const kindText = typeof kind === 'string' ? `the ${kind.toLowerCase()} ` : ''
  return `The slug "${value}" is already used by ${kindText}${title}(id ${holder.id}): choose another.`
}

/**
 * Drafts skip validation, so a taken slug saved as a draft reached the database's unique index and
 * came back as "The following field is invalid: slug". Checked here too, where drafts pass, and
 * only when the slug changes; the error's own message names the holder, so the admin's toast does.
 */
const refuseTakenSlug: FieldHook = async ({ value, originalDoc, req, collection }) => {
  if (typeof value !== 'string' || !value || value === originalDoc?.slug || !collection)
    return value
  const message = await slugHolder(value, req, collection.slug as CollectionSlug, originalDoc?.id)
  if (!message) return value
  const error = new ValidationError({
    collection: collection.slug,
    errors: [{ path: 'slug', message }],
    req,
  })
  error.message = message
  throw error
}

export const slugField = (source = 'title', overrides: Partial<TextField> = {}): TextField =>
  ({
    name: 'slug',
    type: 'text',
    unique: true,
    index: true,
    // Not `required`: an empty slug is filled from the title on the server, after the admin's
    // own checks in the browser have run.
    validate: async (value: unknown, { req, id, collectionSlug, event }) => {
      if (value == null || value === '') return true
      if (typeof value !== 'string' || !SLUG_PATTERN.test(value)) {
        return 'Slug must be lower-case letters, digits and single hyphens (for example "cpms-2019")'
      }
      // On save, say which record already has it (the database would only say "invalid: slug").
      if (event === 'onChange' || !collectionSlug || !req?.payload) return true
      return (await slugHolder(value, req, collectionSlug as CollectionSlug, id)) ?? true
    },
    hooks: { beforeValidate: [slugFrom(source)], beforeChange: [refuseTakenSlug] },
    admin: {
      position: 'sidebar',
      description:
        'The address of this item for partner sites. Filled from the English title when empty.',
    },
    ...overrides,
  }) as TextField
