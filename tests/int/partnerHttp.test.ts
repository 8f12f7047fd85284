// The partner API over HTTP: GET and caching for slow links, persisted queries, CORS, limits on
// hostile queries, and the GraphQL-over-HTTP audits of graphql-http.
import { serverAudits } from 'graphql-http'
import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'

import { hub, makeUser, unique } from '../helpers/hub'
import { nestedFragments } from '../helpers/hostile'
import { partnerApi } from '../helpers/partner'

const { yoga, post } = partnerApi()
const cached = partnerApi({ responseCache: true })
const url = 'http://hub.test/graphql'

const get = (
  api: typeof cached,
  query: string,
  headers: Record<string, string> = {},
  extensions?: object,
) => {
  const params = new URLSearchParams(query ? { query } : {})
  if (extensions) params.set('extensions', JSON.stringify(extensions))
  return api.yoga.fetch(`${url}?${params}`, {
    headers: { Accept: 'application/graphql-response+json', ...headers },
  })
}

describe('GET and caching', () => {
  const query = '{ standards(pillar: 1) { number title { text } } }'

  it('answers queries over GET with public cache headers that vary with the language', async () => {
    const response = await get(cached, query)
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toBe('public, max-age=0, s-maxage=60')
    expect(response.headers.get('vary')).toMatch(/Accept-Language/)
    expect((await response.json()).data.standards).toHaveLength(6)
  })

  it('gives every ETag as a quoted entity-tag, and none to answers of POST, which are not revalidated', async () => {
    const viaGet = await get(cached, query)
    expect(viaGet.headers.get('etag')).toMatch(/^W\/"[\w-]+"$/)
    for (let i = 0; i < 2; i++) {
      // The second is answered from the response cache, which named the answer by its question.
      const viaPost = await cached.yoga.fetch(url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Accept: 'application/graphql-response+json',
        },
        body: JSON.stringify({ query }),
      })
      expect(viaPost.status).toBe(200)
      expect(viaPost.headers.get('etag'), `POST ${i + 1}`).toBeNull()
      expect((await viaPost.json()).data.standards).toHaveLength(6)
    }
  })

  it('answers 304 Not Modified to a matching If-None-Match, and serves repeats from cache', async () => {
    const first = await get(cached, query, { 'Accept-Language': 'fr' })
    const etag = first.headers.get('etag')
    expect(etag).toBeTruthy()
    const again = await get(cached, query, { 'Accept-Language': 'fr', 'If-None-Match': etag! })
    expect(again.status).toBe(304)
    expect(await again.text()).toBe('')
    const repeat = await get(cached, query, { 'Accept-Language': 'fr' })
    expect(repeat.status).toBe(200)
    expect(repeat.headers.get('x-sql-statements')).toBe('0')
  })

  it('answers a subscription (which the API does not have) with an error, not a 500', async () => {
    const response = await get(cached, 'subscription { standards { number } }')
    expect(response.status).toBeLessThan(500)
    const body = await response.json()
    expect(body.errors?.length).toBeGreaterThan(0)
    expect(body.data ?? null).toBeNull()
  })
})

describe('persisted queries', () => {
  it('registers a query with its hash, then runs it by hash alone over GET', async () => {
    const query = `{ topics { slug } } # ${unique('apq')}`
    const sha256Hash = createHash('sha256').update(query).digest('hex')
    const extensions = { persistedQuery: { version: 1, sha256Hash } }
    const unknown = await (await get(cached, '', {}, extensions)).json()
    expect(unknown.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND')
    const register = await yoga.fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ query, extensions }),
    })
    const registered = await register.json()
    expect(registered.data.topics.length).toBeGreaterThan(0)
    const byHash = await get(cached, '', {}, extensions)
    expect(byHash.status).toBe(200)
    expect((await byHash.json()).data.topics.length).toBeGreaterThan(0)
  })

  it('refuses a hash that does not match its query', async () => {
    const response = await yoga.fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        query: '{ topics { slug } }',
        extensions: { persistedQuery: { version: 1, sha256Hash: 'ab'.repeat(32) } },
      }),
    })
    const body = await response.json()
    expect(body.errors[0].extensions.code).toBe('PERSISTED_QUERY_HASH_MISMATCH')
  })
})

describe('CORS and credentials', () => {
  it('lets any partner origin read, without credentials', async () => {
    const response = await yoga.fetch(url, {
      method: 'OPTIONS',
      headers: {
        Origin: 'https://partner.example',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type',
      },
    })
    expect(response.status).toBeLessThan(300)
    expect(['*', 'https://partner.example']).toContain(
      response.headers.get('access-control-allow-origin'),
    )
    expect(response.headers.get('access-control-allow-credentials')).not.toBe('true')
  })

  it('ignores an editor’s session: a browser sending cookies still gets published content only', async () => {
    const payload = await hub()
    const editor = await makeUser('editor')
    const draft = await payload.create({
      collection: 'resources',
      data: { title: unique('Cookie draft') },
    })
    const query = `{ resource(slug: "${draft.slug}") { slug } }`
    const { body } = await post(query, {}, { Cookie: `payload-token=${editor.token}` })
    expect(body.data.resource).toBeNull()
    // The admin's token where a partner's key goes is no key: refused, and nothing read.
    const withToken = await post(query, {}, { Authorization: `JWT ${editor.token}` })
    expect(withToken.status).toBe(401)
    expect(withToken.body.data).toBeUndefined()
    expect(withToken.body.errors?.[0]?.message).toMatch(/must be `Bearer <API key>`/)
  })
})

describe('limits on hostile queries', () => {
  it('refuses a query nested too deep', async () => {
    const deep = `{ resources { edges { node { workingGroups { resources { edges { node { workingGroups { resources { edges { node { workingGroups { slug } } } } } } } } } } } } }`
    const { body } = await post(deep)
    expect(body.errors?.[0]?.message).toMatch(/depth/i)
  })

  it('refuses too many aliases', async () => {
    const aliases = Array.from({ length: 20 }, (_, i) => `a${i}: topics { slug }`).join(' ')
    const { body } = await post(`{ ${aliases} }`)
    expect(body.errors?.[0]?.message).toMatch(/alias/i)
  })

  it('refuses, rather than expands, fragments that spread each other', async () => {
    const { status, body } = await post(`{ topics { ...F29 } }\n${nestedFragments('Term', 'slug')}`)
    expect(status).toBeLessThan(500)
    expect(body.errors?.length).toBeGreaterThan(0)
    expect(body.data ?? null).toBeNull()
  })

  it('answers malformed requests with 4xx, not 500', async () => {
    for (const body of ['   ', '{"query": ', '{"query": 42}']) {
      const response = await yoga.fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body,
      })
      expect(response.status).toBeGreaterThanOrEqual(400)
      expect(response.status).toBeLessThan(500)
    }
  })

  it('masks unexpected errors and never shows a stack', async () => {
    const { body } = await post('{ resources(first: 1) { edges { node { slug } } } }')
    expect(JSON.stringify(body)).not.toMatch(/at .*\.ts:\d+/)
  })
})

describe('GraphQL over HTTP', () => {
  it('passes every MUST of graphql-http’s server audits', async () => {
    const audits = serverAudits({ url, fetchFn: yoga.fetch as typeof fetch })
    const failed: string[] = []
    for (const audit of audits) {
      const result = await audit.fn()
      if (result.status === 'error') failed.push(`${audit.name}: ${result.reason}`)
    }
    expect(failed).toEqual([])
  })
})
