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

/** Sends one case to `base` (http://host:port) and waits at most `timeoutMs` for its answer. */
export const send = (base: URL, c: FuzzCase, timeoutMs: number): Promise<Outcome> =>
  new Promise((resolve) => {
    const started = performance.now()
    const elapsed = () => Math.round(performance.now() - started)
    const socket = net.connect({ host: base.hostname, port: Number(base.port) })
    const isHead = c.method.toUpperCase() === 'HEAD' && c.raw === undefined
    let head: Head | undefined
    let headBuffer = Buffer.alloc(0)
    let chunked: Chunked | undefined
    let length: number | undefined
    let bytes = 0
    const kept: Buffer[] = []
    let keptBytes = 0
    let settled = false

    const finish = (outcome: Outcome) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      socket.destroy()
      resolve(outcome)
    }
    const answer = (incomplete = false): Answer => {
      const raw = chunked ? Buffer.concat(chunked.kept) : Buffer.concat(kept)
      const encoding = head!.headers.find(([name]) => name === 'content-encoding')?.[1]
      return {
        kind: 'answer',
        status: head!.status,
        headers: head!.headers,
        body: decode(raw, encoding?.toLowerCase()),
        bytes,
        ms: elapsed(),
        ...(incomplete ? { incomplete } : {}),
      }
    }
    const complete = () =>
      head !== undefined &&
      (chunked ? chunked.done : length !== undefined ? bytes >= length : false)

    const onBody = (chunk: Buffer) => {
      bytes += chunk.length
      if (chunked) chunked.feed(chunk)
      else if (keptBytes < KEEP_BYTES) {
        kept.push(chunk)
        keptBytes += chunk.length
      }
      if (complete()) finish(answer())
    }

    const timer = setTimeout(
      () => finish({ kind: 'hang', ms: elapsed(), status: head?.status }),
      timeoutMs,
    )

    socket.on('data', (chunk: Buffer) => {
      if (settled) return
      if (head) return onBody(chunk)
      headBuffer = Buffer.concat([headBuffer, chunk])
      let parsed = parseHead(headBuffer)
      // Skip interim answers (100 Continue, 103 Early Hints).
      while (parsed && parsed.status >= 100 && parsed.status < 200 && parsed.status !== 101) {
        headBuffer = headBuffer.subarray(parsed.headerEnd)
        parsed = parseHead(headBuffer)
      }
      if (!parsed) {
        if (headBuffer.length > 1024 * 1024)
          finish({ kind: 'dropped', ms: elapsed(), error: 'head too long' })
        return
      }
      head = parsed
      const header = (name: string) => parsed.headers.find(([n]) => n === name)?.[1]
      if (isHead || parsed.status === 204 || parsed.status === 304 || parsed.status === 101) {
        length = 0
      } else if (/chunked/i.test(header('transfer-encoding') ?? '')) {
        chunked = new Chunked()
      } else if (header('content-length') !== undefined) {
        length = Number(header('content-length'))
        if (!Number.isFinite(length)) length = undefined
      }
      const rest = headBuffer.subarray(parsed.headerEnd)
      headBuffer = Buffer.alloc(0)
      if (rest.length) onBody(rest)
      else if (complete()) finish(answer())
    })
    const closed = (error?: string) => {
      if (settled) return
      if (head) {
        // A body without framing ends with the connection.
        const framed = chunked !== undefined || length !== undefined
        finish(answer(framed && !complete()))
      } else {
        finish({ kind: 'dropped', ms: elapsed(), error: error ?? 'closed without an answer' })
      }
    }
    socket.on('end', () => closed())
    socket.on('close', () => closed())
    socket.on('error', (error: NodeJS.ErrnoException) => closed(error.code ?? error.message))
    socket.on('connect', () => {
      // Written in pieces, as a client streams a body: once an answer starts (an early 413), the
      // rest is not sent. A write error after that is expected; the answer is what counts.
      const bytes = requestBytes(c, base.host)
      const PIECE = 64 * 1024
      let offset = 0
      const writeMore = () => {
        while (offset < bytes.length && !settled && !head) {
          const piece = bytes.subarray(offset, offset + PIECE)
          offset += piece.length
          if (!socket.write(piece)) return void socket.once('drain', writeMore)
        }
        if (offset >= bytes.length && c.halfClose && !settled) socket.end()
      }
      writeMore()
    })
  })
