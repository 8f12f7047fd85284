// Who a request comes from, as the partner API's key check (graphql/keys.ts) found it, and the
// budgets it is counted in (graphql/budgets.ts); kept per request for the context and the plugins.
import type { Area, Tier } from '../src/partners/apiKeys'

export type PartnerKey = {
  keyId: string
  /** null: the hub's own site. */
  partnerId: number | null
  partner: string
  tier: Tier
  /** Empty: every language. */
  languages: string[]
  /** Empty: the whole API. */
  areas: Area[]
  /** Runs only its partner's registered operations. */
  registeredOnly: boolean
  /** Its partner's registered operations, by bare SHA-256 hash (src/partners/operations.ts). */
  operations: Record<string, string> | null
}

export type Standing = {
  /** The budget's name in the RateLimit fields. */
  policy: string
  limit: number
  remaining: number
  /** Seconds until the window ends (the whole window when nothing is spent). */
  resetSeconds: number
}

export type Caller = {
  address: string
  key?: PartnerKey
  /**
   * The reader the hub's own site is serving (its X-Hub-Visitor), who a sign-up counts against:
   * only the site, marked with this process's secret, may name one.
   */
  visitor?: string
  /** What the operation costs, once known (graphql/budgets.ts); an answer from the cache costs 1. */
  spent?: number
  /** What the answer was counted as: its cost, or 1 from the response cache. */
  charged?: number
  /** The operation's name, once parsed (graphql/usage.ts). */
  operation?: string
  /** The answer carried errors. */
  failed?: boolean
  /** Where the caller stands once the answer is counted (for the RateLimit fields). */
  standing?: Standing
}

export type BudgetCounter = {
  standing: (caller: Caller) => Standing | undefined
  charge: (caller: Caller, points: number) => void
}

/** Each request's caller, once its key is checked. */
export const callerOf = new WeakMap<Request, Caller>()
/** The budgets each request is counted in. */
export const budgetsOf = new WeakMap<Request, BudgetCounter>()
