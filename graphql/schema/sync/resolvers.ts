// Delta sync (`Query.sync`): an initial sync pages through everything published; its last token
// opens a window of the change log that later calls read, each record once, as it is now. How
// positions stay exact while editors publish: graphql/sql/sync.ts.
import { parseArg, syncFirst } from '../../arguments'
import type { Resolvers } from '../../generated/resolvers'
import { toGlobalId, type NodeType } from '../../../src/ids'
import type { SyncPageResult } from '../../rows'
import { createGraphQLError } from 'graphql-yoga'

import { RETRY_AFTER_SECONDS } from '../../../src/db/outage'
import {
  deltaPage,
  initialPage,
  SYNC_KINDS,
  type SyncKind,
  type SyncKey,
  type SyncRead,
} from '../../sql/sync'
import { typeOfRecord } from '../shared'
import {
  badToken,
  checkChain,
  databaseTag,
  decodeToken,
  encodeToken,
  type TokenState,
} from './token'

/** Each kind's GraphQL type, and the qualifier of its global id (terms share one type). */
const TYPE_OF: Record<SyncKind, { type: NodeType; qualifier?: string }> = {
  resource: { type: 'Resource' },
  translation: { type: 'Translation' },
  group: { type: 'WorkingGroup' },
  event: { type: 'Webinar' },
  news: { type: 'NewsPost' },
  newsletter: { type: 'Newsletter' },
  organisation: { type: 'Organisation' },
  person: { type: 'Person' },
  topic: { type: 'Term', qualifier: 'topic' },
  theme: { type: 'Term', qualifier: 'theme' },
  audience: { type: 'Term', qualifier: 'audience' },
  publicationType: { type: 'Term', qualifier: 'publicationType' },
  standard: { type: 'Standard' },
}

const replicaBehind = () =>
  createGraphQLError(
    'This server is a replica still catching up with the change the token stands after; try again in a moment.',
    {
      extensions: {
        code: 'SERVICE_UNAVAILABLE',
        http: { status: 503, headers: { 'Retry-After': String(RETRY_AFTER_SECONDS) } },
      },
    },
  )

const positionOf = (key: SyncKey): [number, number] => [SYNC_KINDS.indexOf(key.kind), key.id]

export const syncResolvers: Resolvers = {
  Query: {
    sync: async (_, args, ctx, info) => {
      ctx.noStore()
      const first = parseArg('first', syncFirst, args.first ?? 100)
      const chain = ctx.chain(info)
      const key = await ctx.tokenKey()
      const token = args.token ? decodeToken(key, args.token) : undefined
      if (token) checkChain(token, chain)
      const checkOrigin = (read: SyncRead, needed?: string) => {
        if (token && token.db !== databaseTag(read.system)) {
          throw badToken('was issued by another hub or database.')
        }
        // A replica behind the server that made the token has not got every change before it
        // yet: answering now would skip them for good. The partner tries again in a moment.
        if (read.recovery && needed && BigInt(read.horizon) < BigInt(needed)) throw replicaBehind()
      }

      let next: TokenState
      let keys: SyncKey[]
      let initial: boolean
      let system: string
      if (!token || token.phase === 'initial') {
        const read = await initialPage(ctx.sql, ctx.filters, {
          horizon: token?.from,
          after: token?.after,
          limit: first + 1,
          chain,
        })
        checkOrigin(read, token?.from)
        const from = token?.from ?? read.horizon
        keys = read.keys.slice(0, first)
        next =
          read.keys.length > first
            ? { phase: 'initial', from, after: positionOf(keys.at(-1)!) }
            : { phase: 'delta', from }
        initial = true
        system = read.system
      } else {
        const read = await deltaPage(ctx.sql, ctx.filters, {
          from: token.from,
          to: token.to,
          after: token.after,
          limit: first + 1,
          chain,
        })
        checkOrigin(read, token.to ?? (read.recovery ? token.from : undefined))
        if (BigInt(token.from) > BigInt(read.next)) {
          throw badToken('points past the last change of this hub.')
        }
        // A window's end is fixed at its first page; never before its start (a replica's horizon
        // may trail the primary's that made the token).
        const to =
          token.to ?? (BigInt(read.horizon) > BigInt(token.from) ? read.horizon : token.from)
        keys = read.keys.slice(0, first)
        next =
          read.keys.length > first
            ? { phase: 'delta', from: token.from, to, after: positionOf(keys.at(-1)!) }
            : { phase: 'delta', from: to }
        initial = false
        system = read.system
      }

      const records = await Promise.all(keys.map((key) => ctx.loaders.one(key.kind, key.id)))
      const page: SyncPageResult = {
        initial,
        upserts: [],
        tombstones: [],
        hasMore: next.phase === 'initial' || next.after !== undefined,
        token: encodeToken(key, system, chain, next),
      }
      records.forEach((record, i) => {
        if (record) page.upserts.push(record as Record<string, unknown>)
        else if (!initial) {
          // Not to be seen now: deleted, unpublished, or its resource unpublished. (In an initial
          // sync a record gone since its page was listed is in the delta that follows.)
          const { type, qualifier } = TYPE_OF[keys[i]!.kind]
          page.tombstones.push({ id: toGlobalId(type, keys[i]!.id, qualifier), typename: type })
        }
      })
      return page
    },
  },
  SyncRecord: {
    __resolveType: (record) => typeOfRecord(record as Record<string, unknown>) as never,
  },
}
