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

/**
 * THE rule for a text along a chain, written once: the first locale of `chain` whose value is there
 * (neither null, undefined nor the empty string), with that locale; undefined when none has one.
 * `values` maps locales to values, or is a function that reads a locale's value. The resolvers
 * (`pick`), feeds and calendars (`pickLocalized`) read texts through it, and the partner API's
 * planned SQL (graphql/plan/records.ts) through its twin below, `firstAlongChainSql`: the two must
 * agree (tests/int/plannedEquivalence.test.ts compares them on random operations).
 */
export const firstAlongChain = <V, L extends string = Locale>(
  values:
    | Partial<Record<L, V | null | undefined>>
    | ((locale: L) => V | null | undefined)
    | null
    | undefined,
  chain: readonly L[],
): { value: V; locale: L } | undefined => {
  for (const locale of chain) {
    const value = typeof values === 'function' ? values(locale) : values?.[locale]
    if (value !== null && value !== undefined && value !== '') return { value, locale }
  }
  return undefined
}

/**
 * `firstAlongChain` in SQL, over a Payload locales table (one row per parent and locale:
 * `_parent_id`, `_locale`, a column per localized field): a scalar expression of `select` (an
 * expression over the row, named `row`) from the first row of the chain whose `column` is neither
 * NULL nor the empty string; NULL when there is none. `parentId` and `chain` (a text[] of `length`
 * codes) are SQL expressions; table and column are names this code chose, never a stranger's text.
 *
 * One lookup per locale, tried in the chain's order (COALESCE stops at the first found): cheaper
 * for PostgreSQL than finding every locale's row and sorting them, which a listing did per field
 * and per record (docs/performance.md). Each code is cast to the column's enum (`_locales`, made
 * by the initial migration), not the column to text, so that the lookup is one probe of the
 * table's unique (_locale, _parent_id) index instead of a scan of the parent's rows.
 */
export const firstAlongChainSql = ({
  table,
  column,
  parentId,
  chain,
  length,
  select,
  row = 'l',
}: {
  /** The locales table, e.g. `resources_locales`. */
  table: string
  /** The localized column, e.g. `title`. */
  column: string
  /** The parent's id, e.g. `r.id`. */
  parentId: string
  /** The chain, a text[] of locale codes, e.g. a placeholder `$2::text[]`. */
  chain: string
  /** How many locales the chain holds. */
  length: number
  /** What to select from the row found, e.g. `l.title`. */
  select: string
  /** The row's alias in `select`. */
  row?: string
}) => {
  const lookups = Array.from(
    { length },
    (_, i) => `(SELECT ${select} FROM ${table} ${row}
      WHERE ${row}._parent_id = ${parentId} AND ${row}._locale = ((${chain})[${i + 1}])::_locales
        AND ${row}.${column} <> '')`,
  )
  return lookups.length ? `coalesce(${lookups.join(', ')})` : 'NULL'
}

/** Fields of a locale whose English text changed after them (src/freshness), as the SQL marks them. */
const isOutdated = (entry: unknown, field: string) =>
  Boolean((entry as { _outdated?: Record<string, unknown> | null })._outdated?.[field])

/**
 * The text of `field` along the chain (`firstAlongChain`); `outdated` when that text is a
 * translation whose English source changed after it (never for English itself).
 */
export const pick = <F extends string>(
  locales: Locales<F> | undefined,
  field: F,
  chain: Locale[],
): Translated => {
  const found = firstAlongChain((locale) => locales?.[locale]?.[field], chain)
  if (!found) return { text: null, locale: null, outdated: false }
  const { value, locale } = found
  return {
    text: typeof value === 'string' ? value : JSON.stringify(value),
    locale,
    outdated: isOutdated(locales?.[locale], field),
  }
}
