// `npm run bench:memory [-- --rounds 3 --snapshot --heap 512]`: where a production hub's memory
// goes. Starts the production build (`npm run build` first) on the local database (the real
// records, seeded if it is empty), measures the hub at rest and after each round of a mixed load
// (partner GraphQL, Payload's REST, site pages, the admin's sign-in page), and prints its
// resident memory split into the JavaScript heap (held, and live after a full collection), native
// memory (malloc) and the rest. With --snapshot it also takes a heap snapshot at rest and after the
// load and sums each by kind. Figures and what they showed: docs/performance.md, "Memory".
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import autocannon from 'autocannon'
import { z } from 'zod'

import { run } from '../src/cli/run'
import { startServer } from '../tests/helpers/servers'
import { localDatabase, scriptOptions } from './script'

const Options = z.object({
  rounds: z.coerce.number().int().min(1).max(20).default(3),
  snapshot: z.boolean().default(false),
  heap: z.coerce.number().int().min(256).max(16384).optional(),
})
const options = scriptOptions(Options, {
  rounds: { type: 'string' },
  snapshot: { type: 'boolean' },
  heap: { type: 'string' },
})
const { databaseUrl, payloadSecret } = localDatabase('bench:memory')

console.log('▶ The real records (seeded if the database is empty)')
if (
  (await run(process.execPath, ['--import', 'tsx', 'seed/run.ts', '--if-empty'], process.env)) !== 0
) {
  process.exit(1)
}

const dir = await mkdtemp(path.join(os.tmpdir(), 'hub-memory-'))
console.log('▶ The production hub')
const server = await startServer('prod', {
  databaseUrl,
  payloadSecret,
  extra: {
    NODE_OPTIONS: `--import ${path.resolve('bench/memoryProbe.mjs')} --expose-gc`,
    MEMORY_PROBE_DIR: dir,
    ...(options.heap ? { HUB_HEAP_MB: String(options.heap) } : {}),
  },
})
// The process that listens (npm's or tsx's wrappers are not in between: startServer runs node).
const pid = Number(readFileSync(path.join(dir, 'pid'), 'utf8'))

const MB = (bytes: number) => Math.round(bytes / 2 ** 20)

/** Resident memory by where it lives (/proc/<pid>/smaps), in MB. */
const resident = () => {
  const by = { malloc: 0, file: 0, other: 0 }
  let mapping = ''
  for (const line of readFileSync(`/proc/${pid}/smaps`, 'utf8').split('\n')) {
    if (/^[0-9a-f]+-[0-9a-f]+ /.test(line)) mapping = line.split(/\s+/)[5] ?? ''
    else if (line.startsWith('Rss:')) {
      const kb = Number(line.split(/\s+/)[1])
      if (mapping === '[heap]') by.malloc += kb
      else if (mapping.startsWith('/')) by.file += kb
      else by.other += kb
    }
  }
  return {
    malloc: Math.round(by.malloc / 1024),
    file: Math.round(by.file / 1024),
    other: Math.round(by.other / 1024),
  }
}

type Row = Record<string, string | number>
const rows: Row[] = []

const probe = async (label: string, snapshot = false) => {
  const rss = Math.round(
    Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024,
  )
  const where = resident()
  await writeFile(path.join(dir, 'request.json'), JSON.stringify({ label, snapshot }))
  process.kill(pid, 'SIGUSR2')
  const file = path.join(dir, `${label}.json`)
  for (const deadline = Date.now() + 300_000; ; await sleep(250)) {
    const text = await readFile(file, 'utf8').catch(() => undefined)
    if (text) {
      const { usage, live, snapshot: written } = JSON.parse(text)
      rows.push({
        when: label,
        'RSS MB': rss,
        'JS heap held': MB(usage.heapTotal),
        'JS heap used': MB(usage.heapUsed),
        'JS heap live': MB(live),
        'malloc ([heap])': where.malloc,
        'other anonymous': where.other,
        'binary and libraries': where.file,
      })
      console.log(`  ${label}: ${rss} MB resident, ${MB(live)} MB of JavaScript live`)
      if (written) summarise(label, written)
      return
    }
    if (Date.now() > deadline)
      throw new Error(`The hub did not answer the memory probe (${label}).`)
  }
}

/** A heap snapshot's objects summed by kind (V8's node types), in MB. */
const summarise = (label: string, file: string) => {
  const snap = JSON.parse(readFileSync(file, 'utf8'))
  const fields: string[] = snap.snapshot.meta.node_fields
  const kinds: string[] = snap.snapshot.meta.node_types[fields.indexOf('type')]
  const at = { type: fields.indexOf('type'), size: fields.indexOf('self_size') }
  const sums = new Map<string, number>()
  for (let i = 0; i < snap.nodes.length; i += fields.length) {
    const kind = kinds[snap.nodes[i + at.type]]!
    sums.set(kind, (sums.get(kind) ?? 0) + snap.nodes[i + at.size])
  }
  const top = [...sums].sort((a, b) => b[1] - a[1]).slice(0, 6)
  console.log(
    `  heap snapshot ${label} (${file}): ${top.map(([kind, size]) => `${kind} ${MB(size)}`).join(', ')} MB`,
  )
}

const json = { 'content-type': 'application/json' }
const LOAD: {
  path: string
  amount: number
  init?: { method: 'POST'; headers: Record<string, string>; body: string }
}[] = [
  {
    path: '/graphql',
    amount: 400,
    init: {
      method: 'POST',
      headers: json,
      body: JSON.stringify({
        query:
          '{ resources(first: 20) { edges { node { slug title { text } summary { text } } } } }',
      }),
    },
  },
  {
    path: `/graphql?query=${encodeURIComponent('{ webinars(first: 10) { edges { node { slug title { text } startsAt } } } }')}`,
    amount: 400,
  },
  { path: '/api/resources?limit=20&locale=fr&depth=1', amount: 400 },
  { path: '/api/events?limit=10&locale=ar', amount: 400 },
  { path: '/en/', amount: 400 },
  { path: '/fr/resources', amount: 400 },
  { path: '/admin/login', amount: 100 },
]

const fire = (target: (typeof LOAD)[number]) =>
  new Promise<number>((resolve, reject) =>
    autocannon(
      {
        url: new URL(target.path, server.base).toString(),
        amount: target.amount,
        connections: 8,
        ...target.init,
      },
      (error, result) => (error ? reject(error) : resolve(result.non2xx)),
    ),
  )

try {
  await sleep(5000)
  console.log('▶ At rest')
  await probe('at rest', options.snapshot)
  for (let round = 1; round <= options.rounds; round++) {
    console.log(`▶ Load, round ${round} of ${options.rounds}`)
    for (const target of LOAD) {
      const failed = await fire(target)
      if (failed) console.log(`  ${target.path}: ${failed} answers not 2xx`)
    }
    await probe(`after round ${round}`, options.snapshot && round === options.rounds)
  }
  console.table(rows)
} finally {
  await server.stop()
  await rm(dir, { recursive: true, force: true })
}
