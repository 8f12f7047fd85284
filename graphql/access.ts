// The partner API reads the database directly, so it takes its rules from the hub's own: at start
// it asks each collection's `read` access what an anonymous visitor may see, and refuses to start
// if a rule says something the API's SQL cannot express.
import type { SanitizedConfig } from 'payload'

/** Per collection slug: true when anonymous readers see published documents only. */
export type PublicFilters = Record<string, boolean>

const PUBLISHED_ONLY = JSON.stringify({ _status: { equals: 'published' } })

export const publicFilters = async (config: SanitizedConfig): Promise<PublicFilters> => {
  const filters: PublicFilters = {}
  for (const collection of config.collections) {
    const read = collection.access.read
    const verdict = await read({ req: { user: null } as never } as never)
    if (verdict === true) filters[collection.slug] = false
    else if (JSON.stringify(verdict) === PUBLISHED_ONLY) filters[collection.slug] = true
    else if (verdict !== false) {
      throw new Error(
        `The partner API cannot express the read rule of "${collection.slug}" for anonymous visitors: ${JSON.stringify(verdict)}`,
      )
    }
  }
  return filters
}
