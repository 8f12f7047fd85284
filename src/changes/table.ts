// The change log: one row per change to what anonymous readers can see (a publish, an unpublish, a
// delete, an edit of something published, a file replaced under published content), written in
// the same transaction as the change (src/changes/record.ts). Partners' delta sync reads it, the
// partner API's caches are purged from it, and webhooks are sent from it.
//
// It is part of Payload's own Drizzle schema so that migrations create it and the "migrations match
// the config" test covers it.
import { sql } from '@payloadcms/db-postgres/drizzle'
import {
  bigserial,
  customType,
  index,
  integer,
  pgTable,
  timestamp,
  varchar,
} from '@payloadcms/db-postgres/drizzle/pg-core'
import type { PostgresAdapterArgs } from '@payloadcms/db-postgres'

type Hook = NonNullable<PostgresAdapterArgs['afterSchemaInit']>[number]

/**
 * The writing transaction's id. Sequence numbers are handed out before commit, so a later number
 * can become visible before an earlier one; transaction ids let a reader know which changes can no
 * longer appear behind it (graphql/sync.ts).
 */
const xid8 = customType<{ data: string; driverData: string }>({ dataType: () => 'xid8' })

export const CHANGE_LOG_TABLE = 'hub_changes'

export const changeLog = pgTable(
  CHANGE_LOG_TABLE,
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    collection: varchar('collection').notNull(),
    docId: integer('doc_id').notNull(),
    /** `upsert`: now visible as it is; `delete`: no longer visible (deleted or unpublished). */
    operation: varchar('operation', { enum: ['upsert', 'delete'] }).notNull(),
    /** The locales whose texts changed; null when every locale did (or the change has no locale). */
    locales: varchar('locales').array(),
    changedAt: timestamp('changed_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    xid: xid8('xid')
      .notNull()
      .default(sql`pg_current_xact_id()`),
  },
  (t) => [
    index('hub_changes_xid_idx').on(t.xid),
    index('hub_changes_doc_idx').on(t.collection, t.docId),
  ],
)

export const addChangeLog: Hook = ({ schema }) => ({
  ...schema,
  tables: { ...schema.tables, [CHANGE_LOG_TABLE]: changeLog },
})
