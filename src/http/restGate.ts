// Payload's REST API and its editors' GraphQL (`/api/…`), guarded in one place: the hub's server
// (src/cli/serve.ts) passes every such request through here before Next, so the route files stay
// as Payload generates them.
//   - A path segment named like an object's own property (`/api/__proto__`) reaches Payload's
//     lookup of collections by name and crashes it: 404 here.
//   - Payload reads a body whole: it is read here first, within a limit (2 MB of JSON; an upload to
//     the media library by someone with credentials, 51 MB), so a huge or endless one gets 413.
//   - Writes wait their turn (./writeGate.ts).
//   - Payload's 501 for a collection it keeps internal (`/api/payload-migrations`) is, for a
//     visitor, simply not found (404); a 503 from a database outage tells clients when to retry.
//   - HEAD is answered as GET without the body (Payload has no HEAD endpoints).
//   - A file served whole gets its Content-Length back (Next drops a route's; src/uploads/cacheHeaders.ts).
import { IncomingMessage, type ServerResponse } from 'node:http'
import onHeaders from 'on-headers'

import { FILE_LENGTH_HEADER } from '../uploads/cacheHeaders'
import { MEDIA_MAX_BYTES } from '../uploads/limits'
import { RETRY_AFTER_SECONDS } from '../db/outage'
import { DRAIN_BYTES, describeBytes } from './limitBody'
import { admitWrite } from './writeGate'

/** Documents (with their rich text) are far below this; a file for the media library may be 50 MB. */
export const JSON_LIMIT = 2 * 1024 * 1024
export const UPLOAD_LIMIT = MEDIA_MAX_BYTES + 1024 * 1024

const READS = new Set(['GET', 'HEAD', 'OPTIONS'])

export const isRestPath = (pathname: string) => pathname === '/api' || pathname.startsWith('/api/')

const refuse = (
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
) => {
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    ...headers,
  })
  res.end(JSON.stringify({ errors: [{ message, extensions: { code } }] }))
}

const tooLarge = (res: ServerResponse, limit: number) =>
  refuse(
    res,
    413,
    'PAYLOAD_TOO_LARGE',
    `The request body is larger than ${describeBytes(limit)}.`,
    {
      // What is left of the body is not read: the connection cannot carry another request.
      Connection: 'close',
    },
  )

/**
 * The body; `null` past the limit (read on, and dropped, for up to DRAIN_BYTES more, so that a
 * client still sending, such as an editor's browser with a 60 MB file, reads the 413 rather than a
 * cut connection; beyond that it is left unread and the 413 closes the connection); `undefined` if
 * the client went away first.
 */
const readWithin = (req: IncomingMessage, limit: number) =>
  new Promise<Buffer | null | undefined>((resolve) => {
    const chunks: Buffer[] = []
    let size = 0
    const onData = (chunk: Buffer) => {
      size += chunk.length
      if (size > limit + DRAIN_BYTES) {
        req.off('data', onData)
        req.pause()
        resolve(null)
      } else if (size <= limit) chunks.push(chunk)
    }
    req.on('data', onData)
    req.once('end', () => resolve(size > limit ? null : Buffer.concat(chunks)))
    req.once('error', () => resolve(undefined))
    req.once('close', () => resolve(undefined))
  })

/** The same request with its body already read, for Next to read again. */
const replay = (req: IncomingMessage, body: Buffer) => {
  const copy = new IncomingMessage(req.socket)
  copy.method = req.method
  copy.url = req.url
  copy.httpVersion = req.httpVersion
  copy.httpVersionMajor = req.httpVersionMajor
  copy.httpVersionMinor = req.httpVersionMinor
  const { 'transfer-encoding': _chunked, ...headers } = req.headers
  copy.headers = { ...headers, 'content-length': String(body.length) }
  copy.push(body)
  copy.push(null)
  copy.complete = true
  return copy
}

const isUpload = (req: IncomingMessage, segments: string[]) =>
  segments[0] === 'media' &&
  Boolean(req.headers['content-type']?.startsWith('multipart/form-data')) &&
  (Boolean(req.headers.authorization) || /payload-token=/.test(req.headers.cookie ?? ''))

/**
 * Guards a request for `/api/…` and hands it on with `pass` (once its body is read, for a write),
 * resolving when the answer has been sent.
 */
export const gateRest = async (
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
  pass: (req: IncomingMessage) => void,
): Promise<void> => {
  const segments = pathname.split('/').slice(2).map(decodeURIComponent)
  if (segments.some((segment) => segment in Object.prototype)) {
    return refuse(res, 404, 'NOT_FOUND', 'Not found.')
  }
  onHeaders(res, function () {
    const length = this.getHeader(FILE_LENGTH_HEADER)
    if (length !== undefined) {
      this.removeHeader(FILE_LENGTH_HEADER)
      if (!this.hasHeader('content-length') && !this.hasHeader('content-encoding')) {
        this.setHeader('Content-Length', length)
      }
    }
    if (this.statusCode === 501) this.statusCode = 404
    if (this.statusCode === 503 && !this.hasHeader('retry-after')) {
      this.setHeader('Retry-After', String(RETRY_AFTER_SECONDS))
    }
  })
  // Payload has no HEAD endpoints (a file asked for with HEAD was 404): it answers the GET, and
  // Node, which made this response for a HEAD, sends its headers without the body.
  if (req.method === 'HEAD') req.method = 'GET'
  if (READS.has(req.method ?? '')) return pass(req)

  const limit = isUpload(req, segments) ? UPLOAD_LIMIT : JSON_LIMIT
  if (Number(req.headers['content-length']) > limit + DRAIN_BYTES) {
    return tooLarge(res, limit)
  }
  const body = await readWithin(req, limit)
  if (body === null) return tooLarge(res, limit)
  if (body === undefined) {
    return refuse(res, 400, 'BAD_REQUEST', 'The request body could not be read.')
  }
  const answered = () => new Promise<void>((resolve) => res.once('close', resolve))
  await admitWrite(
    () => {
      const done = answered()
      pass(replay(req, body))
      return done
    },
    () =>
      refuse(
        res,
        503,
        'SERVICE_UNAVAILABLE',
        'Too many saves at once; try again in a few seconds.',
        {
          'Retry-After': String(RETRY_AFTER_SECONDS),
        },
      ),
  )
}
