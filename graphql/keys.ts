// Who is asking: anonymous, or a partner's API key (`Authorization: Bearer akh_…`, made in the
// admin: collections/ApiKeys.ts). A key that is malformed, unknown, revoked or expired gets 401
// with a sentence saying which; an address that keeps sending wrong keys is slowed down (429), in
// counters every process shares. A key's record is read again at most a second after it was last
// read, so a revocation reaches every process within a second.
import { LRUCache } from 'lru-cache'
import { timingSafeEqual } from 'node:crypto'
import type pg from 'pg'
import { RateLimiterRes } from 'rate-limiter-flexible'

import { clientAddress, UNKNOWN_CLIENT, visitorKey } from '../src/auth/clientAddress'
import { sharedLimiter } from '../src/db/rateLimits'
import { env } from '../src/env'
import { parseApiKey, secretMatches } from '../src/partners/apiKeys'
import type { Caller, PartnerKey } from './caller'
import { refusal } from './guard'

type KeyRow = PartnerKey & {
  digest: string
  expiresAt: Date
  revokedAt: Date | null
  revoked: boolean
}

const KEY_SQL = `SELECT k.key_id AS "keyId", k.key AS digest, k.expires_at AS "expiresAt",
  k.revoked, k.revoked_at AS "revokedAt", k.tier::text AS tier, p.id AS "partnerId", p.organisation AS partner,
  coalesce(k.registered_only, false) AS "registeredOnly", p.operations,
  ARRAY(SELECT value::text FROM api_keys_languages WHERE parent_id = k.id ORDER BY "order") AS languages,
  ARRAY(SELECT value::text FROM api_keys_areas WHERE parent_id = k.id ORDER BY "order") AS areas
FROM api_keys k JOIN partners p ON p.id = k.partner_id WHERE k.key_id = $1`

/** How long a key's record is trusted before it is read again. */
const KEY_FRESH_MS = 1000

/** Wrong keys from one address: this many per ten minutes, then 429 until the window ends. */
export const WRONG_KEY_LIMIT = { name: 'wrong-key', points: 20, seconds: 600 }

const day = (date: Date) => date.toISOString().slice(0, 10)

const unauthorized = (message: string) =>
  refusal(401, 'UNAUTHENTICATED', message, {
    'WWW-Authenticate': 'Bearer realm="partner API", error="invalid_token"',
  })

/** The hub's own site, when the hub serves it (src/cli/serve.ts): the Alliance's tier. */
const HUB_SITE: PartnerKey = {
  keyId: 'hub-site',
  partnerId: null,
  partner: 'The Alliance’s site',
  tier: 'alliance',
  languages: [],
  areas: [],
  registeredOnly: false,
  operations: null,
}
export const INTERNAL_HEADER = 'x-hub-internal'
/** The address of the reader the hub's own site is answering (site/app.tsx sends it). */
export const VISITOR_HEADER = 'x-hub-visitor'

const sameText = (a: string, b: string) => {
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length === right.length && timingSafeEqual(left, right)
}

export const createKeyCheck = (
  pool: () => pg.Pool,
  counters: () => pg.Pool,
  /** A secret of this process that marks requests of the site it serves itself. */
  internalToken?: string,
) => {
  const known = new LRUCache<string, { row: KeyRow | null }>({ max: 10_000, ttl: KEY_FRESH_MS })
  let wrongKeys: ReturnType<typeof sharedLimiter> | undefined
  const find = async (keyId: string) => {
    const cached = known.get(keyId)
    if (cached) return cached.row
    const { rows } = await pool().query<KeyRow>(KEY_SQL, [keyId])
    const row = rows[0] ?? null
    known.set(keyId, { row })
    return row
  }
  /** Counts a wrong key against the address: a 401 saying why, or 429 once too many. */
  const wrong = async (address: string, message: string) => {
    wrongKeys ??= sharedLimiter(WRONG_KEY_LIMIT, counters())
    try {
      await wrongKeys.consume(address)
      return unauthorized(message)
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error
      const seconds = Math.max(1, Math.ceil(error.msBeforeNext / 1000))
      return refusal(
        429,
        'TOO_MANY_REQUESTS',
        `Too many wrong API keys from this address: try again in ${seconds} s.`,
        { 'Retry-After': String(seconds) },
      )
    }
  }
  /** The caller, or the answer refusing its key. */
  return async (request: Request): Promise<Caller | Response> => {
    const address = clientAddress(request.headers, env.TRUSTED_PROXIES)
    const internal = request.headers.get(INTERNAL_HEADER)
    if (internal !== null && internalToken && sameText(internal, internalToken)) {
      // Named but unreadable: an unknown reader, never the site's own budget.
      const named = request.headers.get(VISITOR_HEADER)
      const visitor = named === null ? undefined : (visitorKey(named) ?? UNKNOWN_CLIENT)
      return { address, key: HUB_SITE, ...(visitor ? { visitor } : {}) }
    }
    const header = request.headers.get('authorization')
    if (header === null) return { address }
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1]
    const parsed = bearer ? parseApiKey(bearer) : undefined
    if (!parsed) {
      return wrong(
        address,
        'The Authorization header must be `Bearer <API key>`, with a key of this hub (akh_…); send none to read anonymously.',
      )
    }
    const row = await find(parsed.keyId)
    if (!row || !secretMatches(parsed.secret, row.digest)) {
      return wrong(address, 'This API key is not known to this hub.')
    }
    if (row.revoked) {
      return unauthorized(
        `This API key was revoked${row.revokedAt ? ` on ${day(row.revokedAt)}` : ''}: ask the Alliance’s secretariat for a new one.`,
      )
    }
    if (row.expiresAt.getTime() <= Date.now()) {
      return unauthorized(
        `This API key expired on ${day(row.expiresAt)}: ask the Alliance’s secretariat for a new one.`,
      )
    }
    const { digest: _, expiresAt: _e, revokedAt: _r, revoked: _v, ...key } = row
    return { address, key }
  }
}
