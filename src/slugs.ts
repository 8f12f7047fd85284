// The slug rule, once: what a slug looks like (the admin's field, the seed's check, the partner
// API's arguments) and how one is made from a title.
import slugify from 'slugify'

/** Lower-case words of letters and digits joined by single hyphens: `cpms-working-group`. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/

/** The longest slug made from a title. */
export const SLUG_MAX_LENGTH = 120

/**
 * Separators in titles ("Technical Note | Girls…", "Toolkit – Arabic", "A / B", "A+B", "A:B") are
 * word breaks: slugify would spell `|` as "or", `<` as "less", and glue the others to their
 * neighbours. `&` stays "and" ("Gender & Inclusion" → gender-and-inclusion), as English reads it.
 */
const SEPARATORS = /[|/\\·•‐‑‒–—―−+:;,<>=~_→←]/g

export const toSlug = (text: string): string =>
  slugify(text.replace(SEPARATORS, ' '), { lower: true, strict: true, trim: true })
    .slice(0, SLUG_MAX_LENGTH)
    .replace(/-+$/, '')
