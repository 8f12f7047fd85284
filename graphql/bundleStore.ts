// Where the offline bundles (graphql/bundle.ts) are kept. With a database, in `hub_bundles` on the
// primary, shared by every hub and `start:api` process: one process builds a bundle under a lease
// it renews while it works, the others serve the bytes it stored (the same bytes, so the same ETag,
// from any process behind a load balancer). Each process keeps the last bundle it served; a request
// costs one statement, which brings the body only when the stored ETag is no longer the one kept.
// Without a database (some tests), a store in memory with the same contract.
import { randomUUID } from 'node:crypto'
import type pg from 'pg'

import { BUNDLES_TABLE } from '../src/db/bundles'
import type { Locale } from '../src/localeChain'

/** What a bundle holds and is served as (graphql/bundle.ts builds it). */
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

/** The stored state of one locale's bundle, as one request sees it. */
export type StoredBundle = {
  /** The bundle, unless it is the one whose ETag the caller already has (then undefined). */
  bundle: Bundle | undefined
  etag: string | undefined
  /** A process claimed the next build and let its lease run out (it stopped or died). */
  abandoned: boolean
}

export type BundleStore = {
  /** Whether other processes share it (then a change seen here may be built already elsewhere). */
  shared: boolean
  /** One statement: the stored bundle, its body only if its ETag is not `known`. */
  read: (locale: Locale, known?: string) => Promise<StoredBundle | undefined>
  /**
   * Claims the next build for this process; undefined when another process holds the claim.
   * The claim lasts `LEASE_MS` unless renewed.
   */
  claim: (locale: Locale) => Promise<{ checkedToken?: string; hasBody: boolean } | undefined>
  renew: (locale: Locale) => Promise<boolean>
  /**
   * Ends the claim with a new build: stored unless it holds what the stored one does (then the
   * stored bytes stay, so ETag and Last-Modified too). False when the claim was lost meanwhile.
   */
  save: (locale: Locale, bundle: Bundle) => Promise<boolean>
  release: (locale: Locale) => Promise<void>
}

/** How long a claim holds without being renewed; a build renews it every third of that. */
export const LEASE_MS = 30_000

type Row = {
  body: Buffer | null
  etag: string | null
  content_key: string | null
  records: number | null
  token: string | null
  built_at: Date | null
  abandoned: boolean
}

const READ = `SELECT CASE WHEN etag IS DISTINCT FROM $2 THEN body END AS body, etag, content_key,
  records, token, built_at, (lease_until < now()) AS abandoned
FROM ${BUNDLES_TABLE} WHERE locale = $1`
// A claim is taken when there is none, or when its holder let it run out.
const CLAIM = `INSERT INTO ${BUNDLES_TABLE} AS b (locale, lease_owner, lease_until)
VALUES ($1, $2, now() + $3 * interval '1 millisecond')
ON CONFLICT (locale) DO UPDATE SET lease_owner = excluded.lease_owner, lease_until = excluded.lease_until
WHERE b.lease_until IS NULL OR b.lease_until < now()
RETURNING b.checked_token, b.body IS NOT NULL AS has_body`
const RENEW = `UPDATE ${BUNDLES_TABLE} SET lease_until = now() + $3 * interval '1 millisecond'
WHERE locale = $1 AND lease_owner = $2`
// In SET, the columns named on the right are the stored values.
const SAVE = `UPDATE ${BUNDLES_TABLE} SET
  body = CASE WHEN content_key IS DISTINCT FROM $3 THEN $4 ELSE body END,
  etag = CASE WHEN content_key IS DISTINCT FROM $3 THEN $5 ELSE etag END,
  records = CASE WHEN content_key IS DISTINCT FROM $3 THEN $6 ELSE records END,
  token = CASE WHEN content_key IS DISTINCT FROM $3 THEN $7 ELSE token END,
  built_at = CASE WHEN content_key IS DISTINCT FROM $3 THEN $8 ELSE built_at END,
  content_key = $3, checked_token = $7, lease_owner = NULL, lease_until = NULL
WHERE locale = $1 AND lease_owner = $2`
const RELEASE = `UPDATE ${BUNDLES_TABLE} SET lease_owner = NULL, lease_until = NULL
WHERE locale = $1 AND lease_owner = $2`

const fromRow = (row: Row): Bundle | undefined =>
  row.body && row.etag && row.content_key && row.token && row.built_at
    ? {
        body: row.body,
        etag: row.etag,
        contentKey: row.content_key,
        records: row.records ?? 0,
        token: row.token,
        builtAt: row.built_at,
      }
    : undefined

/** The bundles in PostgreSQL (the primary: claims and builds are writes). */
export const databaseBundleStore = (pool: () => pg.Pool): BundleStore => {
  // Who holds a claim: this process (a new id at each start, so a restarted process does not
  // take over the claim its previous life left).
  const owner = randomUUID()
  return {
    shared: true,
    async read(locale, known) {
      const row = (await pool().query<Row>(READ, [locale, known ?? null])).rows[0]
      if (!row) return undefined
      return {
        bundle: fromRow(row),
        etag: row.etag ?? undefined,
        abandoned: row.abandoned ?? false,
      }
    },
    async claim(locale) {
      const { rows } = await pool().query<{ checked_token: string | null; has_body: boolean }>(
        CLAIM,
        [locale, owner, LEASE_MS],
      )
      const row = rows[0]
      return row && { checkedToken: row.checked_token ?? undefined, hasBody: row.has_body }
    },
    async renew(locale) {
      return ((await pool().query(RENEW, [locale, owner, LEASE_MS])).rowCount ?? 0) > 0
    },
    async save(locale, bundle) {
      const { rowCount } = await pool().query(SAVE, [
        locale,
        owner,
        bundle.contentKey,
        bundle.body,
        bundle.etag,
        bundle.records,
        bundle.token,
        bundle.builtAt,
      ])
      return (rowCount ?? 0) > 0
    },
    async release(locale) {
      await pool().query(RELEASE, [locale, owner])
    },
  }
}

/** The bundles of this process alone. */
export const memoryBundleStore = (): BundleStore => {
  const entries = new Map<Locale, { bundle?: Bundle; checkedToken?: string; claimed: boolean }>()
  const entry = (locale: Locale) => {
    let found = entries.get(locale)
    if (!found) entries.set(locale, (found = { claimed: false }))
    return found
  }
  return {
    shared: false,
    async read(locale, known) {
      const found = entries.get(locale)
      if (!found) return undefined
      return {
        bundle: found.bundle?.etag === known ? undefined : found.bundle,
        etag: found.bundle?.etag,
        abandoned: false,
      }
    },
    async claim(locale) {
      const found = entry(locale)
      if (found.claimed) return undefined
      found.claimed = true
      return { checkedToken: found.checkedToken, hasBody: Boolean(found.bundle) }
    },
    async renew(locale) {
      return entry(locale).claimed
    },
    async save(locale, bundle) {
      const found = entry(locale)
      if (!found.claimed) return false
      if (found.bundle?.contentKey !== bundle.contentKey) found.bundle = bundle
      found.checkedToken = bundle.token
      found.claimed = false
      return true
    },
    async release(locale) {
      entry(locale).claimed = false
    },
  }
}
