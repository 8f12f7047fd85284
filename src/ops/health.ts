// `GET /healthz` and `GET /readyz` for load balancers and orchestrators, answered by the servers
// themselves before any framework (src/cli/serve.ts in front of Next, graphql/standalone.ts in
// front of the partner API):
//
// - /healthz: the process is up and its event loop turns. Always 200 `{ "status": "ok" }`.
// - /readyz: this process can serve. 200 `{ "status": "ready", "checks": … }`, or 503
//   `{ "status": "not ready", "reasons": ["database: connection refused", …], "checks": … }`:
//   - database: `SELECT 1` answers, through a dedicated connection (not the app's pools);
//   - migrations: every migration committed in src/migrations is recorded in `payload_migrations`
//     (a database migrated by a newer release is fine: its extra migrations are only listed);
//   - jobs (the hub, unless HUB_RUN_JOBS=false): the scheduled-publishing runner of this process
//     is alive (see ./jobs.ts); also how many due jobs are more than five minutes late;
//   - storage (the hub, with files in a bucket: S3_BUCKET): the bucket answers a HEAD.
//
// Every check is bounded (2 s); an answer is reused for a second and concurrent probes share one
// run, so probing often costs the database at most one light query a second. Nothing here throws:
// whatever goes wrong is a reason in a 503. Reasons name what failed without addresses, users or
// passwords.
import { readFile } from 'node:fs/promises'
import type { IncomingMessage, ServerResponse } from 'node:http'
import path from 'node:path'
import pg from 'pg'

import { type CronLike, judgeRunner, RUNNER_SILENCE_MS } from './jobs'
import { type Fields, logEvent } from './log'
import { CountedPool } from '../db/countedPg'

export type CheckResult =
  | ({ status: 'ok' } & Fields)
  | { status: 'failing'; reason: string }
  | { status: 'skipped'; why: string }

export type Readiness = {
  status: 'ready' | 'not ready'
  reasons: string[]
  checks: Record<string, CheckResult>
}

export type HealthOptions = {
  /** The database to check (the app's DATABASE_URL). */
  databaseUrl: string | undefined
  /** Compare `payload_migrations` with src/migrations (default on). */
  migrations?: boolean | { skip: string }
  /** Check this process's scheduled-publishing runner (the hub only). */
  jobs?: {
    timers: () => CronLike[] | undefined
  }
  /** The bucket files are kept in, when not on disk (src/ops/bucket.ts): it must answer. */
  storage?: { bucket: string; check: (signal: AbortSignal) => Promise<unknown> }
  /** Per check (default 2000 ms). */
  timeoutMs?: number
  /** How long an answer is reused (default 1000 ms). */
  reuseMs?: number
}

// From the project's root, like the partner API's other files: `start:api` runs from a bundle.
const MIGRATIONS_INDEX = path.resolve(process.cwd(), 'src/migrations/index.ts')

/**
 * The migrations committed in src/migrations/index.ts, in order. Read as text rather than imported:
 * importing it loads each migration and with them Payload and its database adapter (about 110 MB in
 * the hub's gate, which otherwise never loads them). The file is written by `payload migrate:create`;
 * tests/int/health.test.ts checks that this reads the same names as importing it.
 */
export const committedMigrations = async (): Promise<string[]> => {
  const text = await readFile(MIGRATIONS_INDEX, 'utf8')
  const names = [...text.matchAll(/\bname:\s*(['"`])([^'"`\n]+)\1/g)].map((m) => m[2]!)
  if (!names.length) throw new Error('no migration names found')
  return names
}

/** The names in `payload_migrations`; none when the table does not exist yet (nothing has run). */
export const appliedMigrations = async (db: Pick<pg.ClientBase, 'query'>): Promise<string[]> => {
  try {
    const { rows } = await db.query<{ name: string | null }>('SELECT name FROM payload_migrations')
    return rows.map((r) => r.name ?? '')
  } catch (error) {
    if ((error as { code?: string }).code === '42P01') return []
    throw error
  }
}

/**
 * Committed migrations the database has not run (`pending`), and ones it has run that this release
 * does not know (`ahead`: a database migrated by a newer release, which is fine).
 */
export const compareMigrations = (committed: string[], applied: string[]) => {
  const done = new Set(applied)
  const known = new Set(committed)
  return {
    pending: committed.filter((n) => !done.has(n)),
    ahead: applied.filter((n) => n && n !== 'dev' && !known.has(n)),
  }
}

class Timeout extends Error {}

/** Settles with `promise`, or rejects with Timeout at `deadline`; `onLate` gets a late result. */
const within = <T>(promise: Promise<T>, deadline: number, onLate?: (value: T) => void) =>
  new Promise<T>((resolve, reject) => {
    let late = false
    const timer = setTimeout(
      () => {
        late = true
        reject(new Timeout())
      },
      Math.max(0, deadline - Date.now()),
    )
    promise.then(
      (value) => {
        clearTimeout(timer)
        if (late) onLate?.(value)
        else resolve(value)
      },
      (error: unknown) => {
        clearTimeout(timer)
        if (!late) reject(error)
      },
    )
  })

const CODES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host not found',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  EPIPE: 'connection closed',
  '28P01': 'authentication failed',
  '28000': 'authentication failed',
  '3D000': 'the database does not exist',
  '42501': 'permission denied',
  '53300': 'too many connections',
  '57014': 'query cancelled (statement timeout)',
  '57P01': 'the database is shutting down',
  '57P02': 'the database is shutting down',
  '57P03': 'the database is starting up',
}

/** What went wrong, in a few words: never the error's message (it can hold addresses and users). */
export const describeDatabaseError = (error: unknown, timeoutMs: number): string => {
  if (error instanceof Timeout) return `no answer within ${timeoutMs / 1000} s`
  const e = error as { code?: unknown; message?: unknown; errors?: { code?: unknown }[] }
  const code = typeof e?.code === 'string' ? e.code : e?.errors?.find((x) => x?.code)?.code
  if (typeof code === 'string' && CODES[code]) return CODES[code]
  const message = typeof e?.message === 'string' ? e.message : ''
  if (
    /timeout exceeded when trying to connect|Connection terminated due to connection timeout/i.test(
      message,
    )
  )
    return `no connection within ${timeoutMs / 1000} s`
  if (/query read timeout/i.test(message)) return `no answer within ${timeoutMs / 1000} s`
  if (/Connection terminated/i.test(message)) return 'connection closed by the server'
  if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return `PostgreSQL error ${code}`
  if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return `network error ${code}`
  return 'unexpected error'
}

/** Why a bucket did not answer, in a few words (never the store's message). */
export const describeStorageError = (error: unknown, timeoutMs: number): string => {
  if (error instanceof Timeout) return `gave no answer within ${timeoutMs / 1000} s`
  const e = error as { name?: unknown; code?: unknown; $metadata?: { httpStatusCode?: number } }
  const status = e?.$metadata?.httpStatusCode
  if (status === 404 || e?.name === 'NotFound' || e?.name === 'NoSuchBucket')
    return 'does not exist'
  if (status === 403 || status === 401) return 'refuses the hub’s credentials'
  if (typeof e?.code === 'string' && /^E[A-Z]+$/.test(e.code)) return `is unreachable (${e.code})`
  if (status) return `answered HTTP ${status}`
  return 'is unreachable'
}

const listNames = (names: string[]) =>
  names.length <= 3 ? names.join(', ') : `${names.slice(0, 3).join(', ')}, …`

const JSON_HEADERS = {
  'Content-Type': 'application/json; charset=utf-8',
  'Cache-Control': 'no-store',
}

const readinessPool = (databaseUrl: string | undefined, timeoutMs: number) => {
  if (!databaseUrl) return undefined
  const pool = new CountedPool({
    connectionString: databaseUrl,
    max: 1,
    connectionTimeoutMillis: timeoutMs,
    idleTimeoutMillis: 30_000,
    query_timeout: timeoutMs,
    statement_timeout: timeoutMs,
    application_name: 'hub-readiness',
    keepAlive: true,
  })
  // An idle connection that breaks (the database restarts) must not take the server down; the
  // next probe says what is wrong.
  pool.on('error', () => {})
  return pool
}

/** Due jobs that have waited more than five minutes. */
const LATE_JOBS = `SELECT count(*)::int AS late FROM payload_jobs
  WHERE completed_at IS NULL AND has_error IS NOT TRUE AND processing IS NOT TRUE
    AND coalesce(queue, 'default') = 'default'
    AND coalesce(wait_until, created_at) < now() - interval '5 minutes'`

const CHECK_ORDER = ['database', 'migrations', 'jobs', 'storage']

const send = (req: IncomingMessage, res: ServerResponse, status: number, body: unknown) => {
  const text = JSON.stringify(body)
  res.writeHead(status, { ...JSON_HEADERS, 'Content-Length': Buffer.byteLength(text) })
  res.end(req.method === 'HEAD' ? undefined : text)
}

/** The body of a /readyz answer. */
const readinessBody = (value: Readiness) =>
  value.status === 'ready'
    ? { status: value.status, checks: value.checks }
    : { status: value.status, reasons: value.reasons, checks: value.checks }

/** Each change of readiness is one log event. */
const reportChange = (value: Readiness, previous: string | undefined) => {
  const key = `${value.status}|${value.reasons.join('|')}`
  if (key === previous) return key
  if (value.status === 'ready') logEvent('info', 'readiness', 'Ready to serve', { status: 'ready' })
  else
    logEvent('warn', 'readiness', `Not ready: ${value.reasons.join('; ')}`, {
      status: 'not ready',
      reasons: value.reasons,
    })
  return key
}

/** The checks behind /readyz, with the state they keep between probes. */
class ReadinessChecks {
  private readonly timeoutMs: number
  private readonly reuseMs: number
  private readonly pool: CountedPool | undefined
  private readonly committed: Promise<string[]>
  private firstSeenTimers: number | undefined
  private cached: { at: number; value: Readiness } | undefined
  private inFlight: Promise<Readiness> | undefined
  private previousStatus: string | undefined
  stopping = false

  constructor(private readonly options: HealthOptions) {
    this.timeoutMs = options.timeoutMs ?? 2000
    this.reuseMs = options.reuseMs ?? 1000
    this.pool = readinessPool(options.databaseUrl, this.timeoutMs)
    this.committed = committedMigrations()
    this.committed.catch(() => {}) // reported by the check
  }

  private deadline() {
    return Date.now() + this.timeoutMs
  }

  private failing(name: string, error: unknown): CheckResult {
    return { status: 'failing', reason: `${name}: ${describeDatabaseError(error, this.timeoutMs)}` }
  }

  private jobsCheck(timers: CronLike[] | undefined): CheckResult {
    const now = Date.now()
    if (timers && this.firstSeenTimers === undefined) this.firstSeenTimers = now
    const verdict = judgeRunner(timers, now, this.firstSeenTimers ?? now, RUNNER_SILENCE_MS)
    if (!verdict.ok) return { status: 'failing', reason: `jobs: ${verdict.reason}` }
    return {
      status: 'ok',
      lastRun: verdict.lastRun,
      nextRun: verdict.nextRun,
      ...(verdict.running ? { running: true } : {}),
    }
  }

  /** A connection that answers `SELECT 1`, or the reason there is none. */
  private async connect(): Promise<{ client: pg.PoolClient; ms: number } | CheckResult> {
    if (!this.pool) return { status: 'failing', reason: 'database: DATABASE_URL is not set' }
    const started = performance.now()
    try {
      const client = await within(this.pool.connect(), this.deadline(), (late) =>
        late.release(true),
      )
      try {
        await within(client.query('SELECT 1'), this.deadline())
      } catch (error) {
        client.release(true)
        throw error
      }
      return { client, ms: Math.round(performance.now() - started) }
    } catch (error) {
      return this.failing('database', error)
    }
  }

  /** Committed migrations against applied ones; throws when the connection broke. */
  private async migrationsCheck(client: pg.PoolClient): Promise<CheckResult | undefined> {
    const asked = this.options.migrations
    if (asked === false) return undefined
    if (typeof asked === 'object') return { status: 'skipped', why: asked.skip }
    const names = await within(this.committed, this.deadline()).catch(() => undefined)
    if (!names) {
      return {
        status: 'failing',
        reason: 'migrations: cannot read the committed list (src/migrations/index.ts)',
      }
    }
    const applied = await within(appliedMigrations(client), this.deadline())
    const { pending, ahead } = compareMigrations(names, applied)
    if (pending.length) {
      return {
        status: 'failing',
        reason: `migrations: ${pending.length} pending (${listNames(pending)})`,
      }
    }
    return {
      status: 'ok',
      applied: names.length,
      latest: names.at(-1),
      ...(ahead.length ? { newerInDatabase: ahead } : {}),
    }
  }

  /**
   * Due jobs that have waited more than five minutes: shown, not judged (a backlog is not a reason
   * to take the hub out of service). False when the connection broke.
   */
  private async countLateJobs(
    client: pg.PoolClient,
    jobs: { status: 'ok' } & Fields,
  ): Promise<boolean> {
    try {
      const { rows } = await within(client.query<{ late: number }>(LATE_JOBS), this.deadline())
      jobs.lateJobs = rows[0]?.late ?? 0
      return true
    } catch (error) {
      return (error as { code?: string }).code === '42P01'
    }
  }

  /** The bucket answers a HEAD with the hub's credentials. */
  private async storageCheck({
    bucket,
    check,
  }: NonNullable<HealthOptions['storage']>): Promise<CheckResult> {
    const started = performance.now()
    const abort = new AbortController()
    try {
      await within(check(abort.signal), this.deadline())
      return { status: 'ok', ms: Math.round(performance.now() - started) }
    } catch (error) {
      abort.abort()
      return {
        status: 'failing',
        reason: `storage: the bucket ${bucket} ${describeStorageError(error, this.timeoutMs)}`,
      }
    }
  }

  /** The database, then (on the same connection) the migrations and late jobs. */
  private async databaseChecks(checks: Record<string, CheckResult>) {
    const connected = await this.connect()
    if ('status' in connected) {
      checks.database = connected
      return
    }
    const { client, ms } = connected
    checks.database = { status: 'ok', ms }
    let healthy = true
    try {
      const migrations = await this.migrationsCheck(client)
      if (migrations) checks.migrations = migrations
    } catch (error) {
      healthy = false
      checks.migrations = this.failing('migrations', error)
    }
    const jobs = checks.jobs
    if (healthy && jobs?.status === 'ok') healthy = await this.countLateJobs(client, jobs)
    client.release(healthy ? undefined : true)
  }

  private async evaluate(): Promise<Readiness> {
    const checks: Record<string, CheckResult> = {}
    if (this.stopping) {
      return { status: 'not ready', reasons: ['stopping: the server is shutting down'], checks }
    }
    if (this.options.jobs) checks.jobs = this.jobsCheck(this.options.jobs.timers())
    const storage = this.options.storage ? this.storageCheck(this.options.storage) : undefined
    await this.databaseChecks(checks)
    if (storage) checks.storage = await storage
    const ordered: Record<string, CheckResult> = {}
    for (const key of CHECK_ORDER) if (checks[key]) ordered[key] = checks[key]
    const reasons = Object.values(ordered).flatMap((c) =>
      c.status === 'failing' ? [c.reason] : [],
    )
    return { status: reasons.length ? 'not ready' : 'ready', reasons, checks: ordered }
  }

  /** The latest answer, reused for `reuseMs`; concurrent probes share one run. */
  readiness(): Promise<Readiness> {
    const cached = this.cached
    if (cached && Date.now() - cached.at < this.reuseMs) return Promise.resolve(cached.value)
    this.inFlight ??= this.evaluate()
      .catch((): Readiness => ({
        status: 'not ready',
        reasons: ['health: the checks failed unexpectedly'],
        checks: {},
      }))
      .then((value) => {
        this.cached = { at: Date.now(), value }
        this.inFlight = undefined
        this.previousStatus = reportChange(value, this.previousStatus)
        return value
      })
    return this.inFlight
  }

  forget() {
    this.cached = undefined
  }

  async close() {
    await this.pool?.end().catch(() => {})
  }
}

/** Answers /healthz and /readyz (true), or leaves the request alone (false). */
const serveHealth = (checks: ReadinessChecks, req: IncomingMessage, res: ServerResponse) => {
  const path = (req.url ?? '').split('?', 1)[0]
  if (path !== '/healthz' && path !== '/readyz') return false
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { ...JSON_HEADERS, Allow: 'GET, HEAD' })
    res.end(JSON.stringify({ errors: [{ message: `${req.method} is not supported.` }] }))
  } else if (path === '/healthz') {
    send(req, res, 200, { status: 'ok' })
  } else {
    void checks.readiness().then(
      (value) => {
        if (res.writableEnded || res.destroyed) return
        send(req, res, value.status === 'ready' ? 200 : 503, readinessBody(value))
      },
      () => send(req, res, 503, { status: 'not ready', reasons: ['health: unexpected error'] }),
    )
  }
  return true
}

export const createHealth = (options: HealthOptions) => {
  const checks = new ReadinessChecks(options)
  return {
    serve: (req: IncomingMessage, res: ServerResponse) => serveHealth(checks, req, res),
    readiness: () => checks.readiness(),
    /** From now on /readyz answers 503 "stopping" (a load balancer stops sending new requests). */
    stopping: () => {
      checks.stopping = true
      checks.forget()
    },
    close: () => checks.close(),
  }
}
