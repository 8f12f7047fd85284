// The taxonomies (topics, themes, audiences, publication types) and the standards, listed whole.
import type { PublicFilters } from '../../src/access/publicRules'
import { SERVED, SERVED_COLLECTIONS, type ServedCollection } from '../../src/servedKinds'
import { type Kind, KINDS, visible } from './entities'
import { Params, type Statement } from '../../src/db/statements'

type TermCollection = {
  [C in ServedCollection]: (typeof SERVED)[C]['type'] extends 'Term' ? C : never
}[ServedCollection]

/** The taxonomies' tables and their terms' kinds, from the served kinds (src/servedKinds.ts). */
export const TAXONOMY_KIND = Object.fromEntries(
  SERVED_COLLECTIONS.filter((c) => SERVED[c].type === 'Term').map((c) => [
    SERVED[c].table,
    SERVED[c].kind,
  ]),
) as {
  [C in TermCollection as (typeof SERVED)[C]['table']]: (typeof SERVED)[C]['kind']
} satisfies Record<string, Kind>
export type TaxonomyTable = keyof typeof TAXONOMY_KIND

/** Every term of a taxonomy readers may see (the resolver orders them by name in its locale). */
export const termsStatement = (table: TaxonomyTable, filters: PublicFilters): Statement => {
  const kind = TAXONOMY_KIND[table]
  return {
    text: `SELECT ${KINDS[kind].json('t')} AS data FROM ${table} t WHERE ${visible(kind, 't', filters)} ORDER BY t.slug`,
    values: [],
  }
}

/** The standards in number order, of one pillar (1 to 4) or all. */
export const standardsStatement = (pillar: number | null, filters: PublicFilters): Statement => {
  const params = new Params()
  const value = params.add(pillar == null ? null : String(pillar))
  return {
    text: `SELECT ${KINDS.standard.json('t')} AS data FROM standards t
      WHERE (${value}::text IS NULL OR t.pillar::text = ${value}::text) AND ${visible('standard', 't', filters)}
      ORDER BY t.number`,
    values: params.values,
  }
}
