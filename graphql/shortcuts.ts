// Planned POSTs answered again without yoga's request pipeline. Once yoga has answered a POST with a
// planned operation (graphql/plan) and no error, the same body from the same kind of caller is the
// same operation, passing the same checks: armor's limits, the query's shape, the key's scopes and
// registered operations, the persisted-query plugins (bodies with extensions never come here). Only
// its data and what is counted differ between two such requests. So the next one runs the plan's
// statement and is answered with the headers yoga gave the first, its tags, budget and statement
// count made afresh: the parse, validation, plugin hooks and result processing yoga spends on each
// request are spent once per body. (What remains, reading the statement's rows and writing the
// answer's JSON, is most of a listing's cost: docs/performance.md.)
//
// What yoga would refuse is still refused by yoga: a caller without the budget for the operation,
// a statement that fails (the resolvers then answer, errors included), a request that differs in
// anything its answer depends on (Accept, Accept-Language, Origin, the key and its limits).
import type { DocumentNode } from 'graphql'
import { LRUCache } from 'lru-cache'
import type pg from 'pg'

import { SHORTCUT_CACHE_BYTES } from '../src/cacheBudgets'
import { rateLimitHeaders, type Budgets } from './budgets'
import type { Caller } from './caller'
import { recordTagsOf, recordTypesSelected, tagHeaders } from './cacheTags'
import { requestSql } from './db'
import { bodyTextOf } from './guard'
import { type Plan, type Planner, runPlan } from './plan/execute'

type Recipe = {
  /** The operation's plan: made for this document, its variables and language, and the public rules. */
  plan: Plan
  cost: number
  operation: string | undefined
  types: string[]
  /** yoga's headers on the first answer, in its order; those made per answer are made again. */
  headers: [string, string][]
  /** What it holds in memory: its statement, and the document its plan points into. */
  bytes: number
}

/** Made for each answer, never copied from the first one (the date is the server's to add). */
const PER_ANSWER = new Set([
  'cache-tag',
  'surrogate-key',
  'ratelimit',
  'ratelimit-policy',
  'x-sql-statements',
  'content-length',
])

/** Who asks, as far as an answer depends on it; undefined: never answered here. */
const callerClass = (caller: Caller) => {
  const key = caller.key
  if (!key) return 'anonymous'
  // Its registered operations can change while the key is known: checked by yoga every time.
  if (key.registeredOnly) return undefined
  return `${key.keyId}\u0001${key.tier}\u0001${key.languages.join()}\u0001${key.areas.join()}`
}

/** The request's key in the recipes: everything yoga's answer to it depends on. */
const recipeKey = (request: Request, caller: Caller) => {
  if (request.method !== 'POST' || request.headers.has('x-preview-token')) return undefined
  const body = bodyTextOf.get(request)
  const who = callerClass(caller)
  if (body === undefined || who === undefined) return undefined
  const { headers } = request
  return [
    who,
    headers.get('accept'),
    headers.get('accept-encoding'),
    headers.get('accept-language'),
    headers.get('origin'),
    headers.get('content-type'),
    body,
  ].join('\u0000')
}

/** A body that is a plain query: no extensions (persisted queries, registered operations). */
const plainQuery = (body: string) => {
  try {
    const parsed = JSON.parse(body) as { query?: unknown; extensions?: unknown }
    return typeof parsed.query === 'string' && parsed.extensions === undefined
  } catch {
    return false
  }
}

export const createShortcuts = ({
  planner,
  pool,
  budgets,
  documentBytes,
  exposeStatementCount,
  fetchAPI,
}: {
  planner: Planner
  pool?: pg.Pool
  budgets?: Budgets
  documentBytes: (document: DocumentNode) => number
  exposeStatementCount?: boolean
  /** yoga's Response and Headers (its Headers keep the order headers were set in). */
  fetchAPI: { Response: typeof Response; Headers: typeof Headers }
}) => {
  let served = 0
  const recipes = new LRUCache<string, Recipe>({
    maxSize: SHORTCUT_CACHE_BYTES,
    sizeCalculation: (recipe, key) => recipe.bytes + 2 * key.length,
  })
  return {
    /** Keeps what yoga's answer to `request` shows, when it can be given again here. */
    learn: (request: Request, caller: Caller, response: Response) => {
      const answered = planner.answered.get(request)
      const key = answered && recipeKey(request, caller)
      if (
        !key ||
        response.status !== 200 ||
        caller.failed !== false ||
        caller.spent === undefined ||
        response.headers.has('content-encoding') ||
        !plainQuery(bodyTextOf.get(request)!)
      ) {
        return
      }
      const { args, plan } = answered
      recipes.set(key, {
        plan,
        cost: caller.spent,
        operation: caller.operation,
        types: recordTypesSelected(args.schema, args.document),
        bytes: 2 * plan.statement.text.length + documentBytes(args.document) + 1024,
        headers: [...response.headers].filter(([name]) => name.toLowerCase() !== 'date'),
      })
    },
    /** The answer to a request seen before, or undefined for yoga to give it. */
    answer: async (request: Request, caller: Caller): Promise<Response | undefined> => {
      const key = recipeKey(request, caller)
      const recipe = key === undefined ? undefined : recipes.get(key)
      if (!recipe) return undefined
      const before = budgets?.standing(caller)
      if (before && recipe.cost > before.remaining) return undefined
      const sql = requestSql(pool)
      const result = await runPlan(recipe.plan, sql)
      if (!result) return undefined
      // What useBudgets and useUsageMarks would have counted and said.
      caller.operation = recipe.operation
      caller.failed = false
      caller.spent = caller.charged = recipe.cost
      const body = JSON.stringify({
        data: result.data,
        extensions: { cost: { requested: recipe.cost } },
      })
      const fresh = new Map<string, string>(
        tagHeaders(recipe.types, recordTagsOf(result.data)).map(([n, v]) => [n.toLowerCase(), v]),
      )
      fresh.set('content-length', String(Buffer.byteLength(body)))
      if (budgets) {
        budgets.charge(caller, recipe.cost)
        const standing = (caller.standing = budgets.standing(caller))
        if (standing) {
          for (const [name, value] of Object.entries(rateLimitHeaders(standing)))
            fresh.set(name.toLowerCase(), value)
        }
      }
      if (exposeStatementCount) fresh.set('x-sql-statements', String(sql.statements))
      // yoga's headers in yoga's order, those of this answer made for it.
      const headers = new fetchAPI.Headers()
      for (const [name, value] of recipe.headers) {
        const lower = name.toLowerCase()
        if (!PER_ANSWER.has(lower)) headers.append(name, value)
        else if (fresh.has(lower)) {
          headers.set(name, fresh.get(lower)!)
          fresh.delete(lower)
        }
      }
      for (const [name, value] of fresh) headers.set(name, value)
      served++
      return new fetchAPI.Response(body, { status: 200, headers })
    },
    /** How many answers were given here (tests read it). */
    served: () => served,
  }
}
