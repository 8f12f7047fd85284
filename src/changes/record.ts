// Writes the change log (src/changes/table.ts) from the collections' hooks, inside the transaction
// of the change itself: the entry exists exactly when the change does. A NOTIFY in the same
// transaction reaches every listening process on commit (src/changes/listener.ts), never before.
//
// What counts is what anonymous readers can see, read from the collection's main table before and
// after the write: Payload keeps the published version there and drafts in the versions table, so
// a draft save leaves the main row untouched and writes nothing here.
import { sql } from '@payloadcms/db-postgres/drizzle'
import type {
  CollectionAfterChangeHook,
  CollectionAfterDeleteHook,
  CollectionBeforeChangeHook,
  CollectionConfig,
  CollectionSlug,
  Field,
  PayloadRequest,
  SanitizedCollectionConfig,
} from 'payload'

import { publicFilters, type PublicFilters } from '../access/publicRules'
import { publicUsersOf } from '../access/mediaInPublicUse'
import { type Execute, transactionOf } from '../db/transaction'
import { LOCALES } from '../locales'
import type { Change, LoggedChange } from './change'
import { CHANGES_CHANNEL } from './channel'
import { tableOf } from '../servedKinds'

export { CHANGES_CHANNEL }
import { queueWebhookDeliveries } from '../webhooks/queue'
import { CHANGE_LOG_TABLE } from './table'

/** Collections never logged: accounts are nobody's public content. */
// Personal data: never in the change log that syncs, webhooks and caches follow.
const NOT_PUBLIC = new Set(['users', 'subscribers', 'consents', 'newsletter-sends'])
/** An edition is served as part of its resource: a change to one is a change to the other. */
const PARENTS: Record<string, { collection: string; field: string }> = {
  translations: { collection: 'resources', field: 'resource' },
}
const MEDIA = 'media'

const hasDrafts = (collection: SanitizedCollectionConfig) =>
  Boolean(
    collection.versions && typeof collection.versions === 'object' && collection.versions.drafts,
  )

type MainRow = { status: string | null; updatedAt: string }

/** The document's row in the collection's main table: what anonymous readers are served. */
const mainRow = async (
  req: PayloadRequest,
  collection: SanitizedCollectionConfig,
  id: number,
): Promise<MainRow | null> => {
  const status = hasDrafts(collection) ? sql`_status` : sql`NULL`
  const { rows } = await (
    await transactionOf(req)
  )(
    sql`SELECT ${status} AS status, updated_at::text AS updated FROM ${sql.identifier(tableOf(collection.slug))} WHERE id = ${id}`,
  )
  const row = rows[0]
  return row ? { status: row.status as string | null, updatedAt: String(row.updated) } : null
}

const visible = (collection: SanitizedCollectionConfig, row: MainRow | null) =>
  Boolean(row) && (!hasDrafts(collection) || row!.status === 'published')

/**
 * The published document in every locale, as stored (no fallback, no relations populated). Payload's
 * Local API sets the locale it is given on the request it shares: the write's own locale is put back.
 */
const publishedDoc = async (req: PayloadRequest, collection: CollectionSlug, id: number) => {
  const { locale, fallbackLocale } = req
  try {
    return (await req.payload.findByID({
      collection,
      id,
      locale: 'all',
      depth: 0,
      draft: false,
      overrideAccess: true,
      disableErrors: true,
      req,
    })) as Record<string, unknown> | null
  } finally {
    req.locale = locale
    req.fallbackLocale = fallbackLocale
  }
}

/** Bookkeeping fields: they change with every write and say nothing about the content. */
const BOOKKEEPING = new Set(['updatedAt', 'createdAt', '_status'])

/** A document's data as one locale sees it: each localized field's value in that locale only. */
const inLocale = (fields: Field[], data: unknown, locale: string): Record<string, unknown> => {
  const out: Record<string, unknown> = {}
  const source = (data ?? {}) as Record<string, unknown>
  for (const field of fields) {
    if (field.type === 'tabs') {
      for (const tab of field.tabs) {
        if ('name' in tab && tab.name)
          out[tab.name] = inLocale(tab.fields, source[tab.name], locale)
        else Object.assign(out, inLocale(tab.fields, source, locale))
      }
      continue
    }
    if (!('name' in field) || !field.name) {
      if ('fields' in field) Object.assign(out, inLocale(field.fields, source, locale))
      continue
    }
    if (BOOKKEEPING.has(field.name)) continue
    let value = source[field.name]
    if ('localized' in field && field.localized) {
      value = (value as Record<string, unknown> | null | undefined)?.[locale]
    }
    if (field.type === 'array' && Array.isArray(value)) {
      value = value.map((row) => inLocale(field.fields, row, locale))
    } else if (field.type === 'group') {
      value = inLocale(field.fields, value, locale)
    }
    out[field.name] = value ?? null
  }
  return out
}

/** Which locales' view of the document differs; null when all of them do (a shared field changed). */
export const localesTouched = (
  fields: Field[],
  before: unknown,
  after: unknown,
): string[] | null => {
  const touched = LOCALES.map((l) => l.code).filter(
    (code) =>
      JSON.stringify(inLocale(fields, before, code)) !==
      JSON.stringify(inLocale(fields, after, code)),
  )
  return touched.length === LOCALES.length ? null : touched
}

/** Writes entries and announces them, in the request's transaction. */
export const recordChanges = async (req: PayloadRequest, changes: Change[]) => {
  if (!changes.length) return
  const execute = await transactionOf(req)
  const values = changes.map(
    (c) =>
      sql`(${c.collection}, ${c.docId}, ${c.operation}, ${
        c.locales === null
          ? null
          : sql`ARRAY[${sql.join(
              c.locales.map((l) => sql`${l}`),
              sql`, `,
            )}]::varchar[]`
      })`,
  )
  const { rows } = await execute(
    sql`INSERT INTO ${sql.identifier(CHANGE_LOG_TABLE)} (collection, doc_id, operation, locales)
        VALUES ${sql.join(values, sql`, `)} RETURNING seq, changed_at`,
  )
  const logged: LoggedChange[] = changes.map((change, i) => ({
    ...change,
    seq: Number(rows[i]!.seq),
    changedAt: new Date(rows[i]!.changed_at as string).toISOString(),
  }))
  await queueWebhookDeliveries(execute, logged)
  // NOTIFY payloads stop at 8,000 bytes: a long list is announced as "everything".
  const announced = JSON.stringify({
    seq: rows.map((r) => Number(r.seq)),
    changes: changes.map((c) => [c.collection, c.docId, c.operation]),
  })
  await execute(
    sql`SELECT pg_notify(${CHANGES_CHANNEL}, ${announced.length < 7000 ? announced : '{"all":true}'})`,
  )
}

/** Per request, what a document looked like before its write (beforeChange → afterChange). */
type Before = { row: MainRow | null; doc: Record<string, unknown> | null }
const BEFORE = 'hubChangesBefore'
const beforeOf = (req: PayloadRequest): Map<string, Before> => {
  const context = req.context as Record<string, unknown>
  if (!(context[BEFORE] instanceof Map)) context[BEFORE] = new Map<string, Before>()
  return context[BEFORE] as Map<string, Before>
}

/** The parent an edition belongs to, logged with it while the parent is published. */
const parentChanges = async (
  req: PayloadRequest,
  slug: string,
  doc: Record<string, unknown>,
): Promise<Change[]> => {
  const parent = PARENTS[slug]
  if (!parent) return []
  const value = doc[parent.field]
  const id =
    typeof value === 'object' && value ? Number((value as { id: unknown }).id) : Number(value)
  const config = req.payload.collections[parent.collection as CollectionSlug]?.config
  if (!config || !Number.isInteger(id) || !visible(config, await mainRow(req, config, id)))
    return []
  return [{ collection: parent.collection, docId: id, operation: 'upsert', locales: null }]
}

const rememberBefore: CollectionBeforeChangeHook = async ({
  collection,
  data,
  operation,
  originalDoc,
  req,
}) => {
  if (operation !== 'update' || !originalDoc?.id || (await isHidden(req, collection.slug))) return
  const id = Number(originalDoc.id)
  const row = await mainRow(req, collection, id)
  // The published text is needed only to diff an edit that stays published: a draft save (or an
  // unpublish, which is logged for every locale) skips reading the whole document.
  const staysPublished = !hasDrafts(collection) || data?._status !== 'draft'
  const doc =
    visible(collection, row) && staysPublished ? await publishedDoc(req, collection.slug, id) : null
  beforeOf(req).set(`${collection.slug}:${id}`, { row, doc })
}

/** Which collections anonymous readers may see at all, from their own read rules (once per config). */
const filtersByConfig = new WeakMap<object, Promise<PublicFilters>>()
const isHidden = async (req: PayloadRequest, slug: string) => {
  const config = req.payload.config
  let filters = filtersByConfig.get(config)
  if (!filters) filtersByConfig.set(config, (filters = publicFilters(config, () => {})))
  return (await filters)[slug] === 'hidden' && slug !== MEDIA
}

const logChange: CollectionAfterChangeHook = async ({ collection, doc, operation, req }) => {
  if (await isHidden(req, collection.slug)) return doc
  const id = Number(doc.id)
  const key = `${collection.slug}:${id}`
  const before = beforeOf(req).get(key) ?? { row: null, doc: null }
  beforeOf(req).delete(key)
  const row = await mainRow(req, collection, id)
  // The main row did not move: a draft saved beside the published version.
  if (operation === 'update' && before.row && row && before.row.updatedAt === row.updatedAt) {
    return doc
  }
  const was = visible(collection, before.row)
  const is = visible(collection, row)
  let change: Change | undefined
  if (collection.slug === MEDIA) {
    // A file is seen through the published documents that use it.
    if (operation === 'update' && was) {
      const locales = localesTouched(
        collection.fields,
        before.doc,
        await publishedDoc(req, MEDIA, id),
      )
      if (locales?.length !== 0) {
        const users = await publicUsersOf(req, id)
        if (users.length) {
          await recordChanges(req, [
            { collection: MEDIA, docId: id, operation: 'upsert', locales },
            ...users.map((u) => ({
              collection: u.collection,
              docId: u.id,
              operation: 'upsert' as const,
              locales: null,
            })),
          ])
        }
      }
    }
    return doc
  }
  if (is && was) {
    const locales = localesTouched(
      collection.fields,
      before.doc,
      await publishedDoc(req, collection.slug, id),
    )
    if (locales?.length !== 0)
      change = { collection: collection.slug, docId: id, operation: 'upsert', locales }
  } else if (is) {
    change = { collection: collection.slug, docId: id, operation: 'upsert', locales: null }
  } else if (was) {
    change = { collection: collection.slug, docId: id, operation: 'delete', locales: null }
  }
  if (change) {
    await recordChanges(req, [change, ...(await parentChanges(req, collection.slug, doc))])
  }
  return doc
}

const logDelete: CollectionAfterDeleteHook = async ({ collection, doc, req }) => {
  if (collection.slug === MEDIA || (await isHidden(req, collection.slug))) return doc
  const published = !hasDrafts(collection) || doc._status === 'published'
  if (!published) return doc
  await recordChanges(req, [
    { collection: collection.slug, docId: Number(doc.id), operation: 'delete', locales: null },
    ...(await parentChanges(req, collection.slug, doc)),
  ])
  return doc
}

/** The hooks that keep the change log, for every collection whose content can be public. */
export const recordChangesOf = (collection: CollectionConfig): CollectionConfig =>
  NOT_PUBLIC.has(collection.slug)
    ? collection
    : {
        ...collection,
        hooks: {
          ...collection.hooks,
          beforeChange: [...(collection.hooks?.beforeChange ?? []), rememberBefore],
          afterChange: [...(collection.hooks?.afterChange ?? []), logChange],
          afterDelete: [...(collection.hooks?.afterDelete ?? []), logDelete],
        },
      }
