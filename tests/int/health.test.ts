// /healthz and /readyz on the hub (src/cli/serve.ts in front of Next) and on the partner API alone
// (graphql/standalone.ts), and their request logs: real servers on the test database, on a database
// that is not there, on one that never answers, and on a fresh database with migrations pending.
import { setTimeout as sleep } from 'node:timers/promises'
import { spawn } from 'node:child_process'
import net from 'node:net'
import getPort from 'get-port'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest'

import { migrations } from '../../src/migrations'
import { committedMigrations, describeDatabaseError } from '../../src/ops/health'
import { type CronLike, judgeRunner } from '../../src/ops/jobs'
import { loggablePath, requestIdFrom, scrub } from '../../src/ops/log'
import { partnerApi } from '../helpers/partner'
import { type RunningServer, startServer } from '../helpers/servers'

const LISTING = `{ resources(first: 20) { totalCount edges { node { slug title { text }
  topics { name { text } } publishers { name { text } } workingGroups { name { text } } } } } }`
const EMAIL = 'someone.private@example.org'
const COOKIE_SECRET = 'cookie-secret-value-5f1e'
// A partner's key in the shape the API takes, unknown to it (refused, and never logged).
const BEARER_SECRET = `akh_0123456789ab_${'s'.repeat(39)}9c2d`
const DB_PASSWORD = 'db-password-never-logged'

type LogLine = Record<string, unknown> & { msg: string; level: string; time: string }

/** The JSON lines a server wrote (other lines, such as Payload's own, are skipped). */
const jsonLines = (server: RunningServer): LogLine[] =>
  server
    .output()
    .split('\n')
    .filter((line) => line.startsWith('{"time"'))
    .map((line) => JSON.parse(line) as LogLine)

/** Waits (at most 5 s) for a log line: the server writes it just after the answer has gone. */
const waitForLine = async (
  server: RunningServer,
  match: (line: LogLine) => boolean,
): Promise<LogLine> => {
  const deadline = Date.now() + 5000
  for (;;) {
    const line = jsonLines(server).find(match)
    if (line) return line
    if (Date.now() > deadline) {
      throw new Error(
        `No such log line. Output:\n${server.output().split('\n').slice(-30).join('\n')}`,
      )
    }
    await sleep(100)
  }
}

const get = async (server: RunningServer, path: string, init: RequestInit = {}) => {
  const started = performance.now()
  const response = await fetch(new URL(path, server.base), {
    ...init,
    signal: AbortSignal.timeout(15_000),
  })
  const text = await response.text()
  return {
    status: response.status,
    headers: response.headers,
    text,
    json: () => JSON.parse(text),
    ms: performance.now() - started,
  }
}

/** Asks /readyz until it answers `status` (at most `ms`). */
const readyzUntil = async (server: RunningServer, status: number, ms = 30_000) => {
  const deadline = Date.now() + ms
  for (;;) {
    const answer = await get(server, '/readyz')
    if (answer.status === status || Date.now() > deadline) return answer
    await sleep(500)
  }
}

const graphqlPost = (server: RunningServer, query: string, requestId: string) =>
  get(server, '/graphql', {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Accept: 'application/graphql-response+json',
      'X-Request-Id': requestId,
    },
    body: JSON.stringify({ query }),
  })

const withDatabase = (url: string, name: string) => {
  const u = new URL(url)
  u.pathname = `/${name}`
  return u.toString()
}

describe('the pieces', () => {
  it('reads the committed migrations as importing src/migrations does', async () => {
    expect(await committedMigrations()).toEqual(migrations.map((m) => m.name))
  })

  it('logs paths without query strings, e-mails or link tokens', () => {
    expect(loggablePath(`/api/resources?where[email][equals]=${EMAIL}&token=abc`)).toBe(
      '/api/resources',
    )
    expect(loggablePath('/graphql#frag')).toBe('/graphql')
    expect(loggablePath(`/api/people/${EMAIL}`)).toBe('/api/people/[email]')
    expect(loggablePath('/api/people/someone%40example.org/x')).toBe('/api/people/[email]/x')
    expect(loggablePath('/admin/reset/abcdef')).toBe('/admin/reset/[redacted]')
    expect(loggablePath('/api/users/verify/0123')).toBe('/api/users/verify/[redacted]')
    expect(loggablePath(`/x/${'a1'.repeat(20)}`)).toBe('/x/[redacted]')
    expect(loggablePath(`/${'z'.repeat(500)}`)).toHaveLength(201)
    expect(scrub('postgres://hub:secret@db.internal:5432/hub')).toBe(
      'postgres://[redacted]@db.internal:5432/hub',
    )
  })

  it('keeps a well-formed request id and replaces any other', () => {
    expect(requestIdFrom('abc-123_X.y')).toBe('abc-123_X.y')
    for (const bad of ['', 'a b', 'a'.repeat(65), 'x\u00e9', `id-${EMAIL}`]) {
      expect(requestIdFrom(bad)).toMatch(/^[0-9a-f-]{36}$/)
    }
    expect(requestIdFrom(undefined)).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('describes database errors without their messages', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 10.0.0.5:5432'), {
      code: 'ECONNREFUSED',
    })
    expect(describeDatabaseError(refused, 2000)).toBe('connection refused')
    const auth = Object.assign(new Error('password authentication failed for user "hub"'), {
      code: '28P01',
    })
    expect(describeDatabaseError(auth, 2000)).toBe('authentication failed')
    expect(describeDatabaseError(new Error('timeout exceeded when trying to connect'), 2000)).toBe(
      'no connection within 2 s',
    )
    expect(describeDatabaseError(new Error(`odd ${EMAIL}`), 2000)).toBe('unexpected error')
  })

  it('judges the job runner by its timer', () => {
    const now = Date.parse('2026-11-27T12:00:00Z')
    const timer = (t: Partial<Record<keyof CronLike, unknown>>): CronLike => ({
      isStopped: () => false,
      isRunning: () => true,
      isBusy: () => false,
      currentRun: () => null,
      previousRun: () => null,
      nextRun: () => new Date(now + 30_000),
      ...(Object.fromEntries(Object.entries(t).map(([k, v]) => [k, () => v])) as object),
    })
    const minutesAgo = (m: number) => new Date(now - m * 60_000)
    expect(judgeRunner(undefined, now, now)).toMatchObject({ ok: false, notStarted: true })
    expect(judgeRunner([timer({})], now, now)).toMatchObject({ ok: true, lastRun: null })
    expect(judgeRunner([timer({})], now, now - 6 * 60_000)).toEqual({
      ok: false,
      reason: 'the scheduled-publishing runner has not run for 6 minutes',
    })
    expect(judgeRunner([timer({ previousRun: minutesAgo(1) })], now, now - 3600_000)).toMatchObject(
      { ok: true, lastRun: minutesAgo(1).toISOString() },
    )
    expect(judgeRunner([timer({ previousRun: minutesAgo(7) })], now, now)).toMatchObject({
      ok: false,
      reason: 'the scheduled-publishing runner has not run for 7 minutes',
    })
    expect(
      judgeRunner([timer({ isBusy: true, currentRun: minutesAgo(2) })], now, now),
    ).toMatchObject({ ok: true, running: true })
    expect(
      judgeRunner([timer({ isBusy: true, currentRun: minutesAgo(9) })], now, now),
    ).toMatchObject({
      ok: false,
      reason: 'a scheduled-publishing run has been running for 9 minutes',
    })
    expect(judgeRunner([timer({ isStopped: true })], now, now)).toMatchObject({
      ok: false,
      reason: 'the scheduled-publishing runner is stopped',
    })
  })
})

describe('on the test database', () => {
  const servers: Partial<Record<'prod' | 'api', RunningServer>> = {}
  let expectedStatements: number

  beforeAll(async () => {
    const options = {
      databaseUrl: inject('databaseUrl'),
      payloadSecret: inject('payloadSecret'),
      // A small partner pool, so that concurrent requests wait for connections (see the SQL test).
      extra: { LOG_FORMAT: 'json', PARTNER_RESPONSE_CACHE: 'false', PARTNER_DB_POOL_SIZE: '2' },
    }
    ;[servers.prod, servers.api] = await Promise.all([
      startServer('prod', options),
      startServer('api', options),
    ])
    const listing = await partnerApi().post(LISTING)
    expect(listing.body.errors).toBeUndefined()
    expectedStatements = listing.statements
  })

  afterAll(async () => {
    await Promise.all(Object.values(servers).map((s) => s?.stop()))
  })

  for (const kind of ['prod', 'api'] as const) {
    describe(kind === 'prod' ? 'the hub (production)' : 'npm run start:api', () => {
      it('answers /healthz: 200, small JSON, not cached; HEAD too; other methods 405', async () => {
        const server = servers[kind]!
        const answer = await get(server, '/healthz')
        expect(answer.status).toBe(200)
        expect(answer.json()).toEqual({ status: 'ok' })
        expect(answer.headers.get('cache-control')).toBe('no-store')
        expect(answer.headers.get('content-type')).toMatch(/^application\/json/)
        const head = await get(server, '/healthz', { method: 'HEAD' })
        expect(head.status).toBe(200)
        expect(head.text).toBe('')
        const post = await get(server, '/readyz', { method: 'POST', body: '{}' })
        expect(post.status).toBe(405)
        expect(post.headers.get('allow')).toBe('GET, HEAD')
      })

      it('answers /readyz 200 with its checks', async () => {
        const answer = await get(servers[kind]!, '/readyz?probe=1')
        expect(answer.status, answer.text).toBe(200)
        expect(answer.headers.get('cache-control')).toBe('no-store')
        const body = answer.json()
        expect(body.status).toBe('ready')
        expect(body.checks.database.status).toBe('ok')
        expect(body.checks.migrations).toMatchObject({
          status: 'ok',
          applied: migrations.length,
          latest: migrations.at(-1)!.name,
        })
        // The test servers run no jobs (HUB_RUN_JOBS=false): nothing to check.
        expect(body.checks.jobs).toBeUndefined()
        expect((await get(servers[kind]!, '/readyz', { method: 'HEAD' })).status).toBe(200)
      })

      it('logs each request as one JSON line, without query string, e-mail, cookie or token', async () => {
        const server = servers[kind]!
        const requestId = `test-${kind}-privacy`
        const answer = await get(
          server,
          `/graphql?query=${encodeURIComponent('{ __typename }')}&email=${encodeURIComponent(EMAIL)}`,
          {
            headers: { 'X-Request-Id': requestId, Cookie: `payload-token=${COOKIE_SECRET}` },
          },
        )
        expect(answer.status).toBe(200)
        const withKey = await get(server, '/graphql?query=%7B__typename%7D', {
          headers: { 'X-Request-Id': `${requestId}-key`, Authorization: `Bearer ${BEARER_SECRET}` },
        })
        expect(withKey.status).toBe(401)
        expect((await waitForLine(server, (l) => l.requestId === `${requestId}-key`)).status).toBe(
          401,
        )
        expect(answer.headers.get('x-request-id')).toBe(requestId)
        const line = await waitForLine(server, (l) => l.requestId === requestId)
        expect(line).toMatchObject({
          level: 'info',
          msg: 'request',
          method: 'GET',
          path: '/graphql',
          status: 200,
          sqlStatements: 0,
        })
        expect(typeof line.durationMs).toBe('number')
        expect(Number.isNaN(Date.parse(line.time))).toBe(false)

        // An e-mail in the path, and a failed sign-in with an e-mail in its body (the hub).
        const inPath = await get(server, `/api/people/${encodeURIComponent(EMAIL)}`, {
          headers: { 'X-Request-Id': `test-${kind}-path` },
        })
        expect(inPath.status).toBeLessThan(500)
        expect((await waitForLine(server, (l) => l.requestId === `test-${kind}-path`)).path).toBe(
          '/api/people/[email]',
        )
        if (kind === 'prod') {
          await get(server, '/api/users/login', {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ email: EMAIL, password: 'not the password at all' }),
          })
        }
        await sleep(300)
        const output = server.output()
        for (const secret of [
          EMAIL,
          encodeURIComponent(EMAIL),
          COOKIE_SECRET,
          BEARER_SECRET,
          inject('payloadSecret'),
          new URL(inject('databaseUrl')).password,
        ]) {
          expect(output).not.toContain(secret)
        }
        // Every line of ours is JSON with a time, a level and a message.
        for (const l of jsonLines(server)) {
          expect(l).toMatchObject({
            time: expect.any(String),
            level: expect.any(String),
            msg: expect.any(String),
          })
        }
        expect(jsonLines(server).map((l) => l.msg)).toEqual(
          expect.arrayContaining(['start', 'ready', 'request']),
        )
      })

      it('gives each request an id: a well-formed X-Request-Id is kept, another replaced', async () => {
        const server = servers[kind]!
        const bad = await get(server, '/healthz', { headers: { 'X-Request-Id': 'not ok!' } })
        const id = bad.headers.get('x-request-id')!
        expect(id).toMatch(/^[0-9a-f-]{36}$/)
        await waitForLine(server, (l) => l.requestId === id && l.path === '/healthz')
        const none = await get(server, '/no-such-page')
        expect(none.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
      })

      it('logs the SQL statements of each request, also when requests wait for connections', async () => {
        const server = servers[kind]!
        expect(expectedStatements).toBeGreaterThan(0)
        const ids = Array.from({ length: 12 }, (_, i) => `test-${kind}-sql-${i}`)
        const answers = await Promise.all(ids.map((id) => graphqlPost(server, LISTING, id)))
        for (const answer of answers) {
          expect(answer.status).toBe(200)
          expect(answer.headers.get('x-sql-statements')).toBeNull()
        }
        for (const id of ids) {
          const line = await waitForLine(server, (l) => l.requestId === id)
          expect(line.sqlStatements, id).toBe(expectedStatements)
        }
        if (kind === 'prod') {
          // Payload's own statements count too (same pg module as the gate's).
          await get(server, '/api/resources?limit=2', { headers: { 'X-Request-Id': 'test-rest' } })
          const rest = await waitForLine(server, (l) => l.requestId === 'test-rest')
          expect(rest.status).toBe(200)
          expect(rest.sqlStatements).toBeGreaterThan(0)
        }
      })
    })
  }
})

describe('when the database cannot be reached', () => {
  const servers: RunningServer[] = []
  let silent: net.Server
  const sockets = new Set<net.Socket>()
  let closedUrl: string
  let silentUrl: string

  beforeAll(async () => {
    const closedPort = await getPort({ host: '127.0.0.1' })
    closedUrl = `postgres://hub:${DB_PASSWORD}@127.0.0.1:${closedPort}/hub`
    // A server that accepts connections and never says a word.
    silent = net.createServer((socket) => {
      sockets.add(socket)
      socket.on('close', () => sockets.delete(socket))
    })
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
    silentUrl = `postgres://hub:${DB_PASSWORD}@127.0.0.1:${(silent.address() as net.AddressInfo).port}/hub`
    const secret = inject('payloadSecret')
    servers.push(
      ...(await Promise.all([
        startServer('api', { databaseUrl: closedUrl, payloadSecret: secret }),
        startServer('api', { databaseUrl: silentUrl, payloadSecret: secret }),
        startServer('prod', {
          databaseUrl: closedUrl,
          payloadSecret: secret,
          extra: { LOG_FORMAT: 'json' },
        }),
      ])),
    )
  })

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()))
    for (const socket of sockets) socket.destroy()
    await new Promise((resolve) => silent?.close(resolve))
  })

  it('start:api still starts: /healthz 200, /readyz 503 "database: connection refused"', async () => {
    const [api] = servers
    expect((await get(api!, '/healthz')).status).toBe(200)
    const answer = await get(api!, '/readyz')
    expect(answer.status).toBe(503)
    expect(answer.headers.get('cache-control')).toBe('no-store')
    expect(answer.json()).toMatchObject({
      status: 'not ready',
      reasons: ['database: connection refused'],
    })
    // Readable lines by default: one per request, and the change of readiness.
    await sleep(300)
    const output = api!.output()
    expect(output).toMatch(/ GET \/readyz 503 [\d.]+ ms \d+ sql \[[0-9a-f-]{36}\]/)
    expect(output).toContain('Not ready: database: connection refused')
    expect(output).not.toContain(DB_PASSWORD)
  })

  it('answers within the check’s time limit when the database never answers', async () => {
    const [, api] = servers
    expect((await get(api!, '/healthz')).status).toBe(200)
    const answers = await Promise.all(Array.from({ length: 4 }, () => get(api!, '/readyz')))
    for (const answer of answers) {
      expect(answer.status).toBe(503)
      expect(answer.json().reasons).toEqual([
        expect.stringMatching(/^database: no (connection|answer) within 2 s$/),
      ])
      expect(answer.ms).toBeLessThan(4000)
    }
    expect(api!.output()).not.toContain(DB_PASSWORD)
  })

  it('the hub too: /healthz 200, /readyz 503, nothing secret in its log', async () => {
    const [, , hub] = servers
    expect((await get(hub!, '/healthz')).status).toBe(200)
    const answer = await get(hub!, '/readyz')
    expect(answer.status).toBe(503)
    expect(answer.json().reasons).toEqual(['database: connection refused'])
    const event = await waitForLine(hub!, (l) => l.msg === 'readiness')
    expect(event).toMatchObject({
      level: 'warn',
      status: 'not ready',
      reasons: ['database: connection refused'],
    })
    expect(hub!.output()).not.toContain(DB_PASSWORD)
  })
})

describe('on a database with migrations pending', () => {
  const name = `hub_test_health_${process.pid}`
  let admin: pg.Client
  let url: string
  const servers: Partial<Record<'prod' | 'api', RunningServer>> = {}

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: inject('adminDatabaseUrl') })
    await admin.connect()
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    await admin.query(`CREATE DATABASE ${name}`)
    url = withDatabase(inject('adminDatabaseUrl'), name)
    const options = {
      databaseUrl: url,
      payloadSecret: inject('payloadSecret'),
      // The hub runs its job runner here (its own database: no other test's jobs).
      extra: { LOG_FORMAT: 'json', HUB_RUN_JOBS: 'true' },
      // Nothing asks Payload's REST API: the runner must start without it.
      probe: '/healthz',
    }
    ;[servers.prod, servers.api] = await Promise.all([
      startServer('prod', options),
      startServer('api', options),
    ])
  })

  afterAll(async () => {
    await Promise.all(Object.values(servers).map((s) => s?.stop()))
    await admin?.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    await admin?.end()
  })

  it('both answer 503 naming the pending migrations, then 200 once migrated', async () => {
    const pending = `migrations: ${migrations.length} pending (${migrations
      .slice(0, 3)
      .map((m) => m.name)
      .join(', ')}${migrations.length > 3 ? ', …' : ''})`
    for (const server of [servers.api!, servers.prod!]) {
      expect((await get(server, '/healthz')).status).toBe(200)
      const answer = await get(server, '/readyz')
      expect(answer.status).toBe(503)
      expect(answer.json().reasons).toContain(pending)
      expect(answer.json().checks.database.status).toBe('ok')
    }
    // The partner API's SQL check waits for the migrations, trying every 5 s: said once, not each time.
    for (const server of [servers.api!, servers.prod!]) {
      await waitForLine(server, (l) => l.msg === 'sql-check-later')
    }
    await sleep(6000)

    // Not spawnSync: a blocked event loop would miss the servers closing idle keep-alive
    // connections, and the next request would go out on a closed one.
    const migrate = () =>
      new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/migrate.ts'], {
          env: { ...process.env, DATABASE_URL: url, HUB_RUN_JOBS: 'false' },
          stdio: ['ignore', 'ignore', 'pipe'],
        })
        let stderr = ''
        child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
        child.on('exit', (code) => resolve({ code, stderr }))
      })
    let result = await migrate()
    if (result.code === 13) result = await migrate() // Node 20's module loader under tsx, now and then
    expect(result.code, result.stderr).toBe(0)

    const api = await readyzUntil(servers.api!, 200)
    expect(api.status, api.text).toBe(200)
    expect(api.json().checks.jobs).toBeUndefined()
    const hub = await readyzUntil(servers.prod!, 200)
    expect(hub.status, hub.text).toBe(200)
    // The hub started Payload's job runner by itself, without asking itself for a page first.
    expect(hub.json().checks.jobs).toMatchObject({
      status: 'ok',
      nextRun: expect.any(String),
      lateJobs: 0,
    })
    const requests = jsonLines(servers.prod!).filter((l) => l.msg === 'request')
    expect(new Set(requests.map((l) => l.path))).toEqual(new Set(['/healthz', '/readyz']))

    // Each change of readiness is an event.
    await waitForLine(servers.prod!, (l) => l.msg === 'readiness' && l.status === 'ready')
    const changes = jsonLines(servers.prod!).filter((l) => l.msg === 'readiness')
    expect(changes.map((l) => l.status)).toEqual(['not ready', 'ready'])
    expect(changes[0]!.reasons).toContain(pending)
    for (const server of [servers.api!, servers.prod!]) {
      await vi.waitFor(
        () => expect(jsonLines(server).map((l) => l.msg)).toContain('sql-check-passed'),
        {
          timeout: 15_000,
          interval: 200,
        },
      )
      expect(jsonLines(server).filter((l) => l.msg === 'sql-check-later')).toHaveLength(1)
    }
  }, 180_000)
})
