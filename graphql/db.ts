// The partner API reads PostgreSQL directly with hand-written SQL (see sql/), through its own small
// pool: a listing costs the same few statements at any page size. Each request counts its
// statements, so that tests and benchmarks can check that number.
import pg from 'pg'

import { survivePoolErrors } from '../src/db/outage'

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
export const partnerDatabaseUrl = () => process.env.PARTNER_DATABASE_URL || process.env.DATABASE_URL

export const partnerPool = (connectionString = partnerDatabaseUrl()): pg.Pool => {
  if (!pool) {
    if (!connectionString)
      throw new Error('DATABASE_URL is not set: the partner API needs the hub’s database.')
    // A replica is only read: a statement that would write is refused by it in any case.
    pool = new pg.Pool({
      connectionString,
      max: Number(process.env.PARTNER_DB_POOL_SIZE ?? 10),
      // While the database is away a query fails within 5 s (a 503), rather than waiting.
      connectionTimeoutMillis: 5000,
    })
    survivePoolErrors(pool, 'Partner API')
  }
  return pool
}

export const closePartnerPool = async () => {
  await pool?.end()
  pool = undefined
}

/** A per-request handle on the pool that counts the statements it sends. */
export const requestSql = (db: pg.Pool = partnerPool()): Sql => {
  let statements = 0
  return {
    query: async <R extends pg.QueryResultRow>(text: string, values: unknown[] = []) => {
      statements++
      return (await db.query<R>(text, values)).rows
    },
    get statements() {
      return statements
    },
  }
}
