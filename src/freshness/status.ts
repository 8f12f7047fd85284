// Freshness as the admin shows it: which resource texts of a locale and which editions need an
// update (each asked once per request, whatever the number of documents listed), and the counts per
// language of the dashboard's "Translation status".
import { sql } from '@payloadcms/db-postgres/drizzle'
import type { PayloadRequest, Where } from 'payload'

import {
  editionOutdatedSql,
  outdatedFieldsSql,
  SOURCE_LOCALE,
  TRACKED_FIELDS,
  type TrackedField,
} from './rules'
import { transactionOf } from '../db/transaction'

/** A field of a resource whose translation is older than its English text. */
export type OutdatedText = { field: TrackedField; englishChangedAt: string }

const cached = <T>(req: PayloadRequest, key: string, load: () => Promise<T>): Promise<T> => {
  const context = req.context as Record<string, unknown>
  if (!(context[key] instanceof Promise)) context[key] = load()
  return context[key] as Promise<T>
}

/** The locale a request reads in, when it is one translators translate into. */
export const translatedLocale = (req: PayloadRequest): string | undefined =>
  req.locale && req.locale !== 'all' && req.locale !== SOURCE_LOCALE ? req.locale : undefined

/** Resources with outdated texts in `locale`: id → fields, with when the English changed. */
export const outdatedResourceTexts = (req: PayloadRequest, locale: string) =>
  cached(req, `hubOutdatedTexts:${locale}`, async () => {
    const { rows } = await (
      await transactionOf(req)
    )(
      sql`SELECT d.doc_id AS id, ${sql.raw(outdatedFieldsSql('resources', 'd.doc_id', `'${locale.replace(/'/g, '')}'`))} AS fields
          FROM (SELECT DISTINCT doc_id FROM hub_text_changes
                WHERE collection = 'resources' AND locale = ${locale}) d`,
    )
    const byId = new Map<number, OutdatedText[]>()
    for (const row of rows) {
      const fields = row.fields as Record<string, string> | null
      if (!fields) continue
      byId.set(
        Number(row.id),
        TRACKED_FIELDS.resources
          .filter((f) => fields[f])
          .map((field) => ({ field, englishChangedAt: new Date(fields[field]!).toISOString() })),
      )
    }
    return byId
  })

/** Ids of the editions whose source text changed after they did. */
export const outdatedEditionIds = (req: PayloadRequest) =>
  cached(req, 'hubOutdatedEditions', async () => {
    const { rows } = await (
      await transactionOf(req)
    )(sql`SELECT t.id FROM translations t WHERE ${sql.raw(editionOutdatedSql('t'))}`)
    return new Set(rows.map((r) => Number(r.id)))
  })

/**
 * `needsUpdate` cannot be queried (it is computed): a `where` naming it is rewritten into the ids
 * it stands for, so that list filters and `?where[needsUpdate][equals]=true` work.
 */
export const rewriteNeedsUpdate = (
  where: Where | undefined,
  ids: () => number[],
): Where | undefined => {
  if (!where) return where
  const out: Where = {}
  for (const [key, value] of Object.entries(where)) {
    if ((key === 'and' || key === 'or') && Array.isArray(value)) {
      out[key] = value.map((w) => rewriteNeedsUpdate(w as Where, ids)!)
      continue
    }
    if (key !== 'needsUpdate' || !value || typeof value !== 'object') {
      out[key] = value
      continue
    }
    const condition = value as Record<string, unknown>
    const truthy = (v: unknown) => v === true || v === 'true'
    const wanted =
      'equals' in condition
        ? truthy(condition.equals)
        : 'not_equals' in condition
          ? !truthy(condition.not_equals)
          : true
    const list = ids()
    const idCondition = wanted
      ? { id: { in: list.length ? list : [0] } }
      : list.length
        ? { id: { not_in: list } }
        : { id: { exists: true } }
    out.and = [...((out.and as Where[] | undefined) ?? []), idCondition]
  }
  return out
}

export type LanguageStatus = {
  language: string
  /** Resource texts (title, summary, body with English text) by state; hub locales only. */
  texts?: { missing: number; outdated: number; current: number }
  /** Translation editions by state. */
  editions: { outdated: number; current: number }
}

const TEXT_COLUMNS = TRACKED_FIELDS.resources
  .map((f) => `('${f}', nullif(l.${f}::text, ''))`)
  .join(', ')

/** A text's state in a translated locale: no text, older than the English, or up to date. */
export type TextState = 'missing' | 'outdated' | 'current'
export const TEXT_STATES: readonly TextState[] = ['missing', 'outdated', 'current']

/**
 * Rows (id, language, state): each resource text (title, summary, body) with English text, in each
 * of `locales`, in its state there. `only` narrows the resources (SQL on `l._parent_id`).
 */
const textStatesSql = (locales: readonly string[], only = '') => `WITH texts AS (
    SELECT l._parent_id AS id, l._locale::text AS locale, f.field
    FROM resources_locales l CROSS JOIN LATERAL (VALUES ${TEXT_COLUMNS}) f(field, v)
    WHERE f.v IS NOT NULL ${only})
  SELECT en.id, loc.code AS language,
    CASE WHEN tr.id IS NULL THEN 'missing' WHEN o.outdated THEN 'outdated' ELSE 'current' END AS state
  FROM texts en
  CROSS JOIN (VALUES ${locales.map((code) => `('${code.replace(/[^a-z-]/g, '')}')`).join(', ')}) loc(code)
  LEFT JOIN texts tr ON tr.id = en.id AND tr.field = en.field AND tr.locale = loc.code
  CROSS JOIN LATERAL (SELECT EXISTS (SELECT 1 FROM hub_text_changes s
    JOIN hub_text_changes t ON t.collection = s.collection AND t.doc_id = s.doc_id
      AND t.field = s.field AND t.locale = loc.code
    WHERE s.collection = 'resources' AND s.doc_id = en.id AND s.field = en.field
      AND s.locale = '${SOURCE_LOCALE}' AND s.changed_at > t.changed_at) AS outdated) o
  WHERE en.locale = '${SOURCE_LOCALE}'`

/** Ids of the resources with at least one text in `state` in `locale` (the dashboard's links). */
export const resourcesWithTextState = async (
  req: PayloadRequest,
  locale: string,
  state: TextState,
): Promise<number[]> => {
  const { rows } = await (
    await transactionOf(req)
  )(sql.raw(`SELECT DISTINCT s.id FROM (${textStatesSql([locale])}) s WHERE s.state = '${state}'`))
  return rows.map((row) => Number(row.id))
}

/** After a change in this request, freshness is read anew: the answer to a publish tells the truth. */
export const forgetFreshness = (req: PayloadRequest) => {
  const context = req.context as Record<string, unknown>
  for (const key of Object.keys(context)) if (key.startsWith('hubOutdated')) delete context[key]
}

/** Missing / outdated / current per language: resource texts in each hub locale, and editions. */
export const translationStatus = async (
  req: PayloadRequest,
  { resources }: { resources?: number[] } = {},
): Promise<LanguageStatus[]> => {
  const execute = await transactionOf(req)
  // Only some resources (and their editions), e.g. for a test; ids are integers by type.
  const only = (column: string) =>
    resources
      ? `AND ${column} = ANY(ARRAY[${resources.map(Number).join(',') || 'NULL'}]::int[])`
      : ''
  const texts = await execute(
    sql.raw(`SELECT s.language,
        count(*) FILTER (WHERE s.state = 'missing')::int AS missing,
        count(*) FILTER (WHERE s.state = 'outdated')::int AS outdated,
        count(*) FILTER (WHERE s.state = 'current')::int AS current
      FROM (${textStatesSql(['fr', 'es', 'ar'], only('l._parent_id'))}) s
      GROUP BY s.language`),
  )
  const editions = await execute(
    sql.raw(`SELECT t.language::text AS language,
        count(*) FILTER (WHERE ${editionOutdatedSql('t')})::int AS outdated,
        count(*) FILTER (WHERE NOT ${editionOutdatedSql('t')})::int AS current
      FROM translations t WHERE true ${only('t.resource_id')}
      GROUP BY t.language ORDER BY t.language`),
  )
  const byLanguage = new Map<string, LanguageStatus>()
  const entry = (language: string) => {
    if (!byLanguage.has(language))
      byLanguage.set(language, { language, editions: { outdated: 0, current: 0 } })
    return byLanguage.get(language)!
  }
  for (const code of ['fr', 'es', 'ar']) entry(code).texts = { missing: 0, outdated: 0, current: 0 }
  for (const row of texts.rows) {
    entry(String(row.language)).texts = {
      missing: Number(row.missing),
      outdated: Number(row.outdated),
      current: Number(row.current),
    }
  }
  for (const row of editions.rows) {
    entry(String(row.language)).editions = {
      outdated: Number(row.outdated),
      current: Number(row.current),
    }
  }
  return [...byLanguage.values()]
}
