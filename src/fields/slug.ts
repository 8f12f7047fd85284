import type { FieldHook, TextField } from 'payload'
import slugify from 'slugify'

/**
 * Separators in titles ("Technical Note | Girls…", "Toolkit – Arabic", "A / B") are word breaks:
 * slugify would spell `|` as "or" and glue the others to their neighbours.
 */
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
    validate: (value: unknown) =>
      value == null ||
      value === '' ||
      (typeof value === 'string' && /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(value))
        ? true
        : 'Slug must be lower-case letters, digits and single hyphens (for example "cpms-2019")',
    hooks: { beforeValidate: [slugFrom(source)] },
    admin: {
      position: 'sidebar',
      description:
        'The address of this item for partner sites. Filled from the English title when empty.',
    },
    ...overrides,
  }) as TextField
