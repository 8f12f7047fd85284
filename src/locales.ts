// The hub's interface locales. Written as objects throughout (mixing strings and objects breaks
// the schema push). Documents themselves may be in any language (see languages.ts).
export const LOCALES = [
  { code: 'en', label: 'English' },
  { code: 'fr', label: 'Français' },
  { code: 'es', label: 'Español' },
  { code: 'ar', label: 'العربية', rtl: true },
]

export type LocaleCode = 'en' | 'fr' | 'es' | 'ar'
