// The table of automatic persisted queries every partner API process shares (graphql/persistedQueries.ts).
export const PERSISTED_QUERIES_TABLE = 'hub_persisted_queries'
/** Queries not registered or read from the table for this long are deleted. */
export const PERSISTED_QUERY_DAYS = 30
