// Every cache the hub keeps, its budget and its lifetime, in one place: what a process may hold in
// memory, and how long an answer may be served stale. Each is explained where it is used.

// ── In memory, per process ───────────────────────────────────────────────────────────────────────

/** Whole partner API answers (graphql/responseCache.ts); emptied on every change. PARTNER_RESPONSE_CACHE_BYTES overrides it. */
export const RESPONSE_CACHE_BYTES = 32 * 1024 * 1024
/** How long a cached answer lives even without a change (a scheduled publish announces itself too). */
export const RESPONSE_CACHE_TTL_MS = 60_000

/**
 * Finished answers to GETs, as the bytes sent (graphql/finishedResponses.ts); emptied on every change
 * and after RESPONSE_CACHE_TTL_MS, like the response cache, and on with it.
 */
export const FINISHED_CACHE_BYTES = 16 * 1024 * 1024

/** Parsed partner queries (graphql/server.ts), estimated from their text; the error cache gets a sixteenth. */
export const PARSE_CACHE_BYTES = 16 * 1024 * 1024
export const PARSE_CACHE_TTL_MS = 3_600_000

/** Automatic persisted queries: texts known by their hash (graphql/server.ts). */
export const PERSISTED_QUERY_BYTES = 4 * 1024 * 1024

/** Planned statements (graphql/plan/execute.ts), bounded by the bytes of the SQL and documents kept. */
export const PLAN_CACHE_BYTES = 16 * 1024 * 1024
/** Planned POSTs answered again without yoga (graphql/shortcuts.ts), by the bytes of their bodies and documents. */
export const SHORTCUT_CACHE_BYTES = 8 * 1024 * 1024

/** Statement texts prepared per process (graphql/db.ts), and digests of texts seen once so far. */
export const PREPARED_STATEMENTS_MAX = 64
export const SEEN_ONCE_MAX = 1000

/** Record types selected by a query text, for cache tags of answers served without parsing (graphql/cacheTags.ts). */
export const TYPES_BY_TEXT_MAX = 500

/** The set of files in public use, for media listings (src/access/mediaInPublicUse.ts); a file's own URL is checked afresh. */
export const MEDIA_LISTING_TTL_MS = 10_000

// ── In browsers, CDNs and partners' caches (seconds) ─────────────────────────────────────────────

/** Partner API answers and bundles: CDNs keep them a minute (purged by tag on change), browsers revalidate. */
export const PARTNER_SHARED_MAX_AGE_S = 60
/** Browsers may skip the CORS preflight for a day. */
export const CORS_MAX_AGE_S = 86_400
/** Feeds (src/feeds/http.ts): five minutes. */
export const FEED_MAX_AGE_S = 300
/** How often calendar apps are asked to refresh a calendar (src/feeds/calendar.ts). */
export const CALENDAR_REFRESH_S = 3600
/** Files visitors may read (src/uploads/cacheHeaders.ts): bounds how long an unpublished file stays in caches. */
export const PUBLIC_FILE_MAX_AGE_S = 300
