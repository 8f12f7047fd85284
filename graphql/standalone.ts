// `npm run start:api`: the partner API on its own (no admin, no Next), for read replicas behind a
// load balancer: /healthz and /readyz for it (src/ops/health.ts: database and migrations), one log
// line per request (src/ops/log.ts). Stops cleanly on Ctrl-C / SIGTERM.
import { createServerAdapter } from '@whatwg-node/server'
import { createServer } from 'node:http'
import { z } from 'zod'

import { createHealth } from '../src/ops/health'
import { logEvent, logRequest, requestIdFrom } from '../src/ops/log'
import { countStatements } from '../src/ops/sqlCount'
import { closePartnerPool } from './db'
import { createPartnerHandler } from './server'

const { PORT, HOST, DATABASE_URL } = z
  .object({
    PORT: z.coerce.number().int().min(1).max(65535).default(4000),
    HOST: z.string().default('127.0.0.1'),
    DATABASE_URL: z.string({ error: 'is required: the partner API reads the hub’s database' }),
  })
  .parse(process.env)

logEvent('info', 'start', 'Starting the partner API', { pid: process.pid })

// Database reachable and migrations current (no job runner here: the hub runs scheduled publishing).
const health = createHealth({ databaseUrl: DATABASE_URL })
const { handle } = createPartnerHandler()
const adapter = createServerAdapter(handle)
const server = createServer((req, res) => {
  const started = performance.now()
  const requestId = requestIdFrom(req.headers['x-request-id'])
  req.headers['x-request-id'] = requestId
  res.setHeader('X-Request-Id', requestId)
  // The statements this request sends through the partner API's pool (or the readiness checks').
  const counter = countStatements(() => {
    if (health.serve(req, res)) return
    // An absolute-form or `*` request target cannot become a URL here: refused before the adapter,
    // which would answer 500 with its stack.
    if (!req.url?.startsWith('/')) {
      res.writeHead(400, { 'Content-Type': 'application/json', Connection: 'close' })
      res.end(
        JSON.stringify({
          errors: [{ message: 'Bad request target.', extensions: { code: 'BAD_REQUEST' } }],
        }),
      )
      return
    }
    void adapter(req, res)
  })
  // 'close' follows 'finish', and also comes alone when the client goes away first.
  res.once('close', () =>
    logRequest({
      requestId,
      method: req.method ?? '',
      url: req.url,
      status: res.statusCode,
      durationMs: performance.now() - started,
      sqlStatements: counter.statements,
      aborted: !res.writableFinished,
    }),
  )
})
server.listen(PORT, HOST, () => {
  const url = `http://${HOST}:${PORT}/graphql`
  logEvent('info', 'ready', `Partner API at ${url} (GraphiQL in a browser)`, { url })
})

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const stop = (signal: NodeJS.Signals) => {
  logEvent('info', 'stop', `Stopping (${signal})`, { signal })
  health.stopping()
  server.close(
    () =>
      void Promise.race([Promise.all([closePartnerPool(), health.close()]), sleep(5000)]).then(() =>
        process.exit(0),
      ),
  )
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
