// Countries as ISO 3166-1 alpha-2 codes, with names in each locale of the hub.
import countries from 'i18n-iso-countries'
import ar from 'i18n-iso-countries/langs/ar.json' with { type: 'json' }
import en from 'i18n-iso-countries/langs/en.json' with { type: 'json' }
import es from 'i18n-iso-countries/langs/es.json' with { type: 'json' }
import fr from 'i18n-iso-countries/langs/fr.json' with { type: 'json' }

for (const locale of [en, fr, es, ar]) countries.registerLocale(locale)

export const isCountryCode = (code: string): boolean => countries.isValid(code) && code.length === 2

/** Options for a select field, labelled in each admin language. */
export const COUNTRY_OPTIONS = Object.keys(countries.getAlpha2Codes()).map((code) => ({
  value: code,
  label: {
    en: countries.getName(code, 'en') ?? code,
    fr: countries.getName(code, 'fr') ?? code,
    es: countries.getName(code, 'es') ?? code,
    ar: countries.getName(code, 'ar') ?? code,
  },
}))
