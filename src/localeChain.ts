// Locale chains: the locale a reader asked for, then its fallbacks (English last), and the rule that
// reads a text along one. The partner API takes the chain from its @inContext directive
// (graphql/locale.ts) or Accept-Language; feeds and calendars from Accept-Language.
import { LOCALE_CODES, type LocaleCode } from './locales'

export const LOCALES = LOCALE_CODES
export type Locale = LocaleCode

export const isLocale = (value: string): value is Locale =>
  (LOCALES as readonly string[]).includes(value)

/** `fr-CH;q=0.9, ar;q=0.8, *;q=0.1` → ['fr', 'ar', 'en'] */
export const chainFromAcceptLanguage = (header: string | null): Locale[] => {
  const ranked = (header ?? '')
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';')
      const q = Number(
        params
          .find((p) => p.trim().startsWith('q='))
          ?.trim()
          .slice(2) ?? 1,
      )
      return { code: tag.trim().toLowerCase().split('-')[0] ?? '', q: Number.isFinite(q) ? q : 0 }
    })
    .filter((entry) => entry.q > 0 && isLocale(entry.code))
    .sort((a, b) => b.q - a.q)
  return withDefault([...new Set(ranked.map((entry) => entry.code as Locale))])
}

const withDefault = (chain: Locale[]): Locale[] => (chain.includes('en') ? chain : [...chain, 'en'])

/** Locale maps as the SQL returns them: { en: { title: '…' }, fr: { title: null } }. */
export type Locales<F extends string> = Partial<Record<Locale, Partial<Record<F, unknown>>>> | null

export type Translated = { text: string | null; locale: Locale | null; outdated: boolean }

/** Fields of a locale whose English text changed after them (src/freshness), as the SQL marks them. */
const isOutdated = (entry: unknown, field: string) =>
  Boolean((entry as { _outdated?: Record<string, unknown> | null })._outdated?.[field])

/**
 * The first locale of the chain that has a non-empty value for the field; `outdated` when that text
 * is a translation whose English source changed after it (never for English itself).
 */
export const pick = <F extends string>(
  locales: Locales<F> | undefined,
  field: F,
  chain: Locale[],
): Translated => {
  for (const locale of chain) {
    const entry = locales?.[locale]
    const value = entry?.[field]
    if (value !== null && value !== undefined && value !== '') {
      return {
        text: typeof value === 'string' ? value : JSON.stringify(value),
        locale,
        outdated: isOutdated(entry, field),
      }
    }
  }
  return { text: null, locale: null, outdated: false }
}
