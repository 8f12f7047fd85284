// Fair use, measured in query cost (the rule armor applies: graphql/server.ts). Each caller has a
// budget of points per minute: anonymous callers per address, keys by their tier. What callers
// spend is counted in PostgreSQL (rate-limiter-flexible's store, src/db/rateLimits.ts), shared by
// every hub and `start:api` process.
//
// A statement per request would make the store the bottleneck at a few thousand requests a second,
// so each process adds up what its callers spend and hands the sums to the store every
// FLUSH_MS; the store answers with each budget's total across processes, which the next requests
// are judged by. A budget can therefore be overrun by what every process serves in one flush
// interval, no more. (rate-limiter-flexible has no such batching of its own.)
import { type DocumentNode, type GraphQLSchema, validate } from 'graphql'
import { createGraphQLError, isAsyncIterable, type Plugin } from 'graphql-yoga'
import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit'
import type pg from 'pg'
import type { RateLimiterPostgres } from 'rate-limiter-flexible'

import { sharedLimiter } from '../src/db/rateLimits'
import type { Tier } from '../src/partners/apiKeys'
import type { PartnerContext } from './context'
import { budgetsOf, type Caller, callerOf, type Standing } from './caller'

/** armor's cost rule, here and in graphql/server.ts: the most a single operation may cost. */
export const COST_RULE = { maxCost: 20_000 }

/** Budgets are per minute. */
export const WINDOW_SECONDS = 60
const FLUSH_MS = 200

/** Points per minute: anonymous callers (per address) and each tier (per key); Infinity: no limit. */
export type BudgetLimits = Record<'anonymous' | Tier, number>
export const defaultLimits = (anonymous: number): BudgetLimits => ({
  anonymous,
  standard: anonymous * 5,
  extended: anonymous * 25,
  alliance: Number.POSITIVE_INFINITY,
})

const costs = new WeakMap<DocumentNode, number>()

/** What an operation costs by armor's rule (computed once per parsed document). */
export const costOf = (schema: GraphQLSchema, document: DocumentNode): number => {
  let cost = costs.get(document)
  if (cost === undefined) {
    cost = 0
    validate(schema, document, [
      costLimitRule({
        ...COST_RULE,
        maxCost: Number.MAX_SAFE_INTEGER,
        onAccept: [(_: unknown, { n }: { n: number }) => void (cost = Math.ceil(n))],
      }),
    ])
    costs.set(document, cost)
  }
  return cost
}

type Known = { consumed: number; resetAt: number }

export const createBudgets = (limits: BudgetLimits, pool: () => pg.Pool) => {
  const limiters = new Map<number, RateLimiterPostgres>()
  const limiterFor = (points: number) => {
    let limiter = limiters.get(points)
    if (!limiter) {
      limiter = sharedLimiter({ name: `cost-${points}`, points, seconds: WINDOW_SECONDS }, pool())
      limiters.set(points, limiter)
    }
    return limiter
  }
  /** Each budget's total across processes as of the last flush, and what this process added since. */
  const known = new Map<string, Known>()
  const pending = new Map<string, { points: number; limit: number }>()
  /** Handed to the store and not yet answered: still counted, until the answer includes them. */
  const writing = new Map<string, number>()
  let timer: NodeJS.Timeout | undefined

  const flush = async () => {
    timer = undefined
    const batch = [...pending]
    pending.clear()
    for (const [bucket, { points }] of batch) {
      writing.set(bucket, (writing.get(bucket) ?? 0) + points)
    }
    await Promise.all(
      batch.map(async ([bucket, { points, limit }]) => {
        const settled = () => {
          const left = (writing.get(bucket) ?? 0) - points
          if (left > 0) writing.set(bucket, left)
          else writing.delete(bucket)
        }
        try {
          const res = await limiterFor(limit).penalty(bucket, points)
          settled()
          known.set(bucket, {
            consumed: res.consumedPoints,
            resetAt: Date.now() + res.msBeforeNext,
          })
        } catch (error) {
          settled()
          // The store away: what was spent stays with this process's count until it is back.
          const again = pending.get(bucket)
          pending.set(bucket, { points: points + (again?.points ?? 0), limit })
          console.error('Partner API: budgets could not be counted', (error as Error).message)
        }
      }),
    )
  }

  const bucketOf = (caller: Caller) =>
    caller.key
      ? {
          bucket: `key:${caller.key.keyId}`,
          limit: limits[caller.key.tier],
          policy: caller.key.tier,
        }
      : { bucket: `address:${caller.address}`, limit: limits.anonymous, policy: 'anonymous' }

  return {
    /**
     * Reads a caller's budget from the store when this process has no fresh count of it (its first
     * request here in a window): one statement per caller and window.
     */
    async prime(caller: Caller) {
      const { bucket, limit } = bucketOf(caller)
      if (!Number.isFinite(limit)) return
      const seen = known.get(bucket)
      if (seen && seen.resetAt > Date.now()) return
      try {
        const res = await limiterFor(limit).get(bucket)
        known.set(
          bucket,
          res
            ? { consumed: res.consumedPoints, resetAt: Date.now() + res.msBeforeNext }
            : { consumed: 0, resetAt: Date.now() + WINDOW_SECONDS * 1000 },
        )
      } catch (error) {
        // The store away: judged by this process's own count meanwhile.
        console.error('Partner API: budgets could not be read', (error as Error).message)
      }
    },
    /** Where a caller stands now (no statement sent). */
    standing(caller: Caller): Standing | undefined {
      const { bucket, limit, policy } = bucketOf(caller)
      if (!Number.isFinite(limit)) return undefined
      const now = Date.now()
      const seen = known.get(bucket)
      const current = seen && seen.resetAt > now ? seen : undefined
      const spent =
        (current?.consumed ?? 0) + (writing.get(bucket) ?? 0) + (pending.get(bucket)?.points ?? 0)
      return {
        policy,
        limit,
        remaining: Math.max(0, limit - spent),
        resetSeconds: current
          ? Math.max(1, Math.ceil((current.resetAt - now) / 1000))
          : WINDOW_SECONDS,
      }
    },
    /** Adds what a request cost to its caller's budget (counted in the store shortly). */
    charge(caller: Caller, points: number) {
      const { bucket, limit } = bucketOf(caller)
      if (!Number.isFinite(limit) || points <= 0) return
      const entry = pending.get(bucket)
      pending.set(bucket, { points: (entry?.points ?? 0) + points, limit })
      timer ??= setTimeout(() => void flush(), FLUSH_MS)
      timer.unref?.()
    },
    /** Counts what is pending now (tests, and a process about to stop). */
    flush: async () => {
      if (timer) clearTimeout(timer)
      await flush()
    },
  }
}
export type Budgets = ReturnType<typeof createBudgets>

const tooCostly = (cost: number, standing: Standing) =>
  createGraphQLError(
    `This operation costs ${cost} points and ${standing.remaining} of the ${standing.limit} points of this minute’s budget remain; it renews in ${standing.resetSeconds} s. Ask for fewer records or fields, or ask the Alliance for a key with a larger budget.`,
    {
      extensions: {
        code: 'RATE_LIMITED',
        http: { status: 429, headers: { 'Retry-After': String(standing.resetSeconds) } },
      },
    },
  )

/**
 * Counts each answer in its caller's budget and says so. The answer carries what the operation
 * costs (`extensions.cost.requested`), the same for every caller and stored with it in the
 * response cache, so that answers stay cacheable and their ETags stable; where the caller stands
 * goes in the RateLimit fields and `Query.rateLimit`. An operation costing more than remains is
 * refused (429) before it runs; an answer from the response cache is counted as 1 point.
 */
export const useBudgets = (): Plugin => ({
  onExecute({ args, setResultAndStopExecution }) {
    const cost = costOf(args.schema, args.document)
    const ctx = args.contextValue as unknown as PartnerContext
    const caller = ctx.caller
    if (caller) {
      caller.spent = undefined
      const standing = ctx.standing()
      if (standing && cost > standing.remaining) {
        // Refused before it runs: it costs what a cached answer does.
        caller.spent = 1
        setResultAndStopExecution({ errors: [tooCostly(cost, standing)] })
        return
      }
      caller.spent = cost
    }
    return {
      // Before the response cache's own (plugins' hooks run in order): stored with the answer.
      onExecuteDone({ result, setResult }) {
        if (!isAsyncIterable(result)) {
          setResult({ ...result, extensions: { ...result.extensions, cost: { requested: cost } } })
        }
      },
    }
  },
  onResultProcess({ request, result }) {
    const caller = callerOf.get(request)
    if (!caller || Array.isArray(result)) return
    const cached = (result as Record<symbol, unknown>)[Symbol.for('servedFromResponseCache')]
    caller.charged = cached ? 1 : (caller.spent ?? 1)
    const budgets = budgetsOf.get(request)
    if (!budgets) return
    budgets.charge(caller, caller.charged)
    caller.standing = budgets.standing(caller)
  },
  onResponse({ request, response }) {
    const standing = callerOf.get(request)?.standing
    if (!standing) return
    for (const [name, value] of Object.entries(rateLimitHeaders(standing))) {
      response.headers.set(name, value)
    }
  },
})

/** The IETF RateLimit fields (draft-ietf-httpapi-ratelimit-headers) of a standing. */
export const rateLimitHeaders = (standing: Standing): Record<string, string> => ({
  'RateLimit-Policy': `"${standing.policy}";q=${standing.limit};w=${WINDOW_SECONDS}`,
  RateLimit: `"${standing.policy}";r=${standing.remaining};t=${standing.resetSeconds}`,
})
