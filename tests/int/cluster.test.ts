// Issue 24, item 3: the several-machines recipe, all on loopback (deploy/loopback.ts, with the
// configuration files of deploy/): a primary and a streaming replica, PgBouncer in transaction
// mode in front of both, a bucket in s3rver, two hubs and two `start:api`, HAProxy in front. Every
// part answers its health check; an editor's change made through the balancer reaches partners
// through the balancer, read from the replica through PgBouncer by both `start:api`; a file one
// hub receives the other serves; one hub runs the jobs; a `start:api` that stops is taken out.
import { setTimeout as sleep } from 'node:timers/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { HeadBucketCommand, S3Client } from '@aws-sdk/client-s3'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type Cluster, startLoopbackCluster } from '../../deploy/loopback'
import { JOBS_LOCK } from '../../src/ops/jobs'
import { png } from '../helpers/files'

let cluster: Cluster
let token: string
/** A partner's webhook endpoint: the webhook-id of every delivery it received. */
let receiver: Server
const received = new Set<string>()
let webhook: { id: number }

const rows = async <T extends Record<string, unknown>>(
  url: string,
  text: string,
  values?: unknown[],
) => {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return (await client.query<T>(text, values)).rows
  } finally {
    await client.end()
  }
}

/** PgBouncer's admin console: SHOW … rows (its protocol takes no parameters). */
const bouncer = <T extends Record<string, unknown>>(command: string) =>
  rows<T>(cluster.urls.pgbouncerAdmin, command)

const rest = async (method: string, pathname: string, body?: unknown) => {
  const response = await fetch(new URL(`/api${pathname}`, cluster.base), {
    method,
    headers: {
      'Content-Type': 'application/json',
      ...(token ? { Authorization: `JWT ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const json = (await response.json()) as any
  expect(response.status, JSON.stringify(json)).toBeLessThan(300)
  return json
}

const titleOf = async (slug: string) => {
  const query = `{ resource(slug: "${slug}") { title { text } } }`
  const response = await fetch(new URL(`/graphql?query=${encodeURIComponent(query)}`, cluster.base))
  const body = (await response.json()) as any
  expect(response.status, JSON.stringify(body)).toBe(200)
  return (body.data?.resource?.title?.text as string | undefined) ?? null
}

/**
 * Asks until every reader gets `wanted`: 8 answers in a row through HAProxy, which sends them to both
 * start:api. Each process empties its own cache when the change reaches it (and the replica), so
 * for a moment one may answer anew and the other as before; both must get there. The titles seen.
 */
const untilEveryReader = async (slug: string, wanted: string, ms = 20_000) => {
  const deadline = Date.now() + ms
  let seen: (string | null)[] = []
  while (Date.now() < deadline) {
    seen = []
    for (let i = 0; i < 8; i++) seen.push(await titleOf(slug))
    if (seen.every((title) => title === wanted)) break
    await sleep(100)
  }
  return [...new Set(seen)]
}

const sessionsOf = async (server: string) =>
  (await cluster.haproxyServers())
    .filter((entry) => entry.backend === 'partner_api' && entry.server === server)
    .reduce((sum, entry) => sum + entry.sessions, 0)

beforeAll(async () => {
  pngBytes = new Uint8Array(await png(32, 32))
  receiver = createServer((request, response) => {
    const id = request.headers['webhook-id']
    if (typeof id === 'string') received.add(id)
    request.resume()
    request.on('end', () => response.writeHead(204).end())
  })
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
  // The receiver is on loopback, as a partner on the hubs' private network would be.
  cluster = await startLoopbackCluster({ env: { WEBHOOK_ALLOW_PRIVATE: 'true' } })
  const registered = await rest('POST', '/users/first-register', {
    email: 'coordinator@cluster.test',
    password: 'a long cluster password',
    name: 'Coordinator',
  })
  token = registered.token
  expect(token).toBeTruthy()
  const { port } = receiver.address() as AddressInfo
  webhook = (
    await rest('POST', '/webhooks', {
      name: 'A partner following resources',
      url: `http://127.0.0.1:${port}/hooks`,
      events: ['upsert'],
      collections: ['resources'],
    })
  ).doc
}, 300_000)

afterAll(async () => {
  await cluster?.stop()
  receiver?.closeAllConnections()
  await new Promise((resolve) => receiver?.close(resolve))
})

describe('the several-machines recipe on loopback', () => {
  it('starts every part, each answering its health check', async () => {
    const servers = await cluster.haproxyServers()
    expect(servers.map((s) => `${s.backend}/${s.server} ${s.status}`).sort()).toEqual([
      'hubs/hub1 UP',
      'hubs/hub2 UP',
      'partner_api/api1 UP',
      'partner_api/api2 UP',
      'partner_api/hub1 UP',
      'partner_api/hub2 UP',
    ])
    expect((await fetch(new URL('/healthz', cluster.stats))).status).toBe(200)
    expect(await (await fetch(new URL('/metrics', cluster.stats))).text()).toContain(
      'haproxy_server_status',
    )
    for (const server of [...cluster.hubs, ...cluster.apis]) {
      const response = await fetch(new URL('/readyz', server.base))
      expect(response.status, await response.clone().text()).toBe(200)
    }
    // Each hub checks the bucket in its readiness, and the bucket answers on its own too.
    const ready = (await (await fetch(new URL('/readyz', cluster.hubs[0]!.base))).json()) as any
    expect(ready.checks.storage.status).toBe('ok')
    const s3 = new S3Client({
      endpoint: cluster.bucket.endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: cluster.bucket.key, secretAccessKey: cluster.bucket.key },
    })
    await s3.send(new HeadBucketCommand({ Bucket: cluster.bucket.name }))
    // PgBouncer pools both databases in transaction mode.
    const pools = await bouncer<{ database: string; pool_mode: string }>('SHOW POOLS')
    expect(
      pools.filter((p) => p.database.startsWith('hub')).map((p) => `${p.database} ${p.pool_mode}`),
    ).toEqual(expect.arrayContaining(['hub transaction', 'hub_replica transaction']))
    // The replica streams from the primary.
    expect(
      (
        await rows<{ standby: boolean }>(
          cluster.replica.url('hub'),
          'SELECT pg_is_in_recovery() AS standby',
        )
      )[0]!.standby,
    ).toBe(true)
    const streaming = await rows<{ state: string }>(
      cluster.urls.primary,
      'SELECT state FROM pg_stat_replication',
    )
    expect(streaming.map((s) => s.state)).toEqual(['streaming'])
  })

  it('brings an editor’s change to partners through the balancer, read from the replica', async () => {
    const title = `Cluster guidance ${Date.now()}`
    const { doc } = await rest('POST', '/resources', { title, _status: 'published' })
    expect(await untilEveryReader(doc.slug, title)).toEqual([title])
    // Both start:api now hold the answer in their response caches, and both drop it when the change
    // reaches them, once the replica has it.
    const retitled = `${title}, revised`
    await rest('PATCH', `/resources/${doc.id}`, { title: retitled, _status: 'published' })
    expect(await untilEveryReader(doc.slug, retitled)).toEqual([retitled])

    // HAProxy sent partner requests to both start:api, none to the hubs (their backups).
    expect(await sessionsOf('api1')).toBeGreaterThan(0)
    expect(await sessionsOf('api2')).toBeGreaterThan(0)
    expect(await sessionsOf('hub1')).toBe(0)
    expect(await sessionsOf('hub2')).toBe(0)
    // The hubs wrote through PgBouncer to the primary, the start:api read through it from the replica.
    const stats = await bouncer<{ database: string; total_xact_count: string }>('SHOW STATS')
    const transactions = (database: string) =>
      Number(stats.find((row) => row.database === database)?.total_xact_count ?? 0)
    expect(transactions('hub')).toBeGreaterThan(0)
    expect(transactions('hub_replica')).toBeGreaterThan(0)
  })

  it('serves the same offline bundle from every process, built once, and renews it for all', async () => {
    const processes = [...cluster.hubs, ...cluster.apis]
    const etags = async () =>
      Promise.all(
        processes.map(async (server) => {
          const response = await fetch(new URL('/bundle/fr.json.gz', server.base))
          expect(response.status).toBe(200)
          await response.arrayBuffer()
          return response.headers.get('etag')!
        }),
      )
    // Asked of all four at once: one builds it, the others serve what it stored.
    const first = await etags()
    expect(new Set(first).size).toBe(1)
    // A partner that has it from one process is told by any other that it is current.
    for (const server of processes) {
      const again = await fetch(new URL('/bundle/fr.json.gz', server.base), {
        headers: { 'If-None-Match': first[0]! },
      })
      expect(again.status).toBe(304)
    }
    const stored = await rows<{ etag: string; lease_owner: string | null }>(
      cluster.urls.primary,
      `SELECT etag, lease_owner FROM hub_bundles WHERE locale = 'fr'`,
    )
    expect(stored).toEqual([{ etag: first[0], lease_owner: null }])
    // After a change, every process serves the one new bundle.
    const { doc } = await rest('POST', '/resources', {
      title: `Bundled ${Date.now()}`,
      _status: 'published',
    })
    expect(doc.id).toBeDefined()
    await expect
      .poll(
        async () => {
          const now = await etags()
          return new Set(now).size === 1 && now[0] !== first[0]
        },
        { timeout: 60_000, interval: 500 },
      )
      .toBe(true)
  })

  it('serves a file one hub received from the other, out of the bucket', async () => {
    const form = new FormData()
    form.set(
      'file',
      new Blob([new Uint8Array(await png(64, 64))], { type: 'image/png' }),
      'cluster.png',
    )
    form.set('_payload', JSON.stringify({ alt: 'A file for the cluster' }))
    const [first, second] = cluster.hubs
    const created = await fetch(new URL('/api/media', first!.base), {
      method: 'POST',
      headers: { Authorization: `JWT ${token}` },
      body: form,
    })
    const { doc } = (await created.json()) as any
    expect(created.status).toBe(201)
    const served = await fetch(new URL(`/api/media/file/${doc.filename}`, second!.base), {
      headers: { Authorization: `JWT ${token}` },
    })
    expect(served.status).toBe(200)
    expect(served.headers.get('content-type')).toBe('image/png')
    expect(
      Buffer.from(await served.arrayBuffer())
        .subarray(1, 4)
        .toString(),
    ).toBe('PNG')
  })

  it('runs jobs in one hub only', async () => {
    const holders = async () =>
      (
        await rows<{ n: number }>(
          cluster.urls.primary,
          `SELECT count(*)::int AS n FROM pg_locks
            WHERE locktype = 'advisory' AND granted AND classid = $1 AND objid = $2 AND objsubid = 2`,
          JOBS_LOCK,
        )
      )[0]!.n
    // Both hubs ask for the lock at their first timer; one gets it.
    for (const deadline = Date.now() + 15_000; (await holders()) === 0 && Date.now() < deadline;) {
      await sleep(200)
    }
    expect(await holders()).toBe(1)
  })

  it('restarts every hub and start:api in turn, and loses a hub to SIGKILL, without failing a reader', async () => {
    const resources = await Promise.all(
      [1, 2, 3].map(async (n) => {
        const { doc } = await rest('POST', '/resources', {
          title: `Rolling ${n} ${Date.now()}`,
          _status: 'published',
        })
        return { id: doc.id as number, slug: doc.slug as string }
      }),
    )
    const load = startLoad(resources)
    await sleep(3000)
    const timeline: string[] = []
    const step = async (label: string, action: () => Promise<unknown>) => {
      const started = Date.now()
      await action()
      timeline.push(`${label}: ${((Date.now() - started) / 1000).toFixed(1)} s`)
    }
    // A deploy: one process at a time, each back in HAProxy before the next.
    for (const i of [0, 1])
      await step(`hub ${i + 1} restarted`, () => cluster.restart(cluster.hubs[i]!))
    for (const i of [0, 1])
      await step(`start:api ${i + 1} restarted`, () => cluster.restart(cluster.apis[i]!))
    // A lost machine: killed without a word, then back.
    await step('hub 1 killed and back', () => cluster.restart(cluster.hubs[0]!, 'kill'))
    await sleep(3000)
    const outcomes = await load.stop()
    const haproxy = await cluster.haproxyServers()
    const retried = haproxy.reduce((sum, s) => sum + s.retries + s.redispatches, 0)

    const byKind = new Map<string, { sent: number; failed: number }>()
    for (const outcome of outcomes) {
      const entry = byKind.get(outcome.kind) ?? { sent: 0, failed: 0 }
      entry.sent++
      if (outcome.problem) entry.failed++
      byKind.set(outcome.kind, entry)
    }
    // The figures docs/several-machines.md quotes.
    console.log(
      `Rolling restart under load: ${outcomes.length} requests, ${outcomes.filter((o) => o.problem).length} failed\n` +
        [...byKind].map(([kind, e]) => `  ${kind}: ${e.sent} sent, ${e.failed} failed`).join('\n') +
        `\n${timeline.map((line) => `  ${line}`).join('\n')}` +
        `\n  HAProxy sent ${retried} request(s) again (retries and redispatches)`,
    )
    expect(outcomes.filter((o) => o.problem).slice(0, 5)).toEqual([])
    expect(outcomes.length).toBeGreaterThan(300)

    // No upload lost: every file a client was told was stored is in the library and served.
    const uploads = outcomes.filter((o) => o.kind === 'upload' && o.filename)
    expect(uploads.length).toBeGreaterThan(5)
    for (const { filename } of uploads) {
      const served = await fetch(new URL(`/api/media/file/${filename}`, cluster.base), {
        headers: { Authorization: `JWT ${token}` },
      })
      expect(served.status, filename).toBe(200)
      await served.arrayBuffer()
    }

    // Webhooks: every delivery queued for the partner's endpoint reaches it at least once.
    const deliveries = async () =>
      rows<{ message_id: string; status: string }>(
        cluster.urls.primary,
        'SELECT message_id, status FROM webhook_deliveries WHERE webhook_id = $1',
        [webhook.id],
      )
    const deadline = Date.now() + 90_000
    while (Date.now() < deadline && (await deliveries()).some((d) => d.status !== 'delivered')) {
      await sleep(500)
    }
    const queued = await deliveries()
    expect(queued.length).toBeGreaterThan(5)
    expect(queued.filter((d) => d.status !== 'delivered')).toEqual([])
    const missing = queued.filter((d) => !received.has(d.message_id))
    expect(missing).toEqual([])
  }, 420_000)
})

// ---------------------------------------------------------------------------------------------
// The load: a fixed rate whatever the answers take (open loop), of what readers, partners and
// editors send, through HAProxy: partner GraphQL (GET and POST), the site, anonymous REST reads,
// draft saves, publications (each a webhook delivery) and uploads.

type Outcome = { kind: string; problem?: string; filename?: string }

const SLOTS = [
  'graphqlGet',
  'graphqlPost',
  'graphqlGet',
  'rest',
  'graphqlGet',
  'graphqlPost',
  'save',
  'graphqlGet',
  'site',
  'graphqlPost',
  'graphqlGet',
  'publish',
  'graphqlGet',
  'graphqlPost',
  'rest',
  'graphqlGet',
  'upload',
  'graphqlPost',
  'graphqlGet',
  'save',
] as const
const RATE_PER_SECOND = 20

let pngBytes: Uint8Array<ArrayBuffer>

const sendOne = async (
  kind: (typeof SLOTS)[number],
  n: number,
  resources: { id: number; slug: string }[],
): Promise<Outcome> => {
  const resource = resources[n % resources.length]!
  const signedIn = { Authorization: `JWT ${token}` }
  const json = { 'Content-Type': 'application/json' }
  let request: { path: string; init?: RequestInit }
  switch (kind) {
    case 'graphqlGet': {
      const query = `{ resources(first: ${(n % 10) + 1}) { edges { node { slug title { text } } } } }`
      request = { path: `/graphql?query=${encodeURIComponent(query)}` }
      break
    }
    case 'graphqlPost':
      request = {
        path: '/graphql',
        init: {
          method: 'POST',
          headers: json,
          body: JSON.stringify({
            query: 'query One($slug: String!) { resource(slug: $slug) { id title { text } } }',
            variables: { slug: resource.slug },
          }),
        },
      }
      break
    case 'rest':
      request = { path: `/api/resources?limit=3&depth=0&page=${(n % 3) + 1}` }
      break
    case 'site':
      request = { path: '/en/' }
      break
    case 'save':
      request = {
        path: `/api/resources/${resource.id}?draft=true`,
        init: {
          method: 'PATCH',
          headers: { ...json, ...signedIn },
          body: JSON.stringify({ summary: `Draft note ${n}` }),
        },
      }
      break
    case 'publish':
      request = {
        path: `/api/resources/${resource.id}`,
        init: {
          method: 'PATCH',
          headers: { ...json, ...signedIn },
          body: JSON.stringify({
            title: `Rolling ${resource.id} edition ${n}`,
            _status: 'published',
          }),
        },
      }
      break
    case 'upload': {
      const form = new FormData()
      form.set('file', new Blob([pngBytes], { type: 'image/png' }), `rolling-${n}.png`)
      form.set('_payload', JSON.stringify({ alt: `Uploaded during the rolling restart (${n})` }))
      request = { path: '/api/media', init: { method: 'POST', headers: signedIn, body: form } }
      break
    }
  }
  try {
    const response = await fetch(new URL(request.path, cluster.base), {
      ...request.init,
      signal: AbortSignal.timeout(30_000),
    })
    const text = await response.text()
    if (response.status >= 300) return { kind, problem: `${response.status} ${text.slice(0, 200)}` }
    if (kind.startsWith('graphql') && JSON.parse(text).errors) {
      return { kind, problem: `GraphQL errors: ${text.slice(0, 200)}` }
    }
    if (kind === 'upload') return { kind, filename: JSON.parse(text).doc.filename as string }
    return { kind }
  } catch (error) {
    return { kind, problem: `${(error as Error).name}: ${(error as Error).message}` }
  }
}

const startLoad = (resources: { id: number; slug: string }[]) => {
  const pending: Promise<Outcome>[] = []
  let n = 0
  const timer = setInterval(() => {
    const kind = SLOTS[n % SLOTS.length]!
    pending.push(sendOne(kind, n++, resources))
  }, 1000 / RATE_PER_SECOND)
  return {
    stop: async () => {
      clearInterval(timer)
      return Promise.all(pending)
    },
  }
}
