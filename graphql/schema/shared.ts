// Small pieces every schema module uses: translated texts, languages, countries, type tags.
import countries from 'i18n-iso-countries'
import ISO6391 from 'iso-639-1'

import '../../src/countries' // registers the country names of each locale
import type { Language, Translated as TranslatedType } from '../generated/resolvers'
import type { Locale, Locales } from '../../src/localeChain'
import { pick } from '../../src/localeChain'

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

/**
 * A record's GraphQL type, for the Node interface and the unions: every record the SQL builds carries
 * it (graphql/sql/entities.ts). One without it is a bug in that SQL, not something to guess.
 */
export const typeOfRecord = (record: Record<string, unknown>): string => {
  const type = record.__typename
  if (typeof type !== 'string') {
    throw new Error(`A record without __typename reached the schema (id ${String(record.id)})`)
  }
  return type
}

/**
 * A connection's `totalCount`, counted only when asked for: the connection carries a function, run
 * here rather than left to graphql-js's habit of calling a function it finds as a field's value.
 */
export const connection = {
  totalCount: (c: { totalCount: () => Promise<number> }) => c.totalCount(),
}
