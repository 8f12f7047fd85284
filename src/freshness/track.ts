// Keeps src/freshness/table.ts up to date from the collections' hooks, inside the transaction of the
// save: the time a text changed exists exactly when the change does.
//
// As in the change log (src/changes/record.ts), what counts is the published document: the
// collection's main tables, read before and after the write. Payload keeps drafts in the versions
// table, so a draft save leaves the main tables untouched and records nothing; a publish records
// what it changed since the last publish, however many drafts came between. A save that changes no
// text (a relation, a date, a re-publish) records nothing either.
import { sql, type SQL } from '@payloadcms/db-postgres/drizzle'
import type {
  CollectionAfterChangeHook,
  CollectionAfterDeleteHook,
  CollectionBeforeChangeHook,
  PayloadRequest,
} from 'payload'

import { recordChanges } from '../changes/record'
import { type Execute, transactionOf } from '../db/transaction'
import {
  EDITION_CONTENT,
  EDITION_FIELD,
  EDITION_SOURCE_FIELDS,
  SOURCE_LOCALE,
  TRACKED_FIELDS,
} from './rules'
import { refreshFreshnessFields } from './fields'
import { forgetFreshness } from './status'
import { TEXT_CHANGES_TABLE } from './table'

/** A document's tracked texts as published: `field:locale` → the text (JSON for rich text). */
type Texts = { updatedAt: string | null; values: Map<string, string> }

const empty = (value: unknown) => value === null || value === undefined || value === ''

const resourceTexts = async (execute: Execute, id: number): Promise<Texts> => {
  const columns = sql.join(
    TRACKED_FIELDS.resources.map((f) => sql`${sql.identifier(f)}::text AS ${sql.identifier(f)}`),
    sql`, `,
  )
  const { rows } = await execute(
    sql`SELECT r.updated_at::text AS updated, l._locale AS locale, ${columns}
        FROM resources r LEFT JOIN resources_locales l ON l._parent_id = r.id WHERE r.id = ${id}`,
  )
  const values = new Map<string, string>()
  for (const row of rows) {
    for (const field of TRACKED_FIELDS.resources) {
      if (row.locale && !empty(row[field])) values.set(`${field}:${row.locale}`, String(row[field]))
    }
  }
  return { updatedAt: rows[0] ? String(rows[0].updated) : null, values }
}

const editionTexts = async (execute: Execute, id: number): Promise<Texts> => {
  const columns = sql.join(
    EDITION_CONTENT.map((c) => sql`${sql.identifier(c)}::text AS ${sql.identifier(c)}`),
    sql`, `,
  )
  const { rows } = await execute(
    sql`SELECT updated_at::text AS updated, ${columns} FROM translations WHERE id = ${id}`,
  )
  const row = rows[0]
  const values = new Map<string, string>()
  if (row) for (const c of EDITION_CONTENT) if (!empty(row[c])) values.set(c, String(row[c]))
  return { updatedAt: row ? String(row.updated) : null, values }
}

const READERS = { resources: resourceTexts, translations: editionTexts } as const
type Tracked = keyof typeof READERS

const BEFORE = 'hubTextsBefore'
const beforeOf = (req: PayloadRequest): Map<string, Texts> => {
  const context = req.context as Record<string, unknown>
  if (!(context[BEFORE] instanceof Map)) context[BEFORE] = new Map<string, Texts>()
  return context[BEFORE] as Map<string, Texts>
}

const rememberTexts: CollectionBeforeChangeHook = async ({
  collection,
  operation,
  originalDoc,
  req,
}) => {
  if (operation !== 'update' || !originalDoc?.id) return
  const slug = collection.slug as Tracked
  const id = Number(originalDoc.id)
  beforeOf(req).set(`${slug}:${id}`, await READERS[slug](await transactionOf(req), id))
}

/** Which `field:locale` keys differ between two readings. */
export const changedKeys = (before: Map<string, string>, after: Map<string, string>) =>
  [...new Set([...before.keys(), ...after.keys()])].filter((k) => before.get(k) !== after.get(k))

const writeTextChanges: CollectionAfterChangeHook = async ({ collection, doc, operation, req }) => {
  const slug = collection.slug as Tracked
  const id = Number(doc.id)
  const key = `${slug}:${id}`
  const before = beforeOf(req).get(key) ?? { updatedAt: null, values: new Map<string, string>() }
  beforeOf(req).delete(key)
  const execute = await transactionOf(req)
  const after = await READERS[slug](execute, id)
  // The main row did not move: a draft saved beside the published version.
  if (operation === 'update' && before.updatedAt === after.updatedAt) return doc
  const changed = changedKeys(before.values, after.values)
  if (!changed.length) return doc

  const table = sql.identifier(TEXT_CHANGES_TABLE)
  const rows: SQL[] = []
  if (slug === 'translations') {
    rows.push(sql`(${slug}, ${id}, ${EDITION_FIELD}, '*', now())`)
  } else {
    // A text that is gone has no time: a missing translation is missing, not outdated.
    const gone = changed.filter((k) => !after.values.has(k))
    if (gone.length) {
      await execute(
        sql`DELETE FROM ${table} WHERE collection = ${slug} AND doc_id = ${id}
            AND field || ':' || locale IN (${sql.join(
              gone.map((k) => sql`${k}`),
              sql`, `,
            )})`,
      )
    }
    for (const k of changed) {
      if (!after.values.has(k)) continue
      const [field, locale] = k.split(':') as [string, string]
      rows.push(sql`(${slug}, ${id}, ${field}, ${locale}, now())`)
    }
    // A translation written before tracking began is older than any change tracked since: it
    // gets `-infinity` the first time its document changes (kept if it already has a time).
    for (const k of after.values.keys()) {
      if (changed.includes(k) || k.endsWith(`:${SOURCE_LOCALE}`)) continue
      const [field, locale] = k.split(':') as [string, string]
      rows.push(sql`(${slug}, ${id}, ${field}, ${locale}, '-infinity'::timestamptz)`)
    }
  }
  if (rows.length) await writeTimes(execute, rows)
  if (slug === 'resources') await logEditionsOfChangedSource(req, execute, id, changed)
  return doc
}

const writeTimes = async (execute: Execute, rows: SQL[]) => {
  const table = sql.identifier(TEXT_CHANGES_TABLE)
  await execute(
    sql`INSERT INTO ${table} AS t (collection, doc_id, field, locale, changed_at)
        VALUES ${sql.join(rows, sql`, `)}
        ON CONFLICT (collection, doc_id, field, locale) DO UPDATE SET changed_at =
          CASE WHEN EXCLUDED.changed_at = '-infinity' THEN t.changed_at ELSE EXCLUDED.changed_at END`,
  )
}

/**
 * A change to the English summary or body changes what partners read of the resource's published
 * editions (`outdated`): they go to the change log too, so that delta sync and webhooks carry it.
 */
const logEditionsOfChangedSource = async (
  req: PayloadRequest,
  execute: Execute,
  id: number,
  changed: string[],
) => {
  const sources = EDITION_SOURCE_FIELDS.full.map((f) => `${f}:${SOURCE_LOCALE}`)
  if (!changed.some((k) => (sources as string[]).includes(k))) return
  const { rows } = await execute(
    sql`SELECT t.id FROM translations t JOIN resources r ON r.id = t.resource_id
        WHERE t.resource_id = ${id} AND t._status = 'published' AND r._status = 'published'`,
  )
  if (!rows.length) return
  await recordChanges(
    req,
    rows.map((r) => ({
      collection: 'translations',
      docId: Number(r.id),
      operation: 'upsert' as const,
      locales: null,
    })),
  )
}

const forgetTexts: CollectionAfterDeleteHook = async ({ collection, doc, req }) => {
  await (
    await transactionOf(req)
  )(
    sql`DELETE FROM ${sql.identifier(TEXT_CHANGES_TABLE)}
        WHERE collection = ${collection.slug} AND doc_id = ${Number(doc.id)}`,
  )
  return doc
}

/** The hooks that keep text-change times, for Resources and Translations. */
/**
 * Records the change, then reads freshness anew for the answer: Payload computes the answer's
 * virtual fields (afterRead) before afterChange hooks run, so the sidebar's "Needs update" of a
 * publish answered with the state from before it, until a reload.
 */
const recordTexts: CollectionAfterChangeHook = async (args) => {
  const doc = await writeTextChanges(args)
  forgetFreshness(args.req)
  return refreshFreshnessFields(args.collection.slug, doc, args.req)
}

export const textChangeHooks = {
  beforeChange: [rememberTexts],
  afterChange: [recordTexts],
  afterDelete: [forgetTexts],
}
