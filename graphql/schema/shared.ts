// Small pieces every schema module uses: translated texts, languages, countries, type tags.
import countries from 'i18n-iso-countries'
import ISO6391 from 'iso-639-1'

import '../../src/countries' // registers the country names of each locale
import type { Language, Translated as TranslatedType } from '../generated/resolvers'
import type { Locale, Locales } from '../locale'
import { pick } from '../locale'
import type { Kind } from '../sql/entities'

export const translated = <F extends string>(
  locales: Locales<F> | undefined,
  field: F,
  chain: Locale[],
): TranslatedType => {
  const { text, locale, outdated } = pick(locales, field, chain)
  return {
    text,
    locale: locale ? (locale.toUpperCase() as TranslatedType['locale']) : null,
    outdated,
  }
}

export const language = (code: string): Language => ({
  code,
  name: ISO6391.getName(code) || code,
  nativeName: ISO6391.getNativeName(code) || code,
})

export const country = (code: string, chain: Locale[]) => ({
  code,
  name: countries.getName(code, chain[0] ?? 'en') ?? countries.getName(code, 'en') ?? code,
})

/**
 * Enum values as the schema spells them: 'task-force' → 'TASK_FORCE'. Typed `never` so that it fits
 * every enum of the generated types: the schema's enums are the collections' options, upper-cased.
 */
export const toEnum = (value: string | null | undefined): never =>
  (value ? value.replace(/-/g, '_').toUpperCase() : (value ?? null)) as never

/** Records carry no type of their own: tell them apart by what only each kind has. */
export const typeOfRecord = (record: Record<string, unknown>): string => {
  if ('datePrecision' in record) return 'Resource'
  if ('contactEmail' in record) return 'WorkingGroup'
  if ('startsAt' in record) return 'Webinar'
  if ('issueDate' in record) return 'Newsletter'
  if ('taxonomy' in record) return 'Term'
  if ('pillar' in record) return 'Standard'
  if ('progress' in record) return 'Translation'
  if ('website' in record) return 'Organisation'
  if ('organisationId' in record) return 'Person'
  return 'NewsPost'
}

export const TAXONOMY_KIND: Record<string, Kind> = {
  topics: 'topic',
  themes: 'theme',
  audiences: 'audience',
  publication_types: 'publicationType',
}
