// The partner API as a stranger meets it: deny-by-default access, requests that once reached a 500,
// bounded stores, cache headers that cannot leak one answer to another, and ids and cursors that are
// exactly what the API made or nothing.
import { createHash } from 'node:crypto'
import { getPayload } from 'payload'
import { describe, expect, it } from 'vitest'

import config from '../../payload.config'
import { publicFilters, readPublicRules } from '../../src/access/publicRules'
import { MAX_BODY_BYTES } from '../../graphql/guard'
import { toGlobalId } from '../../src/ids'
import { hub, unique } from '../helpers/hub'
import { partnerApi } from '../helpers/partner'

const { yoga, post } = partnerApi()
const url = 'http://hub.test/graphql'
const raw = (init: RequestInit & { path?: string } = {}) =>
  yoga.fetch(`${url}${init.path ?? ''}`, init)
const nested = (depth: number, open: string, close: string, inner = '1') =>
  open.repeat(depth) + inner + close.repeat(depth)
const b64 = (text: string) => Buffer.from(text).toString('base64url')

describe('deny by default', () => {
  it('hides a collection whose anonymous rule is false or not expressible, and says so', async () => {
    const sanitized = await config
    const warnings: string[] = []
    const pick = (slug: string) => sanitized.collections.find((c) => c.slug === slug)!
    const topics = pick('topics')
    const resources = pick('resources')
    const standards = pick('standards')
    const filters = await publicFilters(
      {
        ...sanitized,
        collections: [
          { ...topics, access: { ...topics.access, read: () => false } },
          {
            ...resources,
            access: { ...resources.access, read: () => ({ title: { like: 'x' } }) },
          },
          standards,
        ],
      },
      (line) => warnings.push(line),
    )
    expect(filters).toMatchObject({ topics: 'hidden', resources: 'hidden', standards: 'all' })
    expect(warnings).toEqual([expect.stringMatching(/"resources" is hidden/)])
  })

  it('starts from rules generated from the config itself (graphql/generated/public-rules.json)', async () => {
    // The API no longer loads the admin's config at start; the generated file must say what it would.
    expect(readPublicRules()).toEqual(await publicFilters(await config, () => {}))
    expect(readPublicRules()).toMatchObject({ resources: 'published', users: 'hidden' })
  })

  it('serves nothing of a hidden collection: not its listing, its terms, nor its facets', async () => {
    const hidden = partnerApi({
      publicFilters: { resources: 'published', standards: 'all', 'publication-types': 'all' },
    })
    const { body } = await hidden.post(
      `{ topics { slug } standards(pillar: 1) { number }
         resourceFacets { topics { value } types { value } } }`,
    )
    expect(body.errors).toBeUndefined()
    expect(body.data.topics).toEqual([])
    expect(body.data.standards).toHaveLength(6)
    expect(body.data.resourceFacets.topics).toEqual([])
    expect(body.data.resourceFacets.types.length).toBeGreaterThan(0)
  })

  it('serves a published translation only while its resource is published', async () => {
    const payload = await hub()
    const resource = await payload.create({
      collection: 'resources',
      data: { title: unique('Unpublished source'), _status: 'draft' },
      draft: true,
    })
    const translation = await payload.create({
      collection: 'translations',
      data: {
        resource: resource.id,
        language: 'pl',
        title: 'Tłumaczenie',
        format: 'full',
        _status: 'published',
        progress: 'complete',
      },
    })
    const id = toGlobalId('Translation', translation.id)
    const hiddenNode = await post(`{ node(id: "${id}") { id } }`)
    expect(hiddenNode.body.data.node).toBeNull()
    await payload.update({
      collection: 'resources',
      id: resource.id,
      data: { _status: 'published' },
    })
    const shown = await post(`{ node(id: "${id}") { id } }`)
    expect(shown.body.data.node).toEqual({ id })
  })
})

describe('requests that once reached a 500', () => {
  it('answers TRACE and other methods with 405 and an Allow header', async () => {
    // TRACE itself cannot be made with fetch: `npm run fuzz` sends it over a socket.
    for (const method of ['PUT', 'DELETE', 'PATCH', 'PROPFIND']) {
      const response = await raw({ method })
      expect(response.status).toBe(405)
      expect(response.headers.get('allow')).toMatch(/GET/)
    }
  })

  it('refuses bodies over 64 KB with 413, declared or streamed', async () => {
    const big = JSON.stringify({ query: `{ topics { slug } } #${'x'.repeat(MAX_BODY_BYTES)}` })
    const declared = await raw({
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: big,
    })
    expect(declared.status).toBe(413)
    const stream = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 100; i++) controller.enqueue(new TextEncoder().encode('x'.repeat(1024)))
        controller.close()
      },
    })
    const streamed = await raw({
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit)
    expect(streamed.status).toBe(413)
  })

  it('answers 400 to deep JSON, bad GET parameters, deep literals and NUL characters', async () => {
    const deepVariables = `{"query": "query ($s: String!) { resources(search: $s) { totalCount } }",
      "variables": {"s": ${nested(10_000, '[', ']', '"x"')}}}`
    const deepObject = `{"query": "{ topics { slug } }", "variables": ${nested(10_000, '{"a":', '}')}}`
    const cases: [string, RequestInit & { path?: string }][] = [
      ['variables nested 10,000 arrays deep', { method: 'POST', body: deepVariables }],
      ['variables nested 10,000 objects deep', { method: 'POST', body: deepObject }],
      [
        'GET variables that are not JSON',
        { path: `?query=${encodeURIComponent('{ topics { slug } }')}&variables=%7Bnope` },
      ],
      ['GET extensions that are not JSON', { path: `?query=x&extensions=[1,` }],
      [
        'a list literal nested 10,000 deep',
        {
          method: 'POST',
          body: JSON.stringify({
            query: `{ resources(filter: { standards: ${nested(10_000, '[', ']')} }) { totalCount } }`,
          }),
        },
      ],
      [
        'a NUL character in a search',
        {
          method: 'POST',
          body: JSON.stringify({
            query: 'query ($s: String) { resources(search: $s) { totalCount } }',
            variables: { s: 'a\u0000b' },
          }),
        },
      ],
    ]
    for (const [label, init] of cases) {
      const response = await raw({
        ...init,
        headers: {
          'Content-Type': 'application/json',
          Accept: 'application/graphql-response+json',
        },
      })
      expect(response.status, label).toBe(400)
      const text = await response.text()
      expect(text, label).not.toMatch(/\bat .+:\d+:\d+|node_modules|\/work\//)
      expect(JSON.parse(text).errors?.[0]?.message, label).toBeTruthy()
    }
  })
})

describe('persisted queries', () => {
  it('keeps a query only after it has passed validation', async () => {
    const query = `{ noSuchField } # ${unique('junk')}`
    const sha256Hash = createHash('sha256').update(query).digest('hex')
    const extensions = { persistedQuery: { version: 1, sha256Hash } }
    const register = await post(query, {}, {})
    expect(register.body.errors?.length).toBeGreaterThan(0)
    await raw({
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ query, extensions }),
    })
    const byHash = await raw({
      path: `?extensions=${encodeURIComponent(JSON.stringify(extensions))}`,
      headers: { Accept: 'application/graphql-response+json' },
    })
    expect((await byHash.json()).errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND')
  })
})

describe('cache headers', () => {
  const get = (query: string, headers: Record<string, string> = {}) =>
    raw({
      path: `?query=${encodeURIComponent(query)}`,
      headers: { Accept: 'application/graphql-response+json', ...headers },
    })

  it('varies public answers with Origin, with or without one', async () => {
    for (const headers of [{}, { Origin: 'https://partner.example' }] as Record<string, string>[]) {
      const response = await get('{ topics { slug } }', headers)
      expect(response.headers.get('cache-control')).toMatch(/^public/)
      expect(response.headers.get('vary')).toMatch(/Origin/)
      expect(response.headers.get('vary')).toMatch(/Accept-Language/)
    }
  })

  it('never lets a shared cache keep an answer with errors', async () => {
    const response = await get('{ resources(first: 500) { totalCount } }')
    expect((await response.json()).errors?.length).toBeGreaterThan(0)
    expect(response.headers.get('cache-control')).toBe('no-store')
  })
})

describe('ids and cursors', () => {
  it('takes only decimal ids from 1 to 2^31-1, without failing the other ids of the request', async () => {
    const payload = await getPayload({ config })
    const { docs } = await payload.find({
      collection: 'resources',
      where: { _status: { equals: 'published' } },
      limit: 1,
    })
    const good = toGlobalId('Resource', docs[0]!.id)
    for (const bad of ['1e21', '0x10', '2147483648', '-1', '0', '1.5', ' 1', '']) {
      const { body } = await post(
        `{ good: node(id: "${good}") { id } bad: node(id: "${b64(`Resource:${bad}`)}") { id } }`,
      )
      expect(body.data?.good, bad).toEqual({ id: good })
      expect(body.errors?.[0]?.extensions, bad).toMatchObject({
        code: 'BAD_USER_INPUT',
        argument: 'id',
      })
    }
  })

  it('refuses another listing’s cursor, another order’s, and one edited by hand', async () => {
    const webinars = await post('{ webinars(when: PAST, first: 1) { pageInfo { endCursor } } }')
    const newest = await post('{ resources(first: 1) { pageInfo { endCursor } } }')
    const webinarCursor = webinars.body.data.webinars.pageInfo.endCursor as string
    const newestCursor = newest.body.data.resources.pageInfo.endCursor as string
    const [tag] = JSON.parse(Buffer.from(newestCursor, 'base64url').toString()) as [string]
    const cases = [
      `{ resources(after: "${webinarCursor}") { totalCount } }`,
      `{ resources(sort: TITLE, after: "${newestCursor}") { totalCount } }`,
      `{ resources(after: "${b64(JSON.stringify([tag, 'not a date', '1']))}") { totalCount } }`,
      `{ resources(after: "${b64(JSON.stringify([tag, '2021-01-01', { id: 1 }]))}") { totalCount } }`,
    ]
    for (const query of cases) {
      const { status, body } = await post(query)
      expect(status, query).toBeLessThan(500)
      expect(body.errors?.[0]?.extensions, query).toMatchObject({
        code: 'BAD_USER_INPUT',
        argument: 'after',
      })
    }
    const next = await post(`{ resources(first: 1, after: "${newestCursor}") { totalCount } }`)
    expect(next.body.errors).toBeUndefined()
  })
})

describe('the response cache', () => {
  it('is bounded by bytes: small answers are kept, the least recently used go first, a huge one is never kept', async () => {
    const small = partnerApi({ responseCache: true, responseCacheBytes: 8 * 1024 })
    const statements = async (query: string) => (await small.post(query)).statements
    const pillar = (n: number) => `{ standards(pillar: ${n}) { number } }`
    await statements(pillar(1))
    expect(await statements(pillar(1))).toBe(0)
    const big =
      '{ resources(first: 100) { edges { node { slug title { text } summary { text } } } } }'
    await statements(big)
    expect(await statements(big)).toBeGreaterThan(0)
    // Enough other answers to push the first one out of 8 KB.
    for (let i = 0; i < 40; i++) await statements(`{ topics { slug } } # ${i} ${'x'.repeat(100)}`)
    expect(await statements(pillar(1))).toBeGreaterThan(0)
  })
})
