// Indexes Payload does not make but the hub's reads need, added to Payload's own Drizzle schema so
// that migrations create them (and the "migrations match the config" test sees them).
import { sql } from '@payloadcms/db-postgres/drizzle'
import { index } from '@payloadcms/db-postgres/drizzle/pg-core'
import type { PostgresAdapterArgs } from '@payloadcms/db-postgres'

import { fileVector } from './textSearch'

type Hook = NonNullable<PostgresAdapterArgs['afterSchemaInit']>[number]

export const addReadIndexes: Hook = ({ schema, extendTable }) => {
  // Payload indexes its *_locales tables on (_locale, _parent_id) only, yet reads every locale of
  // a document by _parent_id alone: without this, each document costs a scan of the whole table.
  for (const [name, table] of Object.entries(schema.tables)) {
    // (A select field named `…locales` has a table of that name too, without _parent_id.)
    if (!name.endsWith('_locales') || !('_parentID' in table)) continue
    extendTable({
      table,
      extraConfig: (t) => ({ parentIdx: index(`${name}_parent_idx`.slice(0, 63)).on(t._parentID) }),
    })
  }
  // The partner API's default resource order (newest first, keyset on id), published only.
  extendTable({
    table: schema.tables.resources!,
    extraConfig: (t) => ({
      newestIdx: index('resources_published_newest_idx')
        .on(sql`coalesce(${t.publicationDate}, '-infinity'::timestamptz) DESC`, sql`${t.id} DESC`)
        .where(sql`${t._status} = 'published'`),
    }),
  })
  // Search inside documents: a PDF's text, in the file's language (src/db/textSearch.ts).
  extendTable({
    table: schema.tables.media!,
    extraConfig: () => ({
      textSearchIdx: index('media_text_search_idx')
        .using('gin', sql.raw(fileVector()))
        .where(sql`extracted_text IS NOT NULL`),
    }),
  })
  // Relations are read by (parent, field) and filtered by (field, related id).
  for (const [name, table] of Object.entries(schema.tables)) {
    if (!name.endsWith('_rels') || name.startsWith('_') || name.startsWith('payload_')) continue
    extendTable({
      table,
      extraConfig: (t) => ({
        parentPathIdx: index(`${name}_parent_path_idx`).on(t.parent, t.path),
      }),
    })
  }
  return schema
}
