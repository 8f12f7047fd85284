// The partner API: graphql-yoga over the hub's database, served at /graphql by the Next app and on
// its own by `npm run start:api`. Safe by default (limits, masked errors, CORS), kind to slow
// links (GET, persisted queries, ETag/304, Cache-Control).
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor'
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations'
import { useResponseCache } from '@graphql-yoga/plugin-response-cache'
import { useContentEncoding } from '@whatwg-node/server'
import { type DocumentNode, execute, type ExecutionResult, parse, validate } from 'graphql'
import { LRUCache } from 'lru-cache'
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import type pg from 'pg'
import {
  createGraphQLError,
  createSchema,
  createYoga,
  maskError,
  type Plugin,
  type YogaServerInstance,
} from 'graphql-yoga'

import { DATABASE_UNAVAILABLE, isDatabaseUnavailable, RETRY_AFTER_SECONDS } from '../src/db/outage'
import { type PublicFilters, readPublicRules } from '../src/access/publicRules'
import { createContext, type PartnerContext } from './context'
import { EXAMPLE_QUERIES } from './examples'
import { useCacheTags } from './cacheTags'
import { createBundles } from './bundle'
import { databaseBundleStore } from './bundleStore'
import { decodeToken } from './schema/sync/token'
import { signingKey } from '../src/db/signingKeys'
import { counterPool } from '../src/db/rateLimits'
import { createKeyCheck } from './keys'
import { budgetsOf, type Caller, callerOf } from './caller'
import { createUsage, useUsageMarks } from './usage'
import { createPersistedQueries, type PersistedQueries } from './persistedQueries'
import { REFUSED } from '../src/partners/usageTable'
import {
  type BudgetLimits,
  type Budgets,
  COST_RULE,
  createBudgets,
  defaultLimits,
  rateLimitHeaders,
  useBudgets,
} from './budgets'
import { budgetResolvers } from './schema/budget/resolvers'
import { useKeyScopes } from './scopes'
import { useRegisteredOperations } from './trusted'
import { changedSince } from './sql/sync'
import { partnerPool, requestSql } from './db'
import { type ChangeListener, createReplayWaiter, listenForChanges } from '../src/changes/listener'
import { createByteBoundedCache } from './responseCache'
import { createFinishedResponses, matchesEtag } from './finishedResponses'
import { guardRequest, MAX_QUERY_NESTING, nestingDepth, refusal } from './guard'
import { createPlanner, type Planner } from './plan/execute'
import { createShortcuts } from './shortcuts'
import { closeDraftPool } from './preview/draft'
import { fileResolvers } from './schema/files/resolvers'
import { groupResolvers } from './schema/groups/resolvers'
import { libraryResolvers } from './schema/library/resolvers'
import { newsResolvers } from './schema/news/resolvers'
import { newsletterResolvers } from './schema/newsletter/resolvers'
import { nodeResolvers } from './schema/node/resolvers'
import { syncResolvers } from './schema/sync/resolvers'
import { webinarResolvers } from './schema/webinars/resolvers'
import {
  CORS_MAX_AGE_S,
  PARSE_CACHE_BYTES,
  PARSE_CACHE_TTL_MS,
  PARTNER_SHARED_MAX_AGE_S,
  RESPONSE_CACHE_TTL_MS,
} from '../src/cacheBudgets'
import { env, sessionDatabaseUrl } from '../src/env'

export const SCHEMA_FILE = path.resolve(process.cwd(), 'graphql/schema.graphql')

export const partnerSchema = () =>
  createSchema<PartnerContext>({
    typeDefs: readFileSync(SCHEMA_FILE, 'utf8'),
    resolvers: [
      libraryResolvers,
      groupResolvers,
      webinarResolvers,
      fileResolvers,
      newsResolvers,
      nodeResolvers,
      syncResolvers,
      budgetResolvers,
      newsletterResolvers,
    ],
  })

/**
 * yoga keeps the parsed form of the last 1,024 queries for an hour. A parsed query weighs about 80
 * bytes per character of its text (measured on the listing: 427 characters, 33 KB), so 1,024 large
 * queries are well over 100 MB, and the soak saw both servers grow by that much. Here the budget is
 * bytes, estimated from the text.
 */
const PARSED_BYTES_PER_CHARACTER = 80
const documentBytes = (document: DocumentNode) =>
  PARSED_BYTES_PER_CHARACTER * (document.loc?.source.body.length ?? 1000)
const parsedQueries = <T extends {}>(maxBytes: number) =>
  new LRUCache<string, T>({
    maxSize: maxBytes,
    sizeCalculation: (_, query) => (PARSED_BYTES_PER_CHARACTER + 2) * query.length,
    ttl: PARSE_CACHE_TTL_MS,
  })

/** Automatic persisted queries (Apollo's protocol): a query sent once with its hash can then be sent by hash alone, over GET. */
const useAutomaticPersistedQueries = (persisted: PersistedQueries): Plugin => {
  // A query is kept only once it has passed validation: the store never holds a stranger's junk.
  const pending = new WeakMap<Request, { hash: string; query: string }>()
  const writes = new WeakMap<Request, Promise<void>>()
  return {
    onParams({ params, request }) {
      const hash = (params.extensions?.persistedQuery as { sha256Hash?: unknown } | undefined)
        ?.sha256Hash
      if (typeof hash !== 'string' || !params.query) return
      if (createHash('sha256').update(params.query).digest('hex') !== hash) {
        throw createGraphQLError('The persisted query hash does not match the query.', {
          extensions: { code: 'PERSISTED_QUERY_HASH_MISMATCH', http: { status: 400 } },
        })
      }
      pending.set(request, { hash, query: params.query })
    },
    onValidate({ context }) {
      const { request } = context as { request: Request }
      const entry = pending.get(request)
      if (!entry) return
      return ({ valid }) => {
        if (valid) writes.set(request, persisted.add(entry.hash, entry.query))
      }
    },
    // Answered once kept where every process finds it: the client's next request, by hash alone,
    // may go to another process.
    async onResultProcess({ request }) {
      await writes.get(request)
    },
  }
}

const badRequest = (message: string) =>
  createGraphQLError(message, { extensions: { code: 'BAD_REQUEST', http: { status: 400 } } })

const hasNul = (value: unknown): boolean =>
  typeof value === 'string'
    ? value.includes('\u0000')
    : Array.isArray(value)
      ? value.some(hasNul)
      : value !== null && typeof value === 'object'
        ? Object.values(value).some(hasNul)
        : false

/**
 * Checks on the query's text before graphql-js parses it: the parser recurses into nested list and
 * object literals and overflows its stack long before armor's token limit counts them.
 */
const useQueryShapeLimits = (): Plugin => ({
  onParams({ params }) {
    if (
      typeof params.query === 'string' &&
      nestingDepth(params.query, '[{(', ']})') > MAX_QUERY_NESTING
    ) {
      throw badRequest(`The query is nested more than ${MAX_QUERY_NESTING} levels deep.`)
    }
    // PostgreSQL text cannot hold U+0000; refused here with one clear message for every argument.
    if (/\\u0000|\u0000/.test(params.query ?? '') || hasNul(params.variables)) {
      throw badRequest('Strings must not contain the NUL character (U+0000).')
    }
  },
})

/**
 * Public answers may be cached by browsers and CDNs for a minute; they vary with the language and
 * (CORS headers depend on it) the Origin. Answers that carry errors, or a sync's positions, are
 * never stored.
 */
const useCacheHeaders = (contexts: WeakMap<Request, PartnerContext>): Plugin => {
  const failed = new WeakSet<Request>()
  return {
    onResultProcess({ request, result }) {
      const results = Array.isArray(result) ? result : [result]
      if (results.some((r) => 'errors' in r && (r as { errors?: unknown[] }).errors?.length)) {
        failed.add(request)
      }
    },
    onResponse({ request, response }) {
      // A preview is for the editor who opened it: no cache, no index.
      if (request.headers.has('x-preview-token')) {
        response.headers.set('Cache-Control', 'private, no-store')
        response.headers.set('X-Robots-Tag', 'noindex')
      } else if (
        response.status === 200 &&
        request.method === 'GET' &&
        !failed.has(request) &&
        contexts.get(request)?.cacheable() !== false
      ) {
        response.headers.set(
          'Cache-Control',
          `public, max-age=0, s-maxage=${PARTNER_SHARED_MAX_AGE_S}`,
        )
      } else {
        response.headers.set('Cache-Control', 'no-store')
      }
      for (const header of ['Accept-Language', 'Origin']) {
        const vary = response.headers.get('Vary') ?? ''
        if (
          !vary
            .toLowerCase()
            .split(/\s*,\s*/)
            .includes(header.toLowerCase())
        ) {
          response.headers.append('Vary', header)
        }
      }
    },
  }
}

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
  /** The cache's budget in bytes (default PARTNER_RESPONSE_CACHE_BYTES, else 32 MB). */
  responseCacheBytes?: number
  graphqlEndpoint?: string
  /**
   * gzip/deflate answers for clients that accept them (default on). Off inside Next, which drops a
   * route handler's Content-Encoding header (the body would arrive compressed but unlabelled).
   */
  compress?: boolean
  /**
   * Budgets of query cost per minute (graphql/budgets.ts); default from PARTNER_ANONYMOUS_BUDGET,
   * false for none.
   */
  budgets?: BudgetLimits | false
  /** Marks the requests of the site this process serves itself (graphql/keys.ts). */
  internalToken?: string
  /** Where counters shared by every process are kept (default: a small pool on DATABASE_URL). */
  counterPool?: pg.Pool
  /** Record what is served for the admin's Usage page (graphql/usage.ts; default on, unless PARTNER_USAGE=false). */
  usage?: boolean
  /** What anonymous readers may see, instead of graphql/generated/public-rules.json (tests). */
  publicFilters?: PublicFilters
  /**
   * Where to listen for the change log's announcements, which empty the response cache and renew
   * the bundles: the primary database (default DATABASE_URL); false not to listen.
   */
  listen?: string | false
  /**
   * The pool reads a streaming replica: caches are emptied only once it has replayed a change.
   * Default: whether PARTNER_DATABASE_URL is set.
   */
  replica?: boolean
  /** How long bundles wait for changes to settle before they are rebuilt (tests shorten it). */
  bundleDebounceMs?: number
  /**
   * Run common operations as one planned statement (graphql/plan; default on, unless
   * PARTNER_PLAN=false). Off, every operation runs through the resolvers: tests compare the two.
   */
  plan?: boolean
}

const allowedOrigins = () => {
  const list = env.PARTNER_ORIGINS
  return list?.length ? list : '*'
}

export type TrustedExecute = (
  query: string,
  variables?: Record<string, unknown>,
) => Promise<ExecutionResult>

/** The response cache, unless turned off. */
const responseCacheFor = (options: PartnerOptions) =>
  (options.responseCache ?? env.PARTNER_RESPONSE_CACHE !== 'false')
    ? createByteBoundedCache(options.responseCacheBytes ?? env.PARTNER_RESPONSE_CACHE_BYTES)
    : undefined

/**
 * Every process empties its cache when a change commits (src/changes/listener.ts), once a replica
 * it reads from has the change too.
 */
const followChanges = (
  options: PartnerOptions,
  cache: ReturnType<typeof responseCacheFor>,
): { subscribers: Set<() => void>; listener: ChangeListener | undefined } => {
  const subscribers = new Set<() => void>()
  const replica = options.replica ?? Boolean(env.PARTNER_DATABASE_URL)
  const listenOn = options.listen === false ? undefined : (options.listen ?? sessionDatabaseUrl())
  const replayed = replica ? createReplayWaiter(options.pool ?? partnerPool()) : undefined
  const listener: ChangeListener | undefined = listenOn
    ? listenForChanges(listenOn, async (_, primaryLsn) => {
        if (replayed) await replayed(await primaryLsn())
        cache?.clear()
        for (const subscriber of subscribers) subscriber()
      })
    : undefined
  return { subscribers, listener }
}

/**
 * The hub's own queries (the bundles): the same schema, rules and resolvers, without the limits
 * put on strangers' queries (cost, depth, caching), which a whole-record sync page exceeds.
 */
const trustedExecute =
  (
    schema: ReturnType<typeof partnerSchema>,
    rules: () => Promise<PublicFilters>,
    pool: pg.Pool | undefined,
  ): TrustedExecute =>
  async (query, variableValues) => {
    const document = parse(query)
    const invalid = validate(schema, document)
    if (invalid.length) return { errors: invalid }
    const contextValue = createContext(
      new Request('http://hub.internal/graphql'),
      await rules(),
      pool,
    )
    return execute({ schema, document, contextValue, variableValues })
  }

// Never the original message or stack, in development too (yoga adds them when NODE_ENV is
// development, and `npm start` runs the development server).
const maskedErrors = {
  isDev: false,
  // The database being away is said as such: 503 + Retry-After, which clients retry.
  maskError: (error: unknown, message: string) =>
    isDatabaseUnavailable(error)
      ? createGraphQLError(DATABASE_UNAVAILABLE, {
          extensions: {
            code: 'SERVICE_UNAVAILABLE',
            http: { status: 503, headers: { 'Retry-After': String(RETRY_AFTER_SECONDS) } },
          },
        })
      : maskError(error, message, false),
}

const armor = () =>
  EnvelopArmorPlugin({
    maxDepth: { n: 12, flattenFragments: true },
    maxAliases: { n: 15 },
    maxDirectives: { n: 10 },
    maxTokens: { n: 3000 },
    costLimit: COST_RULE,
    blockFieldSuggestion: { enabled: true },
  })

const persistedOperations = (persisted: PersistedQueries) =>
  usePersistedOperations({
    allowArbitraryOperations: true,
    getPersistedOperation: (hash) => persisted.get(hash),
    customErrors: {
      notFound: {
        message: 'PersistedQueryNotFound',
        extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' },
      },
      // Neither a query nor a hash: a bad request, whatever the Accept header.
      keyNotFound: {
        message: 'A `query` (or a persisted query’s hash) is required.',
        extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
      },
    },
  })

const responseCache = (cache: NonNullable<ReturnType<typeof responseCacheFor>>) =>
  useResponseCache({
    cache,
    // Answers are public; they differ only by the language asked for. A key limited to some
    // languages or parts has answers of its own: a cached answer is served before its scopes
    // could be checked (graphql/scopes.ts checks them when an operation runs).
    session: (request) => {
      const key = callerOf.get(request)?.key
      const limited = key && (key.languages.length || key.areas.length) ? ` ${key.keyId}` : ''
      return `${request.headers.get('accept-language') ?? ''}${limited}`
    },
    // Never a preview's answer (graphql/preview), in or out.
    enabled: (request) => !request.headers.has('x-preview-token'),
    ttl: RESPONSE_CACHE_TTL_MS,
    // A sync answers with positions in the change log as of now, a subscription is one reader's:
    // never served again.
    ttlPerSchemaCoordinate: {
      'Query.sync': 0,
      'Query.preview': 0,
      'Query.rateLimit': 0,
      'Query.newsletterSubscription': 0,
    },
    // Answers with errors are never cached (and need no warning each time).
    shouldCacheResult: ({ result }) => !result.errors?.length,
  })

/** yoga's plugins, in the order they must run. */
const partnerPlugins = (
  options: PartnerOptions,
  cache: ReturnType<typeof responseCacheFor>,
  contexts: WeakMap<Request, PartnerContext>,
  persisted: PersistedQueries,
  planner: Planner | undefined,
) => [
  ...(options.compress === false ? [] : [useContentEncoding()]),
  armor(),
  useQueryShapeLimits(),
  // Before the persisted-query plugins: a partner's registered operation is found by its hash.
  useRegisteredOperations(),
  useAutomaticPersistedQueries(persisted),
  persistedOperations(persisted),
  // Before the planner and the response cache, either of which may answer without executing.
  useKeyScopes(),
  useBudgets(),
  useUsageMarks(),
  useCacheTags(),
  // Before the response cache, whose own execute (adding the type and id of every record, to
  // tag what it stores) must call this one: planned answers are cached like any other.
  ...(planner ? [planner.plugin] : []),
  ...(!cache ? [] : [responseCache(cache)]),
  useCacheHeaders(contexts),
  ...(options.exposeStatementCount ? [useStatementCount(contexts)] : []),
]

export const createPartnerYoga = (
  options: PartnerOptions = {},
): {
  yoga: YogaServerInstance<{}, PartnerContext>
  trusted: TrustedExecute
  onChange: (subscriber: () => void) => void
  persisted: PersistedQueries
  /** Whether answers are cached (the response cache is on). */
  caching: boolean
  /** Runs planned operations, unless PARTNER_PLAN=false. */
  planner: Planner | undefined
  close: () => Promise<void>
} => {
  let filters: Promise<PublicFilters> | undefined
  const contexts = new WeakMap<Request, PartnerContext>()
  const cache = responseCacheFor(options)
  const { subscribers, listener } = followChanges(options, cache)
  // Shared through the primary when there is one (graphql/persistedQueries.ts).
  const persisted = createPersistedQueries(
    options.counterPool || env.DATABASE_URL
      ? () => options.counterPool ?? counterPool()
      : undefined,
  )
  const schema = partnerSchema()
  // Plans are remembered for the shortcuts, which serve only when answers are not cached.
  const planner =
    (options.plan ?? env.PARTNER_PLAN !== 'false')
      ? createPlanner({ documentBytes, remember: !cache })
      : undefined
  const rules = () => (filters ??= Promise.resolve(options.publicFilters ?? readPublicRules()))
  const yoga = createYoga<{}, PartnerContext>({
    schema,
    graphqlEndpoint: options.graphqlEndpoint ?? '/graphql',
    context: async ({ request }) => {
      const ctx = createContext(request, await rules(), options.pool)
      contexts.set(request, ctx)
      return ctx
    },
    // The API is anonymous and ignores cookies: no credentials cross origins.
    cors: {
      origin: allowedOrigins(),
      credentials: false,
      methods: ['GET', 'POST', 'OPTIONS'],
      maxAge: CORS_MAX_AGE_S,
    },
    graphiql: { title: 'Alliance Knowledge Hub — partner API', defaultQuery: EXAMPLE_QUERIES },
    landingPage: false,
    // The request guard (graphql/guard.ts) has read the body within MAX_BODY_BYTES before yoga
    // sees it; yoga's own limit would stream the read bytes through one more TransformStream.
    maxRequestBodySize: false,
    parserAndValidationCache: {
      documentCache: parsedQueries(PARSE_CACHE_BYTES),
      errorCache: parsedQueries(PARSE_CACHE_BYTES / 16),
    },
    maskedErrors,
    plugins: partnerPlugins(options, cache, contexts, persisted, planner),
  })
  return {
    yoga,
    trusted: trustedExecute(schema, rules, options.pool),
    persisted,
    caching: cache !== undefined,
    planner,
    /** Calls `subscriber` after each change, once the cache is fresh. */
    onChange: (subscriber: () => void) => void subscribers.add(subscriber),
    close: async () => {
      persisted.close()
      await listener?.close()
      await closeDraftPool()
    },
  }
}

/**
 * The response cache names an answer by its question, unquoted (not an entity-tag), whatever the
 * method: an answer that is not revalidated (a POST's, an error) carries no validator at all.
 */
const withoutValidators = (response: Response) => {
  if (!response.headers.has('ETag') && !response.headers.has('Last-Modified')) return response
  const headers = new Headers(response.headers)
  headers.delete('ETag')
  headers.delete('Last-Modified')
  return new Response(response.body, { status: response.status, headers })
}

/**
 * An ETag from the answer's bytes, and 304 for a request that already has them. (The response
 * cache's own ETag names the question, not the answer: after a change it kept answering 304 to
 * a browser holding the old answer.) Weak, since compressed and plain bytes share it in meaning.
 */
const withContentEtag = async (request: Request, response: Response): Promise<Response> => {
  if (request.method !== 'GET' || response.status !== 200) return withoutValidators(response)
  const body = await response.arrayBuffer()
  const etag = `W/"${createHash('sha256').update(new Uint8Array(body)).digest('base64url').slice(0, 27)}"`
  const headers = new Headers(response.headers)
  headers.set('ETag', etag)
  headers.delete('Last-Modified')
  if (matchesEtag(request.headers.get('If-None-Match'), etag)) {
    for (const header of ['Content-Type', 'Content-Length', 'Content-Encoding'])
      headers.delete(header)
    return new Response(null, { status: 304, headers })
  }
  return new Response(body, { status: 200, headers })
}

const budgetLimitsFromEnv = () =>
  env.PARTNER_ANONYMOUS_BUDGET > 0 ? defaultLimits(env.PARTNER_ANONYMOUS_BUDGET) : false

/** A caller whose budget is spent gets 429 before anything runs. */
const overBudget = (budgets: Budgets, caller: Caller) => {
  const standing = budgets.standing(caller)
  if (!standing || standing.remaining > 0) return undefined
  return refusal(
    429,
    'RATE_LIMITED',
    `This minute’s budget of ${standing.limit} query cost points is spent; it renews in ${standing.resetSeconds} s.${caller.key ? '' : ' A partner’s key has a larger budget: ask the Alliance.'}`,
    { 'Retry-After': String(standing.resetSeconds), ...rateLimitHeaders(standing) },
  )
}

/** The partner API behind its request guard: what the Next route and `start:api` serve. */
export const createPartnerHandler = (options: PartnerOptions = {}) => {
  const { yoga, close, onChange, trusted, persisted, caching, planner } = createPartnerYoga(options)
  // GETs answered again from their finished bytes, whenever answers are cached at all.
  const finished = caching ? createFinishedResponses() : undefined
  if (finished) onChange(finished.clear)
  const checkKey = createKeyCheck(
    () => options.pool ?? partnerPool(),
    () => options.counterPool ?? counterPool(),
    options.internalToken,
  )
  const limits = options.budgets ?? budgetLimitsFromEnv()
  const budgets = limits
    ? createBudgets(limits, () => options.counterPool ?? counterPool())
    : undefined
  // Planned POSTs answered again without yoga (graphql/shortcuts.ts); with the response cache on,
  // yoga's cache answers them.
  const shortcuts =
    planner && !caching
      ? createShortcuts({
          planner,
          pool: options.pool,
          budgets,
          documentBytes,
          exposeStatementCount: options.exposeStatementCount,
          fetchAPI: yoga.fetchAPI,
        })
      : undefined
  const usage =
    (options.usage ?? env.PARTNER_USAGE !== 'false')
      ? createUsage(() => options.counterPool ?? counterPool())
      : undefined
  const answer = async (request: Request, seen: { caller?: Caller }): Promise<Response> => {
    try {
      // Rebuilt with yoga's own Request class, which reads the Buffer body without a web stream.
      const guarded = await guardRequest(request, yoga.fetchAPI.Request)
      if (guarded instanceof Response) return guarded
      const caller = await checkKey(guarded)
      if (caller instanceof Response) return caller
      seen.caller = caller
      await budgets?.prime(caller)
      const spent = budgets && overBudget(budgets, caller)
      if (spent) return spent
      const asked = finished?.ask(guarded, caller)
      const kept = asked && finished?.answer(guarded, asked)
      if (kept) {
        // Counted as the response cache's answers are: one point, under the operation's name.
        caller.operation = kept.operation
        caller.charged = 1
        if (budgets) {
          budgets.charge(caller, 1)
          const standing = budgets.standing(caller)
          if (standing) {
            for (const [name, value] of Object.entries(rateLimitHeaders(standing)))
              kept.response.headers.set(name, value)
          }
        }
        if (options.exposeStatementCount) kept.response.headers.set('X-SQL-Statements', '0')
        return kept.response
      }
      const shortcut = await shortcuts?.answer(guarded, caller)
      if (shortcut) return shortcut
      callerOf.set(guarded, caller)
      if (budgets) budgetsOf.set(guarded, budgets)
      const response = await withContentEtag(guarded, await yoga.fetch(guarded))
      shortcuts?.learn(guarded, caller, response)
      return asked && finished ? await finished.keep(asked, response, caller.operation) : response
    } catch (error) {
      // The key check reads the database before yoga does.
      if (isDatabaseUnavailable(error)) {
        return refusal(503, 'SERVICE_UNAVAILABLE', DATABASE_UNAVAILABLE, {
          'Retry-After': String(RETRY_AFTER_SECONDS),
        })
      }
      // Whatever slipped past yoga's own handling: logged here, never shown (no stack, no path).
      console.error('Partner API: unexpected error', error)
      return refusal(500, 'INTERNAL_SERVER_ERROR', 'Unexpected error.')
    }
  }
  const graphql = async (request: Request): Promise<Response> => {
    const started = performance.now()
    const seen: { caller?: Caller } = {}
    const response = await answer(request, seen)
    usage?.record({
      caller: seen.caller,
      operation: seen.caller?.operation ?? REFUSED,
      failed: response.status >= 400 || Boolean(seen.caller?.failed),
      ms: performance.now() - started,
    })
    return response
  }
  // The offline bundles (graphql/bundle.ts), renewed after changes.
  const bundles = createBundles(
    trusted,
    async (token) =>
      changedSince(
        requestSql(options.pool),
        decodeToken(await signingKey(options.pool ?? partnerPool(), 'sync-token'), token).from,
      ),
    options.bundleDebounceMs,
    // Shared through the primary when there is one, as the persisted queries are.
    options.counterPool || env.DATABASE_URL
      ? databaseBundleStore(() => options.counterPool ?? counterPool())
      : undefined,
  )
  onChange(bundles.changed)
  const handle = async (request: Request): Promise<Response> =>
    (await bundles.serve(request).catch((error: { status?: number }) => {
      console.error('Partner API: a bundle could not be built', error)
      return error.status === 503
        ? refusal(503, 'SERVICE_UNAVAILABLE', DATABASE_UNAVAILABLE)
        : refusal(500, 'INTERNAL_SERVER_ERROR', 'The bundle could not be built.')
    })) ?? graphql(request)
  return {
    yoga,
    handle,
    usage,
    persisted,
    /** How many answers skipped yoga (graphql/shortcuts.ts). */
    shortcutsServed: () => shortcuts?.served() ?? 0,
    close: async () => {
      usage?.close()
      await Promise.all([usage?.flush(), budgets?.flush()])
      await close()
    },
  }
}
