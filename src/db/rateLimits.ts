// Counters every process of a hub shares, in PostgreSQL: rate-limiter-flexible's PostgreSQL store
// on a table the migrations make (src/db/sharedTables.ts). They are written on the primary, so a
// `start:api` reading a replica counts there too.
import pg from 'pg'
import { RateLimiterPostgres } from 'rate-limiter-flexible'

import { survivePoolErrors } from './outage'
import { sessionDatabaseUrl } from '../env'

export const RATE_LIMITS_TABLE = 'hub_rate_limits'

let primary: pg.Pool | undefined

/**
 * A small pool on the primary, for counters only. On its session URL: rate-limiter-flexible names
 * its prepared statements, which PgBouncer in transaction mode (before 1.21) cannot keep.
 */
export const counterPool = (): pg.Pool => {
  if (!primary) {
    const connectionString = sessionDatabaseUrl()
    if (!connectionString) throw new Error('DATABASE_URL is not set: counters need the database.')
    primary = new pg.Pool({
      connectionString,
      max: 4,
      connectionTimeoutMillis: 5000,
    })
    survivePoolErrors(primary, 'Counters')
  }
  return primary
}

export const closeCounterPool = async () => {
  await primary?.end()
  primary = undefined
}

export type CounterLimit = { name: string; points: number; seconds: number }

/** A limiter counting in the shared table: `points` per `seconds` for each key. */
export const sharedLimiter = (limit: CounterLimit, pool: pg.Pool = counterPool()) =>
  new RateLimiterPostgres({
    storeClient: pool,
    storeType: 'pool',
    tableName: RATE_LIMITS_TABLE,
    tableCreated: true,
    keyPrefix: limit.name,
    points: limit.points,
    duration: limit.seconds,
  })
