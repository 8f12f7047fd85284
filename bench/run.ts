// `npm run bench`: the partner API against Payload's own GraphQL and REST and against the raw-SQL
// floor, all on the same generated data, in one run. Prints a table of ratios and writes
// bench/results/<date>.json. `--smoke` runs a tiny version (the test suite uses it; no timings
// are asserted there).
import { setTimeout as sleep } from 'node:timers/promises'
import autocannon from 'autocannon'
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import fs from 'node:fs/promises'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import getPort from 'get-port'
import pg from 'pg'
import { z } from 'zod'

import { ensurePartnerApi, partnerApiArgs } from '../src/cli/buildApi'
import { hubServeArgs } from '../src/cli/hubArgs'
import { type EmbeddedServer, startEmbeddedPostgres } from '../src/db/embeddedPostgres'
import { type ProcessCost, postgresProcesses, watchCost } from './processes'
import { type ChangeBench, measureChanges } from './changes'
import { type Bases, type Request, SCENARIOS, type Target } from './scenarios'
import { SITE_PAGES } from './sitePages'
import { type Haproxy, startHaproxy } from '../deploy/loopback'
import { median } from './script'

const options = z
  .object({
    smoke: z.boolean().default(false),
    'skip-build': z.boolean().default(false),
    scale: z.coerce.number().int().min(10).max(1_000_000).optional(),
    scales: z
      .string()
      .regex(/^\d+(,\d+)*$/, 'a comma-separated list of sizes')
      .optional(),
    requests: z.coerce.number().int().min(10).optional(),
    connections: z.coerce.number().int().min(1).max(256).optional(),
    out: z.string().optional(),
    'changes-only': z.boolean().default(false),
    rounds: z.coerce.number().int().min(1).max(9).optional(),
  })
  .parse(
    parseArgs({
      options: {
        smoke: { type: 'boolean' },
        'skip-build': { type: 'boolean' },
        scale: { type: 'string' },
        scales: { type: 'string' },
        requests: { type: 'string' },
        connections: { type: 'string' },
        out: { type: 'string' },
        'changes-only': { type: 'boolean' },
        rounds: { type: 'string' },
      },
    }).values,
  )
const smoke = options.smoke
const SCALE = options.scale ?? (smoke ? 60 : 10_000)
const SCALES = (options.scales ?? (smoke ? '30,60' : '1000,10000,100000')).split(',').map(Number)
const REQUESTS = options.requests ?? (smoke ? 40 : 2000)
const CONNECTIONS = options.connections ?? (smoke ? 2 : 8)
const WARMUP = Math.max(10, Math.round(REQUESTS / 10))
/**
 * Each figure is the median of this many rounds (every scenario and target once per round, so that
 * a burst of other work on the machine lands on all of them), reported with its spread.
 */
const ROUNDS = options.rounds ?? (smoke ? 1 : 3)
const ADMIN = { email: 'bench@alliancecpha.example', password: 'bench password, not a secret' }

const step = (text: string) => console.log(`\n▶ ${text}`)
const children: ChildProcess[] = []
const nextBin = createRequire(import.meta.url).resolve('next/dist/bin/next')

const runOrThrow = (label: string, args: string[], env: Record<string, string>) => {
  let result = spawnSync(process.execPath, args, {
    env: { ...process.env, ...env },
    stdio: 'inherit',
  })
  if (result.status === 13)
    result = spawnSync(process.execPath, args, {
      env: { ...process.env, ...env },
      stdio: 'inherit',
    })
  if (result.status !== 0) throw new Error(`${label} failed (exit ${result.status})`)
}

/** Starts a server process and waits until it answers on `probe`. */
const serve = async (
  label: string,
  args: string[],
  env: Record<string, string>,
  probe: string,
  retried = false,
): Promise<ChildProcess> => {
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  children.push(child)
  for (let i = 0; i < 240; i++) {
    // Exit 13 at start: Node 20's module loader under tsx, now and then (see tests/setup).
    if (child.exitCode === 13 && !retried) return serve(label, args, env, probe, true)
    if (child.exitCode !== null) throw new Error(`${label} exited (${child.exitCode})`)
    try {
      if ((await fetch(probe)).status < 500) return child
    } catch {
      // not up yet
    }
    await sleep(250)
  }
  throw new Error(`${label} did not answer at ${probe}`)
}

/**
 * Milliseconds from spawning `start:api` to its first answer to a query, the median of `runs`
 * starts (each process stopped before the next).
 */
const startUpMs = async (env: Record<string, string>, runs: number) => {
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const port = await getPort()
    const began = performance.now()
    const child = spawn(process.execPath, partnerApiArgs(), {
      env: { ...process.env, ...env, PORT: String(port) },
      stdio: ['ignore', 'ignore', 'inherit'],
    })
    try {
      for (;;) {
        if (child.exitCode !== null) throw new Error(`start:api exited (${child.exitCode})`)
        const answer = await fetch(`http://127.0.0.1:${port}/graphql?query=%7B__typename%7D`).catch(
          () => undefined,
        )
        if (answer?.status === 200) break
        if (performance.now() - began > 60_000) throw new Error('start:api did not answer in 60 s')
        await sleep(10)
      }
      times.push(performance.now() - began)
    } finally {
      await new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      })
    }
  }
  return {
    median: Math.round(median(times)),
    spread: [Math.round(Math.min(...times)), Math.round(Math.max(...times))],
  }
}

const stopAll = async () => {
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null) return resolve()
          child.once('exit', () => resolve())
          child.kill('SIGTERM')
        }),
    ),
  )
  children.length = 0
}

/** A connection for counting statements; its loss when the run stops is expected. */
const client = (url: string) => {
  const db = new pg.Client({ connectionString: url })
  db.on('error', () => undefined)
  return db
}

type Measure = {
  requestsPerSecond: number
  p50: number
  p95: number
  p99: number
  bytesPerResponse: number
  sqlPerRequest: number
  statuses: Record<string, number>
} & ProcessCost

const round = (ms: number) => Math.round(ms * 100) / 100
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0

type Load = {
  result: autocannon.Result
  latencies: number[]
  statuses: Record<string, number>
  seconds: number
}

const load = (request: Request, amount: number) =>
  new Promise<Load>((resolve, reject) => {
    const latencies: number[] = []
    const statuses: Record<string, number> = {}
    // autocannon ends a fixed amount of requests on its next one-second tick: time the requests
    // themselves, from the first sent to the last answered.
    const began = performance.now()
    let lastAnswer = began
    const instance = autocannon(
      {
        url: request.url,
        method: request.method,
        headers: request.headers,
        body: request.body,
        amount,
        connections: CONNECTIONS,
      },
      (error, result) =>
        error
          ? reject(error)
          : resolve({ result, latencies, statuses, seconds: (lastAnswer - began) / 1000 }),
    )
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      latencies.push(responseTime)
      lastAnswer = performance.now()
      statuses[statusCode] = (statuses[statusCode] ?? 0) + 1
    })
  })

const statements = async (db: pg.Client) =>
  Number(
    (
      await db.query<{ n: string }>(
        `SELECT coalesce(sum(calls), 0) AS n FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
         WHERE d.datname = current_database() AND s.query NOT ILIKE '%pg_stat_statements%'`,
      )
    ).rows[0]!.n,
  )

/** The server that answers a target, and PostgreSQL's processes, whose CPU and memory are read. */
type Watched = { server?: ChildProcess; postgres: () => number[] }

const measure = async (db: pg.Client, request: Request, watched: Watched): Promise<Measure> => {
  const check = await fetch(request.url, {
    method: request.method,
    headers: request.headers,
    body: request.body,
  })
  const text = await check.text()
  if (check.status >= 400 || /"errors"/.test(text)) {
    throw new Error(
      `${request.method} ${request.url} answered ${check.status}: ${text.slice(0, 300)}`,
    )
  }
  await load(request, WARMUP)
  await db.query('SELECT pg_stat_statements_reset()')
  const cost = watchCost(watched.server?.pid, watched.postgres)
  const { result, latencies, statuses, seconds } = await load(request, REQUESTS)
  const processCost = cost.done(REQUESTS)
  const sql = await statements(db)
  latencies.sort((a, b) => a - b)
  return {
    requestsPerSecond: Math.round((latencies.length / seconds) * 10) / 10,
    p50: round(percentile(latencies, 50)),
    p95: round(percentile(latencies, 95)),
    p99: round(percentile(latencies, 99)),
    bytesPerResponse: Math.round(result.throughput.total / Math.max(1, result.requests.total)),
    sqlPerRequest: Math.round((sql / REQUESTS) * 100) / 100,
    statuses,
    ...processCost,
  }
}

/** The median of each figure over the rounds, with the spread (lowest, highest) of the main two. */
const medianOf = (runs: Measure[]): Measure & { rounds: number; spread: Spread } => ({
  requestsPerSecond: round(median(runs.map((r) => r.requestsPerSecond))),
  p50: round(median(runs.map((r) => r.p50))),
  p95: round(median(runs.map((r) => r.p95))),
  p99: round(median(runs.map((r) => r.p99))),
  bytesPerResponse: Math.round(median(runs.map((r) => r.bytesPerResponse))),
  sqlPerRequest: round(median(runs.map((r) => r.sqlPerRequest))),
  statuses: runs.at(-1)!.statuses,
  ...medianCost(runs),
  rounds: runs.length,
  spread: {
    requestsPerSecond: [
      Math.min(...runs.map((r) => r.requestsPerSecond)),
      Math.max(...runs.map((r) => r.requestsPerSecond)),
    ],
    p95: [Math.min(...runs.map((r) => r.p95)), Math.max(...runs.map((r) => r.p95))],
  },
})
const medianCost = (runs: Measure[]): ProcessCost => {
  const of = (key: keyof ProcessCost) => {
    const values = runs.map((r) => r[key]).filter((v): v is number => v !== null)
    return values.length ? round(median(values)) : null
  }
  return {
    serverCpuMs: of('serverCpuMs'),
    postgresCpuMs: of('postgresCpuMs'),
    // Memory: the highest of the rounds, not a middle one.
    serverPeakRssMb: runs.some((r) => r.serverPeakRssMb !== null)
      ? Math.max(...runs.map((r) => r.serverPeakRssMb ?? 0))
      : null,
  }
}
type Spread = { requestsPerSecond: [number, number]; p95: [number, number] }

/** What every step of the run shares: PostgreSQL, its processes (whose cost is read), the secret. */
type Bench = { server: EmbeddedServer; postgres: () => number[]; secret: string }

/** The environment of the run's commands and servers on the database at `url`. */
const envFor = (bench: Bench, url: string) => ({
  DATABASE_URL: url,
  PAYLOAD_SECRET: bench.secret,
  HUB_RUN_JOBS: 'false',
  NEXT_TELEMETRY_DISABLED: '1',
  // The bench's webhook receiver listens on 127.0.0.1.
  WEBHOOK_ALLOW_PRIVATE: 'true',
  // All its load comes from one address: budgets would refuse most of it.
  PARTNER_ANONYMOUS_BUDGET: '0',
  // Nor is it counted for the Usage page, but where the keys' cost is measured (KEYED).
  PARTNER_USAGE: 'false',
})

type Database = { url: string; db: pg.Client; seedSeconds: number }

const main = async () => {
  const started = Date.now()
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'hub-bench-'))
  await fs.chmod(dir, 0o755)
  step('Starting PostgreSQL (embedded, with pg_stat_statements)')
  const server = await startEmbeddedPostgres({
    dataDir: path.join(dir, 'pg'),
    postgresFlags: [
      '-c',
      'shared_preload_libraries=pg_stat_statements',
      '-c',
      'pg_stat_statements.track=top',
    ],
  })
  const bench: Bench = {
    server,
    postgres: postgresProcesses(server.dataDir),
    secret: randomBytes(32).toString('hex'),
  }
  let measured: Measured
  try {
    measured = await measureAll(bench)
  } finally {
    await stopAll()
    await server.stop()
    await fs.rm(dir, { recursive: true, force: true })
  }
  await writeReport(measured, started)
}

/** Everything the report gives, measured on SCALE resources, then the listing on each of SCALES. */
const measureAll = async (bench: Bench) => {
  // The hub is measured as it is served: a production build of this very code.
  if (!options['skip-build'] || !existsSync('.next/BUILD_ID')) {
    step('Building the hub (next build)')
    runOrThrow('next build', [nextBin, 'build'], { NEXT_TELEMETRY_DISABLED: '1' })
  }
  // start:api as `npm run start:api` runs it: from its bundle, built from this very code.
  step('Bundling start:api (npm run build:api)')
  await ensurePartnerApi()
  const primary = await prepare(bench, SCALE)
  const { servers, urls } = await startServers(bench, primary.url)
  const bases = await readBases(primary.db, urls)
  const results = await measureScenarios(primary.db, bases, servers, bench.postgres)
  const sitePages = await measureSitePages(primary.db, bases, servers.hub, bench.postgres)
  const balancer = await measureBalancer(bench, primary, bases, servers)
  step('Timing start:api from spawn to its first answer')
  const startUp = await startUpMs(envFor(bench, primary.url), smoke ? 1 : 3)
  console.log(`  ${startUp.median} ms (${startUp.spread.join('–')})`)
  const changes = await followChanges(bench, primary, bases)
  await stopAll()
  await primary.db.end()
  const scale = await measureScales(bench, primary, bases)
  return { results, sitePages, balancer, startUp, scale, changes }
}
type Measured = Awaited<ReturnType<typeof measureAll>>

type BalancerRow = { label: string } & Measure

/**
 * Scenario (a) on start:api (its response cache off) asked directly, through HAProxy
 * (deploy/haproxy.cfg) to that one process, and through HAProxy to it and a second one, in the same
 * run. Every process shares the same cores here, so the second process shows the balancer's cost,
 * not a gain. Skipped, saying so, where HAProxy is not installed.
 */
const measureBalancer = async (
  bench: Bench,
  primary: Database,
  bases: Bases,
  servers: Servers,
): Promise<BalancerRow[] | undefined> => {
  const [secondPort, ...ports] = await Promise.all([1, 2, 3, 4, 5].map(() => getPort()))
  step('Scenario (a) through HAProxy: to one start:api, then to two')
  const second = await serve(
    'second partner API (start:api)',
    partnerApiArgs(),
    { ...envFor(bench, primary.url), PORT: String(secondPort), PARTNER_RESPONSE_CACHE: 'false' },
    `http://127.0.0.1:${secondPort}/graphql?query=%7B__typename%7D`,
  )
  const hub = new URL(bases.hub).host
  const api = new URL(bases.api).host
  const balancers: Haproxy[] = []
  try {
    // One process listed twice is one process behind the balancer.
    for (const apis of [
      [api, api],
      [api, `127.0.0.1:${secondPort}`],
    ] as [string, string][]) {
      balancers.push(
        await startHaproxy({ listen: ports.pop()!, stats: ports.pop()!, hubs: [hub, hub], apis }),
      )
    }
  } catch (error) {
    console.log(`  skipped: ${(error as Error).message.split('\n')[0]}`)
    await Promise.all(balancers.map((b) => b.stop()))
    return undefined
  }
  const targets: [string, string, ChildProcess | undefined][] = [
    ['start:api, directly', bases.api, servers.api],
    ['HAProxy → 1 start:api', balancers[0]!.base.origin, servers.api],
    ['HAProxy → 2 start:api', balancers[1]!.base.origin, undefined],
  ]
  const runs = new Map<string, Measure[]>()
  try {
    for (let round = 1; round <= ROUNDS; round++) {
      for (const [label, base, server] of targets) {
        const request = await SCENARIOS[0]!.targets.partner!({ ...bases, hub: base })
        process.stdout.write(`  a · ${label} … `)
        const m = await measure(primary.db, request, { server, postgres: bench.postgres })
        console.log(`${m.requestsPerSecond} req/s, p95 ${m.p95} ms`)
        runs.set(label, [...(runs.get(label) ?? []), m])
      }
    }
  } finally {
    await Promise.all(balancers.map((b) => b.stop()))
    second.kill()
  }
  return [...runs].map(([label, m]) => ({ label, ...medianOf(m) }))
}

/** A database of `scale` generated resources besides the real records. */
const prepare = async (bench: Bench, scale: number): Promise<Database> => {
  const name = `bench_${scale}`
  await bench.server.createDatabase(name)
  const url = bench.server.url(name)
  step(`Building a database of ${scale.toLocaleString('en')} resources × 4 locales`)
  const seedStarted = Date.now()
  runOrThrow('migrations', ['--import', 'tsx', 'src/cli/migrate.ts'], envFor(bench, url))
  runOrThrow('seed', ['--import', 'tsx', 'seed/run.ts', '--scale', String(scale)], {
    ...envFor(bench, url),
    HUB_ADMIN_EMAIL: ADMIN.email,
    HUB_ADMIN_PASSWORD: ADMIN.password,
  })
  const seconds = (Date.now() - seedStarted) / 1000
  const db = client(url)
  await db.connect()
  await db.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements')
  await db.query('ANALYZE')
  return { url, db, seedSeconds: seconds }
}

/** The main database is reused for its own scale run. */
const prepareExisting = async (url: string, seedSeconds: number): Promise<Database> => {
  const db = client(url)
  await db.connect()
  return { url, db, seedSeconds }
}

type Servers = Record<
  'hub' | 'floor' | 'cachedApi' | 'api' | 'keyedApi' | 'keyedCachedApi',
  ChildProcess
>
type Urls = Pick<Bases, 'hub' | 'api' | 'floor' | 'cachedApi' | 'keyedApi' | 'keyedCachedApi'>

/** Budgets counted but never reached, and usage counted: what the key check and the counting cost. */
const KEYED = { PARTNER_ANONYMOUS_BUDGET: '1000000000', PARTNER_USAGE: 'true' }

/** The hub, the raw-SQL floor and start:api with and without its response cache, on `url`. */
const startServers = async (bench: Bench, url: string) => {
  const [hubPort, floorPort, apiPort, uncachedApiPort] = [
    await getPort(),
    await getPort(),
    await getPort(),
    await getPort(),
  ]
  step(
    'Starting the hub and start:api (partner API uncached), a cached start:api and the raw-SQL floor',
  )
  const hub = await serve(
    'hub',
    hubServeArgs(),
    {
      ...envFor(bench, url),
      HOST: '127.0.0.1',
      PORT: String(hubPort),
      PARTNER_RESPONSE_CACHE: 'false',
      SERVER_URL: `http://127.0.0.1:${hubPort}`,
    },
    `http://127.0.0.1:${hubPort}/api/users/me`,
  )
  const floor = await serve(
    'floor',
    ['--import', 'tsx', 'bench/floor.ts'],
    { ...envFor(bench, url), PORT: String(floorPort) },
    `http://127.0.0.1:${floorPort}/none`,
  )
  const cachedApi = await serve(
    'cached partner API',
    partnerApiArgs(),
    { ...envFor(bench, url), PORT: String(apiPort) },
    `http://127.0.0.1:${apiPort}/graphql?query=%7B__typename%7D`,
  )
  const api = await serve(
    'partner API (start:api)',
    partnerApiArgs(),
    { ...envFor(bench, url), PORT: String(uncachedApiPort), PARTNER_RESPONSE_CACHE: 'false' },
    `http://127.0.0.1:${uncachedApiPort}/graphql?query=%7B__typename%7D`,
  )
  const [keyedPort, keyedCachedPort] = [await getPort(), await getPort()]
  const keyedApi = await serve(
    'partner API with keys and budgets',
    partnerApiArgs(),
    { ...envFor(bench, url), ...KEYED, PORT: String(keyedPort), PARTNER_RESPONSE_CACHE: 'false' },
    `http://127.0.0.1:${keyedPort}/graphql?query=%7B__typename%7D`,
  )
  const keyedCachedApi = await serve(
    'cached partner API with keys and budgets',
    partnerApiArgs(),
    { ...envFor(bench, url), ...KEYED, PORT: String(keyedCachedPort) },
    `http://127.0.0.1:${keyedCachedPort}/graphql?query=%7B__typename%7D`,
  )
  const servers: Servers = { hub, floor, cachedApi, api, keyedApi, keyedCachedApi }
  const urls: Urls = {
    hub: `http://127.0.0.1:${hubPort}`,
    api: `http://127.0.0.1:${uncachedApiPort}`,
    floor: `http://127.0.0.1:${floorPort}`,
    cachedApi: `http://127.0.0.1:${apiPort}`,
    keyedApi: `http://127.0.0.1:${keyedPort}`,
    keyedCachedApi: `http://127.0.0.1:${keyedCachedPort}`,
  }
  return { servers, urls }
}

/** The servers' addresses, a token for Payload's GraphQL and the records the scenarios ask for. */
const readBases = async (db: pg.Client, urls: Urls): Promise<Bases> => {
  const login = await fetch(`${urls.hub}/api/users/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(ADMIN),
  })
  const token = ((await login.json()) as { token?: string }).token
  if (!token) throw new Error('Could not sign in to the hub for Payload’s GraphQL')
  const sample = (
    await db.query<{ slug: string; group: string; topic: string }>(
      `SELECT (SELECT slug FROM resources WHERE _status = 'published' ORDER BY id LIMIT 1 OFFSET 5) AS slug,
              (SELECT g.slug FROM working_groups g JOIN events_rels r ON r.working_groups_id = g.id JOIN events e ON e.id = r.parent_id
                 WHERE e.starts_at >= now() GROUP BY g.slug ORDER BY count(*) DESC LIMIT 1) AS group,
              (SELECT t.slug FROM topics t ORDER BY t.id LIMIT 1) AS topic`,
    )
  ).rows[0]!
  const groupId = (
    await db.query<{ id: number }>('SELECT id FROM working_groups WHERE slug = $1', [sample.group])
  ).rows[0]?.id
  const topicId = (
    await db.query<{ id: number }>('SELECT id FROM topics WHERE slug = $1', [sample.topic])
  ).rows[0]!.id
  return {
    ...urls,
    token,
    apiKey: await makeKey(urls.hub, token),
    ...sample,
    groupId: groupId ?? 0,
    topicId,
  }
}

/** A partner and a key of the standard tier, made as an admin makes them (over REST). */
const makeKey = async (hub: string, token: string) => {
  const rest = async (path: string, body: unknown) => {
    const response = await fetch(`${hub}/api/${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `JWT ${token}` },
      body: JSON.stringify(body),
    })
    if (!response.ok) throw new Error(`Could not make ${path}: ${response.status}`)
    return ((await response.json()) as { doc: Record<string, unknown> }).doc
  }
  const partner = await rest('partners', { organisation: 'Bench partner' })
  return String((await rest('api-keys', { partner: partner.id, label: 'Bench' })).key)
}

/** The process that answers each target: its CPU and memory are read. */
const serverOf = (servers: Servers, target: Target) =>
  ({
    partner: servers.hub,
    payloadGraphql: servers.hub,
    payloadRest: servers.hub,
    partnerApi: servers.api,
    floor: servers.floor,
    partnerCached: servers.cachedApi,
    partnerNotModified: servers.cachedApi,
    partnerApiKeyed: servers.keyedApi,
    partnerCachedKeyed: servers.keyedCachedApi,
  })[target]

/** Every scenario on every target, once a round; a row each, the median of its rounds. */
const measureScenarios = async (
  db: pg.Client,
  bases: Bases,
  servers: Servers,
  postgres: () => number[],
) => {
  const runs = new Map<string, { scenario: string; name: string; target: string; m: Measure[] }>()
  for (let round = 1; round <= ROUNDS; round++) {
    const [load1] = os.loadavg()
    console.log(`  round ${round} of ${ROUNDS} (load average ${load1!.toFixed(2)})`)
    for (const scenario of options['changes-only'] ? [] : SCENARIOS) {
      for (const [target, build] of floorSecond(
        Object.entries(scenario.targets) as [Target, (typeof scenario.targets)[Target]][],
      )) {
        if (!build) continue
        const request = await build(bases)
        process.stdout.write(`  ${scenario.id} ${scenario.name} · ${target} … `)
        const m = await measure(db, request, { server: serverOf(servers, target), postgres })
        console.log(`${m.requestsPerSecond} req/s, p95 ${m.p95} ms, ${m.sqlPerRequest} SQL/request`)
        const key = `${scenario.id}:${target}`
        const entry = runs.get(key) ?? {
          scenario: scenario.id,
          name: scenario.name,
          target,
          m: [],
        }
        entry.m.push(m)
        runs.set(key, entry)
      }
    }
  }
  return [...runs.values()].map(({ m, ...row }): Record<string, unknown> => {
    // Each round's figure over the floor's of the same round, then their median: a burst of other
    // work on the machine moves both figures of a round, and their ratio less than either.
    const floor = runs.get(`${row.scenario}:floor`)?.m
    const ratios = floor
      ? m.map((run, i) => run.requestsPerSecond / (floor[i]?.requestsPerSecond || Infinity))
      : []
    return {
      ...row,
      ...medianOf(m),
      ...(ratios.length && {
        floorRatio: round(median(ratios)),
        floorRatioSpread: [round(Math.min(...ratios)), round(Math.max(...ratios))],
      }),
    }
  })
}

/**
 * The floor measured right after the hub's partner API and before start:api, the two compared with
 * it: not after Payload's own GraphQL and REST, whose load the hub's process is still collecting.
 */
const floorSecond = <T>(targets: [Target, T][]): [Target, T][] => {
  const floor = targets.filter(([target]) => target === 'floor')
  const others = targets.filter(([target]) => target !== 'floor')
  return [...others.slice(0, 1), ...floor, ...others.slice(1)]
}

/**
 * The site's pages, served by the hub (whose partner API here has no response cache), beside
 * the partner API requests each page makes.
 */
const measureSitePages = async (
  db: pg.Client,
  bases: Bases,
  hub: ChildProcess,
  postgres: () => number[],
) => {
  const siteRuns = new Map<string, { page: string; api: Measure[][]; m: Measure[] }>()
  for (let round = 1; round <= (options['changes-only'] ? 0 : ROUNDS); round++) {
    for (const sitePage of SITE_PAGES) {
      process.stdout.write(`  ${sitePage.id} ${sitePage.name} … `)
      const m = await measure(db, sitePage.page(bases), { server: hub, postgres })
      const api: Measure[] = []
      for (const request of sitePage.api(bases)) {
        api.push(await measure(db, request, { server: hub, postgres }))
      }
      const slowest = Math.max(...api.map((a) => a.p95))
      console.log(
        `${m.requestsPerSecond} req/s, p95 ${m.p95} ms · its ${api.length} API request(s): p95 ${slowest} ms`,
      )
      const entry = siteRuns.get(sitePage.id) ?? { page: sitePage.name, api: [], m: [] }
      entry.m.push(m)
      entry.api.push(api)
      siteRuns.set(sitePage.id, entry)
    }
  }
  const sitePages: SitePageResult[] = []
  for (const [id, { page, api, m }] of siteRuns) {
    const apiP95 = median(api.map((requests) => Math.max(...requests.map((a) => a.p95))))
    const apiRps = median(
      api.map((requests) => Math.min(...requests.map((a) => a.requestsPerSecond))),
    )
    sitePages.push({ id, page, ...medianOf(m), apiRequests: api[0]!.length, apiP95, apiRps })
  }
  return sitePages
}

/** Webhooks, freshness and delta sync, on the primary database's servers. */
const followChanges = async (bench: Bench, primary: Database, bases: Bases) => {
  // Following changes: a second cached partner API, so that "visible everywhere" means more than one.
  const secondApiPort = await getPort()
  await serve(
    'second cached partner API',
    partnerApiArgs(),
    { ...envFor(bench, primary.url), PORT: String(secondApiPort) },
    `http://127.0.0.1:${secondApiPort}/graphql?query=%7B__typename%7D`,
  )
  step('Following changes: webhooks, freshness, delta sync')
  const ids = (
    await primary.db.query<{ id: number }>(
      `SELECT id FROM resources WHERE _status = 'published' ORDER BY id DESC LIMIT 100`,
    )
  ).rows.map((r) => r.id)
  const changes = await measureChanges({
    hub: bases.hub,
    cached: [bases.cachedApi, `http://127.0.0.1:${secondApiPort}`],
    token: bases.token,
    databaseUrl: primary.url,
    payloadSecret: bench.secret,
    samples: smoke ? 3 : 30,
    changes: smoke ? 10 : 100,
    ids,
    resources: SCALE,
    log: console.log,
  })
  console.log(
    `  webhook p50 ${changes.webhook.p50} ms, p95 ${changes.webhook.p95} ms · visible in ${changes.visible.processes} processes p50 ${changes.visible.p50} ms, p95 ${changes.visible.p95} ms`,
  )
  console.log(
    `  full sync ${changes.sync.full.requests} requests, ${changes.sync.full.bytes} bytes · delta ${changes.sync.delta.requests} requests, ${changes.sync.delta.bytes} bytes · bundle en ${changes.sync.bundleBytes.en} bytes`,
  )
  return changes
}

/** The listing (scenario a) on start:api over each of SCALES, each on its own database. */
const measureScales = async (bench: Bench, primary: Database, bases: Bases) => {
  const scaleResults: Record<string, unknown>[] = []
  for (const scale of options['changes-only'] ? [] : SCALES) {
    const db =
      scale === SCALE
        ? await prepareExisting(primary.url, primary.seedSeconds)
        : await prepare(bench, scale)
    const port = await getPort()
    const scaled = await serve(
      'partner API',
      partnerApiArgs(),
      { ...envFor(bench, db.url), PORT: String(port), PARTNER_RESPONSE_CACHE: 'false' },
      `http://127.0.0.1:${port}/graphql?query=%7B__typename%7D`,
    )
    const request = await SCENARIOS[0]!.targets.partner!({
      ...bases,
      hub: `http://127.0.0.1:${port}`,
    })
    process.stdout.write(`  scale ${scale.toLocaleString('en')} · listing (a) … `)
    const m = await measure(db.db, request, { server: scaled, postgres: bench.postgres })
    console.log(`${m.requestsPerSecond} req/s, p95 ${m.p95} ms`)
    scaleResults.push({ resources: scale, seedSeconds: db.seedSeconds, ...m })
    await stopAll()
    await db.db.end()
  }
  return scaleResults
}

/** bench/results/<date>.json (or --out), and the tables printed. */
const writeReport = async (measured: Measured, started: number) => {
  const { results, sitePages, balancer, startUp, scale, changes } = measured
  const report = {
    date: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpu: os.cpus()[0]?.model,
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      loadAverageAtEnd: os.loadavg().map((l) => Math.round(l * 100) / 100),
    },
    settings: {
      scale: SCALE,
      scales: SCALES,
      requests: REQUESTS,
      connections: CONNECTIONS,
      rounds: ROUNDS,
      smoke,
      // Not pinned: the load generator, PostgreSQL and the servers share every core, as reported.
      placement: 'shared',
    },
    results,
    sitePages,
    balancer,
    startUp,
    scale,
    changes,
    seconds: Math.round((Date.now() - started) / 1000),
  }
  const file =
    options.out ?? `bench/results/${report.date.slice(0, 10)}${smoke ? '-smoke' : ''}.json`
  await fs.mkdir(path.dirname(file), { recursive: true })
  await fs.writeFile(file, `${JSON.stringify(report, null, 2)}\n`)
  console.log(`\n${table(report)}\nWritten to ${file}`)
}

type Row = {
  scenario: string
  name: string
  target: string
  spread?: Spread
  /** The median of the rounds' ratios to the floor's requests/s (measureScenarios). */
  floorRatio?: number
  floorRatioSpread?: [number, number]
} & Measure

/** `180 (172–186)`: the median and, over several rounds, its spread. */
const withSpread = (value: number, spread?: [number, number]) =>
  spread && spread[0] !== spread[1] ? `${value} (${spread[0]}–${spread[1]})` : String(value)

/** The markdown table: every target with the partner API's ratio to it. */
type SitePageResult = {
  id: string
  page: string
  apiRequests: number
  apiP95: number
  apiRps: number
} & Measure

const table = (report: {
  results: Record<string, unknown>[]
  sitePages?: SitePageResult[]
  balancer?: (BalancerRow & { spread?: Spread })[]
  startUp?: { median: number; spread: number[] }
  scale: Record<string, unknown>[]
  changes?: ChangeBench
}) => {
  const rows = report.results as Row[]
  const lines = [
    '| scenario | target | req/s | p50 ms | p95 ms | p99 ms | bytes | SQL/req | ours ÷ this, req/s | this ÷ ours, p95 | this ÷ floor, req/s (median of rounds) | p95 ÷ floor | server CPU ms/req | PostgreSQL CPU ms/req | server peak RSS MB |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ]
  for (const row of rows) {
    const ours = rows.find((r) => r.scenario === row.scenario && r.target === 'partner')
    const floor = rows.find((r) => r.scenario === row.scenario && r.target === 'floor')
    const ratio = (a: number | undefined, b: number | undefined) =>
      a !== undefined && b ? (a / b).toFixed(2) : '—'
    lines.push(
      `| ${row.scenario} ${row.name} | ${row.target} | ${withSpread(row.requestsPerSecond, row.spread?.requestsPerSecond)} | ${row.p50} | ${withSpread(row.p95, row.spread?.p95)} | ${row.p99} | ${row.bytesPerResponse} | ${row.sqlPerRequest} | ${ratio(ours?.requestsPerSecond, row.requestsPerSecond)} | ${ratio(row.p95, ours?.p95)} | ${row.floorRatio !== undefined ? withSpread(row.floorRatio, row.floorRatioSpread) : ratio(row.requestsPerSecond, floor?.requestsPerSecond)} | ${ratio(row.p95, floor?.p95)} | ${row.serverCpuMs ?? '—'} | ${row.postgresCpuMs ?? '—'} | ${row.serverPeakRssMb ?? '—'} |`,
    )
  }
  if (report.sitePages?.length) {
    lines.push(
      '',
      '| site page | req/s | p95 ms | its API requests | slowest API request, req/s | p95 ms | page p95 ÷ API p95 (target ≤ 2) |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    )
    for (const p of report.sitePages) {
      lines.push(
        `| ${p.id} ${p.page} | ${p.requestsPerSecond} | ${p.p95} | ${p.apiRequests} | ${p.apiRps} | ${p.apiP95} | ${p.apiP95 ? (p.p95 / p.apiP95).toFixed(2) : '—'} |`,
      )
    }
  }
  if (report.balancer?.length) {
    const direct = report.balancer[0]!
    lines.push(
      '',
      '| (a) listing, start:api without its response cache | req/s | p95 ms | req/s ÷ directly | p95 ÷ directly |',
      '| --- | ---: | ---: | ---: | ---: |',
      ...report.balancer.map(
        (b) =>
          `| ${b.label} | ${withSpread(b.requestsPerSecond, b.spread?.requestsPerSecond)} | ${b.p95} | ${(b.requestsPerSecond / (direct.requestsPerSecond || 1)).toFixed(2)} | ${(b.p95 / (direct.p95 || 1)).toFixed(2)} |`,
      ),
      '(One machine: the two start:api, HAProxy, PostgreSQL and the load generator share its cores, so the second process shows what the balancer costs, not what a second machine gains.)',
    )
  }
  const keyed = (scenario: string, target: Target, plain: Target) => {
    const a = rows.find((r) => r.scenario === scenario && r.target === target)
    const b = rows.find((r) => r.scenario === scenario && r.target === plain)
    return a && b
      ? { p95: a.p95 / (b.p95 || 1), rps: a.requestsPerSecond / (b.requestsPerSecond || 1), a, b }
      : undefined
  }
  const detail = keyed('b', 'partnerApiKeyed', 'partnerApi')
  const cached = keyed('e', 'partnerCachedKeyed', 'partnerCached')
  if (detail && cached) {
    lines.push(
      '',
      `Keys and budgets (start:api): (b) p95 with a key ÷ without, ${detail.p95.toFixed(2)} (target ≤ 1.05); (e) from the response cache with a key, ${cached.a.requestsPerSecond} req/s, ÷ without, ${cached.rps.toFixed(2)}.`,
    )
  }
  if (report.startUp) {
    lines.push(
      '',
      `start:api, spawn to first answer: ${report.startUp.median} ms (${report.startUp.spread.join('–')})`,
    )
  }
  const scale = report.scale as ({ resources: number; seedSeconds: number } & Measure)[]
  if (scale.length) {
    const first = scale[0]!
    lines.push(
      '',
      '| resources | seed s | req/s | p95 ms | p95 ÷ smallest | SQL/req |',
      '| ---: | ---: | ---: | ---: | ---: | ---: |',
    )
    for (const s of scale) {
      lines.push(
        `| ${s.resources} | ${s.seedSeconds.toFixed(1)} | ${s.requestsPerSecond} | ${s.p95} | ${first.p95 ? (s.p95 / first.p95).toFixed(2) : '—'} | ${s.sqlPerRequest} |`,
      )
    }
  }
  const c = report.changes
  if (c) {
    const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`
    lines.push(
      '',
      '| following changes | p50 ms | p95 ms | samples |',
      '| --- | ---: | ---: | ---: |',
      `| publish → webhook received | ${c.webhook.p50} | ${c.webhook.p95} | ${c.webhook.samples} |`,
      `| publish → visible in all ${c.visible.processes} processes | ${c.visible.p50} | ${c.visible.p95} | ${c.visible.samples} |`,
      '',
      `| after ${c.sync.changes} changes among ${c.sync.resources} resources | requests | bytes | delta ÷ full, bytes |`,
      '| --- | ---: | ---: | ---: |',
      `| full re-download (initial sync) | ${c.sync.full.requests} | ${kb(c.sync.full.bytes)} | |`,
      `| delta sync | ${c.sync.delta.requests} | ${kb(c.sync.delta.bytes)} | ${(c.sync.delta.bytes / c.sync.full.bytes).toFixed(3)} |`,
      `| offline bundle, en / ar (gzip) | 1 | ${kb(c.sync.bundleBytes.en ?? 0)} / ${kb(c.sync.bundleBytes.ar ?? 0)} | |`,
    )
  }
  return lines.join('\n')
}

main().then(
  () => process.exit(0),
  async (error) => {
    console.error(error instanceof Error ? error.message : error)
    await stopAll()
    process.exit(1)
  },
)
