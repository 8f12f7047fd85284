// What the partner API checks before yoga sees a request: the method, the body's size, and the
// nesting of its JSON. Each of these once reached a 500 (a parser or coercion overflowing its stack,
// a method yoga did not expect), and a body of any size was read whole. Refusals are GraphQL-shaped
// JSON with a code, so partners' clients show them like any other error.

/** The largest body a partner query needs (a big query with variables is a few KB). */
export const MAX_BODY_BYTES = 64 * 1024
/** Deeper JSON than any real variables need; well below where parsers overflow. */
export const MAX_JSON_DEPTH = 64
/** `[`, `{` and `(` nested in a query's text: list and object literals, selections, arguments. */
export const MAX_QUERY_NESTING = 64

const ALLOWED_METHODS = ['GET', 'HEAD', 'POST', 'OPTIONS']

export const refusal = (status: number, code: string, message: string, headers = {}) =>
  new Response(JSON.stringify({ errors: [{ message, extensions: { code } }] }), {
    status,
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': 'no-store',
      ...headers,
    },
  })

/** Deepest nesting of `[`/`{` outside strings in JSON text (or `(` too, for GraphQL text). */
export const nestingDepth = (text: string, openers = '[{', closers = ']}') => {
  let depth = 0
  let max = 0
  let inString: string | null = null
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (inString) {
      if (c === '\\') i++
      else if (c === inString) inString = null
    } else if (c === '"') inString = c
    else if (c === '#' && openers.includes('(')) {
      // a GraphQL comment runs to the end of its line
      while (i < text.length && text[i] !== '\n') i++
    } else if (openers.includes(c)) {
      if (++depth > max) max = depth
    } else if (closers.includes(c)) depth--
  }
  return max
}

/** Reads at most `limit` bytes of a body; `null` when it is longer. */
const readLimited = async (body: ReadableStream<Uint8Array>, limit: number) => {
  const chunks: Uint8Array[] = []
  let size = 0
  const reader = body.getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > limit) {
      await reader.cancel().catch(() => {})
      return null
    }
    chunks.push(value)
  }
  return Buffer.concat(chunks)
}

const tooLarge = () =>
  refusal(413, 'PAYLOAD_TOO_LARGE', `The request body is larger than ${MAX_BODY_BYTES / 1024} KB.`)

const tooDeep = (what: string) =>
  refusal(400, 'BAD_REQUEST', `${what} is nested more than ${MAX_JSON_DEPTH} levels deep.`)

const checkJsonParam = (name: string, value: string | null) => {
  if (value === null || value === '') return null
  try {
    JSON.parse(value)
  } catch {
    return refusal(400, 'BAD_REQUEST', `The \`${name}\` parameter is not valid JSON.`)
  }
  return nestingDepth(value) > MAX_JSON_DEPTH ? tooDeep(`The \`${name}\` parameter`) : null
}

/**
 * Either a refusal, or the request to hand to yoga (with its body read, within the limit, so that
 * nothing downstream reads an unbounded stream).
 */
export const guardRequest = async (request: Request): Promise<Request | Response> => {
  if (!ALLOWED_METHODS.includes(request.method)) {
    return refusal(
      405,
      'METHOD_NOT_ALLOWED',
      `${request.method} is not supported: use GET or POST.`,
      {
        Allow: ALLOWED_METHODS.join(', '),
      },
    )
  }
  if (request.method === 'GET' || request.method === 'HEAD') {
    const search = new URL(request.url).searchParams
    for (const name of ['variables', 'extensions']) {
      const refused = checkJsonParam(name, search.get(name))
      if (refused) return refused
    }
    return request
  }
  if (request.method !== 'POST' || !request.body) return request
  const declared = Number(request.headers.get('content-length'))
  if (declared > MAX_BODY_BYTES) return tooLarge()
  const body = await readLimited(request.body, MAX_BODY_BYTES).catch(() => undefined)
  if (body === null) return tooLarge()
  if (body === undefined) return refusal(400, 'BAD_REQUEST', 'The request body could not be read.')
  if (nestingDepth(body.toString('utf8')) > MAX_JSON_DEPTH) return tooDeep('The request body')
  const headers = new Headers(request.headers)
  headers.delete('content-length')
  headers.delete('transfer-encoding')
  return new Request(request.url, { method: 'POST', headers, body })
}
