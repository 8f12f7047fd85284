// The partner API on a streaming replica (PARTNER_DATABASE_URL), with a primary and a replica of this
// file's own (tests/helpers/replica.ts): reads go to the replica, a process empties its response
// cache only once the replica has replayed a change (else it would cache the replica's old answer
// again for a minute), and delta sync works there.
//
// The replica's lag is made certain, not hoped for: replay is paused (pg_wal_replay_pause) while
// the primary publishes, and resumed when the test says so.
import { setTimeout as sleep } from 'node:timers/promises'
import { spawnSync } from 'node:child_process'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { createPartnerHandler as CreatePartnerHandler } from '../../graphql/server'
import { type EmbeddedServer, startEmbeddedPostgres } from '../../src/db/embeddedPostgres'
import { type Replica, startReplica } from '../helpers/replica'
import { type RunningServer, startServer } from '../helpers/servers'

let counter = 0
// Not tests/helpers/hub's: importing it loads the config, which must wait for this file's database.
const unique = (prefix: string) => `${prefix} ${process.pid}-${++counter}`
/** How this file's own connections to the replica are named, to tell them from the API's. */
const OURS = 'readReplica.test'

let dir: string | undefined
let primary: EmbeddedServer | undefined
let replica: Replica | undefined
let api: RunningServer | undefined
let payload: Payload | undefined
let primaryDb: pg.Pool | undefined
let replicaDb: pg.Pool | undefined
const handlers: ReturnType<typeof CreatePartnerHandler>[] = []

/** One reader of the partner API: its answer for a resource, and the SQL it cost (NaN: not told). */
type Reader = {
  name: string
  ask: (slug: string) => Promise<{ title: string | null; statements: number }>
  post: (query: string, variables: Record<string, unknown>) => Promise<any>
}
let viaApi: Reader // `start:api` with PARTNER_DATABASE_URL
let fresh: Reader // in process, `replica: true`
let control: Reader // in process, `replica: false`: what the replay wait prevents
let onPrimary: Reader // in process, reading the primary (tokens made there)

const resourceQuery = (slug: string) =>
  `/graphql?query=${encodeURIComponent(`{ resource(slug: "${slug}") { id title { text } } }`)}`

const answerOf = async (response: Response) => {
  const body = (await response.json()) as { data?: any; errors?: unknown[] }
  if (response.status !== 200 || body.errors) {
    throw new Error(`The partner API answered ${response.status}: ${JSON.stringify(body)}`)
  }
  return body.data
}

const reader = (
  name: string,
  fetchIt: (pathname: string, init?: RequestInit) => Promise<Response>,
): Reader => ({
  name,
  ask: async (slug) => {
    const response = await fetchIt(resourceQuery(slug))
    const statements = Number(response.headers.get('x-sql-statements') ?? Number.NaN)
    const data = await answerOf(response)
    return { title: (data.resource?.title?.text as string | undefined) ?? null, statements }
  },
  post: async (query, variables) =>
    answerOf(
      await fetchIt('/graphql', {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Accept: 'application/graphql-response+json',
        },
        body: JSON.stringify({ query, variables }),
      }),
    ),
})

/** Asks until the title is `wanted` or `ms` have passed; returns the last title seen. */
const titleWithin = async (from: Reader, slug: string, wanted: string, ms = 5000) => {
  const deadline = Date.now() + ms
  for (;;) {
    const { title } = await from.ask(slug)
    if (title === wanted || Date.now() > deadline) return title
    await sleep(100)
  }
}

const publish = async (title: string) => {
  const doc = await payload!.create({
    collection: 'resources',
    data: { title, _status: 'published' },
  })
  return { id: doc.id as number, slug: doc.slug as string, title }
}

const retitle = (id: number, title: string) =>
  payload!.update({ collection: 'resources', id, data: { title, _status: 'published' } })

/** The English title stored for a resource, as `db` has it now. */
const storedTitle = async (db: pg.Pool, id: number) =>
  (
    await db.query<{ title: string }>(
      `SELECT title FROM resources_locales WHERE _parent_id = $1 AND _locale = 'en'`,
      [id],
    )
  ).rows[0]?.title

/** Runs `action` with the replica's replay paused, and resumes it whatever happens. */
const whileReplicaLags = async <T>(action: () => Promise<T>) => {
  await replica!.pauseReplay()
  try {
    return await action()
  } finally {
    await replica!.resumeReplay()
  }
}

/** `node --import tsx <script>`, once more if Node 20's loader exits 13 at start (see tests/setup). */
const runScript = (script: string, env: NodeJS.ProcessEnv) => {
  let result = spawnSync(process.execPath, ['--import', 'tsx', script], { env, encoding: 'utf8' })
  if (result.status === 13) {
    result = spawnSync(process.execPath, ['--import', 'tsx', script], { env, encoding: 'utf8' })
  }
  if (result.status !== 0) throw new Error(`${script} failed:\n${result.stdout}\n${result.stderr}`)
}

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'hub-replica-'))
  await fs.chmod(dir, 0o755) // the servers run as `postgres` when we are root
  primary = await startEmbeddedPostgres({ dataDir: path.join(dir, 'primary') })
  await primary.createDatabase('hub')
  const primaryUrl = primary.url('hub')
  runScript('src/cli/migrate.ts', { ...process.env, DATABASE_URL: primaryUrl })

  // This file runs in its own process: Payload (and the in-process API, which reads the config's
  // access rules) on this primary, set before the config is first loaded.
  process.env.DATABASE_URL = primaryUrl
  const [{ getPayload }, { default: config }, { createPartnerHandler }] = await Promise.all([
    import('payload'),
    import('../../payload.config'),
    import('../../graphql/server'),
  ])
  payload = await getPayload({ config })

  replica = await startReplica(primary, path.join(dir, 'replica'))
  const replicaUrl = replica.url('hub')
  primaryDb = new pg.Pool({ connectionString: primaryUrl, application_name: OURS, max: 3 })
  replicaDb = new pg.Pool({ connectionString: replicaUrl, application_name: OURS, max: 6 })
  for (const pool of [primaryDb, replicaDb]) pool.on('error', () => undefined)

  api = await startServer('api', {
    databaseUrl: primaryUrl,
    payloadSecret: process.env.PAYLOAD_SECRET!,
    extra: { PARTNER_DATABASE_URL: replicaUrl },
  })
  viaApi = reader('start:api', (pathname, init) => fetch(new URL(pathname, api!.base), init))

  const inProcess = (name: string, options: Parameters<typeof CreatePartnerHandler>[0]) => {
    const handler = createPartnerHandler({ exposeStatementCount: true, ...options })
    handlers.push(handler)
    return reader(name, (pathname, init) =>
      handler.handle(new Request(new URL(pathname, 'http://hub.test'), init)),
    )
  }
  const onReplica = { pool: replicaDb, listen: primaryUrl, responseCache: true }
  fresh = inProcess('replica: true', { ...onReplica, replica: true })
  control = inProcess('replica: false', { ...onReplica, replica: false })
  onPrimary = inProcess('primary', { pool: primaryDb, listen: false, responseCache: false })

  // start:api and the two in-process handlers listen on the primary before the first change.
  const listening = async () =>
    (
      await primaryDb!.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE datname = 'hub' AND query ILIKE 'LISTEN%' AND state = 'idle'`,
      )
    ).rows[0]!.n
  for (const deadline = Date.now() + 15_000; (await listening()) < 3; await sleep(100)) {
    if (Date.now() > deadline) throw new Error('The partner APIs did not LISTEN on the primary.')
  }
}, 300_000)

afterAll(async () => {
  // Each step runs even when one before it fails: no server, replica or cluster is left behind.
  const steps: (() => unknown)[] = [
    () => Promise.all(handlers.map((h) => h.close())),
    () => api?.stop(),
    () => replicaDb?.end(),
    () => primaryDb?.end(),
    () => replica?.stop(),
    () => payload?.destroy(),
    () => primary?.stop(),
    () => (dir ? fs.rm(dir, { recursive: true, force: true }) : undefined),
  ]
  const failures: unknown[] = []
  for (const step of steps) {
    try {
      await step()
    } catch (error) {
      failures.push(error)
    }
  }
  if (failures.length) throw new AggregateError(failures, 'Cleaning up after the replica tests')
}, 60_000)

describe('the partner API on a streaming replica', () => {
  it('serves partners from the replica: start:api’s pool is there, and answers what the replica has', async () => {
    const shown = await publish(unique('On both'))
    await replica!.caughtUp()
    expect(await titleWithin(viaApi, shown.slug, shown.title)).toBe(shown.title)

    // The API's pool connects to the replica (ours are named; the API's have no name), in recovery.
    const { rows } = await replicaDb!.query<{ n: number; recovery: boolean }>(
      `SELECT count(*)::int AS n, pg_is_in_recovery() AS recovery FROM pg_stat_activity
        WHERE datname = 'hub' AND backend_type = 'client backend' AND application_name = ''`,
    )
    expect(rows[0]).toEqual({ n: expect.any(Number), recovery: true })
    expect(rows[0]!.n).toBeGreaterThan(0)

    // Published on the primary while the replica lags: the API does not have it yet.
    const late = await whileReplicaLags(async () => {
      const late = await publish(unique('Only on the primary'))
      expect(await storedTitle(primaryDb!, late.id)).toBe(late.title)
      expect(await storedTitle(replicaDb!, late.id)).toBeUndefined()
      for (const from of [viaApi, fresh]) expect((await from.ask(late.slug)).title).toBeNull()
      return late
    })
    // Once replayed, it is served within 5 s: the "not found" cached meanwhile is emptied then.
    for (const from of [viaApi, fresh]) {
      expect(await titleWithin(from, late.slug, late.title), from.name).toBe(late.title)
    }
  })

  it('empties its cache only once the replica has the change, so the old answer is not cached again', async () => {
    const { id, slug, title: before } = await publish(unique('Before'))
    await replica!.caughtUp()
    // Every reader holds the old answer in its cache (the in-process ones say so: no SQL).
    for (const from of [viaApi, fresh, control]) {
      expect(await titleWithin(from, slug, before), from.name).toBe(before)
    }
    for (const from of [fresh, control]) {
      await expect
        .poll(async () => (await from.ask(slug)).statements, { timeout: 5000, interval: 50 })
        .toBe(0)
    }

    const after = unique('After')
    const seen = await whileReplicaLags(async () => {
      await retitle(id, after)
      expect(await storedTitle(primaryDb!, id)).toBe(after)
      // Partners keep asking while the replica lags: a cache emptied now would be filled again
      // with the replica's old answer, and kept for a minute.
      const seen = new Map<Reader, { title: string | null; statements: number }[]>()
      for (let i = 0; i < 15; i++) {
        for (const from of [viaApi, fresh, control]) {
          seen.set(from, [...(seen.get(from) ?? []), await from.ask(slug)])
        }
        await sleep(100)
      }
      return seen
    })
    for (const [from, answers] of seen) {
      expect(new Set(answers.map((a) => a.title)), from.name).toEqual(new Set([before]))
    }

    await replica!.caughtUp()
    expect(await storedTitle(replicaDb!, id)).toBe(after)
    for (const from of [viaApi, fresh]) {
      expect(await titleWithin(from, slug, after), from.name).toBe(after)
    }
    // The same check fails without the wait for replay: the old answer stays for the cache's minute.
    expect(await titleWithin(control, slug, after)).toBe(before)
    expect(await control.ask(slug)).toEqual({ title: before, statements: 0 })

    // Why, as the in-process readers tell it. Waiting for the replica, `replica: true` kept its
    // cache while the replica lagged: every answer came from it, with no SQL.
    expect(seen.get(fresh)!.every((a) => a.statements === 0)).toBe(true)
    // `replica: false` emptied its cache on the announcement and read the replica's old row again.
    expect(seen.get(control)!.some((a) => a.statements > 0)).toBe(true)
  })

  it('delta sync works on the replica: its tokens, and the primary’s, bring each change once replayed', async () => {
    type Page = {
      initial: boolean
      hasMore: boolean
      token: string
      upserts: { __typename: string; id: string; title?: { text: string } }[]
      tombstones: { id: string; typename: string }[]
    }
    const SYNC = `query Sync($token: String) {
      sync(token: $token, first: 100) {
        initial hasMore token
        upserts { __typename ... on Node { id } ... on Resource { title { text } } }
        tombstones { id typename }
      }
    }`
    const syncAll = async (from: Reader, token?: string) => {
      const pages: Page[] = []
      do {
        const data = await from.post(SYNC, { token: pages.at(-1)?.token ?? token })
        pages.push(data.sync as Page)
      } while (pages.at(-1)!.hasMore)
      return {
        initial: pages.every((p) => p.initial),
        upserts: pages.flatMap((p) => p.upserts),
        tombstones: pages.flatMap((p) => p.tombstones),
        token: pages.at(-1)!.token,
      }
    }
    const globalId = (id: number) => Buffer.from(`Resource:${id}`).toString('base64url')

    const edited = await publish(unique('Synced'))
    await replica!.caughtUp()
    // An initial sync on the replica (pg_current_snapshot works in recovery) and one on the primary.
    const start = await syncAll(viaApi)
    expect(start.initial).toBe(true)
    expect(start.upserts.map((r) => r.id)).toContain(globalId(edited.id))
    const fromPrimary = await syncAll(onPrimary)

    const { added, during } = await whileReplicaLags(async () => {
      const added = await publish(unique('Added'))
      await retitle(edited.id, 'Synced, edited')
      // Asked while the replica lags: nothing of it yet, and a token that still covers it.
      const during = await syncAll(viaApi, start.token)
      expect(during.initial).toBe(false)
      expect(during.upserts.map((r) => r.id)).not.toContain(globalId(added.id))
      expect(during.upserts.map((r) => r.id)).not.toContain(globalId(edited.id))
      return { added, during }
    })
    await replica!.caughtUp()

    for (const token of [during.token, fromPrimary.token]) {
      const delta = await syncAll(viaApi, token)
      const ids = delta.upserts.map((r) => r.id)
      expect(ids).toEqual(expect.arrayContaining([globalId(added.id), globalId(edited.id)]))
      expect(new Set(ids).size).toBe(ids.length)
      expect(delta.upserts.find((r) => r.id === globalId(edited.id))?.title?.text).toBe(
        'Synced, edited',
      )
      expect(delta.tombstones).toEqual([])
      // And nothing more after it.
      const quiet = await syncAll(viaApi, delta.token)
      expect(quiet.upserts.map((r) => r.id)).not.toContain(globalId(added.id))
    }

    // A token that stands after changes the replica has not replayed yet (a page made on the
    // primary, continued on a lagging replica behind the same address) gets a 503 to retry, never
    // an answer that would step over those changes for good.
    const base = await syncAll(onPrimary)
    const { first, mid } = await whileReplicaLags(async () => {
      const first = await publish(unique('First of two'))
      const second = await publish(unique('Second of two'))
      const page = (
        await onPrimary.post(
          `query($token: String) { sync(token: $token, first: 1) { hasMore token upserts { ... on Node { id } } } }`,
          { token: base.token },
        )
      ).sync as { hasMore: boolean; token: string; upserts: { id: string }[] }
      expect(page.hasMore).toBe(true)
      const response = await fetch(new URL('/graphql', api!.base), {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Accept: 'application/graphql-response+json',
        },
        body: JSON.stringify({ query: SYNC, variables: { token: page.token } }),
      })
      expect(response.status).toBe(503)
      expect(response.headers.get('retry-after')).toBeTruthy()
      const body = (await response.json()) as { errors: { extensions: { code: string } }[] }
      expect(body.errors[0]!.extensions.code).toBe('SERVICE_UNAVAILABLE')
      return { first: [first.id, second.id], mid: page }
    })
    await replica!.caughtUp()
    const rest = await syncAll(viaApi, mid.token)
    const seen = [...mid.upserts.map((r) => r.id), ...rest.upserts.map((r) => r.id)]
    expect(seen).toEqual(expect.arrayContaining(first.map(globalId)))
  })
})
