// What every resolver gets: the request's SQL handle (counting statements), its loaders, the
// hub's public-read rules, and the locale chain.
import type { GraphQLResolveInfo } from 'graphql'
import type pg from 'pg'

import { env } from '../src/env'
import type { PublicFilters } from '../src/access/publicRules'
import { signingKey } from '../src/db/signingKeys'
import { partnerPool, requestSql, type Sql } from './db'
import { createLoaders, type Loaders } from './loaders'
import { chainFromAcceptLanguage, type Locale } from '../src/localeChain'
import { chainFromDirective } from './locale'
import { budgetsOf, type Caller, callerOf, type Standing } from './caller'

export type PartnerContext = {
  sql: Sql
  loaders: Loaders
  filters: PublicFilters
  /**
   * The hub's public address, for links to its files and calendars: SERVER_URL, else the origin
   * the request came to (a `start:api` behind another address should set SERVER_URL to the hub's).
   */
  origin: string
  /** Marks the answer as one that must not be cached (a sync's positions in the change log). */
  noStore: () => void
  /** Whether nothing said noStore. (yoga copies the context: a flag set on it would not be seen.) */
  cacheable: () => boolean
  /** The locale chain of this operation (its @inContext, else Accept-Language, else English). */
  chain: (info: GraphQLResolveInfo) => Locale[]
  /** The request's `X-Preview-Token` (graphql/preview), read only by `Query.preview`. */
  previewToken: string | null
  /** Who asks: their address, and their partner's key if they sent one (graphql/keys.ts). */
  caller?: Caller
  /** Where the caller stands in its budget, this operation's cost taken (graphql/budgets.ts). */
  standing: () => Standing | undefined
  /** The request's Accept-Language. */
  acceptLanguage: string | null
  /** The page a request came from (its Origin, else its Referer): where a sign-up's form was. */
  formOrigin: string | null
  /** The key sync tokens are signed with, shared by every process through the database. */
  tokenKey: () => Promise<Buffer>
}

export const createContext = (
  request: Request,
  filters: PublicFilters,
  pool?: pg.Pool,
): PartnerContext => {
  const sql = requestSql(pool)
  const fromHeader = chainFromAcceptLanguage(request.headers.get('accept-language'))
  // Every translated field asks; the operation's directive is read once.
  let cacheable = true
  const chains = new WeakMap<GraphQLResolveInfo['operation'], Locale[]>()
  return {
    sql,
    loaders: createLoaders(sql, filters),
    filters,
    origin: env.SERVER_URL?.replace(/\/+$/, '') || new URL(request.url).origin,
    noStore: () => {
      cacheable = false
    },
    cacheable: () => cacheable,
    previewToken: request.headers.get('x-preview-token'),
    caller: callerOf.get(request),
    standing: () => {
      const caller = callerOf.get(request)
      const standing = caller && budgetsOf.get(request)?.standing(caller)
      return (
        standing && {
          ...standing,
          remaining: Math.max(0, standing.remaining - (caller.spent ?? 0)),
        }
      )
    },
    acceptLanguage: request.headers.get('accept-language'),
    formOrigin: request.headers.get('origin') ?? request.headers.get('referer'),
    tokenKey: () => signingKey(pool ?? partnerPool(), 'sync-token'),
    chain: (info) => {
      let chain = chains.get(info.operation)
      if (!chain) chains.set(info.operation, (chain = chainFromDirective(info) ?? fromHeader))
      return chain
    },
  }
}
