// Sync tokens: opaque to partners, checked here. A token holds where a sync stands (the initial
// listing or a window of the change log, and the last record of the page) and which database made
// it: a token from another hub, or one altered, is BAD_USER_INPUT before anything is read.
import { createHash } from 'node:crypto'
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

const schema = z.discriminatedUnion('phase', [
  /** Paging through everything published; changes from `from` on come in the delta after it. */
  z.object({
    v: z.literal(1),
    db: z.string(),
    phase: z.literal('initial'),
    from: xid,
    after: position,
  }),
  /** Changes from `from`; within a window's pages also `to` and the last record given. */
  z.object({
    v: z.literal(1),
    db: z.string(),
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

export const encodeToken = (system: string, state: TokenState) =>
  Buffer.from(JSON.stringify({ v: 1, db: databaseTag(system), ...state })).toString('base64url')

export const decodeToken = (token: string): SyncToken => {
  if (token.length <= 500) {
    try {
      const parsed = schema.safeParse(JSON.parse(Buffer.from(token, 'base64url').toString('utf8')))
      if (parsed.success) {
        const t = parsed.data
        if (BigInt(t.from) <= BigInt(t.phase === 'delta' ? (t.to ?? t.from) : t.from)) return t
      }
    } catch {
      // fall through
    }
  }
  throw badToken('is not a sync token of this API: pass the `token` a sync returned.')
}
