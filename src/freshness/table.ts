// When each translatable text last changed: one row per (collection, document, field, locale), and
// one per Translation edition for its own content. Written by the collections' hooks in the
// transaction of the save (src/freshness/track.ts); "outdated" is read from it (README, "Translation
// freshness").
//
// It is part of Payload's own Drizzle schema so that migrations create it and the "migrations match
// the config" test covers it.
import {
  index,
  integer,
  pgTable,
  primaryKey,
  timestamp,
  varchar,
} from '@payloadcms/db-postgres/drizzle/pg-core'
import type { PostgresAdapterArgs } from '@payloadcms/db-postgres'

type Hook = NonNullable<PostgresAdapterArgs['afterSchemaInit']>[number]

export const TEXT_CHANGES_TABLE = 'hub_text_changes'

export const textChanges = pgTable(
  TEXT_CHANGES_TABLE,
  {
    /** The collection's slug, e.g. `resources`. */
    collection: varchar('collection').notNull(),
    docId: integer('doc_id').notNull(),
    /** A top-level localized field (`summary`), or `edition` for a Translation's own content. */
    field: varchar('field').notNull(),
    /** The locale of the text (`en`, `fr`…); `*` for an edition. */
    locale: varchar('locale').notNull(),
    /**
     * When the published text last changed. `-infinity` for a text that existed before tracking
     * began (it is older than any change tracked since).
     */
    changedAt: timestamp('changed_at', { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.collection, t.docId, t.field, t.locale] }),
    index('hub_text_changes_locale_idx').on(t.collection, t.locale),
  ],
)

export const addTextChanges: Hook = ({ schema }) => ({
  ...schema,
  tables: { ...schema.tables, [TEXT_CHANGES_TABLE]: textChanges },
})
