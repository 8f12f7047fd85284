// Automatic persisted queries (Apollo's protocol), shared by every hub and `start:api` process: a
// query registered with one process can be sent by hash alone to any other behind the same load
// balancer. Each process keeps the queries it has used in memory; a hash it does not know is looked
// up in PostgreSQL (`hub_persisted_queries`, on the primary): one statement by primary key, no more
// than any other request costs (and counted in the caller's budget). Queries neither registered nor
// read from the table for 30 days are deleted (clients then register them again, as the protocol
// expects).
import { LRUCache } from 'lru-cache'
import type pg from 'pg'

import { PERSISTED_QUERY_BYTES } from '../src/cacheBudgets'
import { PERSISTED_QUERIES_TABLE, PERSISTED_QUERY_DAYS } from '../src/db/persistedQueries'
const PURGE_MS = 60 * 60 * 1000

const READ = `UPDATE ${PERSISTED_QUERIES_TABLE} SET used_at = now()
WHERE hash = $1 RETURNING query`
const WRITE = `INSERT INTO ${PERSISTED_QUERIES_TABLE} (hash, query) VALUES ($1, $2)
ON CONFLICT (hash) DO UPDATE SET used_at = now()`
const PURGE = `DELETE FROM ${PERSISTED_QUERIES_TABLE}
WHERE used_at < now() - interval '${PERSISTED_QUERY_DAYS} days'`

export type PersistedQueries = {
  get: (hash: string) => Promise<string | null>
  /** Keeps a query that has passed validation; settles once every process can find it. */
  add: (hash: string, query: string) => Promise<void>
  purge: () => Promise<void>
  close: () => void
}

export const createPersistedQueries = (pool: (() => pg.Pool) | undefined): PersistedQueries => {
  const known = new LRUCache<string, string>({
    maxSize: PERSISTED_QUERY_BYTES,
    sizeCalculation: (query, hash) => Buffer.byteLength(query) + hash.length,
  })
  const purge = async () => {
    await pool?.().query(PURGE)
  }
  const purging = pool
    ? setInterval(
        () =>
          void purge().catch((error: Error) =>
            console.error('Partner API: old persisted queries could not be deleted', error.message),
          ),
        PURGE_MS,
      )
    : undefined
  purging?.unref?.()
  return {
    async get(hash) {
      const query = known.get(hash)
      if (query !== undefined) return query
      if (!pool) return null
      try {
        const { rows } = await pool().query<{ query: string }>(READ, [hash])
        const found = rows[0]?.query
        if (found === undefined) return null
        known.set(hash, found)
        return found
      } catch (error) {
        // The store away: the client sends the query again, as for any unknown hash.
        console.error('Partner API: persisted queries could not be read', (error as Error).message)
        return null
      }
    },
    async add(hash, query) {
      if (known.has(hash)) return
      known.set(hash, query)
      try {
        await pool?.().query(WRITE, [hash, query])
      } catch (error) {
        // Kept here alone: another process asks the client for the query again.
        console.error('Partner API: a persisted query could not be kept', (error as Error).message)
      }
    },
    purge,
    close: () => clearInterval(purging),
  }
}
