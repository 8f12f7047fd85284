// The hub's HTTP server: Next (admin, REST, the partner API's route) behind a small gate. `next start`
// and `next dev` answer 500 to a few malformed requests before any route of ours runs (the TRACE
// method, an `OPTIONS *` or absolute-form request target, a path that is not valid percent-encoding);
// here those get 405 or 400 first.
//   node --import tsx src/cli/serve.ts [--dev]     (HOST, PORT from the environment)
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { parseArgs } from 'node:util'
import next from 'next'
import { z } from 'zod'

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'])

const { values } = parseArgs({ options: { dev: { type: 'boolean', default: false } } })
const { PORT, HOST } = z
  .object({
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    HOST: z.string().default('127.0.0.1'),
  })
  .parse(process.env)

const refuse = (res: ServerResponse, status: number, message: string, headers = {}) => {
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'close',
    ...headers,
  })
  res.end(JSON.stringify({ errors: [{ message }] }))
}

/** The gate: a request Next would answer with 500 is answered here instead. */
export const gate = (req: IncomingMessage, res: ServerResponse): boolean => {
  if (!METHODS.has(req.method ?? '')) {
    refuse(res, 405, `${req.method} is not supported.`, { Allow: [...METHODS].join(', ') })
    return false
  }
  if (!req.url?.startsWith('/')) {
    refuse(res, 400, 'Bad request target.')
    return false
  }
  try {
    decodeURIComponent(req.url.split('?')[0]!)
  } catch {
    refuse(res, 400, 'The address is not valid percent-encoding.')
    return false
  }
  return true
}

const app = next({ dev: values.dev, hostname: HOST, port: PORT, dir: process.cwd() })
const handle = app.getRequestHandler()
await app.prepare()

const server = createServer((req, res) => {
  if (gate(req, res)) void handle(req, res)
})
server.listen(PORT, HOST, () => {
  console.log(`Ready on http://${HOST}:${PORT} (${values.dev ? 'development' : 'production'})`)
})

const stop = () => {
  server.close(() => process.exit(0))
  // Keep-alive connections would hold close() open: a stopping server does not wait for them.
  server.closeAllConnections()
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
