// The servers' own log lines: one per request and one per event (start, ready, stop, readiness
// changes). `LOG_FORMAT=json`: one JSON object per line, for a log collector; otherwise a readable
// line. What is never written: query strings (they can carry e-mails, tokens, persisted-query
// junk), headers (Authorization, Cookie), bodies, e-mail addresses, credentials in URLs, and the
// tokens of password-reset and verification links.
import { randomUUID } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'

import { env } from '../env'
import { countStatements } from '../db/countedPg'

export type Level = 'info' | 'warn' | 'error'
export type LogFormat = 'json' | 'text'
type Value = string | number | boolean | null | undefined | string[]
export type Fields = Record<string, Value>

const format: LogFormat = env.LOG_FORMAT

const EMAIL = /[^\s"'<>()[\]{},;:/\\@]+(@|%40)[^\s"'<>()[\]{},;:/\\@]+\.[^\s"'<>()[\]{},;:/\\@]+/gi
const URL_CREDENTIALS = /\/\/[^\s/@]+@/g

/** Removes e-mail addresses and credentials in URLs from any text that reaches the log. */
export const scrub = (text: string): string =>
  text.replace(URL_CREDENTIALS, '//[redacted]@').replace(EMAIL, '[email]')

/** Path segments that are secrets whatever they look like: the token of a reset or verify link. */
const TOKEN_AFTER = new Set(['reset', 'verify', 'reset-password', 'unlock'])

/**
 * The part of a request target that may be logged: the path only (no query string, no fragment),
 * with e-mail addresses, link tokens and long hexadecimal strings replaced, at most 200 characters.
 */
export const loggablePath = (url: string | undefined): string => {
  const path = (url ?? '').split(/[?#]/, 1)[0] ?? ''
  const segments = path.split('/')
  for (let i = 1; i < segments.length; i++) {
    const previous = segments[i - 1]!.toLowerCase()
    const segment = segments[i]!
    if (!segment) continue
    if (TOKEN_AFTER.has(previous) || /^[0-9a-f]{32,}$/i.test(segment)) segments[i] = '[redacted]'
  }
  const clean = scrub(segments.join('/'))
  return clean.length > 200 ? `${clean.slice(0, 200)}…` : clean
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/

/** A well-formed incoming `X-Request-Id` (1–64 of A–Z a–z 0–9 . _ -), or a new one. */
export const requestIdFrom = (header: string | string[] | undefined): string => {
  const value = Array.isArray(header) ? header[0] : header
  return value && REQUEST_ID.test(value) ? value : randomUUID()
}

const clean = (fields: Fields): Fields => {
  const out: Fields = {}
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue
    out[key] =
      typeof value === 'string'
        ? scrub(value)
        : Array.isArray(value)
          ? value.map((v) => scrub(String(v)))
          : value
  }
  return out
}

/** Set once stdout or stderr has failed: nothing more is written to either. */
let destinationGone = false

const write = (level: Level, line: string) => {
  if (destinationGone) return
  ;(level === 'info' ? process.stdout : process.stderr).write(`${line}\n`)
}

/**
 * Calls `onGone` once when the process's output can no longer be written (its reader went away:
 * EPIPE on a closed pipe or socket). Unhandled, that error reached Next's uncaught-exception
 * handler, which logged it to the same broken stream, and the orphaned hub spun at full CPU.
 * A server without anyone reading its logs stops (a supervisor restarts it with a new pipe).
 */
export const whenOutputGone = (onGone: (code: string) => void) => {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (destinationGone) return
      destinationGone = true
      onGone(error.code ?? 'unknown')
    })
  }
}

/**
 * An event: `msg` is a short name for machines (`start`, `ready`, `readiness`, `stop`…) and
 * `fields` its details; `text` is the sentence people read, which the readable format prints instead
 * (so it should say what matters of the fields).
 */
export const logEvent = (level: Level, msg: string, text: string, fields: Fields = {}) => {
  const safe = clean(fields)
  if (format === 'json') {
    write(level, JSON.stringify({ time: new Date().toISOString(), level, msg, ...safe }))
  } else {
    write(level, `${new Date().toISOString()} ${level.padEnd(5)} ${scrub(text)}`)
  }
}

/** The line a server writes when asked to stop; with a drain, how long it serves on. */
export const logStop = (signal: NodeJS.Signals, drainSeconds: number) =>
  logEvent(
    'info',
    'stop',
    drainSeconds
      ? `Stopping (${signal}): /readyz answers 503; serving ${drainSeconds} s more while the load balancer takes this process out`
      : `Stopping (${signal})`,
    { signal, drainSeconds },
  )

export type RequestLine = {
  requestId: string
  method: string
  /** The request target as received: only its path is logged (see loggablePath). */
  url: string | undefined
  status: number
  durationMs: number
  /** SQL statements the request sent (undefined when not counted). */
  sqlStatements?: number
  /** The client went away before the answer was complete. */
  aborted?: boolean
}

/** One line per request, written when its answer is complete (or the client has gone). */
export const logRequest = (line: RequestLine) => {
  const level: Level = line.status >= 500 ? 'error' : 'info'
  const fields = {
    requestId: line.requestId,
    method: line.method,
    path: loggablePath(line.url),
    status: line.status,
    durationMs: Math.round(line.durationMs * 10) / 10,
    ...(line.sqlStatements === undefined ? {} : { sqlStatements: line.sqlStatements }),
    ...(line.aborted ? { aborted: true } : {}),
  }
  if (format === 'json') {
    write(
      level,
      JSON.stringify({ time: new Date().toISOString(), level, msg: 'request', ...fields }),
    )
  } else {
    const sql = fields.sqlStatements === undefined ? '' : ` ${fields.sqlStatements} sql`
    write(
      level,
      `${new Date().toISOString()} ${level.padEnd(5)} ${fields.method} ${fields.path} ${fields.status} ${fields.durationMs} ms${sql}${line.aborted ? ' aborted' : ''} [${fields.requestId}]`,
    )
  }
}

/**
 * Runs `handle` for one request of a node:http server the way both servers do: a request id kept
 * or made (and returned in `X-Request-Id`), its SQL statements counted, and one log line when the
 * answer is complete or the client has gone ('close' follows 'finish', and also comes alone).
 */
export const serveLogged = (req: IncomingMessage, res: ServerResponse, handle: () => void) => {
  const started = performance.now()
  const requestId = requestIdFrom(req.headers['x-request-id'])
  req.headers['x-request-id'] = requestId
  res.setHeader('X-Request-Id', requestId)
  const counter = countStatements(handle)
  res.once('close', () =>
    logRequest({
      requestId,
      method: req.method ?? '',
      url: req.url,
      status: res.statusCode,
      durationMs: performance.now() - started,
      sqlStatements: counter.statements,
      aborted: !res.writableFinished,
    }),
  )
}
