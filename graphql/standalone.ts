// `npm run start:api`: the partner API on its own (no admin, no Next), for read replicas behind a
// load balancer: /healthz and /readyz for it (src/ops/health.ts: database and migrations), one log
// line per request (src/ops/log.ts). Stops cleanly on Ctrl-C / SIGTERM.
import { setTimeout as sleep } from 'node:timers/promises'
import { createServerAdapter } from '@whatwg-node/server'
import { createServer } from 'node:http'
import { getHeapStatistics } from 'node:v8'

import { checkEnv } from '../src/env'
import { recordPeer } from '../src/auth/clientAddress'
import { closeCounterPool } from '../src/db/rateLimits'
import { createHealth } from '../src/ops/health'
import { trackConnections } from '../src/http/connections'
import { refuseMalformed } from '../src/http/gate'
import { logEvent, logStop, serveLogged, whenOutputGone } from '../src/ops/log'
import { readPublicRules } from '../src/access/publicRules'
import { closePartnerPool, partnerDatabaseUrl, partnerPool } from './db'
import { createPartnerHandler } from './server'
import { verifyPartnerSqlAtStart } from './sql/check'

// Needs DATABASE_URL; PAYLOAD_SECRET only to accept the admin's previews.
const { PORT = 4000, HOST, DATABASE_URL = '', STOP_DRAIN_SECONDS } = checkEnv('api')

// The heap's ceiling (PARTNER_API_HEAP_MB, given to Node by src/cli/startApi.ts), said where operators look.
const heapLimitMb = Math.round(getHeapStatistics().heap_size_limit / 2 ** 20)
logEvent('info', 'start', `Starting the partner API (JavaScript heap up to ${heapLimitMb} MB)`, {
  pid: process.pid,
  heapLimitMb,
})

// Database reachable and migrations current (no job runner here: the hub runs scheduled publishing).
// The database it reads: a replica when PARTNER_DATABASE_URL names one.
const health = createHealth({ databaseUrl: partnerDatabaseUrl() ?? DATABASE_URL })
// Every statement the API can send is planned against the database before the first is served.
await verifyPartnerSqlAtStart(partnerPool(), readPublicRules(), logEvent)
const { handle, close } = createPartnerHandler()
const adapter = createServerAdapter(handle)
const METHODS = new Set(['GET', 'HEAD', 'POST', 'OPTIONS'])
const server = createServer((req, res) =>
  serveLogged(req, res, () => {
    if (refuseMalformed(req, res, METHODS) || health.serve(req, res)) return
    // Budgets count per client address, taken from the right of X-Forwarded-For.
    recordPeer(req)
    void adapter(req, res)
  }),
)
server.listen(PORT, HOST, () => {
  const url = `http://${HOST}:${PORT}/graphql`
  logEvent('info', 'ready', `Partner API at ${url} (GraphiQL in a browser)`, { url })
})

const connections = trackConnections(server)
/** How long requests in flight may finish when the server is asked to stop. */
const STOP_GRACE_MS = 10_000
let stopping = false
const stop = (signal: NodeJS.Signals) => {
  if (stopping) return
  stopping = true
  health.stopping()
  logStop(signal, STOP_DRAIN_SECONDS)
  // Behind a load balancer, it serves on until the balancer has seen /readyz fail and taken it out.
  setTimeout(shutDown, STOP_DRAIN_SECONDS * 1000)
}
const shutDown = () => {
  const exit = () => process.exit(0)
  server.close(
    () =>
      void Promise.race([
        Promise.all([closePartnerPool(), closeCounterPool(), health.close(), close()]),
        sleep(5000),
      ]).then(exit),
  )
  connections.drain()
  setTimeout(() => connections.closeAll(), STOP_GRACE_MS).unref()
  setTimeout(exit, STOP_GRACE_MS + 6000).unref()
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
whenOutputGone(() => stop('SIGPIPE'))
