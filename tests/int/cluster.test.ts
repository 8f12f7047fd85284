// Issue 24, item 3: the several-machines recipe, all on loopback (deploy/loopback.ts, with the
// configuration files of deploy/): a primary and a streaming replica, PgBouncer in transaction
// mode in front of both, a bucket in s3rver, two hubs and two `start:api`, HAProxy in front. Every
// part answers its health check; an editor's change made through the balancer reaches partners
// through the balancer, read from the replica through PgBouncer by both `start:api`; a file one
// hub receives the other serves; one hub runs the jobs; a `start:api` that stops is taken out.
import { setTimeout as sleep } from 'node:timers/promises'
import { HeadBucketCommand, S3Client } from '@aws-sdk/client-s3'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type Cluster, startLoopbackCluster } from '../../deploy/loopback'
import { JOBS_LOCK } from '../../src/ops/jobs'
import { png } from '../helpers/files'

let cluster: Cluster
let token: string

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

/** Asks until the partner API through HAProxy answers `wanted` (each ask may reach either start:api). */
const untilTitle = async (slug: string, wanted: string, ms = 15_000) => {
  const deadline = Date.now() + ms
  let seen: string | null = null
  while (Date.now() < deadline) {
    seen = await titleOf(slug)
    if (seen === wanted) return seen
    await sleep(100)
  }
  return seen
}

const sessionsOf = async (server: string) =>
  (await cluster.haproxyServers())
    .filter((entry) => entry.backend === 'partner_api' && entry.server === server)
    .reduce((sum, entry) => sum + entry.sessions, 0)

beforeAll(async () => {
  cluster = await startLoopbackCluster()
  const registered = await rest('POST', '/users/first-register', {
    email: 'coordinator@cluster.test',
    password: 'a long cluster password',
    name: 'Coordinator',
  })
  token = registered.token
  expect(token).toBeTruthy()
}, 300_000)

afterAll(async () => {
  await cluster?.stop()
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
    expect(await untilTitle(doc.slug, title)).toBe(title)
    // Both start:api now hold the answer in their response caches …
    for (let i = 0; i < 6; i++) expect(await titleOf(doc.slug)).toBe(title)
    // … and both drop it when the change arrives, once the replica has it.
    const retitled = `${title}, revised`
    await rest('PATCH', `/resources/${doc.id}`, { title: retitled, _status: 'published' })
    expect(await untilTitle(doc.slug, retitled)).toBe(retitled)
    for (let i = 0; i < 6; i++) expect(await titleOf(doc.slug)).toBe(retitled)

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

  it('takes a start:api that stops out of the balancer, readers still answered', async () => {
    const [api1] = cluster.apis
    await api1!.stop()
    const deadline = Date.now() + 10_000
    const statusOf = async () =>
      (await cluster.haproxyServers()).find(
        (s) => s.backend === 'partner_api' && s.server === 'api1',
      )!.status
    while (!(await statusOf()).startsWith('DOWN') && Date.now() < deadline) await sleep(200)
    expect(await statusOf()).toMatch(/^DOWN/)
    for (let i = 0; i < 10; i++) {
      const response = await fetch(new URL('/graphql?query=%7B__typename%7D', cluster.base))
      expect(response.status).toBe(200)
    }
  })
})
