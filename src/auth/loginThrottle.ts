// Slows down password guessing per client address, without letting anyone lock an editor out.
//
// Payload's own account lock (maxLoginAttempts) locks the account for everyone after N failures
// from anywhere: a stranger who knows an editor's e-mail can keep them out. Instead, every sign-in
// attempt counts against the client's address, twice: once for this address and account (5 per
// 15 minutes), once for the address whatever the account (20 per 15 minutes, against trying one
// password on many accounts). When either is used up, that address gets 429 with Retry-After until
// its window ends; the same account still signs in from anywhere else.
//
// Counting happens before the password is checked (beforeOperation), so parallel guesses cannot
// slip past the limit while earlier ones are still being checked. A successful sign-in (afterLogin)
// then takes its attempt back: it clears the address+account counter and returns its point to the
// address counter. A successful password reset clears the address+account counter too.
//
// Counters live in PostgreSQL (src/db/rateLimits.ts, rate-limiter-flexible's store): every hub
// process counts in the same ones, and a restart forgets nothing.
// Neither the e-mail nor the password is logged or kept: accounts are counted by a hash.
import { createHash } from 'node:crypto'
import {
  APIError,
  type CollectionAfterLoginHook,
  type CollectionBeforeOperationHook,
  type PayloadRequest,
} from 'payload'
import { type RateLimiterAbstract, RateLimiterRes } from 'rate-limiter-flexible'

import { env } from '../env'
import { clientAddress } from './clientAddress'
import { sharedLimiter } from '../db/rateLimits'

export type Limit = { attempts: number; seconds: number }
export type LoginLimits = { perAddressAndAccount: Limit; perAddress: Limit }

export const LOGIN_LIMITS: LoginLimits = {
  perAddressAndAccount: { attempts: 5, seconds: 15 * 60 },
  perAddress: { attempts: 20, seconds: 15 * 60 },
}

export type Verdict = { allowed: true } | { allowed: false; retryAfterSeconds: number }

/** Accounts are counted under a hash of the normalised e-mail, never the e-mail itself. */
const accountKey = (account: string) =>
  createHash('sha256').update(account.trim().toLowerCase()).digest('base64url').slice(0, 22)

export const createLoginThrottle = (
  limits: LoginLimits = LOGIN_LIMITS,
  /** Counters of their own (tests); default: the hub's. */
  prefix = 'login',
) => {
  // Made at the first attempt: `next build` loads this module without a database.
  let limiters: { byAccount: RateLimiterAbstract; byAddress: RateLimiterAbstract } | undefined
  const counters = () =>
    (limiters ??= {
      byAccount: sharedLimiter({
        name: `${prefix}:address+account`,
        points: limits.perAddressAndAccount.attempts,
        seconds: limits.perAddressAndAccount.seconds,
      }),
      byAddress: sharedLimiter({
        name: `${prefix}:address`,
        points: limits.perAddress.attempts,
        seconds: limits.perAddress.seconds,
      }),
    })
  const pairKey = (address: string, account: string) => `${address} ${accountKey(account)}`

  return {
    /** Counts one attempt from `address` on `account`: allowed, or how long to wait. */
    async attempt(address: string, account: string): Promise<Verdict> {
      const { byAccount, byAddress } = counters()
      const results = await Promise.allSettled([
        byAccount.consume(pairKey(address, account)),
        byAddress.consume(address),
      ])
      const waits = results.flatMap((result) => {
        if (result.status === 'fulfilled') return []
        // A RateLimiterRes is the limit reached; anything else (the database away) is an error.
        if (!(result.reason instanceof RateLimiterRes)) throw result.reason
        return [result.reason.msBeforeNext]
      })
      if (waits.length === 0) return { allowed: true }
      return {
        allowed: false,
        retryAfterSeconds: Math.max(1, Math.ceil(Math.max(...waits) / 1000)),
      }
    },

    /** The right password: this address starts afresh on this account, and gets its point back. */
    async succeeded(address: string, account: string, { counted }: { counted: boolean }) {
      const { byAccount, byAddress } = counters()
      await byAccount.delete(pairKey(address, account))
      if (!counted) return
      const current = await byAddress.get(address)
      if (current && current.consumedPoints > 0) await byAddress.reward(address, 1)
    },
  }
}

export type LoginThrottle = ReturnType<typeof createLoginThrottle>

// One throttle per process, even when Next bundles this module into several routes.
const GLOBAL_KEY = Symbol.for('alliance-hub.loginThrottle')
const globalStore = globalThis as typeof globalThis & { [GLOBAL_KEY]?: LoginThrottle }
export const loginThrottle: LoginThrottle = (globalStore[GLOBAL_KEY] ??= createLoginThrottle())

/** The error a throttled client gets: 429, clean JSON, and when to come back. */
export class TooManyLoginAttempts extends APIError<{ retryAfterSeconds: number }> {
  constructor(retryAfterSeconds: number, now = new Date()) {
    const minutes = Math.ceil(retryAfterSeconds / 60)
    const wait =
      retryAfterSeconds < 60
        ? `${retryAfterSeconds} seconds`
        : `${minutes} minute${minutes === 1 ? '' : 's'}`
    const at = new Date(now.getTime() + retryAfterSeconds * 1000).toISOString().slice(11, 16)
    super(
      `Too many failed sign-in attempts from your network. Try again in ${wait} (after ${at} UTC).`,
      429,
      { retryAfterSeconds },
      true,
    )
    this.name = 'TooManyLoginAttempts'
  }
}

/** Requests whose attempt was counted, and under which address and account. */
const counted = new WeakMap<PayloadRequest, { address: string; account: string }>()

/** The server's own code (seed, scripts, tests) signs in through the Local API: not throttled. */
const fromOutside = (req: PayloadRequest) => req.payloadAPI !== 'local'

export const throttleLogin: CollectionBeforeOperationHook = async ({ args, operation, req }) => {
  if (operation !== 'login' || !fromOutside(req)) return
  const data = (args as { data?: { email?: unknown; username?: unknown } }).data
  const account =
    typeof data?.email === 'string' && data.email ? data.email : String(data?.username ?? '')
  const address = clientAddress(req.headers, env.TRUSTED_PROXIES)
  const verdict = await loginThrottle.attempt(address, account)
  if (!verdict.allowed) {
    req.responseHeaders ??= new Headers()
    req.responseHeaders.set('Retry-After', String(verdict.retryAfterSeconds))
    throw new TooManyLoginAttempts(verdict.retryAfterSeconds)
  }
  counted.set(req, { address, account })
}

/** Runs after a successful login, and after a successful password reset (which signs in). */
export const clearLoginFailures: CollectionAfterLoginHook = async ({ req, user }) => {
  const attempt = counted.get(req)
  if (attempt) {
    counted.delete(req)
    await loginThrottle.succeeded(attempt.address, attempt.account, { counted: true })
  } else if (fromOutside(req) && typeof user?.email === 'string') {
    const address = clientAddress(req.headers, env.TRUSTED_PROXIES)
    await loginThrottle.succeeded(address, user.email, { counted: false })
  }
}
