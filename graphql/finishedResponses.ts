// Finished answers to GET requests, kept as the bytes and headers that were sent: a repeated GET is
// answered (or told 304) from here without yoga, parsing or the response cache's JSON: several
// times as fast as a fresh answer (docs/performance.md). Only answers that were public (Cache-Control `public`: no errors, no sync
// positions, no preview) are kept; the key names everything the answer depends on: the URL (query,
// variables, persisted hash), the Accept type, the language, the Origin (CORS), the encoding and the
// caller's key.
// Emptied with the response cache on every change (graphql/server.ts followChanges).
import { LRUCache } from 'lru-cache'

import { FINISHED_CACHE_BYTES, RESPONSE_CACHE_TTL_MS } from '../src/cacheBudgets'
import type { Caller } from './caller'

type Finished = {
  body: Uint8Array<ArrayBuffer>
  /** Header pairs as sent, less those said per request (rate limits, statement count). */
  headers: [string, string][]
  etag: string
  /** The operation's name, for the Usage page. */
  operation: string | undefined
  /** When it was made (Date.now()), for its Age. */
  made: number
}

/** Said afresh for every answer: never stored with one. */
const PER_REQUEST = new Set(['ratelimit', 'ratelimit-policy', 'x-sql-statements', 'date'])

/** What the key's text holds besides the URL, each part separated by a character no header holds. */
const SEPARATOR = '\n'

export type FinishedResponses = {
  /**
   * What a GET is answered from, or undefined: its key, with the generation it was asked in (an
   * answer made across a change is not kept).
   */
  ask: (request: Request, caller: Caller) => Asked | undefined
  /** The kept answer of `asked`, as a 200 or a 304, with its operation's name; undefined if none. */
  answer: (
    request: Request,
    asked: Asked,
  ) => { response: Response; operation: string | undefined } | undefined
  /** Keeps `response` when it is public and complete; gives it back to be sent. */
  keep: (asked: Asked, response: Response, operation: string | undefined) => Promise<Response>
  clear: () => void
}
type Asked = { key: string; generation: number }

/** Whether `wanted` (an If-None-Match value) names the entity-tag `etag` (weak comparison). */
export const matchesEtag = (wanted: string | null, etag: string) =>
  wanted !== null &&
  (wanted.trim() === '*' ||
    wanted.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag.replace(/^W\//, '')))

export const createFinishedResponses = (
  maxBytes = FINISHED_CACHE_BYTES,
  ttl = RESPONSE_CACHE_TTL_MS,
): FinishedResponses => {
  const kept = new LRUCache<string, Finished>({
    maxSize: maxBytes,
    sizeCalculation: (entry, key) => {
      let bytes = entry.body.byteLength + 2 * key.length + 256
      for (const [name, value] of entry.headers) bytes += 2 * (name.length + value.length) + 32
      return bytes
    },
    ttl,
    ttlAutopurge: true,
  })
  let generation = 0
  return {
    ask: (request, caller) => {
      if (request.method !== 'GET' || request.headers.has('x-preview-token')) return undefined
      const { headers } = request
      const key = [
        request.url.slice(request.url.indexOf('/', 8)),
        // GraphiQL's page or JSON, and which JSON type with which status, follow Accept.
        headers.get('accept') ?? '',
        headers.get('accept-language') ?? '',
        headers.get('origin') ?? '',
        headers.get('accept-encoding') ?? '',
        // Every key its own answers: a key's registered operations are its own.
        caller.key?.keyId ?? '',
      ].join(SEPARATOR)
      return { key, generation }
    },
    answer: (request, { key }) => {
      const entry = kept.get(key)
      if (!entry) return undefined
      const headers = new Headers(entry.headers)
      // As an HTTP cache says it (RFC 9111): a CDN keeps it s-maxage less this.
      headers.set('Age', String(Math.max(0, Math.floor((Date.now() - entry.made) / 1000))))
      if (matchesEtag(request.headers.get('if-none-match'), entry.etag)) {
        for (const name of ['content-type', 'content-length', 'content-encoding'])
          headers.delete(name)
        return {
          response: new Response(null, { status: 304, headers }),
          operation: entry.operation,
        }
      }
      return {
        response: new Response(entry.body, { status: 200, headers }),
        operation: entry.operation,
      }
    },
    keep: async (asked, response, operation) => {
      const etag = response.headers.get('etag')
      if (
        response.status !== 200 ||
        !etag ||
        !response.headers.get('cache-control')?.startsWith('public') ||
        asked.generation !== generation
      ) {
        return response
      }
      const body = new Uint8Array(await response.arrayBuffer())
      const headers: [string, string][] = []
      response.headers.forEach((value, name) => {
        if (!PER_REQUEST.has(name)) headers.push([name, value])
      })
      // A change may have come while the body was read.
      if (asked.generation === generation)
        kept.set(asked.key, { body, headers, etag, operation, made: Date.now() })
      return new Response(body, { status: 200, headers: response.headers })
    },
    clear: () => {
      generation++
      kept.clear()
    },
  }
}
