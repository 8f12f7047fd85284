// The offline bundle: `GET /bundle/<locale>.json.gz`, everything published in one language as one
// gzipped JSON file, for a partner that starts a local copy (or an e-learning hub that ships one)
// over a poor link. It ends with a sync token: `sync(token:)` then brings it up to date.
//
// It is the initial sync itself, run on the partner API's schema (same rules, same records, same
// locale chain), so a bundle and a sync can never disagree. Relations are given by id (records
// are listed once each; `id` finds them in the bundle). Built on first request, kept, and rebuilt
// in the background a few seconds after changes settle; meanwhile the last one is served: with its
// token it is still a consistent starting point.
import { createHash } from 'node:crypto'
import { promisify } from 'node:util'
import { gzip } from 'node:zlib'

import type { ExecutionResult } from 'graphql'

import { isDatabaseUnavailable } from '../src/db/outage'
import { LOCALES, type Locale } from '../src/localeChain'
import { PARTNER_SHARED_MAX_AGE_S } from '../src/cacheBudgets'

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

export type Bundle = {
  body: Buffer
  etag: string
  records: number
  builtAt: Date
  /** The sync token it ends with. */
  token: string
  /** What it holds (locale, fallback, records), apart from when it was made and its token. */
  contentKey: string
}

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

/**
 * Serves the bundles from `handle` (the partner API behind its guard). `changed()` is called on
 * every change announcement; the bundles already built are rebuilt once changes settle. A bundle
 * built while an older transaction was still open leaves out what committed after that transaction
 * began (its token brings those in the first delta): it is built again, `debounceMs` later, until
 * nothing is held back, so that it does not wait for the next change.
 */
export const createBundles = (run: Run, heldBack: HeldBack, debounceMs = BUNDLE_DEBOUNCE_MS) => {
  const built = new Map<Locale, Promise<Bundle>>()
  let timer: NodeJS.Timeout | undefined

  const build = (locale: Locale) => {
    const next = buildBundle(run, locale)
    void next
      .then(({ token }) => heldBack(token))
      .then((behind) => behind && changed())
      .catch(() => {}) // a failed build or check is said where the bundle is served or rebuilt
    return next
  }

  const rebuild = async (locale: Locale) => {
    const current = built.get(locale)
    try {
      // The old bundle is served until the new one is ready; a failed build keeps the old one.
      const fresh = await build(locale)
      const kept = await current?.catch(() => undefined)
      // Built again with the same records: the bundle served stays the same bytes (its ETag and
      // Last-Modified too, so caches and partners are not sent it again); its older token is
      // still a consistent place to sync from.
      if (kept?.contentKey !== fresh.contentKey) built.set(locale, Promise.resolve(fresh))
    } catch (error) {
      console.error(`Bundle (${locale}) was not rebuilt:`, error)
    }
  }

  const bundle = (locale: Locale) => {
    let entry = built.get(locale)
    if (!entry) {
      entry = build(locale)
      built.set(locale, entry)
      entry.catch(() => built.delete(locale))
    }
    return entry
  }

  const changed = () => {
    clearTimeout(timer)
    timer = setTimeout(() => {
      for (const locale of built.keys()) void rebuild(locale)
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
