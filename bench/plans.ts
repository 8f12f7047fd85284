// `npm run bench:plans [-- --scale 100000 --runs 15]`: whether keeping one generic plan per prepared
// statement (graphql/db.ts, the partner API's default) makes any operation slower than planning each
// statement for its values. The same operations go, one at a time and alternately, to two
// `start:api` on the same database: one as shipped, one with PARTNER_PREPARE=false, whose
// statements PostgreSQL plans at every run with their values known (what a pooler in transaction
// mode gets). Prints each operation's median time on both and their ratio: above 1, the generic
// plan costs more than planning afresh. A database of its own on the local server, with the real
// records and `scale` generated resources.
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import pg from 'pg'
import { z } from 'zod'

import { run } from '../src/cli/run'
import { startServer, type RunningServer } from '../tests/helpers/servers'
import { databaseOfItsOwn, dropDatabase, localDatabase, median, scriptOptions } from './script'

const Options = z.object({
  scale: z.coerce.number().int().min(0).max(1_000_000).default(100_000),
  runs: z.coerce.number().int().min(1).max(1000).default(15),
  out: z.string().min(1).optional(),
})
const options = scriptOptions(Options, {
  scale: { type: 'string' },
  runs: { type: 'string' },
  out: { type: 'string' },
})
const { databaseUrl: localUrl, payloadSecret } = localDatabase('bench:plans')

// ── A database of its own ───────────────────────────────────────────────────────────────────────
const NAME = 'hub_bench_plans'
const databaseUrl = await databaseOfItsOwn(localUrl, NAME)
const env = { ...process.env, DATABASE_URL: databaseUrl, HUB_RUN_JOBS: 'false' }
console.log(`▶ The real records and ${options.scale.toLocaleString('en')} generated resources`)
for (const args of [['src/cli/migrate.ts'], ['seed/run.ts', '--scale', String(options.scale)]]) {
  if ((await run(process.execPath, ['--import', 'tsx', ...args], env)) !== 0) process.exit(1)
}
const db = new pg.Client({ connectionString: databaseUrl })
await db.connect()
await db.query('ANALYZE')

// ── The values: the largest topics and group, a week and all time, a page down the listing ───────
const slugs = async (sql: string) => (await db.query<{ slug: string }>(sql)).rows.map((r) => r.slug)
const byUse = (table: string, column: string, path: string) =>
  slugs(`SELECT x.slug FROM resources_rels r JOIN ${table} x ON x.id = r.${column}
    WHERE r.path = '${path}' GROUP BY x.slug ORDER BY count(*) DESC, x.slug LIMIT 2`)
const topics = await byUse('topics', 'topics_id', 'topics')
const [group] = await byUse('working_groups', 'working_groups_id', 'workingGroups')
const [slug] = await slugs(
  `SELECT slug FROM resources WHERE _status = 'published' ORDER BY id DESC LIMIT 1`,
)
const { rows: dates } = await db.query<{ latest: string }>(
  `SELECT to_char(max(publication_date) - interval '7 days', 'YYYY-MM-DD') AS latest FROM resources`,
)
await db.end()
if (topics.length < 2 || !group || !slug || !dates[0]?.latest) {
  console.error(
    'The database holds too few resources for this bench: run it with --scale 100 or more.',
  )
  process.exit(1)
}

const listing = `query($f: ResourceFilter, $s: String, $a: String) {
  resources(first: 20, filter: $f, search: $s, after: $a) { totalCount pageInfo { endCursor }
    edges { node { slug title { text } topics { name { text } } } } } }`
const facets = `query($f: ResourceFilter) { resourceFacets(filter: $f) { total topics { value count } } }`
type Operation = { label: string; query: string; variables?: Record<string, unknown> }
const operations: Operation[] = [
  { label: 'listing, newest first', query: listing },
  {
    label: 'a resource by slug',
    query: `query($s: String!) { resource(slug: $s) { slug title { text } workingGroups { name { text } } } }`,
    variables: { s: slug },
  },
  { label: 'one topic', query: listing, variables: { f: { topics: topics.slice(0, 1) } } },
  { label: 'two topics', query: listing, variables: { f: { topics } } },
  { label: 'facets of one topic', query: facets, variables: { f: { topics: topics.slice(0, 1) } } },
  {
    label: 'a group, in Arabic',
    query: listing,
    variables: { f: { workingGroups: [group], languages: ['ar'] } },
  },
  { label: 'the last week', query: listing, variables: { f: { publishedFrom: dates[0].latest } } },
  { label: 'all time', query: listing, variables: { f: { publishedFrom: '2000-01-01' } } },
  { label: 'a search', query: listing, variables: { s: 'adolescents' } },
  {
    label: 'upcoming webinars',
    query: `{ webinars(first: 20, when: UPCOMING) { edges { node { slug } } } }`,
  },
  {
    label: 'past webinars',
    query: `{ webinars(first: 20, when: PAST) { edges { node { slug } } } }`,
  },
  { label: 'sync, first page', query: `{ sync(first: 100) { hasMore token } }` },
]

// ── Two start:api, the same operations to each in turn ───────────────────────────────────────────
const servers: RunningServer[] = []
const started = async (extra: Record<string, string>) => {
  const server = await startServer('api', {
    databaseUrl,
    payloadSecret,
    extra: { PARTNER_RESPONSE_CACHE: 'false', PARTNER_ANONYMOUS_BUDGET: '0', ...extra },
  })
  servers.push(server)
  return server
}
type Row = { label: string; genericMs: number; perRunMs: number; ratio: number }
const rows: Row[] = []
try {
  console.log('▶ start:api as shipped (generic plans), and with PARTNER_PREPARE=false')
  const generic = await started({})
  const perRun = await started({ PARTNER_PREPARE: 'false' })
  const ask = async (server: RunningServer, operation: Operation) => {
    const began = performance.now()
    const response = await fetch(new URL('/graphql', server.base), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Accept-Language': 'fr' },
      body: JSON.stringify({ query: operation.query, variables: operation.variables ?? {} }),
    })
    const body = (await response.json()) as {
      data?: Record<string, { pageInfo?: { endCursor?: string } }>
      errors?: unknown
    }
    const ms = performance.now() - began
    if (!response.ok || body.errors)
      throw new Error(`${operation.label}: ${response.status} ${JSON.stringify(body.errors)}`)
    return { ms, body }
  }
  // A page down the listing, by its cursor.
  const first = await ask(generic, { label: 'first page', query: listing })
  operations.push({
    label: 'the next page',
    query: listing,
    variables: { a: first.body.data?.resources?.pageInfo?.endCursor },
  })
  console.log(`▶ ${operations.length} operations, ${options.runs} times each on both, alternately`)
  for (const operation of operations) {
    // Both have prepared the statement (a statement is prepared at its second use) and made its plans.
    for (let i = 0; i < 3; i++) {
      await ask(generic, operation)
      await ask(perRun, operation)
    }
    const times = { generic: [] as number[], perRun: [] as number[] }
    for (let i = 0; i < options.runs; i++) {
      const order = i % 2 ? (['generic', 'perRun'] as const) : (['perRun', 'generic'] as const)
      for (const which of order)
        times[which].push((await ask(which === 'generic' ? generic : perRun, operation)).ms)
    }
    const row = {
      label: operation.label,
      genericMs: Number(median(times.generic).toFixed(2)),
      perRunMs: Number(median(times.perRun).toFixed(2)),
      ratio: Number((median(times.generic) / median(times.perRun)).toFixed(2)),
    }
    rows.push(row)
    console.log(
      `  ${row.label} … ${row.genericMs} ms, planned each run ${row.perRunMs} ms: ${row.ratio}`,
    )
  }
} finally {
  await Promise.all(servers.map((s) => s.stop()))
  await dropDatabase(localUrl, NAME)
}

console.log(
  `\n${options.scale.toLocaleString('en')} generated resources; median of ${options.runs} requests, one at a time\n`,
)
console.log('| operation | generic plan, ms | planned each run, ms | generic ÷ each run |')
console.log('| --- | ---: | ---: | ---: |')
for (const r of rows) console.log(`| ${r.label} | ${r.genericMs} | ${r.perRunMs} | ${r.ratio} |`)
const out = options.out ?? `bench/results/${new Date().toISOString().slice(0, 10)}-plans.json`
await mkdir(path.dirname(out), { recursive: true })
await writeFile(
  out,
  `${JSON.stringify({ date: new Date().toISOString(), node: process.version, ...options, rows }, null, 2)}\n`,
)
console.log(`\nWritten to ${out}`)
