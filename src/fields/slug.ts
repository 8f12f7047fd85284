import type { CollectionSlug, FieldHook, TextField } from 'payload'
import slugify from 'slugify'

/**
 * Separators in titles ("Technical Note | Girls…", "Toolkit – Arabic", "A / B") are word breaks:
 * slugify would spell `|` as "or" and glue the others to their neighbours.
 */
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/

const SEPARATORS = /[|/\\·•–—]/g

export const toSlug = (text: string): string =>
  slugify(text.replace(SEPARATORS, ' '), { lower: true, strict: true, trim: true }).slice(0, 120)

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
      if (typeof value !== 'string' || !SLUG.test(value)) {
        return 'Slug must be lower-case letters, digits and single hyphens (for example "cpms-2019")'
      }
      // On save, say which record already has it (the database would only say "invalid: slug").
      if (event === 'onChange' || !collectionSlug || !req?.payload) return true
      const collection = req.payload.collections[collectionSlug as CollectionSlug]
      const { docs } = await req.payload.find({
        collection: collectionSlug as CollectionSlug,
        where: { and: [{ slug: { equals: value } }, ...(id ? [{ id: { not_equals: id } }] : [])] },
        limit: 1,
        depth: 0,
        overrideAccess: true,
        req,
      })
      const holder = docs[0] as Record<string, unknown> | undefined
      if (!holder) return true
      const titleField = collection?.config.admin.useAsTitle ?? 'id'
      const title = typeof holder[titleField] === 'string' ? `"${holder[titleField]}" ` : ''
      return `The slug "${value}" is already used by ${title}(id ${holder.id}): choose another.`
    },
    hooks: { beforeValidate: [slugFrom(source)] },
    admin: {
      position: 'sidebar',
      description:
        'The address of this item for partner sites. Filled from the English title when empty.',
    },
    ...overrides,
  }) as TextField
