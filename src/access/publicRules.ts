// The partner API reads the database directly, so it takes its rules from the hub's own: at start
// it asks each collection's `read` access what an anonymous visitor may see. Deny by default: a
// collection whose rule is `false`, or says something the API's SQL cannot express, is hidden (and
// the start-up log says so), never served whole.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { SanitizedConfig } from 'payload'

/** Per collection slug, what anonymous readers see. A slug missing here is hidden. */
export type Visibility = 'all' | 'published' | 'hidden'
export type PublicFilters = Record<string, Visibility>

const PUBLISHED_ONLY = JSON.stringify({ _status: { equals: 'published' } })

export const publicFilters = async (
  config: SanitizedConfig,
  warn: (line: string) => void = console.warn,
): Promise<PublicFilters> => {
  const filters: PublicFilters = {}
  for (const collection of config.collections) {
    const read = collection.access.read
    // A rule that needs more than an anonymous request to decide (a database lookup) cannot be
    // expressed in the API's SQL either: hidden.
    const verdict = await Promise.resolve()
      .then(() => read({ req: { user: null, context: {} } as never } as never))
      .catch(() => 'decided per request')
    if (verdict === true) filters[collection.slug] = 'all'
    else if (JSON.stringify(verdict) === PUBLISHED_ONLY) filters[collection.slug] = 'published'
    else {
      filters[collection.slug] = 'hidden'
      if (verdict !== false) {
        warn(
          `Partner API: "${collection.slug}" is hidden: its anonymous read rule (${typeof verdict === 'string' ? verdict : JSON.stringify(verdict).slice(0, 200)}) is not one the API can express.`,
        )
      }
    }
  }
  return filters
}

/**
 * The rules as `npm run generate` wrote them from the config (graphql/generateRules.ts), so that the
 * partner API starts without loading the admin's configuration; a test checks the file against the
 * config, and `npm test` that it is committed.
 */
export const PUBLIC_RULES_FILE = path.resolve(process.cwd(), 'graphql/generated/public-rules.json')

export const readPublicRules = (file = PUBLIC_RULES_FILE): PublicFilters => {
  const { rules } = JSON.parse(readFileSync(file, 'utf8')) as { rules: PublicFilters }
  return rules
}
