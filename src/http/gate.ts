// What both of the project's HTTP servers (the hub's src/cli/serve.ts, the partner API's
// graphql/standalone.ts) refuse before handing a request on: requests their frameworks would answer
// with 500 (and, for the adapter behind start:api, with its stack) — an odd method, a request target
// that is not a path (`OPTIONS *`, absolute form), a path that is not valid percent-encoding.
import type { IncomingMessage, ServerResponse } from 'node:http'

const refuse = (res: ServerResponse, status: number, message: string, headers = {}) => {
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'close',
    ...headers,
  })
  res.end(JSON.stringify({ errors: [{ message }] }))
}

/** True when the request was refused (and answered) here. */
export const refuseMalformed = (
  req: IncomingMessage,
  res: ServerResponse,
  methods: ReadonlySet<string>,
): boolean => {
  if (!methods.has(req.method ?? '')) {
    refuse(res, 405, `${req.method} is not supported.`, { Allow: [...methods].join(', ') })
    return true
  }
  if (!req.url?.startsWith('/')) {
    refuse(res, 400, 'Bad request target.')
    return true
  }
  try {
    decodeURIComponent(req.url.split('?')[0]!)
  } catch {
    refuse(res, 400, 'The address is not valid percent-encoding.')
    return true
  }
  return false
}
