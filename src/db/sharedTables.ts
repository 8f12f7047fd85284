// Tables every process of a hub shares, in Payload's Drizzle schema so that migrations create them
// (kept apart from their readers: the partner API alone reads them without loading Drizzle).
import {
  bigint,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  varchar,
} from '@payloadcms/db-postgres/drizzle/pg-core'
import type { PostgresAdapterArgs } from '@payloadcms/db-postgres'

import { SIGNING_KEYS_TABLE } from './signingKeys'
import { RATE_LIMITS_TABLE } from './rateLimits'
import { USAGE_TABLE } from '../partners/usageTable'
import { PERSISTED_QUERIES_TABLE } from './persistedQueries'

type Hook = NonNullable<PostgresAdapterArgs['afterSchemaInit']>[number]

/** Keys that sign what the hub hands out (src/db/signingKeys.ts). */
const signingKeys = pgTable(SIGNING_KEYS_TABLE, {
  purpose: varchar('purpose').primaryKey(),
  /** 32 random bytes, hex. */
  key: varchar('key', { length: 64 }).notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
})

/** Counters of rate-limiter-flexible's PostgreSQL store, in the shape it expects (src/db/rateLimits.ts). */
const rateLimits = pgTable(RATE_LIMITS_TABLE, {
  key: varchar('key', { length: 255 }).primaryKey(),
  points: integer('points').notNull().default(0),
  expire: bigint('expire', { mode: 'number' }),
})

/** The partner API's use, per day, caller and operation (src/partners/usage.ts). */
const usage = pgTable(
  USAGE_TABLE,
  {
    day: date('day', { mode: 'string' }).notNull(),
    /** `anonymous`, `site` (the hub's own) or `partner:<id>`: never an address or a key. */
    caller: varchar('caller', { length: 40 }).notNull(),
    operation: varchar('operation', { length: 64 }).notNull(),
    requests: integer('requests').notNull().default(0),
    errors: integer('errors').notNull().default(0),
    cost: bigint('cost', { mode: 'number' }).notNull().default(0),
    /** Requests per latency bucket (src/partners/usageTable.ts). */
    latency: integer('latency').array().notNull(),
  },
  (table) => [primaryKey({ columns: [table.day, table.caller, table.operation] })],
)

/** Automatic persisted queries, shared by every partner API process (graphql/persistedQueries.ts). */
const persistedQueries = pgTable(
  PERSISTED_QUERIES_TABLE,
  {
    /** SHA-256 of the query, hex. */
    hash: varchar('hash', { length: 64 }).primaryKey(),
    query: text('query').notNull(),
    usedAt: timestamp('used_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (table) => [index('hub_persisted_queries_used_at_idx').on(table.usedAt)],
)

export const addSharedTables: Hook = ({ schema }) => ({
  ...schema,
  tables: {
    ...schema.tables,
    [SIGNING_KEYS_TABLE]: signingKeys,
    [RATE_LIMITS_TABLE]: rateLimits,
    [USAGE_TABLE]: usage,
    [PERSISTED_QUERIES_TABLE]: persistedQueries,
  },
})
