// Issue 24, item 2: no state that matters kept in one process. Behind a load balancer, a partner's
// client registers an automatic persisted query with one process and sends its hash alone to the
// next: every process finds it (kept in PostgreSQL, graphql/persistedQueries.ts). Queries unused
// for 30 days are deleted.
import { createHash } from 'node:crypto'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { unique } from '../helpers/hub'
import { partnerApi } from '../helpers/partner'
import { PERSISTED_QUERIES_TABLE } from '../../src/db/persistedQueries'

const one = partnerApi({ responseCache: true })
const other = partnerApi({ responseCache: true })
let db: pg.Client

beforeAll(async () => {
  db = new pg.Client({ connectionString: inject('databaseUrl') })
  await db.connect()
})
afterAll(async () => {
  await db.end()
  await one.close()
  await other.close()
})

const byHash = (api: typeof one, sha256Hash: string) =>
  api.yoga.fetch(
    `http://hub.test/graphql?extensions=${encodeURIComponent(
      JSON.stringify({ persistedQuery: { version: 1, sha256Hash } }),
    )}`,
    { headers: { Accept: 'application/graphql-response+json' } },
  )

describe('automatic persisted queries', () => {
  it('registered with one process, run by hash alone by another', async () => {
    const query = `query Shared { topics { slug } } # ${unique('apq')}`
    const sha256Hash = createHash('sha256').update(query).digest('hex')
    const register = await one.yoga.fetch('http://hub.test/graphql', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ query, extensions: { persistedQuery: { version: 1, sha256Hash } } }),
    })
    expect(register.status).toBe(200)
    // Answered once kept where every process finds it (in-process memory alone would serve the
    // handler below, which shares this process: the table is what other processes read).
    const { rows } = await db.query<{ query: string }>(
      `SELECT query FROM ${PERSISTED_QUERIES_TABLE} WHERE hash = $1`,
      [sha256Hash],
    )
    expect(rows).toEqual([{ query }])
    const answer = await byHash(other, sha256Hash)
    expect(answer.status).toBe(200)
    const body = (await answer.json()) as { data: { topics: unknown[] } }
    expect(body.data.topics.length).toBeGreaterThan(0)
  })

  it('a hash nobody registered is not found, in any process', async () => {
    const answer = await byHash(other, createHash('sha256').update(unique('nobody')).digest('hex'))
    const body = (await answer.json()) as { errors: { extensions: { code: string } }[] }
    expect(body.errors[0]!.extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND')
  })

  it('an invalid query is never kept', async () => {
    const query = `{ nothing } # ${unique('junk')}`
    const sha256Hash = createHash('sha256').update(query).digest('hex')
    const refused = await one.yoga.fetch('http://hub.test/graphql', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/graphql-response+json' },
      body: JSON.stringify({ query, extensions: { persistedQuery: { version: 1, sha256Hash } } }),
    })
    expect(refused.status).toBe(400)
    const { rowCount } = await db.query(
      `SELECT 1 FROM ${PERSISTED_QUERIES_TABLE} WHERE hash = $1`,
      [sha256Hash],
    )
    expect(rowCount).toBe(0)
  })

  it('deletes queries unused for 30 days', async () => {
    const old = createHash('sha256').update(unique('old')).digest('hex')
    const recent = createHash('sha256').update(unique('recent')).digest('hex')
    await db.query(
      `INSERT INTO ${PERSISTED_QUERIES_TABLE} (hash, query, used_at) VALUES
       ($1, '{ topics { slug } }', now() - interval '31 days'),
       ($2, '{ topics { slug } }', now() - interval '29 days')`,
      [old, recent],
    )
    await one.persisted!.purge()
    const { rows } = await db.query<{ hash: string }>(
      `SELECT hash FROM ${PERSISTED_QUERIES_TABLE} WHERE hash = ANY($1)`,
      [[old, recent]],
    )
    expect(rows.map((row) => row.hash)).toEqual([recent])
  })
})
