// The partner API: graphql-yoga over the hub's database, served at /graphql by the Next app and on
// its own by `npm run start:api`. Safe by default (limits, masked errors, CORS), kind to slow
// links (GET, persisted queries, ETag/304, Cache-Control).
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor'
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations'
import { useResponseCache } from '@graphql-yoga/plugin-response-cache'
import { useContentEncoding } from '@whatwg-node/server'
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import type pg from 'pg'
import {
  createGraphQLError,
  createSchema,
  createYoga,
  type Plugin,
  type YogaServerInstance,
} from 'graphql-yoga'

import config from '../payload.config'
import { publicFilters, type PublicFilters } from './access'
import { createContext, type PartnerContext } from './context'
import { EXAMPLE_QUERIES } from './examples'
import { groupResolvers } from './schema/groups/resolvers'
import { libraryResolvers } from './schema/library/resolvers'
import { newsResolvers } from './schema/news/resolvers'
import { nodeResolvers } from './schema/node/resolvers'
import { webinarResolvers } from './schema/webinars/resolvers'

export const SCHEMA_FILE = path.resolve(process.cwd(), 'graphql/schema.graphql')

export const partnerSchema = () =>
  createSchema<PartnerContext>({
    typeDefs: readFileSync(SCHEMA_FILE, 'utf8'),
    resolvers: [libraryResolvers, groupResolvers, webinarResolvers, newsResolvers, nodeResolvers],
  })

/** Automatic persisted queries (Apollo's protocol): a query sent once with its hash can then be sent by hash alone, over GET. */
const MAX_PERSISTED = 2000
const persisted = new Map<string, string>()

const useAutomaticPersistedQueries = (): Plugin => ({
  onParams({ params }) {
    const hash = (params.extensions?.persistedQuery as { sha256Hash?: unknown } | undefined)
      ?.sha256Hash
    if (typeof hash !== 'string' || !params.query) return
    if (createHash('sha256').update(params.query).digest('hex') !== hash) {
      throw createGraphQLError('The persisted query hash does not match the query.', {
        extensions: { code: 'PERSISTED_QUERY_HASH_MISMATCH', http: { status: 400 } },
      })
    }
    if (persisted.size >= MAX_PERSISTED) persisted.delete(persisted.keys().next().value!)
    persisted.set(hash, params.query)
  },
})

/** Public answers may be cached by browsers and CDNs for a minute; they vary with the language. */
const useCacheHeaders = (): Plugin => ({
  onResponse({ request, response }) {
    if (response.status === 200 && request.method === 'GET') {
      response.headers.set('Cache-Control', 'public, max-age=60, stale-while-revalidate=300')
    } else if (!response.headers.has('Cache-Control')) {
      response.headers.set('Cache-Control', 'no-store')
    }
    response.headers.append('Vary', 'Accept-Language')
  },
})

/** Tests and benchmarks read how many SQL statements a request cost. */
const useStatementCount = (contexts: WeakMap<Request, PartnerContext>): Plugin => ({
  onResponse({ request, response }) {
    // No context means the answer came from the response cache: no SQL at all.
    response.headers.set('X-SQL-Statements', String(contexts.get(request)?.sql.statements ?? 0))
  },
})

export type PartnerOptions = {
  /** Defaults to the pool on DATABASE_URL. */
  pool?: pg.Pool
  /** Adds an `X-SQL-Statements` header to every answer. */
  exposeStatementCount?: boolean
  /** Serve cached answers (default: on, unless PARTNER_RESPONSE_CACHE=false). */
  responseCache?: boolean
  graphqlEndpoint?: string
  /**
   * gzip/deflate answers for clients that accept them (default on). Off inside Next, which drops a
   * route handler's Content-Encoding header (the body would arrive compressed but unlabelled).
   */
  compress?: boolean
}

const allowedOrigins = () => {
  const list = process.env.PARTNER_ORIGINS?.split(',')
    .map((o) => o.trim())
    .filter(Boolean)
  return list?.length ? list : '*'
}

export const createPartnerYoga = (
  options: PartnerOptions = {},
): YogaServerInstance<{}, PartnerContext> => {
  let filters: Promise<PublicFilters> | undefined
  const contexts = new WeakMap<Request, PartnerContext>()
  return createYoga<{}, PartnerContext>({
    schema: partnerSchema(),
    graphqlEndpoint: options.graphqlEndpoint ?? '/graphql',
    context: async ({ request }) => {
      filters ??= config.then(publicFilters)
      const ctx = createContext(request, await filters, options.pool)
      contexts.set(request, ctx)
      return ctx
    },
    // The API is anonymous and ignores cookies: no credentials cross origins.
    cors: {
      origin: allowedOrigins(),
      credentials: false,
      methods: ['GET', 'POST', 'OPTIONS'],
      maxAge: 86400,
    },
    graphiql: { title: 'Alliance Knowledge Hub — partner API', defaultQuery: EXAMPLE_QUERIES },
    landingPage: false,
    maskedErrors: true,
    plugins: [
      ...(options.compress === false ? [] : [useContentEncoding()]),
      EnvelopArmorPlugin({
        maxDepth: { n: 12, flattenFragments: true },
        maxAliases: { n: 15 },
        maxDirectives: { n: 10 },
        maxTokens: { n: 3000 },
        costLimit: { maxCost: 20000 },
        blockFieldSuggestion: { enabled: true },
      }),
      useAutomaticPersistedQueries(),
      usePersistedOperations({
        allowArbitraryOperations: true,
        getPersistedOperation: (hash) => persisted.get(hash) ?? null,
        customErrors: {
          notFound: {
            message: 'PersistedQueryNotFound',
            extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' },
          },
        },
      }),
      ...((options.responseCache ?? process.env.PARTNER_RESPONSE_CACHE !== 'false') === false
        ? []
        : [
            useResponseCache({
              // Answers are public; they differ only by the language asked for.
              session: (request) => request.headers.get('accept-language') ?? '',
              ttl: 60_000,
            }),
          ]),
      useCacheHeaders(),
      ...(options.exposeStatementCount ? [useStatementCount(contexts)] : []),
    ],
  })
}
