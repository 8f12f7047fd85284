// The partner API reads PostgreSQL directly with hand-written SQL (see sql/), through its own small
// pool: a listing costs the same few statements at any page size. Each request counts its
// statements, so that tests and benchmarks can check that number.
import { LRUCache } from 'lru-cache'
import { createHash } from 'node:crypto'
import pg from 'pg'

import { PREPARED_STATEMENTS_MAX, SEEN_ONCE_MAX } from '../src/cacheBudgets'
import { survivePoolErrors } from '../src/db/outage'
import { CountedPool } from '../src/db/countedPg'
import { env } from '../src/env'

export type Sql = {
  query: <R extends pg.QueryResultRow = Record<string, unknown>>(
    text: string,
    values?: unknown[],
  ) => Promise<R[]>
  /** Statements sent so far by this request. */
  readonly statements: number
}

let pool: pg.Pool | undefined

/** The partner API reads a streaming replica when PARTNER_DATABASE_URL names one, else the hub's database. */
export const partnerDatabaseUrl = () => env.PARTNER_DATABASE_URL ?? env.DATABASE_URL

/**
 * How the partner API's connections run their statements: prepared statements keep their generic
 * plan. PostgreSQL's default re-plans a statement at every run while its generic plan looks
 * costlier than the custom ones: a filtered listing with facets was planned anew each time (2.3 ms
 * of its 8), though its generic plan runs as fast. Only with preparing on: a pooler in transaction
 * mode refuses a connection's startup options.
 */
export const partnerSessionOptions = (): pg.PoolConfig =>
  env.PARTNER_PREPARE === 'false' ? {} : { options: '-c plan_cache_mode=force_generic_plan' }

export const partnerPool = (connectionString = partnerDatabaseUrl()): pg.Pool => {
  if (!pool) {
    if (!connectionString)
      throw new Error('DATABASE_URL is not set: the partner API needs the hub’s database.')
    // A replica is only read: a statement that would write is refused by it in any case.
    pool = new CountedPool({
      connectionString,
      max: env.PARTNER_DB_POOL_SIZE,
      // While the database is away a query fails within 5 s (a 503), rather than waiting.
      connectionTimeoutMillis: 5000,
      ...partnerSessionOptions(),
    })
    survivePoolErrors(pool, 'Partner API')
  }
  return pool
}

export const closePartnerPool = async () => {
  await pool?.end()
  pool = undefined
}

/**
 * Statements sent again and again are prepared: PostgreSQL parses and plans them once per
 * connection instead of at every request (planning a detail page's statement took 7 ms, running it
 * 2.4). A text is prepared from its second use, and at most MAX_PREPARED texts per process are, so
 * that strangers' one-off shapes cannot fill each connection's memory with plans; past the limit,
 * statements are sent unprepared, as before.
 */
const MAX_PREPARED = PREPARED_STATEMENTS_MAX
const preparedNames = new Map<string, string>()
/** Digests of texts sent once so far (a digest, not the text: a junk shape costs 43 bytes here). */
const seenOnce = new LRUCache<string, true>({ max: SEEN_ONCE_MAX })

/** The name to prepare `text` under, or undefined to send it unprepared. */
const preparedName = (text: string): string | undefined => {
  // Behind a pooler that does not keep sessions (PgBouncer's transaction mode before 1.21): off.
  if (env.PARTNER_PREPARE === 'false') return undefined
  const name = preparedNames.get(text)
  if (name || preparedNames.size >= MAX_PREPARED) return name
  const digest = createHash('sha256').update(text).digest('base64url')
  if (!seenOnce.has(digest)) {
    seenOnce.set(digest, true)
    return undefined
  }
  const made = `hub_${digest.slice(0, 24)}`
  preparedNames.set(text, made)
  return made
}

/** A per-request handle on the pool that counts the statements it sends. */
export const requestSql = (db: pg.Pool = partnerPool()): Sql => {
  let statements = 0
  return {
    query: async <R extends pg.QueryResultRow>(text: string, values: unknown[] = []) => {
      statements++
      return (await db.query<R>({ name: preparedName(text), text, values })).rows
    },
    get statements() {
      return statements
    },
  }
}
