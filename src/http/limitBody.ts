// A request body read up to a limit, never further: a stranger's endless upload stops at the limit
// with 413, whether it declared its length or streamed it. Used by the partner API (graphql/guard.ts)
// and the REST gate (./restGate.ts).

export const refusal = (
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
) =>
  new Response(JSON.stringify({ errors: [{ message, extensions: { code } }] }), {
    status,
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': 'no-store',
      ...headers,
    },
  })

export const describeBytes = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${bytes / (1024 * 1024)} MB` : `${bytes / 1024} KB`

export const tooLarge = (limit: number) =>
  refusal(413, 'PAYLOAD_TOO_LARGE', `The request body is larger than ${describeBytes(limit)}.`)

/**
 * A body over the limit is still read (and dropped) up to this size before the 413 goes out, so
 * that an ordinary client sees the answer rather than a connection cut while it was sending.
 */
export const DRAIN_BYTES = 16 * 1024 * 1024

/** Keeps at most `limit` bytes of a body; `null` when it is longer. */
export const readLimited = async (body: ReadableStream<Uint8Array>, limit: number) => {
  const chunks: Uint8Array[] = []
  let size = 0
  const reader = body.getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > limit) {
      if (size > Math.max(limit, DRAIN_BYTES)) {
        await reader.cancel().catch(() => {})
        return null
      }
      continue
    }
    chunks.push(value)
  }
  return size > limit ? null : Buffer.concat(chunks)
}

/**
 * The body, read within `limit`: a 413 refusal, a 400 when it cannot be read (a broken upload), or
 * the bytes. Requests without a body give an empty buffer.
 */
export const readBody = async (request: Request, limit: number): Promise<Buffer | Response> => {
  if (!request.body) return Buffer.alloc(0)
  const declared = Number(request.headers.get('content-length'))
  if (declared > Math.max(limit, DRAIN_BYTES)) return tooLarge(limit)
  const body = await readLimited(request.body, limit).catch(() => undefined)
  if (body === null) return tooLarge(limit)
  if (body === undefined) return refusal(400, 'BAD_REQUEST', 'The request body could not be read.')
  return body
}

/**
 * The same request with its body already read (so that nothing downstream reads a stream), built
 * with `RequestClass` when the reader has its own (yoga's Request keeps a Buffer as it is).
 */
export const withBody = (
  request: Request,
  body: Buffer,
  RequestClass: typeof Request = Request,
) => {
  const headers = new Headers(request.headers)
  headers.delete('transfer-encoding')
  headers.set('content-length', String(body.length))
  return new RequestClass(request.url, {
    method: request.method,
    headers,
    // A Buffer is a Uint8Array; the DOM typings only want one backed by a plain ArrayBuffer.
    body: body.length ? (body as Uint8Array<ArrayBuffer>) : undefined,
    signal: request.signal,
  })
}
