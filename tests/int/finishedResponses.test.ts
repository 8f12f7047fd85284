// Issue 24, item 7: a repeated GET is answered from the bytes first sent (graphql/finishedResponses.ts),
// without yoga: the same body and headers, an Age, a 304 to a matching If-None-Match; still counted
// against budgets and on the Usage page; never across languages, origins or keys; emptied by a change.
import type { Payload } from 'payload'
import pg from 'pg'
import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { hub, unique } from '../helpers/hub'
import { partnerApi } from '../helpers/partner'
import { USAGE_TABLE } from '../../src/partners/usageTable'

let payload: Payload
let db: pg.Client
const LIMITS = { anonymous: 5000, standard: 20_000, extended: 50_000, alliance: Infinity }
// Listening for changes on the test database, as a served process does.
const api = partnerApi({ responseCache: true, budgets: LIMITS, listen: inject('databaseUrl') })

const url = (query: string) => `http://hub.test/graphql?${new URLSearchParams({ query })}`
const get = (query: string, headers: Record<string, string> = {}) =>
  api.yoga.fetch(url(query), { headers: { 'X-Forwarded-For': '203.0.113.40', ...headers } })
/** A query no other test asks: its first answer is never in the cache. */
const fresh = (fields = 'number title { text }') =>
  `query ${unique('Finished').replace('-', '_')} { standards(pillar: 1) { ${fields} } }`

/** Headers a reader or a CDN acts on, which a kept answer must repeat. */
const ACTED_ON = [
  'content-type',
  'cache-control',
  'vary',
  'etag',
  'cache-tag',
  'surrogate-key',
  'access-control-allow-origin',
]
const headersOf = (response: Response) =>
  Object.fromEntries(ACTED_ON.map((name) => [name, response.headers.get(name)]))

beforeAll(async () => {
  payload = await hub()
  db = new pg.Client({ connectionString: inject('databaseUrl') })
  await db.connect()
})

afterAll(async () => {
  await db.end()
  await api.close()
})

describe('a repeated GET', () => {
  it('gets the same bytes and headers, with an Age and no SQL', async () => {
    const query = fresh()
    const first = await get(query, { Origin: 'https://cpms.example.org' })
    expect(first.status).toBe(200)
    expect(first.headers.get('age')).toBeNull()
    expect(Number(first.headers.get('x-sql-statements'))).toBeGreaterThan(0)
    const again = await get(query, { Origin: 'https://cpms.example.org' })
    expect(again.status).toBe(200)
    expect(await again.text()).toBe(await first.text())
    expect(headersOf(again)).toEqual(headersOf(first))
    expect(again.headers.get('x-sql-statements')).toBe('0')
    expect(again.headers.get('age')).toMatch(/^\d+$/)
  })

  it('is told 304 Not Modified when it holds the answer', async () => {
    const query = fresh()
    const first = await get(query)
    const etag = first.headers.get('etag')!
    const again = await get(query, { 'If-None-Match': etag })
    expect(again.status).toBe(304)
    expect(again.headers.get('age')).not.toBeNull()
    expect(again.headers.get('etag')).toBe(etag)
    expect(await again.text()).toBe('')
  })

  it('in another language, from another origin or with a key, is answered afresh', async () => {
    const query = fresh()
    await get(query, { 'Accept-Language': 'en' })
    const french = await get(query, { 'Accept-Language': 'fr' })
    expect(french.headers.get('age')).toBeNull()
    const elsewhere = await get(query, { 'Accept-Language': 'en', Origin: 'https://a.example' })
    expect(elsewhere.headers.get('age')).toBeNull()
    const partner = (
      await payload.create({ collection: 'partners', data: { organisation: unique('IRC') } })
    ).id
    const { key } = (await payload.create({
      collection: 'api-keys',
      data: { partner, label: unique('Key') } as never,
    })) as unknown as { key: string }
    const keyed = await get(query, { 'Accept-Language': 'en', Authorization: `Bearer ${key}` })
    expect(keyed.headers.get('age')).toBeNull()
    expect(keyed.headers.get('ratelimit-policy')).toMatch(/q=20000/)
  })

  it('asking for another type is answered afresh: GraphiQL’s page is never JSON’s answer', async () => {
    const page = await api.yoga.fetch('http://hub.test/graphql', {
      headers: { Accept: 'text/html' },
    })
    expect(page.headers.get('content-type')).toMatch(/text\/html/)
    const json = await api.yoga.fetch('http://hub.test/graphql', {
      headers: { Accept: 'application/graphql-response+json' },
    })
    expect(json.status).toBe(400)
    expect(json.headers.get('content-type')).toMatch(/application\/graphql-response\+json/)
    const query = fresh()
    await get(query, { Accept: 'application/json' })
    const typed = await get(query, { Accept: 'application/graphql-response+json' })
    expect(typed.headers.get('age')).toBeNull()
    expect(typed.headers.get('content-type')).toMatch(/application\/graphql-response\+json/)
  })

  it('with an error or a sync position is never kept', async () => {
    const broken = `{ standards(pillar: 1) { number nope${unique('x').replace('-', '_')} } }`
    for (let i = 0; i < 2; i++) {
      const response = await get(broken)
      expect((await response.json()).errors).toHaveLength(1)
      expect(response.headers.get('cache-control')).toBe('no-store')
      expect(response.headers.get('age')).toBeNull()
    }
    const sync = '{ sync(first: 1) { hasMore } }'
    for (let i = 0; i < 2; i++) {
      const response = await get(sync)
      expect(response.headers.get('cache-control')).toBe('no-store')
      expect(response.headers.get('age')).toBeNull()
    }
  })

  it('still counts: one point of the budget, fresh RateLimit fields, and a row on the Usage page', async () => {
    const name = unique('Kept').replace('-', '_')
    const query = `query ${name} { standards(pillar: 2) { number } }`
    const headers = { 'X-Forwarded-For': '203.0.113.41' }
    const first = await get(query, headers)
    const remaining = (response: Response) =>
      Number(/r=(\d+)/.exec(response.headers.get('ratelimit') ?? '')?.[1])
    const again = await get(query, headers)
    expect(again.headers.get('age')).not.toBeNull()
    expect(remaining(again)).toBe(remaining(first) - 1)
    await api.flush()
    const { rows } = await db.query<{ requests: number; cost: string }>(
      `SELECT sum(requests)::int AS requests, sum(cost) AS cost FROM ${USAGE_TABLE} WHERE operation = $1`,
      [name],
    )
    const cost = (await first.json()).extensions.cost.requested as number
    expect(rows[0]).toEqual({ requests: 2, cost: String(cost + 1) })
  })
})

describe('a change', () => {
  it('empties the kept answers: the next GET says what is published now', async () => {
    const query = '{ workingGroups(first: 5) { edges { node { slug name { text } } } } }'
    const english = { 'Accept-Language': 'en' }
    // Changes made by earlier tests may still be announced: asked until the answer is kept.
    const kept = async () => {
      for (let i = 0; i < 50; i++) {
        await get(query, english)
        if ((await get(query, english)).headers.get('age') !== null) return true
        await sleep(100)
      }
      return false
    }
    expect(await kept()).toBe(true)
    const group = await payload.find({
      collection: 'working-groups',
      where: { slug: { equals: 'advocacy-working-group' } },
      locale: 'en',
    })
    const doc = group.docs[0]!
    const name = unique('Renamed group')
    await payload.update({
      collection: 'working-groups',
      id: doc.id,
      data: { name } as never,
      locale: 'en',
    })
    try {
      let body = ''
      for (let i = 0; i < 100 && !body.includes(name); i++) {
        await sleep(100)
        body = await (await get(query, english)).text()
      }
      expect(body).toContain(name)
    } finally {
      await payload.update({
        collection: 'working-groups',
        id: doc.id,
        data: { name: (doc as unknown as { name: string }).name } as never,
        locale: 'en',
      })
    }
  })
})
