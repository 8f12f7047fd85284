// "The database is not there" is not a bug of the hub nor a mistake of the client: while PostgreSQL
// restarts or is unreachable, every server answers 503 with a Retry-After (load balancers and
// partners' clients retry those), never a 500 or a hang. The pools reconnect by themselves.
import type pg from 'pg'

/** What a client is told while the database is unreachable (no address, no driver message). */
export const DATABASE_UNAVAILABLE =
  'The hub’s database is unavailable right now; nothing was changed. Try again in a few seconds.'

/** Seconds a client should wait before retrying (the embedded server restarts in about 2 s). */
export const RETRY_AFTER_SECONDS = 5

/**
 * Network errors on the way to PostgreSQL, and PostgreSQL's own "cannot serve now" codes:
 * shutting down (57P01/57P02), starting up or recovering (57P03), too many connections (53300),
 * connection exceptions (class 08).
 */
const CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  '57P01',
  '57P02',
  '57P03',
  '53300',
])

/** What node-postgres says when a connection breaks or cannot be had in time (no code set). */
const MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|is not queryable|Cannot use a pool after calling end|terminating connection due to administrator command/i

const causes = function* (error: unknown): Generator<unknown> {
  const seen = new Set<unknown>()
  const queue = [error]
  while (queue.length) {
    const e = queue.shift()
    if (!e || typeof e !== 'object' || seen.has(e)) continue
    seen.add(e)
    yield e
    const { cause, errors, originalError } = e as {
      cause?: unknown
      errors?: unknown
      originalError?: unknown
    }
    queue.push(cause, originalError, ...(Array.isArray(errors) ? errors : []))
  }
}

/** Whether `error` (or anything it wraps: Drizzle, Payload, GraphQL errors) is an outage. */
export const isDatabaseUnavailable = (error: unknown): boolean => {
  for (const e of causes(error)) {
    const { code, message } = e as { code?: unknown; message?: unknown }
    if (typeof code === 'string' && (CODES.has(code) || code.startsWith('08'))) return true
    if (typeof message === 'string' && MESSAGES.test(message)) return true
  }
  return false
}

/**
 * node-postgres emits `error` on a pool when one of its idle connections breaks (the database
 * restarted): with no listener that is an uncaught exception and the server would exit. The
 * broken connection is already dropped; the next request opens a new one.
 */
export const survivePoolErrors = (pool: pg.Pool, label: string) => {
  if (pool.listenerCount('error') > 0) return
  let lastLogged = 0
  pool.on('error', (error) => {
    // One line per outage, not one per idle connection.
    if (Date.now() - lastLogged < 10_000) return
    lastLogged = Date.now()
    console.warn(
      `${label}: a database connection broke (${error.message}); reconnecting on demand.`,
    )
  })
}
