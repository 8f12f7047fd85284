// Tables every process of a hub shares, in Payload's Drizzle schema so that migrations create them
// (kept apart from their readers: the partner API alone reads them without loading Drizzle).
import {
  bigint,
  customType,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  uniqueIndex,
  text,
  timestamp,
  varchar,
} from '@payloadcms/db-postgres/drizzle/pg-core'
import type { PostgresAdapterArgs } from '@payloadcms/db-postgres'

import { SIGNING_KEYS_TABLE } from './signingKeys'
import { RATE_LIMITS_TABLE } from './rateLimits'
import { USAGE_TABLE } from '../partners/usageTable'
import { PERSISTED_QUERIES_TABLE } from './persistedQueries'
import { BUNDLES_TABLE } from './bundles'
import { DELIVERIES_TABLE } from '../newsletters/deliveries'

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

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' })

/**
 * The offline bundles, one per locale, built by one process at a time and served by all
 * (graphql/bundleStore.ts): the last one built, and the lease of the process building the next.
 */
const bundles = pgTable(BUNDLES_TABLE, {
  locale: varchar('locale', { length: 8 }).primaryKey(),
  /** The gzipped JSON served, its ETag, and what it holds apart from when it was made. */
  body: bytea('body'),
  etag: varchar('etag', { length: 40 }),
  contentKey: varchar('content_key', { length: 64 }),
  records: integer('records'),
  /** The sync token inside the body. */
  token: text('token'),
  builtAt: timestamp('built_at', { withTimezone: true, precision: 3 }),
  /**
   * The token of the latest build, kept even when it held the same records (the body then stays
   * as it was): what later changes are compared with.
   */
  checkedToken: text('checked_token'),
  /** The process building the next one, and until when its claim holds unless renewed. */
  leaseOwner: varchar('lease_owner', { length: 40 }),
  leaseUntil: timestamp('lease_until', { withTimezone: true, precision: 3 }),
})

/**
 * One row per edition × recipient of a send (src/newsletters/sender.ts): unique per edition and
 * subscriber, so that nobody is mailed an edition twice, whatever happens to the sends.
 */
const deliveries = pgTable(
  DELIVERIES_TABLE,
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    sendId: integer('send_id').notNull(),
    editionId: integer('edition_id').notNull(),
    /** Null for a test send to the editor who asked for it. */
    subscriberId: integer('subscriber_id'),
    email: varchar('email').notNull(),
    locale: varchar('locale', { length: 8 }).notNull(),
    /** pending, sending (handed to SMTP, not yet known to be taken), sent, failed, bounced. */
    status: varchar('status', { length: 12 }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    /** When a pending delivery may be tried (later after a temporary failure). */
    nextAt: timestamp('next_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    /** The Message-ID, the same on every attempt: a resend after a crash is the same message. */
    messageId: varchar('message_id').notNull(),
    /** The delivery was being handed to SMTP when its sender stopped: sent again, maybe twice. */
    inDoubt: integer('in_doubt').notNull().default(0),
    lastError: text('last_error'),
    sentAt: timestamp('sent_at', { withTimezone: true, precision: 3 }),
  },
  (table) => [
    uniqueIndex('hub_newsletter_deliveries_once').on(table.editionId, table.subscriberId),
    index('hub_newsletter_deliveries_send_status').on(table.sendId, table.status),
  ],
)

export const addSharedTables: Hook = ({ schema }) => ({
  ...schema,
  tables: {
    ...schema.tables,
    [SIGNING_KEYS_TABLE]: signingKeys,
    [RATE_LIMITS_TABLE]: rateLimits,
    [USAGE_TABLE]: usage,
    [PERSISTED_QUERIES_TABLE]: persistedQueries,
    [BUNDLES_TABLE]: bundles,
    [DELIVERIES_TABLE]: deliveries,
  },
})
