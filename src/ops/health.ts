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
//     is alive (see ./jobs.ts); also how many due jobs are more than five minutes late.
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

const listNames = (names: string[]) =>
  names.length <= 3 ? names.join(', ') : `${names.slice(0, 3).join(', ')}, …`

const JSON_HEADERS = {
  'Content-Type': 'application/json; charset=utf-8',
  'Cache-Control': 'no-store',
}

export const createHealth = (options: HealthOptions) => {
  const timeoutMs = options.timeoutMs ?? 2000
  const reuseMs = options.reuseMs ?? 1000
  const pool = options.databaseUrl
    ? new CountedPool({
        connectionString: options.databaseUrl,
        max: 1,
        connectionTimeoutMillis: timeoutMs,
        idleTimeoutMillis: 30_000,
        query_timeout: timeoutMs,
        statement_timeout: timeoutMs,
        application_name: 'hub-readiness',
        keepAlive: true,
      })
    : undefined
  // An idle connection that breaks (the database restarts) must not take the server down; the
  // next probe says what is wrong.
  pool?.on('error', () => {})

  const committed = committedMigrations()
  committed.catch(() => {}) // reported by the check

  let firstSeenTimers: number | undefined
  let stopping = false
  let cached: { at: number; value: Readiness } | undefined
  let inFlight: Promise<Readiness> | undefined
  let previousStatus: string | undefined

  const jobsCheck = (): CheckResult => {
    const timers = options.jobs!.timers()
    const now = Date.now()
    if (timers && firstSeenTimers === undefined) firstSeenTimers = now
    const verdict = judgeRunner(timers, now, firstSeenTimers ?? now, RUNNER_SILENCE_MS)
    if (!verdict.ok) {
      return { status: 'failing', reason: `jobs: ${verdict.reason}` }
    }
    return {
      status: 'ok',
      lastRun: verdict.lastRun,
      nextRun: verdict.nextRun,
      ...(verdict.running ? { running: true } : {}),
    }
  }

  /** The database, then (on the same connection) the migrations and late jobs. */
  const databaseChecks = async (checks: Record<string, CheckResult>) => {
    if (!pool) {
      checks.database = { status: 'failing', reason: 'database: DATABASE_URL is not set' }
      return
    }
    const deadline = () => Date.now() + timeoutMs
    let client: pg.PoolClient
    const started = performance.now()
    try {
      client = await within(pool.connect(), deadline(), (late) => late.release(true))
      try {
        await within(client.query('SELECT 1'), deadline())
      } catch (error) {
        client.release(true)
        throw error
      }
      checks.database = { status: 'ok', ms: Math.round(performance.now() - started) }
    } catch (error) {
      checks.database = {
        status: 'failing',
        reason: `database: ${describeDatabaseError(error, timeoutMs)}`,
      }
      return
    }
    let broken = false
    try {
      if (options.migrations === false) {
        // not asked
      } else if (typeof options.migrations === 'object') {
        checks.migrations = { status: 'skipped', why: options.migrations.skip }
      } else {
        let names: string[]
        try {
          names = await within(committed, deadline())
        } catch {
          names = []
          checks.migrations = {
            status: 'failing',
            reason: 'migrations: cannot read the committed list (src/migrations/index.ts)',
          }
        }
        if (names.length) {
          let applied: string[]
          try {
            applied = await within(appliedMigrations(client), deadline())
          } catch (error) {
            broken = true
            throw error
          }
          const { pending, ahead } = compareMigrations(names, applied)
          checks.migrations = pending.length
            ? {
                status: 'failing',
                reason: `migrations: ${pending.length} pending (${listNames(pending)})`,
              }
            : {
                status: 'ok',
                applied: names.length,
                latest: names.at(-1),
                ...(ahead.length ? { newerInDatabase: ahead } : {}),
              }
        }
      }
    } catch (error) {
      checks.migrations = {
        status: 'failing',
        reason: `migrations: ${describeDatabaseError(error, timeoutMs)}`,
      }
    }
    try {
      const jobs = checks.jobs
      if (jobs?.status === 'ok' && !broken) {
        // Due jobs that have waited more than five minutes: shown, not judged (a backlog is not a
        // reason to take the hub out of service).
        const { rows } = await within(
          client.query<{ late: number }>(
            `SELECT count(*)::int AS late FROM payload_jobs
              WHERE completed_at IS NULL AND has_error IS NOT TRUE AND processing IS NOT TRUE
                AND coalesce(queue, 'default') = 'default'
                AND coalesce(wait_until, created_at) < now() - interval '5 minutes'`,
          ),
          deadline(),
        )
        jobs.lateJobs = rows[0]?.late ?? 0
      }
    } catch (error) {
      if ((error as { code?: string }).code !== '42P01') broken = true
    } finally {
      client.release(broken ? true : undefined)
    }
  }

  const evaluate = async (): Promise<Readiness> => {
    const checks: Record<string, CheckResult> = {}
    if (stopping) {
      return { status: 'not ready', reasons: ['stopping: the server is shutting down'], checks }
    }
    checks.database = { status: 'failing', reason: 'database: not checked' }
    if (options.jobs) checks.jobs = jobsCheck()
    await databaseChecks(checks)
    const ordered: Record<string, CheckResult> = {}
    for (const key of ['database', 'migrations', 'jobs'])
      if (checks[key]) ordered[key] = checks[key]
    const reasons = Object.values(ordered).flatMap((c) =>
      c.status === 'failing' ? [c.reason] : [],
    )
    return { status: reasons.length ? 'not ready' : 'ready', reasons, checks: ordered }
  }

  const report = (value: Readiness) => {
    const key = `${value.status}|${value.reasons.join('|')}`
    if (key === previousStatus) return
    previousStatus = key
    if (value.status === 'ready')
      logEvent('info', 'readiness', 'Ready to serve', { status: 'ready' })
    else
      logEvent('warn', 'readiness', `Not ready: ${value.reasons.join('; ')}`, {
        status: 'not ready',
        reasons: value.reasons,
      })
  }

  const readiness = (): Promise<Readiness> => {
    if (cached && Date.now() - cached.at < reuseMs) return Promise.resolve(cached.value)
    inFlight ??= evaluate()
      .catch((): Readiness => ({
        status: 'not ready',
        reasons: ['health: the checks failed unexpectedly'],
        checks: {},
      }))
      .then((value) => {
        cached = { at: Date.now(), value }
        inFlight = undefined
        report(value)
        return value
      })
    return inFlight
  }

  const send = (req: IncomingMessage, res: ServerResponse, status: number, body: unknown) => {
    const text = JSON.stringify(body)
    res.writeHead(status, { ...JSON_HEADERS, 'Content-Length': Buffer.byteLength(text) })
    res.end(req.method === 'HEAD' ? undefined : text)
  }

  /** Answers /healthz and /readyz (true), or leaves the request alone (false). */
  const serve = (req: IncomingMessage, res: ServerResponse): boolean => {
    const path = (req.url ?? '').split('?', 1)[0]
    if (path !== '/healthz' && path !== '/readyz') return false
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...JSON_HEADERS, Allow: 'GET, HEAD' })
      res.end(JSON.stringify({ errors: [{ message: `${req.method} is not supported.` }] }))
      return true
    }
    if (path === '/healthz') {
      send(req, res, 200, { status: 'ok' })
      return true
    }
    void readiness().then(
      (value) => {
        if (res.writableEnded || res.destroyed) return
        send(
          req,
          res,
          value.status === 'ready' ? 200 : 503,
          value.status === 'ready'
            ? { status: value.status, checks: value.checks }
            : { status: value.status, reasons: value.reasons, checks: value.checks },
        )
      },
      () => send(req, res, 503, { status: 'not ready', reasons: ['health: unexpected error'] }),
    )
    return true
  }

  return {
    serve,
    readiness,
    /** From now on /readyz answers 503 "stopping" (a load balancer stops sending new requests). */
    stopping: () => {
      stopping = true
      cached = undefined
    },
    close: async () => {
      await pool?.end().catch(() => {})
    },
  }
}
