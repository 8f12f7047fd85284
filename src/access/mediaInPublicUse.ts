// A file is public only while a document that anonymous readers may see uses it: a PDF attached to a
// draft, or left behind when a resource was unpublished, stays private. "Uses" is read from the
// collections themselves (every upload or relationship field to media, at any nesting, and images
// embedded in top-level rich text), and "may see" from each collection's own anonymous read rule,
// so neither can drift from the rest of the hub.
import pg from 'pg'
import {
  type Access,
  createLocalReq,
  type Field,
  type PayloadRequest,
  type SanitizedCollectionConfig,
  type SanitizedConfig,
  type Where,
} from 'payload'
import { MEDIA_LISTING_TTL_MS } from '../cacheBudgets'
import { Params } from '../db/statements'

const MEDIA = 'media'

type FieldUse = { collection: SanitizedCollectionConfig; path: string }
type RichTextUse = { collection: SanitizedCollectionConfig; field: string; localized: boolean }
type Uses = { fields: FieldUse[]; richText: RichTextUse[] }

const refersToMedia = (field: Field) =>
  (field.type === 'upload' || field.type === 'relationship') &&
  (Array.isArray(field.relationTo) ? field.relationTo.includes(MEDIA) : field.relationTo === MEDIA)

const collectUses = (
  collection: SanitizedCollectionConfig,
  fields: Field[],
  prefix: string,
  uses: Uses,
) => {
  for (const field of fields) {
    if (field.type === 'tabs') {
      for (const tab of field.tabs) {
        const tabPrefix = 'name' in tab && tab.name ? `${prefix}${tab.name}.` : prefix
        collectUses(collection, tab.fields, tabPrefix, uses)
      }
      continue
    }
    if (!('name' in field) || !field.name) {
      if ('fields' in field) collectUses(collection, field.fields, prefix, uses)
      continue
    }
    const path = `${prefix}${field.name}`
    if (refersToMedia(field)) uses.fields.push({ collection, path })
    else if (field.type === 'group' || field.type === 'array') {
      collectUses(collection, field.fields, `${path}.`, uses)
    } else if (field.type === 'richText' && !prefix) {
      uses.richText.push({ collection, field: field.name, localized: Boolean(field.localized) })
    }
  }
}

const usesByConfig = new WeakMap<SanitizedConfig, Uses>()

export const mediaUses = (config: SanitizedConfig): Uses => {
  let uses = usesByConfig.get(config)
  if (!uses) {
    uses = { fields: [], richText: [] }
    for (const collection of config.collections) {
      if (collection.slug !== MEDIA) collectUses(collection, collection.fields, '', uses)
    }
    usesByConfig.set(config, uses)
  }
  return uses
}

/**
 * Documents that are served only through a parent (as the partner API serves them): a language
 * edition is public only while its resource is.
 */
const THROUGH_PARENT: Record<string, Where> = {
  translations: { 'resource._status': { equals: 'published' } },
}

/** What a visitor who is not signed in may read of a collection: true, a filter, or nothing. */
const anonymousRule = async (collection: SanitizedCollectionConfig, req: PayloadRequest) => {
  const answer = await collection.access.read?.({ req: { ...req, user: null } as PayloadRequest })
  if (!answer) return false
  const parent = THROUGH_PARENT[collection.slug]
  return parent ? and(answer, parent) : answer
}

const and = (...conditions: (Where | true)[]): Where => ({
  and: conditions.filter((c): c is Where => c !== true),
})

const snake = (name: string) =>
  name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/-/g, '_')
    .toLowerCase()

type Db = { pool: Pick<pg.Pool, 'query'> }

const quote = pg.escapeIdentifier

/** (document, file) pairs of upload nodes embedded in a rich-text field, optionally for one file. */
const embedded = async (req: PayloadRequest, use: RichTextUse, mediaId?: number) => {
  const table = snake(use.collection.slug)
  const from = use.localized
    ? `${quote(`${table}_locales`)} x JOIN ${quote(table)} t ON t.id = x._parent_id`
    : `${quote(table)} x JOIN ${quote(table)} t ON t.id = x.id`
  const params = new Params()
  const { rows } = await (req.payload.db as unknown as Db).pool.query<{
    parent: unknown
    media: unknown
  }>(
    `SELECT DISTINCT t.id AS parent, (n.id)::int AS media FROM ${from},
      jsonb_path_query(x.${quote(snake(use.field))},
        '$.** ? (@.type == "upload" && @.relationTo == "media").value') v,
      -- An upload node holds the file's id, or (saved back from a populated read) the file itself.
      LATERAL (SELECT coalesce(v->'id', v) #>> '{}' AS id) n
    WHERE n.id ~ '^[0-9]{1,9}$'
      AND ${mediaId === undefined ? 'true' : `n.id = ${params.add(String(mediaId))}`}`,
    params.values,
  )
  return rows.map((row) => ({ parent: Number(row.parent), media: Number(row.media) }))
}

/** Whether a document anonymous readers may see uses this file. */
export const isInPublicUse = async (req: PayloadRequest, mediaId: number): Promise<boolean> => {
  const { fields, richText } = mediaUses(req.payload.config)
  for (const use of fields) {
    const rule = await anonymousRule(use.collection, req)
    if (rule === false) continue
    const { totalDocs } = await req.payload.count({
      collection: use.collection.slug,
      where: and(rule, { [use.path]: { equals: mediaId } }),
      overrideAccess: true,
      req,
    })
    if (totalDocs > 0) return true
  }
  for (const use of richText) {
    const rule = await anonymousRule(use.collection, req)
    if (rule === false) continue
    const ids = (await embedded(req, use, mediaId)).map((pair) => pair.parent)
    if (!ids.length) continue
    const { totalDocs } = await req.payload.count({
      collection: use.collection.slug,
      where: and(rule, { id: { in: ids } }),
      overrideAccess: true,
      req,
    })
    if (totalDocs > 0) return true
  }
  return false
}

/** The documents anonymous readers may see that use this file (a replaced file changes each of them). */
export const publicUsersOf = async (
  req: PayloadRequest,
  mediaId: number,
): Promise<{ collection: string; id: number }[]> => {
  const { fields, richText } = mediaUses(req.payload.config)
  const found = new Map<string, { collection: string; id: number }>()
  const keep = async (collection: SanitizedCollectionConfig, where: Where) => {
    const rule = await anonymousRule(collection, req)
    if (rule === false) return
    const { docs } = await req.payload.find({
      collection: collection.slug,
      where: and(rule, where),
      select: {},
      depth: 0,
      pagination: false,
      overrideAccess: true,
      req,
    })
    for (const doc of docs) {
      found.set(`${collection.slug}:${doc.id}`, { collection: collection.slug, id: Number(doc.id) })
    }
  }
  for (const use of fields) await keep(use.collection, { [use.path]: { equals: mediaId } })
  for (const use of richText) {
    const ids = (await embedded(req, use, mediaId)).map((pair) => pair.parent)
    if (ids.length) await keep(use.collection, { id: { in: ids } })
  }
  return [...found.values()]
}

/** Values at a dotted path, through arrays and groups: `sections.items.image` → every image id. */
const valuesAt = (value: unknown, path: string[]): unknown[] => {
  if (Array.isArray(value)) return value.flatMap((item) => valuesAt(item, path))
  if (!path.length) return [value]
  if (value === null || typeof value !== 'object') return []
  return valuesAt((value as Record<string, unknown>)[path[0]!], path.slice(1))
}

const asId = (value: unknown) =>
  typeof value === 'number'
    ? value
    : typeof value === 'object' && value && 'id' in value
      ? Number(value.id)
      : NaN

/** Every file in public use, for listings (a few queries, whatever the number of files). */
const allInPublicUse = async (req: PayloadRequest): Promise<Set<number>> => {
  const { fields, richText } = mediaUses(req.payload.config)
  const ids = new Set<number>()
  for (const use of fields) {
    const rule = await anonymousRule(use.collection, req)
    if (rule === false) continue
    const [top, ...rest] = use.path.split('.')
    const { docs } = await req.payload.find({
      collection: use.collection.slug,
      where: and(rule, { [use.path]: { exists: true } }),
      select: { [top!]: true },
      depth: 0,
      pagination: false,
      overrideAccess: true,
      req,
    })
    for (const doc of docs) {
      for (const value of valuesAt((doc as unknown as Record<string, unknown>)[top!], rest)) {
        const id = asId(value)
        if (Number.isInteger(id)) ids.add(id)
      }
    }
  }
  for (const use of richText) {
    const rule = await anonymousRule(use.collection, req)
    if (rule === false) continue
    const pairs = await embedded(req, use)
    if (!pairs.length) continue
    const { docs } = await req.payload.find({
      collection: use.collection.slug,
      where: and(rule, { id: { in: pairs.map((p) => p.parent) } }),
      select: {},
      depth: 0,
      pagination: false,
      overrideAccess: true,
      req,
    })
    const visible = new Set(docs.map((doc) => Number(doc.id)))
    for (const pair of pairs) if (visible.has(pair.parent)) ids.add(pair.media)
  }
  return ids
}

/** Listings see the set as it was at most this long ago; a file's own URL is always checked afresh. */
let listingCache: { at: number; ids: Promise<Set<number>> } | undefined

/**
 * Signed-in users read every file. Visitors read a file (its bytes, or its record over REST) only
 * while it is in public use. A static file names itself and is checked afresh; listings and the
 * relations filled in by `depth` are narrowed to the files in use.
 */
export const readMediaInPublicUse: Access = async ({ req, id, data, isReadingStaticFile }) => {
  if (req.user) return true
  // One file by id (REST's /api/media/:id): checked afresh, like its URL.
  if (id !== undefined && /^[0-9]{1,10}$/.test(String(id))) {
    // Not in use: a filter that matches nothing, so the answer is "not found", as for any id.
    return { id: { equals: (await isInPublicUse(req, Number(id))) ? Number(id) : 0 } }
  }
  const filename = isReadingStaticFile
    ? (data as { filename?: unknown } | undefined)?.filename
    : undefined
  if (typeof filename === 'string') {
    // The original, or one of the sizes Payload made of an image (`name-400x300.webp`).
    const sizes = req.payload.collections[MEDIA]?.config.upload.imageSizes ?? []
    const doc = await req.payload.db.findOne<{ id: number }>({
      collection: MEDIA,
      req,
      where: {
        or: [
          { filename: { equals: filename } },
          ...sizes.map((size) => ({ [`sizes.${size.name}.filename`]: { equals: filename } })),
        ],
      },
    })
    const inUse = doc ? await isInPublicUse(req, Number(doc.id)) : false
    return inUse ? { id: { equals: Number(doc!.id) } } : false
  }
  if (!listingCache || Date.now() - listingCache.at > MEDIA_LISTING_TTL_MS) {
    // Shared by every visitor for a few seconds: built outside this request and its transaction.
    const shared = await createLocalReq({}, req.payload)
    listingCache = { at: Date.now(), ids: allInPublicUse(shared) }
    listingCache.ids.catch(() => (listingCache = undefined))
  }
  const ids = [...(await listingCache.ids)]
  return { id: { in: ids.length ? ids : [0] } }
}
