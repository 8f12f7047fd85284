// Delta sync's two reads, each one statement: the records of an initial sync (everything published,
// by kind and id) and the records changed in a window of the change log (src/changes/table.ts).
//
// Positions are transaction ids, not sequence numbers: a change's sequence number is taken before
// its transaction commits, so a later number can become visible first and a reader going by numbers
// would step over the earlier one for good. The oldest transaction still running (the snapshot's
// xmin) is a horizon instead: every change below it is committed or gone, nothing can appear there
// any more, and a window [from, horizon) read once is read whole.
import type { PublicFilters } from '../../src/access/publicRules'
import { CHANGE_LOG_TABLE } from '../../src/changes/table'
import type { Sql } from '../db'
import type { Locale } from '../../src/localeChain'
import { KINDS, type Kind, visible } from './entities'
import { Params, type Statement } from '../../src/db/statements'

/** Kinds a sync carries, in the order pages go through them; a position is (index, id). */
export const SYNC_KINDS = [
  'resource',
  'translation',
  'group',
  'event',
  'news',
  'newsletter',
  'organisation',
  'person',
  'topic',
  'theme',
  'audience',
  'publicationType',
  'standard',
] as const satisfies readonly Kind[]
export type SyncKind = (typeof SYNC_KINDS)[number]

export type SyncKey = { kind: SyncKind; id: number }
export type Position = [number, number]
export type SyncRead = {
  /** The oldest transaction still running when the statement ran. */
  horizon: string
  /** The first transaction id not yet given out: a position past it was never handed out. */
  next: string
  /** Whether this is a streaming replica (which may trail the server that made a token). */
  recovery: boolean
  /** The database's identity (its cluster's system identifier and its name), which tokens carry. */
  system: string
  keys: SyncKey[]
}

/** The statement's first part: the horizon and the database's identity, with no transaction id taken. */
const NOW = `now AS (SELECT pg_snapshot_xmin(s) AS xmin, pg_snapshot_xmax(s) AS xmax,
  pg_is_in_recovery() AS recovery,
  (SELECT system_identifier FROM pg_control_system())::text || '/' || current_database() AS system
  FROM pg_current_snapshot() s)`

/** A change counts for a reader whose chain holds one of its locales (null: every locale). */
const inChain = (alias: string, chainParam: string) =>
  `(${alias}.locales IS NULL OR ${alias}.locales && ${chainParam}::varchar[])`

const read = async (sql: Sql, { text, values }: Statement): Promise<SyncRead> => {
  const rows = await sql.query<{
    xmin: string
    xmax: string
    recovery: boolean
    system: string
    ord: number | null
    id: number | null
  }>(text, values)
  return {
    horizon: rows[0]!.xmin,
    next: rows[0]!.xmax,
    recovery: rows[0]!.recovery,
    system: rows[0]!.system,
    keys: rows
      .filter((r) => r.ord !== null && r.id !== null)
      .map((r) => ({ kind: SYNC_KINDS[r.ord!]!, id: r.id! })),
  }
}

type InitialOptions = { horizon?: string; after?: Position; limit: number; chain: Locale[] }

/**
 * A page of the initial sync: records anonymous readers see now, after `after`, left out when they
 * changed at or after the sync's horizon (the delta that follows carries them, once).
 */
export const initialPageStatement = (filters: PublicFilters, options: InitialOptions) => {
  const params = new Params()
  const horizon = params.add(options.horizon ?? null)
  const chain = params.add(options.chain)
  const [afterOrd, afterId] = (options.after ?? [-1, 0]).map((v) => params.add(v))
  const branches = SYNC_KINDS.map((kind, ord) => {
    const { table, collection } = KINDS[kind]
    return `SELECT ${ord} AS ord, t.id FROM ${table} t WHERE ${visible(kind, 't', filters)}
      AND NOT EXISTS (SELECT 1 FROM ${CHANGE_LOG_TABLE} c WHERE c.collection = '${collection}'
        AND c.doc_id = t.id AND c.xid >= coalesce(${horizon}::xid8, now.xmin) AND ${inChain('c', chain)})`
  })
  return {
    text: `WITH ${NOW}
     SELECT now.xmin::text AS xmin, now.xmax::text AS xmax, now.recovery, now.system, k.ord, k.id FROM now
     LEFT JOIN LATERAL (SELECT u.ord, u.id FROM (${branches.join('\nUNION ALL\n')}) u
       WHERE (u.ord, u.id) > (${afterOrd}::int, ${afterId}::int) ORDER BY u.ord, u.id
       LIMIT ${params.add(options.limit)}) k ON true`,
    values: params.values,
  }
}
export const initialPage = (sql: Sql, filters: PublicFilters, options: InitialOptions) =>
  read(sql, initialPageStatement(filters, options))

type DeltaOptions = { from: string; to?: string; after?: Position; limit: number; chain: Locale[] }

/**
 * A page of a delta: each record with a change in [from, to) once (to: the horizon now, for a
 * window's first page), after `after`. Whether it is an upsert or a tombstone is what readers may
 * see of it now.
 */
export const deltaPageStatement = (filters: PublicFilters, options: DeltaOptions): Statement => {
  // A kind readers may not see at all has no tombstones either.
  const kinds =
    SYNC_KINDS.map((kind, ord) => [kind, ord] as const)
      .filter(([kind]) => (filters[KINDS[kind].collection] ?? 'hidden') !== 'hidden')
      .map(([kind, ord]) => `('${KINDS[kind].collection}', ${ord})`)
      .join(', ') || `('', -1)`
  const params = new Params()
  const from = params.add(options.from)
  const to = params.add(options.to ?? null)
  const chain = params.add(options.chain)
  const [afterOrd, afterId] = (options.after ?? [-1, 0]).map((v) => params.add(v))
  return {
    text: `WITH ${NOW}
     SELECT now.xmin::text AS xmin, now.xmax::text AS xmax, now.recovery, now.system, k.ord, k.id FROM now
     LEFT JOIN LATERAL (SELECT DISTINCT m.ord, c.doc_id AS id FROM ${CHANGE_LOG_TABLE} c
       JOIN (VALUES ${kinds}) m(collection, ord) ON m.collection = c.collection
       WHERE c.xid >= ${from}::xid8 AND c.xid < coalesce(${to}::xid8, now.xmin) AND ${inChain('c', chain)}
         AND (m.ord, c.doc_id) > (${afterOrd}::int, ${afterId}::int)
       ORDER BY m.ord, c.doc_id LIMIT ${params.add(options.limit)}) k ON true`,
    values: params.values,
  }
}
export const deltaPage = (sql: Sql, filters: PublicFilters, options: DeltaOptions) =>
  read(sql, deltaPageStatement(filters, options))

/**
 * Whether a change is committed at or after `from` (a horizon): a read whose horizon was `from`
 * left it out because an older transaction was still open, and one made now would carry it.
 */
export const changedSinceStatement = (from: string): Statement => {
  const params = new Params()
  return {
    text: `SELECT EXISTS (SELECT 1 FROM ${CHANGE_LOG_TABLE} c WHERE c.xid >= ${params.add(from)}::xid8) AS changed`,
    values: params.values,
  }
}
export const changedSince = async (sql: Sql, from: string) => {
  const { text, values } = changedSinceStatement(from)
  return (await sql.query<{ changed: boolean }>(text, values))[0]!.changed
}
