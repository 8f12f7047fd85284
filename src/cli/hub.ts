// `npm start`: the whole hub on this machine. Starts PostgreSQL (embedded unless DATABASE_URL is
// set), applies migrations, seeds the real records once, then serves admin, REST and GraphQL.
// `npm start -- --production` serves the production build (`npm run build` first).
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { parseArgs } from 'node:util'

import { isLoopbackHost, localServerUrl } from '../auth/serverUrl'
import { env as configured } from '../env'
import { hubServeArgs } from './hubArgs'
import { localSetupOrExit } from './localDatabase'
import { type Env, run } from './run'

const { values } = parseArgs({ options: { production: { type: 'boolean', default: false } } })
// Every variable checked before anything starts: a bad value stops here, naming itself.
const { PORT = 3000, HOST } = configured

// A production server needs its public address (next.config.mjs refuses to start without it). A hub
// on a loopback address is reached only at http://HOST:PORT, so it says so itself; anywhere else
// only the operator knows the address people use (a proxy, https, a domain).
let serverUrl = configured.SERVER_URL
if (values.production && !serverUrl) {
  if (!isLoopbackHost(HOST)) {
    console.error(
      `SERVER_URL is not set. A production hub listening on ${HOST} must be told the address people reach it at, e.g. SERVER_URL=https://hub.example.org npm start -- --production (only a hub on 127.0.0.1, ::1 or localhost sets it itself).`,
    )
    process.exit(2)
  }
  serverUrl = localServerUrl(HOST, PORT)
}

const { secret, db } = await localSetupOrExit()
const env: Env = {
  ...process.env,
  DATABASE_URL: db.url,
  PAYLOAD_SECRET: secret,
  NEXT_TELEMETRY_DISABLED: '1',
  ...(serverUrl ? { SERVER_URL: serverUrl } : {}),
}

const step = async (label: string, command: string, args: string[], extraEnv: Env = {}) => {
  console.log(`\n▶ ${label}`)
  const code = await run(command, args, { ...env, ...extraEnv })
  if (code !== 0) {
    console.error(`✖ ${label} failed (exit ${code}).`)
    await db.stop()
    process.exit(code)
  }
}

await step('Applying database migrations', process.execPath, [
  '--import',
  'tsx',
  'src/cli/migrate.ts',
])
await step('Seeding the Alliance’s records (first run only)', process.execPath, [
  '--import',
  'tsx',
  'seed/run.ts',
  '--if-empty',
])

// Next runs as our direct child (not through npx) so that Ctrl-C and SIGTERM reach it at once.
const nextBin = createRequire(import.meta.url).resolve('next/dist/bin/next')
if (values.production && !existsSync('.next/BUILD_ID')) {
  await step('Building the admin (first production start only)', process.execPath, [
    nextBin,
    'build',
  ])
}
const url = serverUrl ?? `http://${HOST === '0.0.0.0' ? 'localhost' : HOST}:${PORT}`
console.log(`
The Alliance Knowledge Hub is starting at ${url}
  Site:     ${url}/en/   (also /fr/, /es/, /ar/)
  Admin:    ${url}/admin   ${configured.HUB_ADMIN_EMAIL ? '(sign in with HUB_ADMIN_EMAIL)' : '(the first visit asks you to create the first admin account)'}
  REST:     ${url}/api/resources?locale=fr
  GraphQL:  ${url}/graphql   (partner API, GraphiQL in a browser)
Press Ctrl-C to stop the hub${db.embedded ? ' and its database' : ''}.
`)
// Next behind the hub's own gate (src/cli/serve.ts), in production or development mode.
const code = await run(
  process.execPath,
  hubServeArgs({ dev: !values.production, heapMb: configured.HUB_HEAP_MB }),
  { ...env, HOST, PORT: String(PORT) },
)
await db.stop()
process.exit(code)
