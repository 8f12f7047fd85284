// Faults, each on an embedded PostgreSQL of this file's own (never the suite's shared server):
// PostgreSQL killed (SIGKILL, as a crash or the kernel's out-of-memory killer would) during an
// editor's save, a publish and a volume seed, and restarted under partner load; then the hub of
// `npm start` with its own embedded server: that server killed, and the hub itself killed while a
// scheduled publication falls due.
//
// "During" is made certain, not hoped for: another session holds a lock on a table the write
// reaches late, and PostgreSQL is killed only once the write waits there with its first rows written
// (pg_stat_activity shows a transaction id).
import { setTimeout as sleep } from 'node:timers/promises'
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import getPort from 'get-port'
import pg from 'pg'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

import {
  type EmbeddedServer,
  postmasterRunning,
  startEmbeddedPostgres,
} from '../../src/db/embeddedPostgres'
import { DATABASE_UNAVAILABLE } from '../../src/db/outage'
import { type RunningServer, startServer, stopProcessGroup } from '../helpers/servers'

const HUB_KIND = (process.env.FAULTS_HUB_KIND ?? 'prod') as 'prod' | 'dev'
const ADMIN = { email: 'faults-admin@hub.test', password: randomBytes(18).toString('base64url') }

/** `node --import tsx <args>`, once more if Node 20's loader exits 13 at start. */
const node = (args: string[], env: NodeJS.ProcessEnv) => {
  let result = spawnSync(process.execPath, ['--import', 'tsx', ...args], { env, encoding: 'utf8' })
  if (result.status === 13)
    result = spawnSync(process.execPath, ['--import', 'tsx', ...args], { env, encoding: 'utf8' })
  return result
}

const nodeOrThrow = (args: string[], env: NodeJS.ProcessEnv) => {
  const result = node(args, env)
  if (result.status !== 0)
    throw new Error(`${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`)
  return result
}

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

const postmasterPid = (dataDir: string) =>
  Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0])

/** SIGKILL to the postmaster: no shutdown, no checkpoint; its backends follow it out. */
const killPostgres = async (dataDir: string) => {
  const pid = postmasterPid(dataDir)
  process.kill(pid, 'SIGKILL')
  for (let i = 0; i < 100 && isAlive(pid); i++) await sleep(50)
  expect(isAlive(pid)).toBe(false)
  return pid
}

const connect = async (url: string) => {
  const client = new pg.Client({ connectionString: url })
  client.on('error', () => {}) // the server is about to be killed under it
  await client.connect()
  return client
}

/**
 * Takes `table` in EXCLUSIVE mode (reads go on, writes wait) from a session of its own, now or, when
 * another transaction writes to it, as soon as that one ends (the request queues, and later writers
 * queue behind it). `caught()` resolves once a write waits for this lock having written something
 * already (it has a transaction id): a write caught in the middle.
 */
const holdTable = async (url: string, table: string) => {
  const holder = await connect(url)
  await holder.query('BEGIN')
  const granted = holder.query(`LOCK TABLE ${table} IN EXCLUSIVE MODE`)
  granted.catch(() => {}) // the server may be killed while it waits
  // Watched from another session: inside the holder's transaction pg_stat_activity stays as it was
  // when first read.
  const watcher = await connect(url)
  const caught = async () => {
    try {
      // A minute and a half: a seed on a busy machine (CI, beside other test files) takes a while
      // to start.
      for (let i = 0; i < 1800; i++) {
        const { rows } = await watcher.query(
          `SELECT a.pid FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
            WHERE NOT l.granted AND l.relation = $1::regclass AND a.backend_xid IS NOT NULL`,
          [table],
        )
        if (rows.length) return
        await sleep(50)
      }
      const { rows } = await watcher.query(
        `SELECT state, wait_event_type, backend_xid, left(query, 200) AS query
           FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
      )
      await holder.end()
      throw new Error(
        `No write waited on ${table} with rows written within 90 s:\n${JSON.stringify(rows, null, 1)}`,
      )
    } finally {
      await watcher.end()
    }
  }
  return { holder, granted, caught, release: () => holder.query('COMMIT') }
}

describe('a running hub when PostgreSQL is killed, restarted or crowded', () => {
  let dir: string
  let dataDir: string
  let port: number
  let database: EmbeddedServer
  let url: string
  let secret: string
  let prod: RunningServer
  let api: RunningServer
  let token: string
  let groupId: number

  const restartPostgres = async () => {
    database = await startEmbeddedPostgres({ dataDir, port })
  }

  const query = async <R extends pg.QueryResultRow>(text: string, values: unknown[] = []) => {
    const client = await connect(url)
    try {
      return (await client.query<R>(text, values)).rows
    } finally {
      await client.end()
    }
  }

  /** Everything stored for one resource, its versions included. */
  const snapshot = async (id: number) => ({
    resource: await query('SELECT * FROM resources WHERE id = $1', [id]),
    locales: await query('SELECT * FROM resources_locales WHERE _parent_id = $1 ORDER BY id', [id]),
    rels: await query('SELECT * FROM resources_rels WHERE parent_id = $1 ORDER BY id', [id]),
    versions: await query('SELECT * FROM _resources_v WHERE parent_id = $1 ORDER BY id', [id]),
  })

  const rest = async (method: string, pathname: string, body?: unknown) => {
    const response = await fetch(new URL(`/api${pathname}`, prod.base), {
      method,
      headers: { Authorization: `JWT ${token}`, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(20_000),
    })
    return {
      status: response.status,
      retryAfter: response.headers.get('retry-after'),
      body: (await response.json()) as Record<string, any>,
    }
  }

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'hub-faults-'))
    await fs.chmod(dir, 0o755) // the server runs as `postgres` when we are root
    dataDir = path.join(dir, 'pg')
    port = await getPort({ host: '127.0.0.1' })
    database = await startEmbeddedPostgres({ dataDir, port })
    await database.createDatabase('hub')
    url = database.url('hub')
    secret = randomBytes(32).toString('hex')
    const env = {
      ...process.env,
      DATABASE_URL: url,
      PAYLOAD_SECRET: secret,
      HUB_RUN_JOBS: 'false',
      HUB_ADMIN_EMAIL: ADMIN.email,
      HUB_ADMIN_PASSWORD: ADMIN.password,
    }
    nodeOrThrow(['src/cli/migrate.ts'], env)
    nodeOrThrow(['seed/run.ts'], env)
    // Every partner query goes to the database (no cached answer hides an outage).
    const serverEnv = {
      databaseUrl: url,
      payloadSecret: secret,
      // Budgets out of reach: the load comes from one address, and outages are what is measured.
      extra: { PARTNER_RESPONSE_CACHE: 'false', PARTNER_ANONYMOUS_BUDGET: '1000000000' },
    }
    ;[prod, api] = await Promise.all([
      startServer(HUB_KIND, serverEnv),
      startServer('api', serverEnv),
    ])
    const login = await fetch(new URL('/api/users/login', prod.base), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(ADMIN),
    })
    token = ((await login.json()) as { token: string }).token
    groupId = (await query<{ id: number }>('SELECT id FROM working_groups ORDER BY id LIMIT 1'))[0]!
      .id
  }, 300_000)

  // A test that fails half-way must not leave the next one without its database.
  afterEach(async () => {
    if (!(await postmasterRunning(dataDir))) await restartPostgres()
  })

  afterAll(async () => {
    await Promise.all([prod?.stop(), api?.stop()])
    await database?.stop()
    if (dir) await fs.rm(dir, { recursive: true, force: true })
  })

  it('forty saves at once all succeed (Payload’s lock check needs a second connection per save)', async () => {
    const ids = (
      await query<{ id: number }>(
        `SELECT id FROM resources WHERE _status = 'published' ORDER BY id LIMIT 40`,
      )
    ).map((r) => r.id)
    expect(ids).toHaveLength(40)
    const saves = await Promise.all(
      ids.map((id, i) => rest('PATCH', `/resources/${id}?draft=true`, { summary: `Draft ${i}` })),
    )
    expect(saves.map((s) => s.status)).toEqual(ids.map(() => 200))
  })

  it('an editor’s save cut off by the kill fails with a clear 503, changes nothing, and the next save works', async () => {
    const id = (
      await query<{ id: number }>(
        `SELECT id FROM resources WHERE _status = 'published' ORDER BY id LIMIT 1`,
      )
    )[0]!.id
    const before = await snapshot(id)
    // The save updates the resource, then writes its version: it waits there, half done.
    const versions = await holdTable(url, '_resources_v')
    await versions.granted
    const { caught } = versions
    const save = rest('PATCH', `/resources/${id}`, { summary: 'Edited while the database died' })
    await caught()
    await killPostgres(dataDir)

    const failed = await save
    expect(failed.status).toBe(503)
    expect(failed.body.errors[0].message).toBe(DATABASE_UNAVAILABLE)
    expect(failed.retryAfter).toBe('5')

    await restartPostgres()
    expect(await snapshot(id)).toEqual(before)
    // The same server, not restarted: its pool finds the database again.
    const saved = await rest('PATCH', `/resources/${id}`, { summary: 'Edited once it was back' })
    expect(saved.status).toBe(200)
    const [row] = await query<{ summary: string }>(
      `SELECT summary FROM resources_locales WHERE _parent_id = $1 AND _locale = 'en'`,
      [id],
    )
    expect(row!.summary).toBe('Edited once it was back')
  })

  it('a publish cut off by the kill leaves the draft a draft, and publishing again works', async () => {
    const created = await rest('POST', '/resources?draft=true', {
      title: 'A guidance note published while the database died',
      workingGroups: [groupId],
      _status: 'draft',
    })
    expect(created.status).toBe(201)
    const id = created.body.doc.id as number
    const before = await snapshot(id)

    const versions = await holdTable(url, '_resources_v')
    await versions.granted
    const { caught } = versions
    const publish = rest('PATCH', `/resources/${id}`, { _status: 'published' })
    await caught()
    await killPostgres(dataDir)

    const failed = await publish
    expect(failed.status).toBe(503)
    expect(failed.body.errors[0].message).toBe(DATABASE_UNAVAILABLE)
    await restartPostgres()
    expect(await snapshot(id)).toEqual(before)
    const anonymous = await fetch(new URL(`/api/resources/${id}`, prod.base))
    expect(anonymous.status).toBe(404) // still a draft: nobody outside sees it

    const published = await rest('PATCH', `/resources/${id}`, { _status: 'published' })
    expect(published.status).toBe(200)
    expect((await fetch(new URL(`/api/resources/${id}`, prod.base))).status).toBe(200)
  })

  it('partner API under load: 503s (never a hang) only while PostgreSQL is down; the hub and start:api recover within 10 s', async () => {
    type Outcome = {
      at: number
      end: number
      server: string
      status: number | 'timeout' | 'network'
    }
    const outcomes: Outcome[] = []
    const readiness: Outcome[] = []
    const bodies503 = new Set<string>()
    let running = true
    let n = 0

    const worker = async (server: RunningServer) => {
      while (running) {
        const first = 1 + (n++ % 40)
        const at = Date.now()
        const query = encodeURIComponent(`{ resources(first: ${first}) { totalCount } }`)
        try {
          const response = await fetch(new URL(`/graphql?query=${query}`, server.base), {
            signal: AbortSignal.timeout(8000),
          })
          const text = await response.text()
          if (response.status === 503) bodies503.add(text)
          outcomes.push({ at, end: Date.now(), server: server.kind, status: response.status })
        } catch (error) {
          const status = (error as Error).name === 'TimeoutError' ? 'timeout' : 'network'
          outcomes.push({ at, end: Date.now(), server: server.kind, status })
        }
        await sleep(25)
      }
    }
    const prober = async (server: RunningServer) => {
      while (running) {
        const at = Date.now()
        const response = await fetch(new URL('/readyz', server.base), {
          signal: AbortSignal.timeout(8000),
        })
        await response.text()
        readiness.push({ at, end: Date.now(), server: server.kind, status: response.status })
        await sleep(250)
      }
    }
    const load = [prod, api].flatMap((s) => [worker(s), worker(s), prober(s)])

    await sleep(2000)
    const killedAt = Date.now()
    await killPostgres(dataDir)
    await sleep(3000)
    await restartPostgres()
    const backAt = Date.now()
    await sleep(12_000)
    running = false
    await Promise.all(load)

    // Every request had an answer, and each answer was a success or "unavailable".
    expect(outcomes.filter((o) => typeof o.status !== 'number')).toEqual([])
    expect(new Set(outcomes.map((o) => o.status))).toEqual(new Set([200, 503]))
    expect(outcomes.filter((o) => o.end < killedAt).every((o) => o.status === 200)).toBe(true)
    for (const body of bodies503) {
      expect(JSON.parse(body).errors[0]).toMatchObject({
        message: DATABASE_UNAVAILABLE,
        extensions: { code: 'SERVICE_UNAVAILABLE' },
      })
    }
    for (const server of [prod.kind, api.kind]) {
      const mine = outcomes.filter((o) => o.server === server)
      const during = mine.filter((o) => o.at > killedAt + 500 && o.at < backAt)
      const timeline = mine.map((o) => `${o.at - killedAt}:${o.status}`).join(' ')
      expect(
        during.some((o) => o.status === 503),
        `${server}: ${timeline}`,
      ).toBe(true)
      const after = mine.filter((o) => o.at > backAt + 10_000)
      expect(after.length).toBeGreaterThan(0)
      expect(after.every((o) => o.status === 200)).toBe(true)
      // /readyz said so while it lasted, and says ready again.
      const probes = readiness.filter((o) => o.server === server)
      expect(probes.some((o) => o.at > killedAt + 1500 && o.at < backAt && o.status === 503)).toBe(
        true,
      )
      expect(probes.filter((o) => o.at > backAt + 10_000).every((o) => o.status === 200)).toBe(true)
    }
  }, 90_000)

  it('`seed --scale 10000` killed mid-batch leaves no half-written resource; a second run completes it, nothing twice', async () => {
    const generated = async () =>
      (
        await query<{ resources: number; slugs: number; incomplete: number }>(
          `SELECT count(*)::int AS resources, count(DISTINCT slug)::int AS slugs,
                  count(*) FILTER (WHERE (SELECT count(*) FROM resources_locales l WHERE l._parent_id = r.id) <> 4
                                      OR NOT EXISTS (SELECT 1 FROM resources_rels x WHERE x.parent_id = r.id))::int AS incomplete
             FROM resources r WHERE slug LIKE 'generated-resource-%'`,
        )
      )[0]!
    const env = { ...process.env, DATABASE_URL: url, PAYLOAD_SECRET: secret, HUB_RUN_JOBS: 'false' }
    // The first batch of 5,000 is held at its relations (its resources and texts written); a lock on
    // the texts is queued behind it; released, the first batch commits, and the second is caught
    // after writing its resources, waiting to write their texts.
    const relations = await holdTable(url, 'resources_rels')
    await relations.granted
    const startSeed = () => {
      const seed = spawn(
        process.execPath,
        ['--import', 'tsx', 'seed/run.ts', '--if-empty', '--scale', '10000'],
        { env, stdio: ['ignore', 'pipe', 'pipe'] },
      )
      const run = { output: '', exited: new Promise<number | null>((r) => seed.on('exit', r)) }
      seed.stdout.on('data', (chunk) => (run.output += chunk))
      seed.stderr.on('data', (chunk) => (run.output += chunk))
      return run
    }
    // The seed caught at its relations; or, if it ends first, why (once more for Node 20's silent
    // exit 13 at start, see tests/setup/globalSetup.ts).
    const waiting = relations.caught()
    waiting.catch(() => {}) // reported through the race below
    let seed = startSeed()
    for (let attempt = 1; ; attempt++) {
      const first = await Promise.race([waiting.then(() => 'caught' as const), seed.exited])
      if (first === 'caught') break
      if (first === 13 && !seed.output && attempt === 1) {
        seed = startSeed()
        continue
      }
      throw new Error(`The seed ended (${first}) before it was caught:\n${seed.output}`)
    }
    const { exited } = seed
    const output = () => seed.output
    const texts = await holdTable(url, 'resources_locales')
    await relations.release()
    await texts.caught()
    await killPostgres(dataDir)
    expect(await exited, output()).not.toBe(0)
    expect(output()).toMatch(/unavailable|terminated|ECONNREFUSED|connection/i)

    await restartPostgres()
    const afterKill = await generated()
    expect(afterKill).toEqual({ resources: 5000, slugs: 5000, incomplete: 0 })

    const again = node(['seed/run.ts', '--if-empty', '--scale', '10000'], env)
    expect(again.status, again.stderr).toBe(0)
    expect(again.stdout).toMatch(/Generated 5000 resources \(5000 already there\)/)
    expect(await generated()).toEqual({ resources: 10_000, slugs: 10_000, incomplete: 0 })
  }, 240_000)
})

describe('the hub of `npm start` and its own embedded PostgreSQL', () => {
  let dir: string
  let port: number
  let hub: { child: ChildProcess; output: () => string } | undefined
  const secret = randomBytes(32).toString('hex')

  const startHub = async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/hub.ts', '--production'], {
      env: {
        ...process.env,
        NODE_ENV: undefined,
        DATABASE_URL: '',
        EMBEDDED_PG_DIR: path.join(dir, 'pg'),
        PAYLOAD_SECRET: secret,
        HUB_ADMIN_EMAIL: ADMIN.email,
        HUB_ADMIN_PASSWORD: ADMIN.password,
        HUB_RUN_JOBS: 'true',
        PORT: String(port),
        HOST: '127.0.0.1',
        NEXT_TELEMETRY_DISABLED: '1',
      } as unknown as NodeJS.ProcessEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    })
    let text = ''
    child.stdout!.on('data', (chunk) => (text += chunk))
    child.stderr!.on('data', (chunk) => (text += chunk))
    hub = { child, output: () => text }
    await waitUntil(() => ready(), 240_000, 'the hub to be ready')
    return hub
  }

  const ready = async () => {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/readyz`, {
        signal: AbortSignal.timeout(3000),
      })
      await response.text()
      return response.status === 200
    } catch {
      return false
    }
  }

  const waitUntil = async (test: () => Promise<boolean>, ms: number, what: string) => {
    const deadline = Date.now() + ms
    while (Date.now() < deadline) {
      if (await test()) return
      if (hub && hub.child.exitCode !== null) break
      await sleep(250)
    }
    throw new Error(`Waited ${ms / 1000} s for ${what}.\n${hub?.output().slice(-3000)}`)
  }

  /** The hub's database as its own start wrote it down (port and password). */
  const hubDatabaseUrl = async () => {
    const password = (await fs.readFile(path.join(dir, 'pg-password'), 'utf8')).trim()
    const dbPort = /Embedded PostgreSQL is running on 127\.0\.0\.1:(\d+)/.exec(hub!.output())![1]
    return `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${dbPort}/hub`
  }

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'hub-own-pg-'))
    await fs.chmod(dir, 0o755)
    port = await getPort({ host: '127.0.0.1' })
    await startHub()
  }, 300_000)

  afterAll(async () => {
    if (hub) await stopProcessGroup(hub.child)
    // A server orphaned by the SIGKILL test and not reused would still hold the folder.
    const pidFile = path.join(dir, 'pg', 'postmaster.pid')
    const pid = Number((await fs.readFile(pidFile, 'utf8').catch(() => '')).split('\n')[0])
    if (pid && isAlive(pid)) process.kill(pid, 'SIGINT')
    for (let i = 0; i < 200 && pid && isAlive(pid); i++) await sleep(50)
    await fs.rm(dir, { recursive: true, force: true })
  }, 60_000)

  it('notices its PostgreSQL died and starts it again by itself', async () => {
    const killed = await killPostgres(path.join(dir, 'pg'))
    // (Whether /readyz catches the short outage depends on timing; the test above shows it does.)
    await waitUntil(
      async () => (await postmasterRunning(path.join(dir, 'pg'))) && (await ready()),
      15_000,
      'the hub to be ready again',
    )
    expect(postmasterPid(path.join(dir, 'pg'))).not.toBe(killed)
    expect(hub!.output()).toMatch(/Embedded PostgreSQL stopped unexpectedly: starting it again/)
    // Its connections broken by the kill are replaced as requests find them: within 10 s.
    await waitUntil(
      async () => (await fetch(`http://127.0.0.1:${port}/api/resources?limit=1`)).status === 200,
      10_000,
      'REST to answer again',
    )
  }, 60_000)

  it('killed (SIGKILL) with a publication due, it reuses the server it left and publishes on restart', async () => {
    await waitUntil(() => ready(), 30_000, 'the hub to be ready')
    const url = await hubDatabaseUrl()
    const client = await connect(url)
    const [group] = (await client.query<{ id: number }>('SELECT id FROM working_groups LIMIT 1'))
      .rows
    const [admin] = (
      await client.query<{ id: number }>('SELECT id FROM users WHERE email = $1', [ADMIN.email])
    ).rows
    await client.end()
    const login = await fetch(`http://127.0.0.1:${port}/api/users/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(ADMIN),
    })
    const { token } = (await login.json()) as { token: string }
    const created = await fetch(`http://127.0.0.1:${port}/api/resources?draft=true`, {
      method: 'POST',
      headers: { Authorization: `JWT ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        title: 'Scheduled while the hub was down',
        workingGroups: [group!.id],
        _status: 'draft',
      }),
    })
    const id = ((await created.json()) as { doc: { id: number } }).doc.id
    const due = new Date(Date.now() + 4000)
    nodeOrThrow(
      ['tests/helpers/queuePublish.ts', String(id), due.toISOString(), String(admin!.id)],
      {
        ...process.env,
        DATABASE_URL: url,
        PAYLOAD_SECRET: secret,
        HUB_RUN_JOBS: 'false',
      },
    )

    // Every node process of the hub, at once and without warning; its PostgreSQL is left running.
    const orphan = postmasterPid(path.join(dir, 'pg'))
    for (const pid of await processGroup(hub!.child.pid!)) {
      if (!(await commandOf(pid)).includes('postgres')) process.kill(pid, 'SIGKILL')
    }
    await sleep(Math.max(0, due.getTime() - Date.now()) + 1000)
    expect(isAlive(orphan)).toBe(true)

    await startHub()
    expect(hub!.output()).toMatch(
      new RegExp(`PostgreSQL server \\(pid ${orphan}\\) from an earlier run`),
    )
    expect(isAlive(orphan)).toBe(false)
    // The runner wakes each minute: what fell due while the hub was down is published then.
    await waitUntil(
      async () => (await fetch(`http://127.0.0.1:${port}/api/resources/${id}`)).status === 200,
      90_000,
      'the scheduled publication',
    )
  }, 240_000)
})

/** The processes of a process group (from /proc). */
const processGroup = async (pgid: number) => {
  const pids: number[] = []
  for (const entry of await fs.readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    const stat = await fs.readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '')
    // Fields after the command (which may hold spaces): state, ppid, pgrp.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    if (Number(fields[2]) === pgid) pids.push(Number(entry))
  }
  return pids
}

const commandOf = (pid: number) => fs.readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '')
