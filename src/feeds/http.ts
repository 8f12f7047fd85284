// How feeds and calendars are answered. Feed readers and calendar apps poll, often over slow links:
// each answer may be cached for five minutes by anyone (it holds only published content and does
// not depend on who asks), carries an ETag, and a poll whose If-None-Match still matches gets a
// body-less 304. A path that names nothing gets a 404 saying what it did not know; a database
// that is away, the hub's usual 503 with Retry-After (src/db/outage.ts), never a 500.
import { createHash } from 'node:crypto'

import { loadBodyRenderers } from '../bodies'
import { DATABASE_UNAVAILABLE, isDatabaseUnavailable, RETRY_AFTER_SECONDS } from '../db/outage'
import { FEED_MAX_AGE_S } from '../cacheBudgets'

export const CACHE_CONTROL = `public, max-age=${FEED_MAX_AGE_S}`

export type Served = {
  body: string
  contentType: string
  /** Headers the answer depends on besides the path (a webinar's Accept-Language). */
  vary?: string
  /** A file name for calendar apps and browsers that save the answer. */
  filename?: string
}

/** Thrown while serving: the path named something that does not exist (or is not published). */
export class FeedNotFound extends Error {}

/** A strong validator: the same body always has the same tag, whichever server made it. */
export const etagOf = (body: string) =>
  `"${createHash('sha256').update(body, 'utf8').digest('base64url').slice(0, 32)}"`

/** If-None-Match per RFC 9110: `*`, or a list of tags compared weakly (W/ ignored). */
export const matchesIfNoneMatch = (header: string | null, etag: string): boolean => {
  if (!header) return false
  if (header.trim() === '*') return true
  const bare = (tag: string) => tag.trim().replace(/^W\//, '')
  return header.split(',').some((tag) => bare(tag) === bare(etag))
}

const plain = (status: number, message: string, headers: Record<string, string> = {}) =>
  new Response(`${message}\n`, {
    status,
    headers: {
      'Content-Type': 'text/plain; charset=utf-8',
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      ...headers,
    },
  })

export const notFound = (message: string) => plain(404, message)

/** Runs `serve` and answers with its body (or a 304), a 404 or a 503. Other errors propagate. */
export const respond = async (request: Request, serve: () => Promise<Served>) => {
  let served: Served
  try {
    // Feeds and calendars carry bodies as HTML and text.
    await loadBodyRenderers()
    served = await serve()
  } catch (error) {
    if (error instanceof FeedNotFound) return notFound(error.message)
    if (isDatabaseUnavailable(error)) {
      return plain(503, DATABASE_UNAVAILABLE, { 'Retry-After': String(RETRY_AFTER_SECONDS) })
    }
    throw error
  }
  const etag = etagOf(served.body)
  const headers: Record<string, string> = {
    'Cache-Control': CACHE_CONTROL,
    ETag: etag,
    // Public and the same for every origin: any partner page may read it, with no Vary: Origin.
    'Access-Control-Allow-Origin': '*',
    'X-Content-Type-Options': 'nosniff',
    ...(served.vary ? { Vary: served.vary } : {}),
  }
  if (matchesIfNoneMatch(request.headers.get('If-None-Match'), etag)) {
    return new Response(null, { status: 304, headers })
  }
  return new Response(request.method === 'HEAD' ? null : served.body, {
    status: 200,
    headers: {
      ...headers,
      'Content-Type': served.contentType,
      ...(served.filename
        ? { 'Content-Disposition': `inline; filename="${served.filename}"` }
        : {}),
    },
  })
}
