// What the partner API checks before yoga sees a request: the method, the body's size, and the
// nesting of its JSON. Each of these once reached a 500 (a parser or coercion overflowing its stack,
// a method yoga did not expect), and a body of any size was read whole. Refusals are GraphQL-shaped
// JSON with a code, so partners' clients show them like any other error.
import { readBody, refusal, withBody } from '../src/http/limitBody'

/** The largest body a partner query needs (a big query with variables is a few KB). */
export const MAX_BODY_BYTES = 64 * 1024
/** Deeper JSON than any real variables need; well below where parsers overflow. */
export const MAX_JSON_DEPTH = 64
/** `[`, `{` and `(` nested in a query's text: list and object literals, selections, arguments. */
export const MAX_QUERY_NESTING = 64

const ALLOWED_METHODS = ['GET', 'HEAD', 'POST', 'OPTIONS']

export { refusal }

/** The text of each guarded POST's body, as read once here (graphql/shortcuts.ts keys on it). */
export const bodyTextOf = new WeakMap<Request, string>()

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
 * nothing downstream reads an unbounded stream), rebuilt with `RequestClass` (yoga's).
 */
export const guardRequest = async (
  request: Request,
  RequestClass?: typeof Request,
): Promise<Request | Response> => {
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
  const encoding = request.headers.get('content-encoding')
  if (encoding && encoding.toLowerCase() !== 'identity') {
    return refusal(415, 'UNSUPPORTED_MEDIA_TYPE', 'Compressed request bodies are not accepted.')
  }
  const body = await readBody(request, MAX_BODY_BYTES)
  if (body instanceof Response) return body
  const text = body.toString('utf8')
  if (nestingDepth(text) > MAX_JSON_DEPTH) return tooDeep('The request body')
  // yoga's own message for broken JSON repeats the parser's error, body excerpt included.
  if (request.headers.get('content-type')?.includes('json')) {
    try {
      JSON.parse(text)
    } catch {
      return refusal(400, 'BAD_REQUEST', 'The request body is not valid JSON.')
    }
  }
  const guarded = withBody(request, body, RequestClass)
  bodyTextOf.set(guarded, text)
  return guarded
}
