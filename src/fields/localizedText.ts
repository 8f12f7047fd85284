import type { TextField, Validate } from 'payload'

/**
 * Required in English only. A translator may save a partial translation (say, only the summary in
 * French) and readers get the English text for the rest, so other locales may stay empty; the
 * database column is therefore nullable, unlike a `required` localized field.
 */
export const requiredInDefaultLocale: Validate<unknown> = (value, { req }) =>
  (req.locale ?? 'en') !== 'en' || (typeof value === 'string' && value.trim() !== '')
    ? true
    : 'This field is required in English.'

/** A text readers see, translated per locale; `required` means required in English. */
export const localizedText = (
  name: string,
  { required = false, ...overrides }: Partial<TextField> = {},
): TextField =>
  ({
    name,
    type: 'text',
    localized: true,
    ...(required
      ? {
          validate: requiredInDefaultLocale,
          admin: { description: 'Required in English.', ...overrides.admin },
        }
      : {}),
    ...overrides,
  }) as TextField
