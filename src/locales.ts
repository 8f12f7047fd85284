// The hub's interface locales. Written as objects throughout (mixing strings and objects breaks
// the schema push). Documents themselves may be in any language (see languages.ts).
/** The hub's locales, the one list of them for the whole project (admin, partner API, feeds, seed). */
export const LOCALE_CODES = ['en', 'fr', 'es', 'ar'] as const
export type LocaleCode = (typeof LOCALE_CODES)[number]

const LABELS: Record<LocaleCode, { label: string; rtl?: true }> = {
  en: { label: 'English' },
  fr: { label: 'Français' },
  es: { label: 'Español' },
  ar: { label: 'العربية', rtl: true },
}

/** As Payload's localization takes them. */
export const LOCALES = LOCALE_CODES.map((code) => ({ code, ...LABELS[code] }))

/** The language every record is written in first; the others fall back to it. */
export const DEFAULT_LOCALE: LocaleCode = 'en'
