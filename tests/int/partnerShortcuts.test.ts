// Planned POSTs answered again without yoga (graphql/shortcuts.ts): the second and later answers to
// the same body must be what yoga gives, byte for byte (body and headers), with fresh data, counted
// in the caller's budget and in usage as yoga counts them; anything that differs in what the answer
// depends on, or that yoga would refuse, is still yoga's to answer.
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { BudgetLimits } from '../../graphql/budgets'
import { hub, makeUser, rest, unique, type TestUser } from '../helpers/hub'
import { partnerApi } from '../helpers/partner'

const LIMITS: BudgetLimits = { anonymous: 5000, standard: 5000, extended: 5000, alliance: Infinity }
const api = partnerApi({ plan: true, budgets: LIMITS })
const resolved = partnerApi({ plan: false, budgets: LIMITS })
const cached = partnerApi({ plan: true, responseCache: true })
let payload: Payload
let editor: TestUser
let id = 0
let topic = ''
const marker = unique('shortcut')

const LISTING = `query Listing($topic: String!) @inContext(locale: FR, fallback: [EN]) {
  resources(first: 5, filter: { topics: [$topic] }) {
    edges { cursor node { id slug title { text locale } topics { name { text } } } }
    pageInfo { hasNextPage endCursor } } }`

const fresh = () => `198.19.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`
const remainingOf = (headers: Headers) =>
  Number(/;r=(\d+)/.exec(headers.get('ratelimit') ?? '')?.[1])
/** The headers an answer's bytes are judged by: all but the date. */
const headersOf = (headers: Headers) => [...headers].filter(([name]) => name !== 'date')

beforeAll(async () => {
  payload = await hub()
  editor = await makeUser('editor')
  const made = await payload.create({
    collection: 'topics',
    data: { name: `${marker} topic` },
  })
  topic = made.slug!
  const created = await rest('POST', '/resources?locale=en', {
    token: editor.token,
    body: {
      title: `${marker} first title`,
      summary: 'Summary',
      publicationDate: '2031-05-01T00:00:00.000Z',
      languages: ['en'],
      topics: [made.id],
      _status: 'published',
    },
  })
  expect(created.status).toBe(201)
  id = created.body.doc.id as number
})

afterAll(async () => {
  await Promise.all([api.close(), resolved.close(), cached.close()])
})

describe('a planned POST asked again', () => {
  it('is answered without yoga, with the bytes and headers yoga gave, fresh data and one statement', async () => {
    const address = fresh()
    const headers = { 'X-Forwarded-For': address, Origin: 'https://partner.example' }
    const served = api.shortcutsServed()
    const first = await api.post(LISTING, { topic }, headers)
    expect(first.status).toBe(200)
    expect(api.shortcutsServed()).toBe(served)
    const second = await api.post(LISTING, { topic }, headers)
    expect(api.shortcutsServed()).toBe(served + 1)
    expect(JSON.stringify(second.body)).toBe(JSON.stringify(first.body))
    expect(second.statements).toBe(1)
    const cost = (first.body as { extensions: { cost: { requested: number } } }).extensions.cost
      .requested
    // Counted as yoga counts it: the operation's cost, in the same budget.
    expect(remainingOf(second.headers)).toBe(remainingOf(first.headers) - cost)
    // The same headers in the same order; only what is counted differs.
    const rateless = (h: Headers) => headersOf(h).filter(([name]) => !name.startsWith('ratelimit'))
    expect(rateless(second.headers)).toEqual(rateless(first.headers))
    expect(headersOf(second.headers).map(([name]) => name)).toEqual(
      headersOf(first.headers).map(([name]) => name),
    )
    expect(second.headers.get('cache-tag')).toContain(`Resource-${id}`)
    expect(second.headers.get('access-control-allow-origin')).toBeTruthy()

    // The resolvers' answer is the same (the planner's own tests cover every shape).
    const byResolvers = await resolved.post(LISTING, { topic }, headers)
    expect(JSON.stringify(second.body)).toBe(JSON.stringify(byResolvers.body))

    // A change shows at once: the statement runs for every answer.
    await payload.update({
      collection: 'resources',
      id,
      locale: 'en',
      data: { title: `${marker} second title`, _status: 'published' } as never,
    })
    const third = await api.post(LISTING, { topic }, headers)
    expect(api.shortcutsServed()).toBe(served + 2)
    expect(JSON.stringify(third.body)).toContain(`${marker} second title`)
    expect(JSON.stringify(third.body)).toBe(
      JSON.stringify((await resolved.post(LISTING, { topic }, headers)).body),
    )
  })

  it('in another language or for another origin is yoga’s to answer first', async () => {
    const query = `query Plain($topic: String!) { resources(first: 3, filter: { topics: [$topic] }) { edges { node { slug title { text locale } } } } }`
    await api.post(query, { topic }, { 'Accept-Language': 'fr' })
    const served = api.shortcutsServed()
    const spanish = await api.post(query, { topic }, { 'Accept-Language': 'es' })
    expect(api.shortcutsServed()).toBe(served)
    expect(spanish.body).toEqual(
      (await resolved.post(query, { topic }, { 'Accept-Language': 'es' })).body,
    )
    await api.post(query, { topic }, { 'Accept-Language': 'fr', Origin: 'https://other.example' })
    expect(api.shortcutsServed()).toBe(served)
    await api.post(query, { topic }, { 'Accept-Language': 'fr' })
    expect(api.shortcutsServed()).toBe(served + 1)
  })

  it('is refused by yoga when the budget cannot pay for it', async () => {
    const costly = await api.post(LISTING, { topic }, { 'X-Forwarded-For': fresh() })
    const cost = (costly.body as { extensions: { cost: { requested: number } } }).extensions.cost
      .requested
    // Enough for two answers and a half: the third costs more than remains.
    const points = Math.floor(2.5 * cost)
    const small = partnerApi({
      plan: true,
      budgets: { anonymous: points, standard: points, extended: points, alliance: Infinity },
    })
    try {
      const headers = { 'X-Forwarded-For': fresh() }
      const answers = []
      for (let i = 0; i < 3; i++) answers.push(await small.post(LISTING, { topic }, headers))
      expect(answers.map((a) => a.status)).toEqual([200, 200, 429])
      expect(small.shortcutsServed()).toBe(1)
      expect(remainingOf(answers[1]!.headers)).toBe(points - 2 * cost)
      // yoga's own refusal: an error saying what it costs, and the RateLimit fields.
      expect(answers[2]!.body.data ?? null).toBeNull()
      expect(answers[2]!.body.errors?.[0]?.message).toMatch(String(cost))
      expect(remainingOf(answers[2]!.headers)).toBeLessThan(cost)
    } finally {
      await small.close()
    }
  })

  it('is not taken with the response cache on: the cache answers it', async () => {
    const a = await cached.post(LISTING, { topic })
    const b = await cached.post(LISTING, { topic })
    expect(b.body).toEqual(a.body)
    expect(b.statements).toBe(0)
    expect(cached.shortcutsServed()).toBe(0)
  })
})
