// A document's latest draft, built by the very SQL that builds its published record
// (graphql/sql/entities.ts). Payload keeps drafts in version tables shaped like the document's own
// (`_resources_v` with `version_title`…, `_resources_v_rels` with paths under `version.`); inside a
// transaction that is always rolled back, temporary views named like the document's tables show
// that one version as if it were published, and the usual JSON is selected from them. PostgreSQL
// looks in the session's temporary schema first, so the statement reads the views; it is sent
// unprepared, so no plan made earlier on the connection reads the tables instead.
//
// Drafts are read from the primary (DATABASE_URL): a streaming replica cannot hold temporary views.
import pg from 'pg'

import { survivePoolErrors } from '../../src/db/outage'
import { env } from '../../src/env'
import { KINDS } from '../sql/entities'
import { type PreviewCollection, SERVED } from '../../src/servedKinds'
import { CountedPool } from '../../src/db/countedPg'

let pool: pg.Pool | undefined
const primary = () => {
  if (!pool) {
    const connectionString = env.DATABASE_URL
    if (!connectionString) throw new Error('DATABASE_URL is not set: previews read the primary.')
    pool = new CountedPool({ connectionString, max: 2, connectionTimeoutMillis: 5000 })
    survivePoolErrors(pool, 'Partner API previews')
  }
  return pool
}

export const closeDraftPool = async () => {
  const open = pool
  pool = undefined
  await open?.end()
}

type Column = { table: string; column: string; type: string; refs: string | null }

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`

/** The temporary views that show version `versionId` of document `id` under the document's table names. */
const viewsFor = (table: string, columns: Column[], versionId: number, id: number): string[] => {
  const main = `_${table}_v`
  const byTable = new Map<string, Column[]>()
  for (const c of columns) byTable.set(c.table, [...(byTable.get(c.table) ?? []), c])
  const views: string[] = []
  for (const [name, cols] of byTable) {
    const target =
      name === main
        ? table
        : name.startsWith(`${main}_version_`)
          ? `${table}_${name.slice(`${main}_version_`.length)}`
          : `${table}_${name.slice(`${main}_`.length)}`
    const select: string[] = []
    let filter = 'true'
    for (const c of cols) {
      const from = ident(c.column)
      if (name === main) {
        if (c.column === '_status' || c.column === 'version__status') {
          if (c.column === 'version__status') select.push(`'published'::${c.type} AS "_status"`)
        } else if (c.column.startsWith('version_')) {
          select.push(`${from} AS ${ident(c.column.slice('version_'.length))}`)
        }
        continue
      }
      if ((c.column === '_parent_id' || c.column === 'parent_id') && c.refs === main) {
        // A child of the version row itself: it belongs to the document.
        select.push(`${id}::integer AS ${from}`)
        filter = `${from} = ${versionId}`
      } else if (c.column === 'path' && name === `${main}_rels`) {
        select.push(`regexp_replace(path, '^version\\.', '') AS path`)
      } else if (c.column.startsWith('version_')) {
        select.push(`${from} AS ${ident(c.column.slice('version_'.length))}`)
      } else {
        select.push(from)
      }
    }
    if (name === main) {
      select.unshift(`${id}::integer AS id`)
      filter = `id = ${versionId}`
    }
    views.push(
      `CREATE TEMPORARY VIEW ${ident(target)} AS SELECT ${select.join(', ')} FROM public.${ident(name)} WHERE ${filter}`,
    )
  }
  return views
}

export type Draft = { data: Record<string, unknown>; body?: Record<string, unknown> | null }

/** The latest draft of a document (its saved state for a collection without drafts), or null. */
export const readDraft = async (
  collection: PreviewCollection,
  id: number,
): Promise<Draft | null> => {
  const { kind } = SERVED[collection]
  const { table, json } = KINDS[kind]
  const client = await primary().connect()
  try {
    await client.query('BEGIN READ WRITE')
    const { rows: columns } = await client.query<Column>(
      `SELECT c.relname AS table, a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type,
         (SELECT f.relname FROM pg_constraint k JOIN pg_class f ON f.oid = k.confrelid
           WHERE k.conrelid = c.oid AND k.contype = 'f' AND a.attnum = ANY(k.conkey) LIMIT 1) AS refs
       FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
       WHERE c.relkind = 'r' AND (c.relname = $1 OR c.relname LIKE $2)
       ORDER BY c.relname, a.attnum`,
      [`_${table}_v`, `\\_${table.replace(/_/g, '\\_')}\\_v\\_%`],
    )
    if (columns.length) {
      const { rows } = await client.query<{ id: number }>(
        `SELECT id FROM public.${ident(`_${table}_v`)} WHERE parent_id = $1
         ORDER BY updated_at DESC, id DESC LIMIT 1`,
        [id],
      )
      const version = rows[0]
      if (!version) return null
      for (const view of viewsFor(table, columns, version.id, id)) await client.query(view)
    }
    const body = kind === 'resource' ? `, ${KINDS.resourceBody.json('t')} AS body` : ''
    const { rows } = await client.query<Draft>(
      `SELECT ${json('t')} AS data${body} FROM ${table} t WHERE t.id = $1`,
      [id],
    )
    return rows[0] ?? null
  } finally {
    await client.query('ROLLBACK').catch(() => undefined)
    client.release()
  }
}
