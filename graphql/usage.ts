// What the partner API serves, per day, caller and operation, for the secretariat (the admin's
// Usage page and its CSV: src/partners/usage.ts). Like the budgets (graphql/budgets.ts), each
// process adds up what it serves and writes the sums every FLUSH_MS: one statement per flush,
// whatever the request rate. Nothing of a request is kept but its caller's partner (or
// "anonymous"), its operation's name, its cost, whether it failed and how long it took.
//
// Each process also deletes, once an hour, aggregates older than 13 months and the counters of
// rate limits whose window has ended (the only place client addresses are kept: src/db/rateLimits.ts),
// so that no address outlives its longest window (10 minutes) by more than an hour.
import { getOperationAST } from 'graphql'
import type { Plugin } from 'graphql-yoga'
import { LRUCache } from 'lru-cache'
import type pg from 'pg'

import { RATE_LIMITS_TABLE } from '../src/db/rateLimits'
import {
  ANONYMOUS,
  addHistogram,
  emptyHistogram,
  HUB_SITE,
  latencyBucket,
  OTHER,
  partnerCaller,
  UNNAMED,
  USAGE_MONTHS,
  USAGE_TABLE,
} from '../src/partners/usageTable'
import { type Caller, callerOf } from './caller'

const FLUSH_MS = 200
const PURGE_MS = 60 * 60 * 1000
/** Distinct operation names kept per caller and day by one process; the rest count as "(other)". */
const NAMES_PER_CALLER = 100
const NAME = /^[_A-Za-z][_0-9A-Za-z]{0,63}$/

export type Served = {
  caller: Caller | undefined
  operation: string
  failed: boolean
  ms: number
}

type Sums = { requests: number; errors: number; cost: number; latency: number[] }

const callerName = (caller: Caller | undefined) =>
  !caller?.key
    ? ANONYMOUS
    : caller.key.partnerId === null
      ? HUB_SITE
      : partnerCaller(caller.key.partnerId)

const UPSERT = `INSERT INTO ${USAGE_TABLE} AS u (day, caller, operation, requests, errors, cost, latency)
SELECT r.day, r.caller, r.operation, r.requests, r.errors, r.cost,
  ARRAY(SELECT n::int FROM jsonb_array_elements_text(r.latency) WITH ORDINALITY AS h(n, i) ORDER BY i)
FROM jsonb_to_recordset($1::jsonb)
  AS r(day date, caller text, operation text, requests int, errors int, cost bigint, latency jsonb)
ON CONFLICT (day, caller, operation) DO UPDATE SET
  requests = u.requests + excluded.requests,
  errors = u.errors + excluded.errors,
  cost = u.cost + excluded.cost,
  latency = ARRAY(SELECT coalesce(a, 0) + coalesce(b, 0)
    FROM unnest(u.latency, excluded.latency) WITH ORDINALITY AS h(a, b, i) ORDER BY i)`

export const PURGE_USAGE = `DELETE FROM ${USAGE_TABLE}
WHERE day < (current_date - interval '${USAGE_MONTHS} months')`
export const PURGE_COUNTERS = `DELETE FROM ${RATE_LIMITS_TABLE} WHERE expire < $1`

export const createUsage = (pool: () => pg.Pool) => {
  let pending = new Map<string, Sums>()
  /** Names seen per day and caller, to keep their number bounded. */
  let names = new Map<string, Set<string>>()
  let namesDay = ''
  let timer: NodeJS.Timeout | undefined
  let writing: Promise<void> = Promise.resolve()
  let complained = 0

  const nameFor = (day: string, caller: string, operation: string) => {
    if (namesDay !== day) {
      names = new Map()
      namesDay = day
    }
    let seen = names.get(caller)
    if (!seen) names.set(caller, (seen = new Set()))
    if (seen.has(operation)) return operation
    if (seen.size >= NAMES_PER_CALLER) return OTHER
    seen.add(operation)
    return operation
  }

  const write = async () => {
    timer = undefined
    if (!pending.size) return
    const batch = pending
    pending = new Map()
    // In key order: two processes writing the same rows take their locks in the same order.
    const rows = [...batch]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, sums]) => {
        const [day, caller, operation] = key.split('\t') as [string, string, string]
        return { day, caller, operation, ...sums }
      })
    try {
      await pool().query(UPSERT, [JSON.stringify(rows)])
    } catch (error) {
      // The database away: the sums wait for the next flush (and are lost if the process stops).
      for (const [key, sums] of batch) {
        const again = pending.get(key)
        pending.set(key, again ? merge(again, sums) : sums)
      }
      schedule()
      // Once a minute at most while the database is away, not at every flush.
      if (Date.now() - complained > 60_000) {
        complained = Date.now()
        console.error(
          'Partner API: usage could not be recorded (kept until it can)',
          (error as Error).message,
        )
      }
    }
  }
  const schedule = () => {
    timer ??= setTimeout(() => void (writing = writing.then(write)), FLUSH_MS)
    timer.unref?.()
  }

  const purge = async () => {
    await pool().query(PURGE_USAGE)
    await pool().query(PURGE_COUNTERS, [Date.now()])
  }
  const purging = setInterval(
    () =>
      void purge().catch((error: Error) =>
        console.error('Partner API: old usage could not be deleted', error.message),
      ),
    PURGE_MS,
  )
  purging.unref?.()

  return {
    /** Counts one answer (written with the next flush). */
    record({ caller, operation, failed, ms }: Served) {
      const day = new Date().toISOString().slice(0, 10)
      const who = callerName(caller)
      const key = `${day}\t${who}\t${nameFor(day, who, operation)}`
      let sums = pending.get(key)
      if (!sums)
        pending.set(key, (sums = { requests: 0, errors: 0, cost: 0, latency: emptyHistogram() }))
      sums.requests++
      if (failed) sums.errors++
      sums.cost += caller?.charged ?? 0
      sums.latency[latencyBucket(ms)]!++
      schedule()
    },
    /** Writes what is pending now (tests, and a process about to stop). */
    flush: async () => {
      if (timer) clearTimeout(timer)
      timer = undefined
      await (writing = writing.then(write))
    },
    /** Deletes aggregates past 13 months and ended rate-limit counters (hourly; tests call it). */
    purge,
    close: () => clearInterval(purging),
  }
}
export type Usage = ReturnType<typeof createUsage>

const merge = (a: Sums, b: Sums): Sums => ({
  requests: a.requests + b.requests,
  errors: a.errors + b.errors,
  cost: a.cost + b.cost,
  latency: addHistogram(a.latency, b.latency),
})

/** The name an operation is counted under: its own when GraphQL would accept it. */
const operationName = (name: string | null | undefined) =>
  name && NAME.test(name) ? name : UNNAMED

/**
 * Operation names by query text, as validated here: an answer from the response cache (found
 * before the query is parsed) is counted under its operation's name too.
 */
const namesByText = new LRUCache<string, string>({
  maxSize: 4 * 1024 * 1024,
  sizeCalculation: (_name, text) => text.length + 64,
})

/** Notes each request's operation and whether its answer failed, for the usage record. */
export const useUsageMarks = (): Plugin => ({
  onParams({ params, request }) {
    const caller = callerOf.get(request)
    if (!caller) return
    caller.operation = params.operationName
      ? operationName(params.operationName)
      : params.query
        ? namesByText.get(params.query)
        : undefined
  },
  onValidate({ params, context }) {
    const { request, params: asked } = context as unknown as {
      request: Request
      params?: { query?: string; operationName?: string | null }
    }
    const caller = callerOf.get(request)
    if (!caller) return
    caller.operation = operationName(
      getOperationAST(params.documentAST, asked?.operationName ?? undefined)?.name?.value,
    )
    if (asked?.query && !asked.operationName) namesByText.set(asked.query, caller.operation)
  },
  onResultProcess({ request, result }) {
    const caller = callerOf.get(request)
    if (!caller) return
    caller.operation ??= UNNAMED
    const results = Array.isArray(result) ? result : [result]
    caller.failed = results.some((one) => Boolean((one as { errors?: unknown[] }).errors?.length))
  },
})
