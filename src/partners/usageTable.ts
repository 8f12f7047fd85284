// How the partner API's use is kept (issue 23, item 4): one row per day, caller and operation, with
// the number of requests, errors and cost points, and the requests per latency bucket, so that a
// percentile over any days and callers is the sum of their rows' buckets. Callers are partners (by
// id), anonymous readers together, or the hub's own site: never an address, a key or query text.
export const USAGE_TABLE = 'hub_usage_daily'

/** Aggregates are kept this many months, then deleted (graphql/usage.ts). */
export const USAGE_MONTHS = 13

/**
 * Latency buckets: bucket i holds requests up to 2^(i/4) ms (each bound 19 % above the last) from
 * 1 ms to 65.5 s; the last one holds the slower. A percentile is read as its bucket's bound, so it
 * is at most 19 % above the true figure.
 */
export const LATENCY_BUCKETS = 65
export const bucketBound = (bucket: number) => 2 ** (bucket / 4)

export const latencyBucket = (ms: number): number =>
  ms <= 1 ? 0 : Math.min(LATENCY_BUCKETS - 1, Math.ceil(4 * Math.log2(ms)))

export const emptyHistogram = () => new Array<number>(LATENCY_BUCKETS).fill(0)

/** Adds `more` into `into`, bucket by bucket. */
export const addHistogram = (into: number[], more: readonly number[]) => {
  for (let i = 0; i < LATENCY_BUCKETS; i++) into[i]! += more[i] ?? 0
  return into
}

/** The latency under which `share` (0.95) of the requests were answered, in ms (null if none). */
export const percentile = (histogram: readonly number[], share = 0.95): number | null => {
  const total = histogram.reduce((sum, n) => sum + n, 0)
  if (!total) return null
  const rank = Math.ceil(total * share)
  let seen = 0
  for (let i = 0; i < histogram.length; i++) {
    seen += histogram[i]!
    if (seen >= rank) return Math.round(bucketBound(i) * 10) / 10
  }
  return Math.round(bucketBound(LATENCY_BUCKETS - 1) * 10) / 10
}

export const ANONYMOUS = 'anonymous'
export const HUB_SITE = 'site'
export const partnerCaller = (id: number) => `partner:${id}`
export const partnerIdOf = (caller: string): number | undefined => {
  const id = /^partner:(\d+)$/.exec(caller)?.[1]
  return id ? Number(id) : undefined
}

/** Operation names as GraphQL spells them; anything else is kept as one of these. */
export const UNNAMED = '(unnamed)'
/** Refused before it was read: a wrong key, a spent budget, a malformed request. */
export const REFUSED = '(refused)'
/** Past the number of names kept per caller and day. */
export const OTHER = '(other)'
