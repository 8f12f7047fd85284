// The links a subscriber is sent: to confirm an address, to unsubscribe, to change preferences.
// Each carries a signed token (HMAC-SHA256 with a key every process shares, src/db/signingKeys.ts)
// naming the subscriber and what the link may do; a confirmation's also expires and carries the
// choices it confirms, so that nothing a stranger asks for takes effect until the owner clicks.
// No address in it: links end up in logs and browser histories.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto'
import type pg from 'pg'
import { z } from 'zod'

import { signingKey } from '../db/signingKeys'
import { LOCALE_CODES } from '../locales'
import { INTERESTS } from './interests'

/** How long a confirmation link works. */
export const CONFIRM_LINK_HOURS = 48

const LinkPayload = z.object({
  /** The subscriber's id. */
  s: z.number().int().positive(),
  /** The first bytes of the address's digest: a link outlives neither an erasure nor a new address. */
  d: z.string().length(12),
  /** What it does. */
  a: z.enum(['confirm', 'unsubscribe', 'preferences']),
  /** Expiry, in seconds since 1970; absent: never (unsubscribing must work from any old e-mail). */
  x: z.number().int().positive().optional(),
  /** A confirmation's choices. */
  l: z.enum(LOCALE_CODES).optional(),
  i: z.array(z.enum(INTERESTS)).max(INTERESTS.length).optional(),
})
export type LinkAction = z.infer<typeof LinkPayload>['a']
export type Link = z.infer<typeof LinkPayload>

export const addressDigest = (email: string) =>
  createHash('sha256').update(email).digest('base64url').slice(0, 12)

const mac = (key: Buffer, body: string) => createHmac('sha256', key).update(body).digest()

export const signLink = async (pool: pg.Pool, link: Link): Promise<string> => {
  const body = Buffer.from(JSON.stringify(link)).toString('base64url')
  return `${body}.${mac(await signingKey(pool, 'newsletter-link'), body).toString('base64url')}`
}

/** Why a token was refused, in words for the page that shows it. */
export type LinkProblem = 'malformed' | 'expired'

/** The link's content when its signature holds and it has not expired. */
export const readLink = async (
  pool: pg.Pool,
  token: string,
  action: LinkAction,
  now = Date.now(),
): Promise<{ link: Link } | { problem: LinkProblem }> => {
  const match = /^([A-Za-z0-9_-]{1,1000})\.([A-Za-z0-9_-]{43})$/.exec(token)
  if (!match) return { problem: 'malformed' }
  const [, body, signature] = match as unknown as [string, string, string]
  const expected = mac(await signingKey(pool, 'newsletter-link'), body)
  const given = Buffer.from(signature, 'base64url')
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { problem: 'malformed' }
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'))
  } catch {
    return { problem: 'malformed' }
  }
  const link = LinkPayload.safeParse(parsed)
  if (!link.success || link.data.a !== action) return { problem: 'malformed' }
  if (link.data.x !== undefined && link.data.x * 1000 < now) return { problem: 'expired' }
  return { link: link.data }
}
