import type { TextField } from 'payload'

const isHttpUrl = (value: string): boolean => {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol)
  } catch {
    return false
  }
}

/** A web address, checked to be http(s) so partner sites never render a broken or unsafe link. */
export const urlField = (name: string, overrides: Partial<TextField> = {}): TextField =>
  ({
    name,
    type: 'text',
    validate: (value: unknown) =>
      value == null || value === '' || (typeof value === 'string' && isHttpUrl(value))
        ? true
        : 'Enter a full web address starting with https:// (or http://).',
    ...overrides,
  }) as TextField
