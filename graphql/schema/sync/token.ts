// Sync tokens: opaque to partners, checked here. A token holds where a sync stands (the initial
// listing or a window of the change log, and the last record of the page), the locale chain it was
// made under and which database made it, signed with a key the hub's processes share
// (src/db/signingKeys.ts): a token from another hub, made under another locale chain, or altered,
// is BAD_USER_INPUT before anything is read.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto'
import { createGraphQLError } from 'graphql-yoga'
import { z } from 'zod'

import { SYNC_KINDS, type Position } from '../../sql/sync'

const xid = z.string().regex(/^[0-9]{1,19}$/)
const position = z.tuple([
  z
    .number()
    .int()
    .min(0)
    .max(SYNC_KINDS.length - 1),
  z
    .number()
    .int()
    .min(1)
    .max(2 ** 31 - 1),
])

const made = {
  v: z.literal(2),
  db: z.string(),
  /** The locale chain, e.g. `fr,en`. */
  loc: z.string().regex(/^[a-z]{2}(,[a-z]{2})*$/),
}

const schema = z.discriminatedUnion('phase', [
  /** Paging through everything published; changes from `from` on come in the delta after it. */
  z.object({
    ...made,
    phase: z.literal('initial'),
    from: xid,
    after: position,
  }),
  /** Changes from `from`; within a window's pages also `to` and the last record given. */
  z.object({
    ...made,
    phase: z.literal('delta'),
    from: xid,
    to: xid.optional(),
    after: position.optional(),
  }),
])
export type SyncToken = z.infer<typeof schema>
export type TokenState =
  | { phase: 'initial'; from: string; after: Position }
  | { phase: 'delta'; from: string; to?: string; after?: Position }

/** A short name for a database (its cluster and name): tokens say where they belong. */
export const databaseTag = (system: string) =>
  createHash('sha256').update(system).digest('base64url').slice(0, 12)

export const badToken = (why: string) =>
  createGraphQLError(`token: ${why} Start again without a token to sync from scratch.`, {
    extensions: { code: 'BAD_USER_INPUT', argument: 'token' },
  })

/** 128 bits of HMAC-SHA-256, base64url. */
const SIGNATURE_CHARS = 22
const sign = (key: Buffer, body: string) =>
  createHmac('sha256', key).update(body).digest('base64url').slice(0, SIGNATURE_CHARS)

export const encodeToken = (
  key: Buffer,
  system: string,
  chain: readonly string[],
  state: TokenState,
) => {
  const body = Buffer.from(
    JSON.stringify({ v: 2, db: databaseTag(system), loc: chain.join(','), ...state }),
  ).toString('base64url')
  return `${body}.${sign(key, body)}`
}

/** The body of a token whose signature holds (compared in constant time), else undefined. */
const signedBody = (key: Buffer, token: string) => {
  const [body, signature, ...rest] = token.split('.')
  if (!body || signature?.length !== SIGNATURE_CHARS || rest.length) return undefined
  return timingSafeEqual(Buffer.from(signature), Buffer.from(sign(key, body))) ? body : undefined
}

export const decodeToken = (key: Buffer, token: string): SyncToken => {
  const body = token.length <= 600 ? signedBody(key, token) : undefined
  if (body) {
    try {
      const parsed = schema.safeParse(JSON.parse(Buffer.from(body, 'base64url').toString('utf8')))
      if (parsed.success) {
        const t = parsed.data
        if (BigInt(t.from) <= BigInt(t.phase === 'delta' ? (t.to ?? t.from) : t.from)) return t
      }
    } catch {
      // fall through
    }
  }
  throw badToken(
    'is not a sync token of this API, or was altered: pass the `token` a sync returned, as it is.',
  )
}

/** A token is read under the locale chain it was made under: its positions count that chain's texts. */
export const checkChain = (token: SyncToken, chain: readonly string[]) => {
  const asked = chain.join(',')
  if (token.loc !== asked) {
    const shown = (loc: string) => loc.toUpperCase().split(',').join(' → ')
    throw badToken(
      `was made under the locale chain ${shown(token.loc)}, and this sync asks for ${shown(asked)}: keep the language a sync began with (its @inContext or Accept-Language).`,
    )
  }
}
