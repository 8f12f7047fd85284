// A raw HTTP/1.1 client over a TCP socket: it sends exactly the bytes a case describes (any method,
// bad Content-Length, broken chunked encoding, invalid UTF-8, no Host) and reads one answer, with a
// deadline. fetch() and node:http refuse or rewrite most of these requests.
import net from 'node:net'
import zlib from 'node:zlib'

import type { FuzzCase } from './cases'

/** How much of an answer's body is kept for the leak checks (the rest is only counted). */
const KEEP_BYTES = 2 * 1024 * 1024

export type Answer = {
  kind: 'answer'
  status: number
  headers: [string, string][]
  /** The first KEEP_BYTES of the body, decoded (chunked, gzip, deflate, br). */
  body: Buffer
  /** Bytes of body on the wire. */
  bytes: number
  ms: number
  /** The connection closed before the body announced by Content-Length or chunks was complete. */
  incomplete?: boolean
}
export type Outcome =
  | Answer
  /** No complete answer within the deadline. */
  | { kind: 'hang'; ms: number; status?: number }
  /** The server closed or reset the connection without an answer. */
  | { kind: 'dropped'; ms: number; error: string }

/**
 * The bytes of the request a case describes (its `raw` bytes when it has them). The connection is
 * kept alive, as browsers and fetch do (the socket is closed once the answer is read): a server
 * that answers early (413) then reads and discards the rest of the body instead of resetting the
 * connection, which with `Connection: close` can destroy its answer in flight.
 */
export const requestBytes = (c: FuzzCase, host: string): Buffer => {
  if (c.raw !== undefined) {
    return typeof c.raw === 'string'
      ? Buffer.from(c.raw.replaceAll('{host}', host), 'utf8')
      : Buffer.from(c.raw)
  }
  const names = new Set(c.headers.map(([name]) => name.toLowerCase()))
  const lines = [`${c.method} ${c.path} HTTP/1.1`]
  if (!names.has('host') && !c.noHost) lines.push(`Host: ${host}`)
  for (const [name, value] of c.headers) lines.push(`${name}: ${value}`)
  const body =
    c.body === undefined
      ? undefined
      : typeof c.body === 'string'
        ? Buffer.from(c.body, 'utf8')
        : Buffer.from(c.body)
  if (
    body &&
    c.contentLength !== false &&
    !names.has('content-length') &&
    !names.has('transfer-encoding')
  ) {
    lines.push(`Content-Length: ${body.length}`)
  }
  const head = Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'utf8')
  return body ? Buffer.concat([head, body]) : head
}

type Head = { status: number; headers: [string, string][]; headerEnd: number }

const parseHead = (buffer: Buffer): Head | undefined => {
  const end = buffer.indexOf('\r\n\r\n')
  if (end < 0) return undefined
  const [statusLine = '', ...lines] = buffer.subarray(0, end).toString('latin1').split('\r\n')
  const status = Number(/^HTTP\/\d(?:\.\d)? (\d{3})/.exec(statusLine)?.[1] ?? NaN)
  const headers = lines.map((line): [string, string] => {
    const colon = line.indexOf(':')
    return [line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()]
  })
  return { status, headers, headerEnd: end + 4 }
}

/** Reads a chunked body as it arrives, keeping the first KEEP_BYTES of its data. */
class Chunked {
  private state: 'size' | 'data' | 'data-end' | 'trailer' | 'done' = 'size'
  private line = ''
  private left = 0
  readonly kept: Buffer[] = []
  keptBytes = 0
  broken = false

  get done() {
    return this.state === 'done' || this.broken
  }

  feed(chunk: Buffer) {
    let i = 0
    while (i < chunk.length && !this.done) {
      if (this.state === 'data') {
        const take = Math.min(this.left, chunk.length - i)
        if (this.keptBytes < KEEP_BYTES) {
          this.kept.push(chunk.subarray(i, i + take))
          this.keptBytes += take
        }
        this.left -= take
        i += take
        if (this.left === 0) this.state = 'data-end'
        continue
      }
      const byte = chunk[i++]!
      if (byte !== 0x0a) {
        if (byte !== 0x0d) this.line += String.fromCharCode(byte)
        if (this.line.length > 4096) this.broken = true
        continue
      }
      const line = this.line
      this.line = ''
      if (this.state === 'data-end') {
        this.state = 'size'
      } else if (this.state === 'size') {
        const size = Number.parseInt(line.split(';')[0]!.trim(), 16)
        if (!Number.isFinite(size) || size < 0) this.broken = true
        else if (size === 0) this.state = 'trailer'
        else {
          this.left = size
          this.state = 'data'
        }
      } else if (this.state === 'trailer' && line === '') {
        this.state = 'done'
      }
    }
  }
}

const decode = (body: Buffer, encoding: string | undefined): Buffer => {
  const options = { finishFlush: zlib.constants.Z_SYNC_FLUSH }
  try {
    if (encoding === 'gzip' || encoding === 'x-gzip') return zlib.gunzipSync(body, options)
    if (encoding === 'deflate') return zlib.inflateSync(body, options)
    if (encoding === 'br')
      return zlib.brotliDecompressSync(body, {
        finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH,
      })
  } catch {
    // keep the raw bytes: the leak check still reads what it can
  }
  return body
}

/** What has been read of an answer so far. */
type Reading = {
  head?: Head
  /** The bytes before the head is complete. */
  headBuffer: Buffer
  chunked?: Chunked
  length?: number
  /** Bytes of body on the wire. */
  bytes: number
  kept: Buffer[]
  keptBytes: number
}

const complete = (r: Reading) =>
  r.head !== undefined &&
  (r.chunked ? r.chunked.done : r.length !== undefined ? r.bytes >= r.length : false)

const answerOf = (r: Reading, elapsed: () => number, incomplete = false): Answer => {
  const raw = r.chunked ? Buffer.concat(r.chunked.kept) : Buffer.concat(r.kept)
  const encoding = r.head!.headers.find(([name]) => name === 'content-encoding')?.[1]
  return {
    kind: 'answer',
    status: r.head!.status,
    headers: r.head!.headers,
    body: decode(raw, encoding?.toLowerCase()),
    bytes: r.bytes,
    ms: elapsed(),
    ...(incomplete ? { incomplete } : {}),
  }
}

/** Counts body bytes and keeps the first KEEP_BYTES (through the chunk reader when chunked). */
const readBody = (r: Reading, chunk: Buffer) => {
  r.bytes += chunk.length
  if (r.chunked) r.chunked.feed(chunk)
  else if (r.keptBytes < KEEP_BYTES) {
    r.kept.push(chunk)
    r.keptBytes += chunk.length
  }
}

/**
 * Adds bytes to the head read so far. Once it is complete: sets the head and the body's framing,
 * and returns the body bytes that came with it; undefined until then.
 */
const readHead = (r: Reading, chunk: Buffer, isHead: boolean): Buffer | undefined => {
  r.headBuffer = Buffer.concat([r.headBuffer, chunk])
  let parsed = parseHead(r.headBuffer)
  // Skip interim answers (100 Continue, 103 Early Hints).
  while (parsed && parsed.status >= 100 && parsed.status < 200 && parsed.status !== 101) {
    r.headBuffer = r.headBuffer.subarray(parsed.headerEnd)
    parsed = parseHead(r.headBuffer)
  }
  if (!parsed) return undefined
  r.head = parsed
  const header = (name: string) => parsed.headers.find(([n]) => n === name)?.[1]
  if (isHead || parsed.status === 204 || parsed.status === 304 || parsed.status === 101) {
    r.length = 0
  } else if (/chunked/i.test(header('transfer-encoding') ?? '')) {
    r.chunked = new Chunked()
  } else if (header('content-length') !== undefined) {
    r.length = Number(header('content-length'))
    if (!Number.isFinite(r.length)) r.length = undefined
  }
  const rest = r.headBuffer.subarray(parsed.headerEnd)
  r.headBuffer = Buffer.alloc(0)
  return rest
}

/** The outcome when the connection ends (or fails) before the answer is complete. */
const closedOutcome = (r: Reading, elapsed: () => number, error?: string): Outcome => {
  if (r.head) {
    // A body without framing ends with the connection.
    const framed = r.chunked !== undefined || r.length !== undefined
    return answerOf(r, elapsed, framed && !complete(r))
  }
  return { kind: 'dropped', ms: elapsed(), error: error ?? 'closed without an answer' }
}

/**
 * Writes the request in pieces, as a client streams a body: once an answer starts (an early 413),
 * the rest is not sent. A write error after that is expected; the answer is what counts.
 */
const writeRequest = (
  socket: net.Socket,
  bytes: Buffer,
  halfClose: boolean | undefined,
  state: { settled: () => boolean; answered: () => boolean },
) => {
  const PIECE = 64 * 1024
  let offset = 0
  const writeMore = () => {
    while (offset < bytes.length && !state.settled() && !state.answered()) {
      const piece = bytes.subarray(offset, offset + PIECE)
      offset += piece.length
      if (!socket.write(piece)) return void socket.once('drain', writeMore)
    }
    if (offset >= bytes.length && halfClose && !state.settled()) socket.end()
  }
  writeMore()
}

/** Sends one case to `base` (http://host:port) and waits at most `timeoutMs` for its answer. */
export const send = (base: URL, c: FuzzCase, timeoutMs: number): Promise<Outcome> =>
  new Promise((resolve) => {
    const started = performance.now()
    const elapsed = () => Math.round(performance.now() - started)
    const socket = net.connect({ host: base.hostname, port: Number(base.port) })
    const isHead = c.method.toUpperCase() === 'HEAD' && c.raw === undefined
    const reading: Reading = { headBuffer: Buffer.alloc(0), bytes: 0, kept: [], keptBytes: 0 }
    let settled = false

    const finish = (outcome: Outcome) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      socket.destroy()
      resolve(outcome)
    }
    const onBody = (chunk: Buffer) => {
      readBody(reading, chunk)
      if (complete(reading)) finish(answerOf(reading, elapsed))
    }

    const timer = setTimeout(
      () => finish({ kind: 'hang', ms: elapsed(), status: reading.head?.status }),
      timeoutMs,
    )

    socket.on('data', (chunk: Buffer) => {
      if (settled) return
      if (reading.head) return onBody(chunk)
      const rest = readHead(reading, chunk, isHead)
      if (!rest) {
        if (reading.headBuffer.length > 1024 * 1024)
          finish({ kind: 'dropped', ms: elapsed(), error: 'head too long' })
        return
      }
      if (rest.length) onBody(rest)
      else if (complete(reading)) finish(answerOf(reading, elapsed))
    })
    const closed = (error?: string) => {
      if (!settled) finish(closedOutcome(reading, elapsed, error))
    }
    socket.on('end', () => closed())
    socket.on('close', () => closed())
    socket.on('error', (error: NodeJS.ErrnoException) => closed(error.code ?? error.message))
    socket.on('connect', () =>
      writeRequest(socket, requestBytes(c, base.host), c.halfClose, {
        settled: () => settled,
        answered: () => reading.head !== undefined,
      }),
    )
  })
