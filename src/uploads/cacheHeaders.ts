// Caching for the hub's files (`/api/media/file/<name>`), which partner sites embed and link to.
// Payload 3.90 sends a file with Content-Type, Content-Length and Accept-Ranges only: no
// Cache-Control, no validator. Its `modifyResponseHeaders` hook sees the headers alone (not the
// file, not the visitor), so a whole answer is served here instead, from an upload handler that
// Payload calls after its access check (only files in public use reach visitors).
//
// - Visitors: `public, max-age=300` and a strong ETag (size and modification time): a CDN or
//   browser keeps a file five minutes, then revalidates for a 304. Five minutes bounds how long a
//   file stays in caches after the document using it is unpublished.
// - Signed-in users may read files no visitor may: `private, no-cache`, never in a shared cache.
// - Range requests and SVG (which needs Payload's content security policy) stay with Payload;
//   they get `no-cache`, safe whoever asked.
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import path from 'node:path'
import { Readable } from 'node:stream'
import { fileTypeFromFile } from 'file-type'
import type { CollectionConfig, PayloadRequest } from 'payload'
import { PUBLIC_FILE_MAX_AGE_S } from '../cacheBudgets'

type Upload = Exclude<NonNullable<CollectionConfig['upload']>, boolean>
type Handler = NonNullable<Upload['handlers']>[number]

/** The length of a file served whole, for the REST gate to send as Content-Length. */
export const FILE_LENGTH_HEADER = 'X-Hub-File-Length'

export const PUBLIC_FILE_CACHE = `public, max-age=${PUBLIC_FILE_MAX_AGE_S}`
const PRIVATE_FILE_CACHE = 'private, no-cache'

const etagOf = (size: number, mtimeMs: number) =>
  `"${size.toString(16)}-${Math.floor(mtimeMs).toString(16)}"`

/** Whether an If-None-Match header names this ETag (or `*`). */
const matches = (header: string | null, etag: string) =>
  Boolean(header) &&
  header!.split(',').some((tag) => {
    const t = tag.trim()
    return t === '*' || t === etag || t === `W/${etag}`
  })

const serve = async (
  req: PayloadRequest,
  params: { collection: string; filename: string },
): Promise<Response | undefined> => {
  const method = req.method?.toUpperCase() ?? 'GET'
  if ((method !== 'GET' && method !== 'HEAD') || req.headers.get('range')) return
  if (/\.svg$/i.test(params.filename)) return
  const collection = req.payload.collections[params.collection as 'media']?.config
  const upload = collection?.upload
  if (!upload || typeof upload !== 'object') return
  const dir = path.resolve(upload.staticDir || params.collection)
  const file = path.resolve(dir, params.filename)
  if (!file.startsWith(dir + path.sep)) return // Payload refuses it
  const stats = await stat(file).catch(() => undefined)
  if (!stats?.isFile()) return // Payload answers a missing file
  const etag = etagOf(stats.size, stats.mtimeMs)
  const headers = new Headers({
    'Cache-Control': req.user ? PRIVATE_FILE_CACHE : PUBLIC_FILE_CACHE,
    ETag: etag,
    'Last-Modified': stats.mtime.toUTCString(),
    'Accept-Ranges': 'bytes',
    'X-Content-Type-Options': 'nosniff',
  })
  if (matches(req.headers.get('if-none-match'), etag)) {
    return new Response(null, { status: 304, headers })
  }
  headers.set('Content-Type', (await fileTypeFromFile(file))?.mime ?? 'application/octet-stream')
  headers.set('Content-Length', String(stats.size))
  // Next drops a route's Content-Length (it may have decoded the body); the hub's REST gate
  // (src/http/restGate.ts) puts it back from this header, which it removes.
  headers.set(FILE_LENGTH_HEADER, String(stats.size))
  const body =
    method === 'HEAD'
      ? null
      : (Readable.toWeb(createReadStream(file)) as unknown as ReadableStream<Uint8Array>)
  return new Response(body, { status: 200, headers })
}

/** Answers a whole file with validators, or nothing: then Payload serves it itself. */
export const serveWithValidators: Handler = (req, { params }) =>
  serve(req, params) as Promise<Response>

/**
 * What Payload serves itself (ranges, SVG, and every file from object storage, whose ETag is the
 * store's): revalidated on every use, by any cache. A whole file's length goes to the REST gate
 * as for the files served above.
 */
export const fileCacheHeaders: NonNullable<Upload['modifyResponseHeaders']> = ({ headers }) => {
  headers.set('Cache-Control', 'no-cache')
  const length = headers.get('content-length')
  if (length && !headers.has('content-range')) headers.set(FILE_LENGTH_HEADER, length)
  return headers
}
