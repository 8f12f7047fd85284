// The table of src/db/signingKeys.ts, in Payload's Drizzle schema so that migrations create it
// (kept apart: the partner API alone reads keys without loading Drizzle).
import { pgTable, timestamp, varchar } from '@payloadcms/db-postgres/drizzle/pg-core'
import type { PostgresAdapterArgs } from '@payloadcms/db-postgres'

import { SIGNING_KEYS_TABLE } from './signingKeys'

type Hook = NonNullable<PostgresAdapterArgs['afterSchemaInit']>[number]

export const signingKeys = pgTable(SIGNING_KEYS_TABLE, {
  purpose: varchar('purpose').primaryKey(),
  /** 32 random bytes, hex. */
  key: varchar('key', { length: 64 }).notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
})

export const addSigningKeys: Hook = ({ schema }) => ({
  ...schema,
  tables: { ...schema.tables, [SIGNING_KEYS_TABLE]: signingKeys },
})
