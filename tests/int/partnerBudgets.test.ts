// Issue 23, item 2: fair use in query cost. Every answer says what it cost (`extensions.cost`) and
// where the caller stands (IETF RateLimit and RateLimit-Policy fields, and `Query.rateLimit`);
// anonymous callers have a budget per address, keys their tier's; over budget, 429 with
// Retry-After; budgets are counted in PostgreSQL, so a second process sees what the first spent.
// Small budgets here (the rest of the suite reads with budgets out of reach: tests/setup/env.ts).
import { setTimeout as sleep } from 'node:timers/promises'
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type BudgetLimits } from '../../graphql/budgets'
import { hub, unique } from '../helpers/hub'
import { partnerApi } from '../helpers/partner'

const LIMITS: BudgetLimits = {
  anonymous: 400,
  standard: 2000,
  extended: 10_000,
  alliance: Infinity,
}
const one = partnerApi({ budgets: LIMITS, responseCache: true, internalToken: 'site-mark' })
const other = partnerApi({ budgets: LIMITS, responseCache: true })
let payload: Payload
let partner: number

/** A listing under a new alias each time: the same cost, never an answer from the cache. */
let asked = 0
const listing = () => `{ r${++asked}: resources(first: 1) { totalCount edges { node { slug } } } }`
const STANDING = '{ rateLimit { policy limit remaining resetInSeconds windowSeconds } }'

const fresh = () => `198.18.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`
const from = (address: string, headers: Record<string, string> = {}) => ({
  'X-Forwarded-For': address,
  ...headers,
})

beforeAll(async () => {
  payload = await hub()
  partner = (
    await payload.create({ collection: 'partners', data: { organisation: unique('Plan') } })
  ).id
})

afterAll(async () => {
  await one.close()
  await other.close()
})

/** The `r` (remaining) of a RateLimit field. */
const remainingOf = (headers: Headers) =>
  Number(/;r=(\d+)/.exec(headers.get('ratelimit') ?? '')?.[1])
const costOf = (body: unknown) =>
  (body as { extensions?: { cost?: { requested?: number } } }).extensions?.cost?.requested

describe('every answer', () => {
  it('says what it cost in its body, and what remains in the RateLimit fields', async () => {
    const address = fresh()
    const first = await one.post(listing(), {}, from(address))
    expect(first.status).toBe(200)
    const cost = costOf(first.body)!
    expect(cost).toBeGreaterThan(1)
    expect((first.body as { extensions?: unknown }).extensions).toEqual({
      cost: { requested: cost },
    })
    expect(first.headers.get('ratelimit-policy')).toBe('"anonymous";q=400;w=60')
    expect(first.headers.get('ratelimit')).toMatch(
      new RegExp(`^"anonymous";r=${400 - cost};t=\\d+$`),
    )
    const second = await one.post(listing(), {}, from(address))
    expect(remainingOf(second.headers)).toBe(400 - 2 * cost)
  })

  it('is the same body from the response cache, which counts as 1 point', async () => {
    const address = fresh()
    const query = '{ topics { slug } }'
    const miss = await one.post(query, {}, from(fresh()))
    const hit = await one.post(query, {}, from(address))
    expect(hit.body).toEqual(miss.body)
    expect(costOf(hit.body)).toBeGreaterThan(1)
    expect(remainingOf(hit.headers)).toBe(399)
  })

  it('and `rateLimit` says where the caller stands, never from the cache', async () => {
    const address = fresh()
    const a = await one.post(STANDING, {}, from(address))
    const b = await one.post(STANDING, {}, from(address))
    expect(a.body.data.rateLimit).toMatchObject({
      policy: 'anonymous',
      limit: 400,
      windowSeconds: 60,
    })
    expect(b.body.data.rateLimit.remaining).toBeLessThan(a.body.data.rateLimit.remaining)
    expect(b.headers.get('cache-control')).toBe('no-store')
  })
})

describe('over budget', () => {
  it('answers 429 with Retry-After and the RateLimit fields, per address', async () => {
    const address = fresh()
    let last = await one.post(listing(), {}, from(address))
    for (let i = 0; i < 100 && last.status === 200; i++)
      last = await one.post(listing(), {}, from(address))
    expect(last.status).toBe(429)
    const retry = Number(last.headers.get('retry-after'))
    expect(retry).toBeGreaterThan(0)
    expect(retry).toBeLessThanOrEqual(60)
    expect(last.headers.get('ratelimit')).toMatch(/^"anonymous";r=\d+;t=\d+$/)
    expect(last.body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED')
    expect(last.body.errors?.[0]?.message).toMatch(/budget/)
    // Another address is not affected.
    expect((await one.post(listing(), {}, from(fresh()))).status).toBe(200)
  })

  it('refuses, before it runs, an operation costing more than remains', async () => {
    const address = fresh()
    const costly =
      '{ resources(first: 100) { edges { node { slug title { text } summary { text } } } } }'
    const { status, body } = await one.post(costly, {}, from(address))
    expect(status).toBe(429)
    expect(body.data).toBeUndefined()
    expect(body.errors?.[0]?.message).toMatch(
      /^This operation costs \d+ points and 400 of the 400 points/,
    )
    // It cost nearly nothing: the cheap listing still runs.
    expect((await one.post(listing(), {}, from(address))).status).toBe(200)
  })

  it('is counted in PostgreSQL: a second process sees what the first spent', async () => {
    const address = fresh()
    let spent = 0
    for (let i = 0; i < 10; i++) {
      const answer = await one.post(listing(), {}, from(address))
      spent += costOf(answer.body)!
    }
    // The first process hands its sums to the store within a flush (200 ms).
    await sleep(600)
    const seen = await other.post(STANDING, {}, from(address))
    expect(seen.body.data.rateLimit.remaining).toBeLessThanOrEqual(400 - spent)
  })
})

describe('keys', () => {
  it('have their tier’s budget, counted per key whatever the address', async () => {
    const made = (await payload.create({
      collection: 'api-keys',
      data: { partner, label: unique('Budget'), tier: 'standard' } as never,
    })) as unknown as { key: string }
    const answer = await one.post(
      listing(),
      {},
      from(fresh(), { Authorization: `Bearer ${made.key}` }),
    )
    expect(answer.headers.get('ratelimit-policy')).toBe('"standard";q=2000;w=60')
    const again = await one.post(
      STANDING,
      {},
      from(fresh(), { Authorization: `Bearer ${made.key}` }),
    )
    const spent = costOf(answer.body)!
    expect(spent).toBeGreaterThan(1)
    // Counted for the key, though asked from another address.
    expect(again.body.data.rateLimit.remaining).toBeLessThanOrEqual(2000 - spent)
  })

  it('of the Alliance’s tier, and the site the hub serves, have no limit', async () => {
    const made = (await payload.create({
      collection: 'api-keys',
      data: { partner, label: unique('Alliance'), tier: 'alliance' } as never,
    })) as unknown as { key: string }
    const keyed = await one.post(
      STANDING,
      {},
      from(fresh(), { Authorization: `Bearer ${made.key}` }),
    )
    expect(keyed.body.data.rateLimit).toMatchObject({
      policy: 'alliance',
      limit: null,
      remaining: null,
    })
    expect(keyed.headers.get('ratelimit')).toBeNull()
    const site = await one.post(STANDING, {}, from(fresh(), { 'X-Hub-Internal': 'site-mark' }))
    expect(site.body.data.rateLimit.limit).toBeNull()
    // A wrong mark is an anonymous caller.
    const stranger = await one.post(STANDING, {}, from(fresh(), { 'X-Hub-Internal': 'guess' }))
    expect(stranger.body.data.rateLimit.policy).toBe('anonymous')
  })
})
