// The hub's HTTP server: Next (admin, REST, the partner API's route) behind a small gate. `next start`
// and `next dev` answer 500 to a few malformed requests before any route of ours runs (the TRACE
// method, an `OPTIONS *` or absolute-form request target, a path that is not valid percent-encoding);
// here those get 405 or 400 first.
//   node --import tsx src/cli/serve.ts [--dev]     (HOST, PORT from the environment)
//
// Past the gate (src/http/gate.ts) it answers /healthz and /readyz (src/ops/health.ts) without
// asking Next, and writes one log line per request (src/ops/log.ts).
import { setTimeout as sleep } from 'node:timers/promises'
import { getRequestListener } from '@hono/node-server'
import { createServerAdapter } from '@whatwg-node/server'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { parseArgs } from 'node:util'
import { getHeapStatistics } from 'node:v8'
import next from 'next'

import { checkEnv, sessionDatabaseUrl } from '../env'
import { createHealth } from '../ops/health'
import { startJobRunner } from '../ops/jobs'
import { trackConnections } from '../http/connections'
import { refuseMalformed } from '../http/gate'
import { gateRest, isRestPath } from '../http/restGate'
import { clientAddress, recordPeer } from '../auth/clientAddress'
import { closeCounterPool } from '../db/rateLimits'
import { logEvent, logStop, serveLogged, whenOutputGone } from '../ops/log'
import { startWebhookWorker } from '../webhooks/worker'
import { startCdnPurge } from '../ops/cdnPurge'
import { readPublicRules } from '../access/publicRules'
import { partnerPool } from '../../graphql/db'
import { randomBytes } from 'node:crypto'
import { createPartnerHandler } from '../../graphql/server'
import { INTERNAL_HEADER, VISITOR_HEADER } from '../../graphql/keys'
import { verifyPartnerSqlAtStart } from '../../graphql/sql/check'
import { createSite, isSitePath } from '../../site/app'
import { renderEdition } from '../../site/email/edition'
import { createHub } from '../../site/hub'
import { NewsletterQuery } from '../../site/queries'
import { counterPool } from '../db/rateLimits'
import { mailFrom, mailTransport } from '../mail/transport'
import { PERSONAL_PLACEHOLDERS, startSender } from '../newsletters/sender'

/** Whether --enable-source-maps was given (on the command line or in NODE_OPTIONS). */
const sourceMapsAsked = () =>
  [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)].includes(
    '--enable-source-maps',
  )

/** How long requests in flight may finish when the server is asked to stop. */
const STOP_GRACE_MS = 10_000

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'])

const { values } = parseArgs({ options: { dev: { type: 'boolean', default: false } } })
const env = checkEnv('hub')
const { PORT = 3000, HOST } = env

const mode = values.dev ? 'development' : 'production'
// tsx, which runs this file, turns Node's source maps on, and Node then keeps the map of every
// chunk Next loads, with its sources (about 120 MB of a hub at rest, more as routes load). `next
// start` leaves them off in production; so does the hub, unless asked with --enable-source-maps.
const sourceMaps = mode === 'development' || sourceMapsAsked()
if (!sourceMaps) process.setSourceMapsEnabled(false)
// The heap's ceiling (HUB_HEAP_MB, given to Node by src/cli/hubArgs.ts), said where operators look.
const heapLimitMb = Math.round(getHeapStatistics().heap_size_limit / 2 ** 20)
logEvent(
  'info',
  'start',
  `Starting the hub (${mode}; JavaScript heap up to ${heapLimitMb} MB, source maps ${sourceMaps ? 'on' : 'off'})`,
  { mode, pid: process.pid, heapLimitMb, sourceMaps },
)

const runJobs = env.HUB_RUN_JOBS !== 'false'
// Scheduled publishing: Payload's job runner, in an instance of its own (src/ops/jobs.ts). The
// config is loaded here only when this process runs jobs.
const jobRunner = runJobs
  ? startJobRunner(
      import('../../payload.config').then((module) => module.default),
      (error) =>
        logEvent(
          'warn',
          'job-runner',
          `Payload's job runner could not start yet: ${error.message}`,
          {
            error: error.message,
          },
        ),
    )
  : undefined
const health = createHealth({
  databaseUrl: env.DATABASE_URL,
  // A pushed scratch database has no migrations to compare.
  migrations: env.PAYLOAD_DB_PUSH === 'true' ? { skip: 'PAYLOAD_DB_PUSH=true' } : true,
  jobs: jobRunner ? { timers: jobRunner.timers } : undefined,
  // The AWS SDK is loaded only by hubs whose files are in a bucket.
  storage: env.S3_BUCKET ? (await import('../ops/bucket')).bucketHealth(env.S3_BUCKET) : undefined,
})

// Webhook deliveries are sent by the process that runs jobs (src/webhooks/worker.ts): it needs no
// Payload, only the database, so it starts with the process rather than with Payload's runner.
const sessionUrl = sessionDatabaseUrl()
const webhooks =
  runJobs && sessionUrl
    ? startWebhookWorker({ databaseUrl: sessionUrl, payloadSecret: env.PAYLOAD_SECRET ?? '' })
    : undefined
// So are the newsletter's editions (src/newsletters/sender.ts): rendered from this hub's partner API
// as the site shows them (site/email/edition.ts), one hub sending at a time.
const siteAddress = () => env.SITE_URL ?? env.SERVER_URL?.replace(/\/$/, '') ?? selfUrl('')
// Started once this server listens: editions are read from its own partner API.
const sendsNewsletters = (env.NEWSLETTER_SENDING ?? (runJobs ? 'true' : 'false')) === 'true'
let newsletters: ReturnType<typeof startSender> | undefined
const startNewsletters = () => {
  newsletters =
    sendsNewsletters && sessionUrl
      ? startSender({
          pool: counterPool(),
          sessionUrl,
          rate: env.NEWSLETTER_RATE,
          get siteUrl() {
            return siteAddress()
          },
          render: async (editionId, locale) => {
            const { rows } = await counterPool().query<{ slug: string }>(
              'SELECT slug FROM newsletters WHERE id = $1',
              [editionId],
            )
            const hub = createHub(env.HUB_GRAPHQL_URL ?? selfUrl('/graphql'), undefined, {
              [INTERNAL_HEADER]: SITE_MARK,
            })
            const data = await hub.query(NewsletterQuery, {
              locale: locale.toUpperCase() as 'EN',
              fallback: ['EN'],
              slug: rows[0]?.slug ?? '',
            })
            if (!data.newsletter) throw new Error(`Edition ${editionId} is not published.`)
            return renderEdition(data.newsletter, locale, {
              siteUrl: siteAddress(),
              ...PERSONAL_PLACEHOLDERS,
            })
          },
          deliver: ({ messageId, ...message }) =>
            mailTransport().sendMail({ ...message, from: mailFrom(), messageId }),
          onEvent: (level, text, fields) => logEvent(level, 'newsletter', text, fields),
        })
      : undefined
}
// So are CDN purges, when a CDN is configured (src/ops/cdnPurge.ts): one process, one purge.
const cdnPurge =
  runJobs && sessionUrl && env.CDN_PURGE_URL
    ? startCdnPurge(sessionUrl, {
        url: env.CDN_PURGE_URL,
        authHeader: env.CDN_PURGE_AUTH_HEADER,
        auth: env.CDN_PURGE_AUTH,
      })
    : undefined

// Its own instance, not the Next routes' (src/app/(partner)/partnerHandler.ts): that one lives in
// Next's bundle, whose Request objects this one cannot read, and the other way round. Next's
// routes only answer what reaches them past this check, e.g. under `next dev` run directly.
let partnerApi: ReturnType<typeof createPartnerHandler> | undefined
// The site below reads it as the Alliance, with no budget limit: marked with a secret of this process.
const SITE_MARK = randomBytes(32).toString('base64url')
const partner = createServerAdapter((request: Request) =>
  (partnerApi ??= createPartnerHandler({ compress: false, internalToken: SITE_MARK })).handle(
    request,
  ),
)
/** The path as routers see it (`/graphql/../graphql` is `/graphql`). */
const isPartnerPath = (url = '') => {
  try {
    const { pathname } = new URL(url, 'http://hub.internal')
    return pathname === '/graphql' || pathname.startsWith('/bundle/')
  } catch {
    return false
  }
}

// The Alliance's site (site/) at /, reading this hub's partner API over HTTP like any partner. Made
// at the first request, when this server knows its own address.
let site: ReturnType<typeof getRequestListener> | undefined
const siteFor = () =>
  (site ??= getRequestListener(
    createSite({
      graphqlUrl: env.HUB_GRAPHQL_URL ?? selfUrl('/graphql'),
      siteUrl: env.SITE_URL ?? env.SERVER_URL?.replace(/\/$/, ''),
      hubUrl: '',
      headers: env.HUB_GRAPHQL_URL
        ? env.HUB_API_KEY
          ? { authorization: `Bearer ${env.HUB_API_KEY}` }
          : undefined
        : { [INTERNAL_HEADER]: SITE_MARK },
      // Sign-ups on the site count against each reader, as the hub sees them (TRUSTED_PROXIES).
      visitorHeaders: env.HUB_GRAPHQL_URL
        ? undefined
        : (request) => ({ [VISITOR_HEADER]: clientAddress(request.headers, env.TRUSTED_PROXIES) }),
      onError: (error, path) =>
        logEvent('error', 'site', `The site could not answer ${path}: ${error.message}`, { path }),
    }).fetch,
  ))
const pathOf = (url = '') => {
  try {
    return new URL(url, 'http://hub.internal').pathname
  } catch {
    return ''
  }
}

// The partner API's statements are planned against the database before anything is served.
if (env.DATABASE_URL) await verifyPartnerSqlAtStart(partnerPool(), readPublicRules(), logEvent)

const app = next({ dev: values.dev, hostname: HOST, port: PORT, dir: process.cwd() })
const handle = app.getRequestHandler()
await app.prepare()

const server = createServer((req, res) =>
  serveLogged(req, res, () => {
    if (refuseMalformed(req, res, METHODS) || health.serve(req, res)) return
    // The sign-in throttle and the partner API's budgets count from the right of X-Forwarded-For
    // (src/auth/clientAddress.ts): the last entry must be the peer this server saw, not whatever a
    // client wrote (Next only fills the header in when it is missing).
    recordPeer(req)
    // The partner API is answered here, before Next's router, which cost it a third of its
    // throughput; bundles too, which Next would send chunked, without Content-Length. The same
    // instance as Next's own /graphql and /bundle routes (one per process), which remain for
    // `next dev` and `next start` run directly.
    if (isPartnerPath(req.url)) return void partner(req, res)
    if (isSitePath(pathOf(req.url))) return void siteFor()(req, res)
    // Payload's REST API and editors' GraphQL: through their gate (body limits, turns for saves).
    const path = pathOf(req.url)
    if (isRestPath(path))
      return void gateRest(req, res, path, (request) => void handle(request, res))
    void handle(req, res)
  }),
)

/** This server's own address, for asking itself (a wildcard address is reached on loopback). */
const selfUrl = (path: string) => {
  const { address, family, port } = server.address() as AddressInfo
  const host =
    address === '0.0.0.0'
      ? '127.0.0.1'
      : address === '::'
        ? '[::1]'
        : family === 'IPv6'
          ? `[${address}]`
          : address
  return `http://${host}:${port}${path}`
}

server.listen(PORT, HOST, () => {
  startNewsletters()
  const url = `http://${HOST}:${PORT}`
  logEvent('info', 'ready', `Ready on ${url} (${mode})`, { url, mode })
})

const connections = trackConnections(server)

let stopping = false
const stop = (signal: NodeJS.Signals) => {
  // A signal to the process group of `npm start` reaches this process twice (directly, and passed
  // on by the launcher): one stop.
  if (stopping) return
  stopping = true
  health.stopping()
  logStop(signal, env.STOP_DRAIN_SECONDS)
  // Behind a load balancer, it serves on until the balancer has seen /readyz fail and taken it out.
  setTimeout(shutDown, env.STOP_DRAIN_SECONDS * 1000)
}
const shutDown = () => {
  const exit = () => process.exit(0)
  // A request to a webhook cut off here is sent again by the next worker, with the same webhook-id.
  server.close(
    () =>
      void Promise.race([
        Promise.all([
          health.close(),
          webhooks?.stop(1500),
          cdnPurge?.close(),
          partnerApi?.close(),
          closeCounterPool(),
          jobRunner?.stop(),
          newsletters?.stop(),
        ]),
        sleep(2000),
      ]).then(exit),
  )
  // Requests in flight (an upload, a publish) get a few seconds to finish; idle connections would
  // only hold close() open.
  connections.drain()
  setTimeout(() => {
    const cut = connections.closeAll()
    if (cut)
      logEvent(
        'warn',
        'stop',
        `${cut} request(s) unfinished after ${STOP_GRACE_MS / 1000} s: cut off`,
      )
  }, STOP_GRACE_MS).unref()
  // Whatever else holds the process (a native watcher of the development server), it ends.
  setTimeout(exit, STOP_GRACE_MS + 3000).unref()
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
whenOutputGone(() => stop('SIGPIPE'))
