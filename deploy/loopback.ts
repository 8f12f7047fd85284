// The several-machines recipe on one machine, every part on 127.0.0.1: a primary PostgreSQL and a
// streaming replica (the embedded server's binaries), PgBouncer in transaction mode in front of both,
// an S3-compatible bucket (s3rver), two hubs and two `start:api` processes, and HAProxy in front of
// those, each part started with the configuration files of deploy/ and waited for by its health
// check. tests/int/cluster.test.ts starts it; `npm run cluster` starts it for a person to try.
//
// What differs from several machines is only where each part runs: docs/several-machines.md.
//   npm run cluster [-- --no-seed]
import { setTimeout as sleep } from 'node:timers/promises'
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import getPort from 'get-port'
import pg from 'pg'
import S3rver from 's3rver'

import {
  embeddedBinaries,
  type EmbeddedServer,
  startEmbeddedPostgres,
} from '../src/db/embeddedPostgres'
import { type Replica, startReplica } from '../tests/helpers/replica'
import {
  type RunningServer,
  startServer,
  stopAllServers,
  stopProcessGroup,
} from '../tests/helpers/servers'

const DEPLOY = path.resolve(import.meta.dirname)
/** The database the hubs use, on the primary and (as `hub_replica` through PgBouncer) the replica. */
const DATABASE = 'hub'
const BUCKET = 'hub-media'
const S3_KEY = 'S3RVER' // s3rver's own credentials

export type HaproxyServer = {
  backend: string
  server: string
  status: string
  sessions: number
  /** Requests HAProxy sent again after this process failed them (wretr), or elsewhere (wredis). */
  retries: number
  redispatches: number
  /** The last health check's status, code and description, as HAProxy gives them. */
  check: string
  checkMs: number | undefined
}

export type Cluster = {
  /** Where readers connect: HAProxy. */
  base: URL
  /** HAProxy's status page (`/;csv` for machines, `/healthz`, `/metrics`). */
  stats: URL
  hubs: RunningServer[]
  apis: RunningServer[]
  primary: EmbeddedServer
  replica: Replica
  /** postgres:// addresses: `hub` and `hub_replica` through PgBouncer, its admin console, the primary. */
  urls: { pooled: string; pooledReplica: string; pgbouncerAdmin: string; primary: string }
  /** The bucket: its endpoint, name and credentials. */
  bucket: { endpoint: string; name: string; key: string }
  /** The variables every hub and `start:api` runs with. */
  env: Record<string, string>
  payloadSecret: string
  /** HAProxy's view of each process (its CSV status). */
  haproxyServers: () => Promise<HaproxyServer[]>
  /**
   * Stops one hub or `start:api` (SIGTERM as a deploy does, or SIGKILL as a lost machine), starts it
   * again on its port, and resolves once HAProxy has it UP again; `hubs` and `apis` then hold it.
   */
  restart: (server: RunningServer, how?: 'stop' | 'kill') => Promise<RunningServer>
  /** The last lines PgBouncer and HAProxy printed. */
  log: (part: 'pgbouncer' | 'haproxy') => string
  stop: () => Promise<void>
}

export type ClusterOptions = {
  /** Loads the Alliance's records (seed/) before the hubs start. */
  seed?: boolean
  /** More variables for every hub and `start:api` (they win over the recipe's). */
  env?: Record<string, string>
  /** Prints each step. */
  progress?: (line: string) => void
}

type Child = { child: ChildProcess; log: () => string; stop: () => Promise<void> }

/** A Debian package's program, on PATH or in the sbin folders a user's PATH often lacks. */
const findTool = async (name: 'haproxy' | 'pgbouncer') => {
  const folders = [
    ...(process.env.PATH ?? '').split(path.delimiter),
    '/usr/local/sbin',
    '/usr/sbin',
  ]
  for (const folder of folders.filter(Boolean)) {
    const candidate = path.join(folder, name)
    if (
      await fs.access(candidate, fs.constants.X_OK).then(
        () => true,
        () => false,
      )
    ) {
      return candidate
    }
  }
  throw new Error(
    `${name} is not installed: the several-machines recipe needs Debian's "${name}" package (apt-get install ${name}).`,
  )
}

/** Spawns a long-running part in its own process group, keeping its last 200 lines of output. */
const spawnPart = (
  command: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; runAs?: { uid: number; gid: number }; cwd?: string },
): Child => {
  const child = spawn(command, args, {
    env: options.env ?? process.env,
    cwd: options.cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
    ...options.runAs,
  })
  const lines: string[] = []
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString().split('\n'))
    if (lines.length > 200) lines.splice(0, lines.length - 200)
  }
  child.stdout!.on('data', keep)
  child.stderr!.on('data', keep)
  return { child, log: () => lines.join('\n'), stop: () => stopProcessGroup(child, 5000) }
}

/** Runs `check` until it resolves, at most `ms`; the last error says why it never did. */
const waitFor = async <T>(
  what: string,
  check: () => Promise<T>,
  ms: number,
  log?: () => string,
) => {
  const deadline = Date.now() + ms
  for (;;) {
    try {
      return await check()
    } catch (error) {
      if (Date.now() > deadline) {
        const detail = error instanceof Error ? error.message : String(error)
        throw new Error(
          `${what} not ready within ${ms / 1000} s: ${detail}${log ? `\n${log()}` : ''}`,
        )
      }
    }
    await sleep(250)
  }
}

const query = async (connectionString: string, text: string) => {
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: 3000 })
  await client.connect()
  try {
    return (await client.query(text)).rows
  } finally {
    await client.end()
  }
}

/** `node --import tsx <script>` to its end, once more if Node 20's loader exits 13 at start. */
const runScript = (script: string, env: NodeJS.ProcessEnv) => {
  for (let attempt = 1; ; attempt++) {
    const result = spawnSync(process.execPath, ['--import', 'tsx', script], {
      env,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    if (result.status === 0) return
    if (result.status === 13 && attempt === 1) continue
    throw new Error(`${script} failed (${result.status}):\n${result.stdout}\n${result.stderr}`)
  }
}

const withUrl = (
  base: string,
  changes: { port?: number; database?: string; user?: string; password?: string },
) => {
  const url = new URL(base)
  if (changes.port) url.port = String(changes.port)
  if (changes.database) url.pathname = `/${changes.database}`
  if (changes.user) url.username = changes.user
  if (changes.password) url.password = changes.password
  return url.toString()
}

/** Parses HAProxy's CSV status (`# pxname,svname,qcur,…`). */
const parseHaproxyCsv = (text: string): HaproxyServer[] => {
  const [header, ...rows] = text.trim().split('\n')
  const names = header!.replace(/^# /, '').split(',')
  const column = (row: string[], name: string) => row[names.indexOf(name)] ?? ''
  return rows
    .map((line) => line.split(','))
    .filter((row) => !['FRONTEND', 'BACKEND'].includes(column(row, 'svname')))
    .map((row) => ({
      backend: column(row, 'pxname'),
      server: column(row, 'svname'),
      status: column(row, 'status'),
      sessions: Number(column(row, 'stot')),
      retries: Number(column(row, 'wretr')),
      redispatches: Number(column(row, 'wredis')),
      // The last health check: e.g. "L7OK", "L7STS" (wrong status), "L4TOUT", "L7TOUT" (timeout).
      check: [column(row, 'check_status'), column(row, 'check_code'), column(row, 'check_desc')]
        .filter(Boolean)
        .join(' '),
      checkMs: Number(column(row, 'check_duration')) || undefined,
    }))
}

export type Haproxy = {
  base: URL
  stats: URL
  servers: () => Promise<HaproxyServer[]>
  log: () => string
  stop: () => Promise<void>
}

/**
 * HAProxy with deploy/haproxy.cfg in front of two hubs and two partner API processes (host:port
 * each; one listed twice is one process behind the balancer), ready once its health checks find
 * every one of them UP.
 */
export const startHaproxy = async (parts: {
  listen: number
  stats: number
  hubs: [string, string]
  apis: [string, string]
}): Promise<Haproxy> => {
  const haproxy = spawnPart(
    await findTool('haproxy'),
    ['-db', '-f', path.join(DEPLOY, 'haproxy.cfg')],
    {
      env: {
        ...process.env,
        HAPROXY_LISTEN: `127.0.0.1:${parts.listen}`,
        HAPROXY_STATS: `127.0.0.1:${parts.stats}`,
        HUB_1: parts.hubs[0],
        HUB_2: parts.hubs[1],
        API_1: parts.apis[0],
        API_2: parts.apis[1],
      },
    },
  )
  const stats = new URL(`http://127.0.0.1:${parts.stats}/`)
  const servers = async () => {
    const response = await fetch(new URL('/;csv', stats), { signal: AbortSignal.timeout(3000) })
    return parseHaproxyCsv(await response.text())
  }
  try {
    // Ready once its health checks have found every process ready (/readyz 200).
    await waitFor(
      'HAProxy',
      async () => {
        const down = (await servers()).filter((server) => server.status !== 'UP')
        if (down.length)
          throw new Error(
            down
              .map(
                (s) =>
                  `${s.backend}/${s.server} ${s.status} (last check: ${s.check || 'none'}` +
                  `${s.checkMs === undefined ? '' : `, ${s.checkMs} ms`})`,
              )
              .join(', '),
          )
      },
      60_000,
      haproxy.log,
    )
  } catch (error) {
    await haproxy.stop()
    throw error
  }
  return {
    base: new URL(`http://127.0.0.1:${parts.listen}`),
    stats,
    servers,
    log: haproxy.log,
    stop: haproxy.stop,
  }
}

/** A process's own /readyz answer and its last lines, for an error message. */
const describeProcess = async (server: RunningServer) => {
  const started = performance.now()
  const readiness = await fetch(new URL('/readyz', server.base), {
    signal: AbortSignal.timeout(5000),
  })
    .then(async (response) => `${response.status} ${await response.text()}`)
    .catch((error: unknown) => (error instanceof Error ? error.message : String(error)))
  const ms = Math.round(performance.now() - started)
  const tail = server.output().trim().split('\n').slice(-15).join('\n    ')
  return `${server.kind} ${server.base.host}: /readyz in ${ms} ms: ${readiness}\n    ${tail}`
}

export const startLoopbackCluster = async (options: ClusterOptions = {}): Promise<Cluster> => {
  const progress = options.progress ?? (() => undefined)
  // Both checked before anything starts.
  const pgbouncerTool = await findTool('pgbouncer')
  await findTool('haproxy')
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'hub-cluster-'))
  await fs.chmod(dir, 0o755) // PostgreSQL and PgBouncer run as `postgres` when we are root
  const stops: (() => Promise<unknown>)[] = []
  const stop = async () => {
    // Each step runs even when one before it fails: nothing is left behind.
    for (const step of stops.splice(0).reverse()) await step().catch(() => undefined)
    await fs.rm(dir, { recursive: true, force: true })
  }
  try {
    progress('▶ PostgreSQL: the primary')
    const primary = await startEmbeddedPostgres({ dataDir: path.join(dir, 'primary') })
    stops.push(() => primary.stop())
    await primary.createDatabase(DATABASE)
    const primaryUrl = primary.url(DATABASE)
    const payloadSecret = randomBytes(32).toString('base64url')
    progress('▶ Migrations, on the primary directly')
    runScript('src/cli/migrate.ts', {
      ...process.env,
      DATABASE_URL: primaryUrl,
      PAYLOAD_SECRET: payloadSecret,
    })

    progress('▶ PostgreSQL: a streaming replica')
    const replica = await startReplica(primary, path.join(dir, 'replica'))
    stops.push(() => replica.stop())

    progress('▶ S3-compatible bucket (s3rver)')
    const storeDir = path.join(dir, 's3')
    const s3Port = await getPort({ host: '127.0.0.1' })
    const store = new S3rver({
      address: '127.0.0.1',
      port: s3Port,
      silent: true,
      directory: storeDir,
      configureBuckets: [{ name: BUCKET, configs: [] }],
    })
    await store.run()
    stops.push(() => store.close())
    const endpoint = `http://127.0.0.1:${s3Port}`

    progress('▶ PgBouncer (transaction mode) in front of the primary and the replica')
    const { runAs } = await embeddedBinaries()
    const bouncerDir = path.join(dir, 'pgbouncer')
    await fs.mkdir(bouncerDir)
    const bouncerPort = await getPort({ host: '127.0.0.1' })
    const superuser = new URL(primaryUrl)
    const adminPassword = randomBytes(16).toString('hex')
    // The shared settings are copied: PgBouncer runs as `postgres`, who may not reach this checkout.
    await fs.copyFile(
      path.join(DEPLOY, 'pgbouncer-settings.ini'),
      path.join(bouncerDir, 'settings.ini'),
    )
    await fs.writeFile(
      path.join(bouncerDir, 'userlist.txt'),
      `"${decodeURIComponent(superuser.username)}" "${decodeURIComponent(superuser.password)}"\n"pgbouncer" "${adminPassword}"\n`,
      { mode: 0o600 },
    )
    await fs.writeFile(
      path.join(bouncerDir, 'pgbouncer.ini'),
      [
        '[databases]',
        `${DATABASE} = host=127.0.0.1 port=${primary.port} dbname=${DATABASE}`,
        `${DATABASE}_replica = host=127.0.0.1 port=${replica.port} dbname=${DATABASE}`,
        '[pgbouncer]',
        `%include ${path.join(bouncerDir, 'settings.ini')}`,
        'listen_addr = 127.0.0.1',
        `listen_port = ${bouncerPort}`,
        `auth_file = ${path.join(bouncerDir, 'userlist.txt')}`,
        'unix_socket_dir =',
        '',
      ].join('\n'),
    )
    if (runAs) {
      for (const file of await fs.readdir(bouncerDir)) {
        await fs.chown(path.join(bouncerDir, file), runAs.uid, runAs.gid)
      }
      await fs.chown(bouncerDir, runAs.uid, runAs.gid)
    }
    const pgbouncer = spawnPart(pgbouncerTool, [path.join(bouncerDir, 'pgbouncer.ini')], {
      runAs,
    })
    stops.push(pgbouncer.stop)
    const urls = {
      pooled: withUrl(primaryUrl, { port: bouncerPort }),
      pooledReplica: withUrl(primaryUrl, { port: bouncerPort, database: `${DATABASE}_replica` }),
      pgbouncerAdmin: withUrl(primaryUrl, {
        port: bouncerPort,
        database: 'pgbouncer',
        user: 'pgbouncer',
        password: adminPassword,
      }),
      primary: primaryUrl,
    }
    await waitFor('PgBouncer', () => query(urls.pooledReplica, 'SELECT 1'), 15_000, pgbouncer.log)

    if (options.seed) {
      progress('▶ The Alliance’s records (seed), through PgBouncer')
      runScript('seed/run.ts', {
        ...process.env,
        DATABASE_URL: urls.pooled,
        DATABASE_SESSION_URL: primaryUrl,
        PAYLOAD_SECRET: payloadSecret,
        S3_BUCKET: BUCKET,
        S3_ENDPOINT: endpoint,
        S3_FORCE_PATH_STYLE: 'true',
        S3_ACCESS_KEY_ID: S3_KEY,
        S3_SECRET_ACCESS_KEY: S3_KEY,
      })
    }

    const listen = await getPort({ host: '127.0.0.1' })
    const statsPort = await getPort({ host: '127.0.0.1' })
    const base = new URL(`http://127.0.0.1:${listen}`)
    const env: Record<string, string> = {
      // Through PgBouncer; what needs a session of its own goes to the primary directly.
      DATABASE_SESSION_URL: primaryUrl,
      PARTNER_DATABASE_URL: urls.pooledReplica,
      PARTNER_PREPARE: 'false',
      SERVER_URL: base.origin,
      TRUSTED_PROXIES: '1',
      HUB_RUN_JOBS: 'true',
      S3_BUCKET: BUCKET,
      S3_ENDPOINT: endpoint,
      S3_FORCE_PATH_STYLE: 'true',
      S3_ACCESS_KEY_ID: S3_KEY,
      S3_SECRET_ACCESS_KEY: S3_KEY,
      MEDIA_DIR: path.join(dir, 'media'),
      // A stopping process serves on until HAProxy (every second, out after 2 failures) takes it out.
      STOP_DRAIN_SECONDS: '3',
      ...options.env,
    }
    progress('▶ Two hubs and two start:api')
    const serverEnv = { databaseUrl: urls.pooled, payloadSecret, extra: env }
    const started = await Promise.allSettled([
      startServer('prod', serverEnv),
      startServer('prod', serverEnv),
      startServer('api', serverEnv),
      startServer('api', serverEnv),
    ])
    const running = started.flatMap((result) =>
      result.status === 'fulfilled' ? [result.value] : [],
    )
    const hubs = running.filter((server) => server.kind === 'prod')
    const apis = running.filter((server) => server.kind === 'api')
    // The processes running at the end, restarted ones included.
    stops.push(() => Promise.all([...hubs, ...apis].map((server) => server.stop())))
    const failed = started.find((result) => result.status === 'rejected')
    if (failed) throw failed.reason
    const [hub1, hub2] = hubs
    const [api1, api2] = apis

    progress('▶ HAProxy in front of them')
    const haproxy = await startHaproxy({
      listen,
      stats: statsPort,
      hubs: [hub1!.base.host, hub2!.base.host],
      apis: [api1!.base.host, api2!.base.host],
    }).catch(async (error: unknown) => {
      // HAProxy's verdict alone does not say why: add what each process says of itself.
      const own = await Promise.all(running.map(describeProcess))
      throw new Error(
        `${error instanceof Error ? error.message : String(error)}\n${own.join('\n')}`,
      )
    })
    stops.push(haproxy.stop)
    const { stats, servers: haproxyServers } = haproxy
    /** HAProxy's name for a process (hub1, api2…), in the backend that serves it first. */
    const nameOf = (server: RunningServer) => {
      const list = server.kind === 'api' ? apis : hubs
      return `${server.kind === 'api' ? 'api' : 'hub'}${list.indexOf(server) + 1}`
    }
    const restart = async (server: RunningServer, how: 'stop' | 'kill' = 'stop') => {
      const list = server.kind === 'api' ? apis : hubs
      const name = nameOf(server)
      const backend = server.kind === 'api' ? 'partner_api' : 'hubs'
      if (how === 'kill') {
        server.signalGroup('SIGKILL')
        await server.exited(10_000)
      } else {
        await server.stop()
      }
      const fresh = await startServer(server.kind, { ...serverEnv, port: Number(server.base.port) })
      list[list.indexOf(server)] = fresh
      await waitFor(
        `HAProxy's ${backend}/${name} after its restart`,
        async () => {
          const entry = (await haproxyServers()).find(
            (s) => s.backend === backend && s.server === name,
          )
          if (entry?.status !== 'UP') throw new Error(`${name} is ${entry?.status ?? 'unknown'}`)
        },
        30_000,
      )
      return fresh
    }
    progress(`✔ The hub, through HAProxy: ${base.origin}`)
    return {
      base,
      stats,
      hubs,
      apis,
      primary,
      replica,
      urls,
      bucket: { endpoint, name: BUCKET, key: S3_KEY },
      env,
      payloadSecret,
      haproxyServers,
      restart,
      log: (part) => (part === 'pgbouncer' ? pgbouncer.log() : haproxy.log()),
      stop,
    }
  } catch (error) {
    await stop()
    throw error
  }
}

// `npm run cluster`: starts it all and keeps it running until Ctrl-C.
if (import.meta.filename === path.resolve(process.argv[1] ?? '')) {
  const { values } = parseArgs({ options: { 'no-seed': { type: 'boolean', default: false } } })
  const { ensureBuild } = await import('../tests/fuzz/run')
  await ensureBuild()
  const cluster = await startLoopbackCluster({
    seed: !values['no-seed'],
    progress: (line) => console.log(line),
  })
  console.log(`  HAProxy's status page: ${cluster.stats.href}`)
  for (const [name, server] of [
    ...cluster.hubs.map((s, i) => [`hub ${i + 1}`, s] as const),
    ...cluster.apis.map((s, i) => [`start:api ${i + 1}`, s] as const),
  ]) {
    console.log(`  ${name}: ${server.base.origin}`)
  }
  console.log('Ctrl-C stops every part.')
  let stopping = false
  const shutdown = async () => {
    if (stopping) return
    stopping = true
    await stopAllServers()
    await cluster.stop()
    process.exit(0)
  }
  process.on('SIGINT', shutdown)
  process.on('SIGTERM', shutdown)
}
