// The offline bundle: `GET /bundle/<locale>.json.gz`, everything published in one language as one
// gzipped JSON file, for a partner that starts a local copy (or an e-learning hub that ships one)
// over a poor link. It ends with a sync token: `sync(token:)` then brings it up to date.
//
// It is the initial sync itself, run on the partner API's schema (same rules, same records, same
// locale chain), so a bundle and a sync can never disagree. Relations are given by id (records
// are listed once each; `id` finds them in the bundle). Built on first request, kept (in the
// database, by one process for all: graphql/bundleStore.ts), and rebuilt in the background a few
// seconds after changes settle; meanwhile the last one is served: with its token it is still a
// consistent starting point.
import { createHash } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import { promisify } from 'node:util'
import { gzip } from 'node:zlib'

import type { ExecutionResult } from 'graphql'

import { isDatabaseUnavailable } from '../src/db/outage'
import { LOCALES, type Locale } from '../src/localeChain'
import { PARTNER_SHARED_MAX_AGE_S } from '../src/cacheBudgets'
import { type Bundle, type BundleStore, LEASE_MS, memoryBundleStore } from './bundleStore'

export type { Bundle } from './bundleStore'

const gzipAsync = promisify(gzip)

/** Records are built in pages of this many (the sync's largest page). */
const PAGE = 100
/** After a change, wait this long for more before rebuilding (editors publish in bursts). */
export const BUNDLE_DEBOUNCE_MS = 5_000

const ref = '{ id }'
const text = '{ text locale }'
const language = '{ code name nativeName }'
const file = `{ url filename mimeType size language { code } pageCount caption ${'{ text locale }'} }`
const image = `{ url filename mimeType size width height alt ${'{ text locale }'} sizes { name url width height mimeType size } }`

/** Every field of every record, relations as ids: the bundle's shape (README, "Offline bundle"). */
const RECORD = `
  __typename
  ... on Node { id }
  ... on Resource {
    slug title ${text} summary ${text} body(format: HTML) ${text} publicationType ${ref}
    publicationDate datePrecision statusFlag publishers ${ref} workingGroups ${ref} topics ${ref}
    themes ${ref} audiences ${ref} standards ${ref} countries { code name }
    availableLanguages ${language} translations ${ref}
    links { kind url label ${text} language ${language} } files ${file} cover ${image}
  }
  ... on Translation {
    language ${language} editionTitle: title url progress format sourceEdition translatedBy ${ref}
    date outdated
  }
  ... on WorkingGroup {
    slug name ${text} shortName groupKind: kind status summary ${text} contactEmail leadOrganisations ${ref}
    leads { person ${ref} role ${text} } priorities ${text} keyTools ${ref}
  }
  ... on Webinar {
    slug title ${text} kind series { name ${text} part of } startsAt endsAt durationMinutes timeZone
    precision approximateLabel ${text} format location ${text} languages ${language}
    interpretation ${language} organisers ${ref} speakers { person ${ref} affiliation ${ref} role ${text} }
    summary ${text} registrationUrl recordingUrl icsUrl recording ${file} attachments ${file}
    organisedByAlliance organisingOrganisations ${ref}
    sessions { language ${language} startsAt endsAt timeZone durationMinutes registrationUrl recordingUrl }
  }
  ... on NewsPost { slug title ${text} date summary ${text} workingGroups ${ref} resources ${ref} }
  ... on Newsletter {
    slug title ${text} issueDate image ${image}
    sections { kind heading ${text} items {
      target { __typename ... on Node { id } } note ${text} title ${text} text ${text} url date
      image ${image}
    } }
  }
  ... on Organisation { slug name ${text} shortName website }
  ... on Person { personName: name organisation ${ref} jobTitle ${text} }
  ... on Term { slug name ${text} }
  ... on Standard { number pillar title ${text} }
`

/**
 * Fields two record types share by name with different types must be aliased in one selection
 * (GraphQL's rule); the bundle gives them their API names back.
 */
const ALIASES: Record<string, Record<string, string>> = {
  Translation: { editionTitle: 'title' },
  Person: { personName: 'name' },
  WorkingGroup: { groupKind: 'kind' },
}
const withApiNames = (record: Record<string, unknown>) => {
  const aliases = ALIASES[record.__typename as string]
  if (!aliases) return record
  return Object.fromEntries(
    Object.entries(record).map(([key, value]) => [aliases[key] ?? key, value]),
  )
}

const syncQuery = (
  locale: Locale,
) => `query Bundle($token: String) @inContext(locale: ${locale.toUpperCase()}, fallback: [EN]) {
  sync(token: $token, first: ${PAGE}) { hasMore token upserts { ${RECORD} } }
}`

/** Runs one of the hub's own queries (graphql/server.ts `trusted`). */
type Run = (query: string, variables?: Record<string, unknown>) => Promise<ExecutionResult>

/** Runs the initial sync through the API's schema and packs it. */
export const buildBundle = async (run: Run, locale: Locale): Promise<Bundle> => {
  const records: unknown[] = []
  let token: string | undefined
  for (;;) {
    const answer = (await run(syncQuery(locale), { token })) as ExecutionResult<{
      sync: { hasMore: boolean; token: string; upserts: Record<string, unknown>[] }
    }>
    if (!answer.data) {
      const error = answer.errors?.[0]
      throw Object.assign(new Error(`Bundle (${locale}): ${error?.message}`, { cause: error }), {
        status: isDatabaseUnavailable(error?.originalError ?? error) ? 503 : 500,
      })
    }
    records.push(...answer.data.sync.upserts.map(withApiNames))
    token = answer.data.sync.token
    if (!answer.data.sync.hasMore) break
  }
  const builtAt = new Date()
  const fallback = locale === 'en' ? [] : ['en']
  const contentKey = createHash('sha256')
    .update(JSON.stringify({ locale, fallback, records }))
    .digest('base64url')
  const json = JSON.stringify({
    locale,
    fallback,
    generatedAt: builtAt.toISOString(),
    // Pass to `sync(token:)` (with the same locale chain) for what changed since.
    token,
    records,
  })
  const body = await gzipAsync(json, { level: 9 })
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`
  return { body, etag, records: records.length, builtAt, token: token!, contentKey }
}

const FILE = /^\/bundle\/([a-z]{2})\.json\.gz$/

const noSuchBundle = () =>
  Response.json(
    {
      errors: [
        {
          message: `No such bundle: ask for /bundle/<locale>.json.gz, <locale> one of ${LOCALES.join(', ')}.`,
          extensions: { code: 'NOT_FOUND' },
        },
      ],
    },
    { status: 404 },
  )

/** A built bundle as the answer to a GET or HEAD: 304 for a client that already has it. */
const bundleResponse = (
  request: Request,
  locale: Locale,
  { body, etag, builtAt }: Bundle,
): Response => {
  const headers = {
    'Content-Type': 'application/gzip',
    'Content-Disposition': `attachment; filename="alliance-hub-${locale}.json.gz"`,
    'Content-Length': String(body.length),
    ETag: etag,
    'Last-Modified': builtAt.toUTCString(),
    'Cache-Control': `public, max-age=0, s-maxage=${PARTNER_SHARED_MAX_AGE_S}`,
    'Access-Control-Allow-Origin': '*',
  }
  const wanted = request.headers.get('If-None-Match')
  if (wanted && wanted.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)) {
    const { 'Content-Length': _, 'Content-Type': __, ...rest } = headers
    return new Response(null, { status: 304, headers: rest })
  }
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { headers })
}

/**
 * Whether changes were committed after a bundle's token was made (its horizon held back by a
 * transaction then still open): graphql/sql/sync.ts `changedSince`.
 */
export type HeldBack = (token: string) => Promise<boolean>

/** How long a request waits for another process's build before it gives up (503). */
const WAIT_MS = 5 * 60_000
const CLAIM_POLL_MS = 250

const unavailable = (message: string, cause?: unknown) =>
  Object.assign(new Error(message, { cause }), { status: 503 })

/**
 * Serves the bundles from `handle` (the partner API behind its guard), kept in `store`: shared by
 * every process with a database (graphql/bundleStore.ts), so each bundle is built by one of them.
 * `changed()` is called on every change announcement; the bundles served are rebuilt once changes
 * settle. A bundle built while an older transaction was still open leaves out what committed after
 * that transaction began (its token brings those in the first delta): it is built again,
 * `debounceMs` later, until nothing is held back, so that it does not wait for the next change.
 */
export const createBundles = (
  run: Run,
  heldBack: HeldBack,
  debounceMs = BUNDLE_DEBOUNCE_MS,
  store: BundleStore = memoryBundleStore(),
) => {
  /** The bundle this process served last, per locale. */
  const kept = new Map<Locale, Bundle>()
  /** Locales whose stored bundle this process has compared with the changes made since. */
  const checked = new Set<Locale>()
  const inFlight = new Map<Locale, Promise<void>>()
  let timer: NodeJS.Timeout | undefined

  /** Builds under this process's claim, renewing it meanwhile, and stores the result. */
  const buildClaimed = async (locale: Locale) => {
    const renewing = setInterval(() => void store.renew(locale).catch(() => {}), LEASE_MS / 3)
    renewing.unref()
    let saved = false
    try {
      const fresh = await buildBundle(run, locale)
      saved = await store.save(locale, fresh)
      if (saved) {
        void heldBack(fresh.token)
          .then((behind) => behind && changed())
          .catch(() => {}) // a failed check is said where the bundle is served or rebuilt
      }
    } finally {
      clearInterval(renewing)
      if (!saved) await store.release(locale).catch(() => {})
    }
  }

  /**
   * Makes the stored bundle current: this process builds it, unless another one holds the claim
   * (then, with `wait`, waits until that one has stored its build or let its claim run out) or,
   * when processes share the store, unless no change was made after the stored one (another
   * process built it already).
   */
  const refresh = async (locale: Locale, wait: boolean) => {
    const deadline = Date.now() + WAIT_MS
    for (let waited = false; ; waited = true) {
      const claim = await store.claim(locale)
      if (claim) {
        // Having waited for another process's build, that one is served (changes made while it
        // was built are the next rebuild's).
        const current =
          claim.hasBody &&
          (waited ||
            (store.shared &&
              claim.checkedToken !== undefined &&
              !(await heldBack(claim.checkedToken).catch(() => true))))
        if (current) return store.release(locale)
        return buildClaimed(locale)
      }
      if (!wait) return
      if (Date.now() > deadline) {
        throw unavailable(`Bundle (${locale}): another process is still building it.`)
      }
      await sleep(CLAIM_POLL_MS)
    }
  }

  /** One refresh per locale at a time in this process; others join it. */
  const refreshOnce = (locale: Locale, wait: boolean) => {
    let running = inFlight.get(locale)
    if (!running) {
      running = refresh(locale, wait).finally(() => inFlight.delete(locale))
      inFlight.set(locale, running)
    }
    return running
  }

  /** The stored bundle (its body read only when it is not the one kept here). */
  const stored = async (locale: Locale) => {
    const have = kept.get(locale)
    try {
      const found = await store.read(locale, have?.etag)
      if (found?.abandoned) void refreshOnce(locale, false).catch(() => {})
      if (found?.bundle) kept.set(locale, found.bundle)
      return found?.etag === undefined ? undefined : kept.get(locale)
    } catch (error) {
      // The database away: the last bundle served here is still a consistent starting point.
      if (have && isDatabaseUnavailable(error)) return have
      throw error
    }
  }

  const current = async (locale: Locale): Promise<Bundle> => {
    if (!checked.has(locale)) {
      // This process's first request: what is stored may predate changes no process heard of. It
      // is built now, unless another process is building it (the stored one is served meanwhile).
      await refreshOnce(locale, false)
      checked.add(locale)
    }
    for (let attempt = 0; attempt < 3; attempt++) {
      const found = await stored(locale)
      if (found) return found
      // None stored yet (or a build claimed and abandoned): build it, or wait for its builder.
      await refreshOnce(locale, true)
    }
    throw unavailable(`Bundle (${locale}) is not available yet.`)
  }

  /** The bundle to serve; fails with status 503 while the database is unavailable. */
  const bundle = (locale: Locale): Promise<Bundle> =>
    current(locale).catch((error: unknown) => {
      if ((error as { status?: number }).status || !isDatabaseUnavailable(error)) throw error
      throw unavailable(`Bundle (${locale}): the database is unavailable.`, error)
    })

  const changed = () => {
    clearTimeout(timer)
    timer = setTimeout(() => {
      // The locales served here: every process hears the change, so each one served anywhere is
      // rebuilt (by the process that claims it first).
      for (const locale of checked) {
        void refreshOnce(locale, false).catch((error: unknown) =>
          console.error(`Bundle (${locale}) was not rebuilt:`, error),
        )
      }
    }, debounceMs)
    timer.unref()
  }

  /** The answer for a `/bundle/…` request; undefined for any other path. */
  const serve = async (request: Request): Promise<Response | undefined> => {
    const { pathname } = new URL(request.url)
    if (!pathname.startsWith('/bundle/')) return undefined
    const match = FILE.exec(pathname)
    const locale = match?.[1] as Locale | undefined
    if (!locale || !LOCALES.includes(locale)) return noSuchBundle()
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response(null, { status: 405, headers: { Allow: 'GET, HEAD' } })
    }
    return bundleResponse(request, locale, await bundle(locale))
  }

  return { serve, changed, bundle }
}
