// Issue 20, item 4: one storage rule for starts known only to the day, month or approximately
// (src/events/knownStart.ts: midnight of the day on the organiser's clock), whether they come from
// the seed, the admin or REST; a migration that moves records of the seed's old rule (UTC
// midnight); the partner API's `startDate`; and the list's wording, no more precise than known.
import { sql } from '@payloadcms/db-postgres'
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { describeListedStart } from '../../src/components/admin/EventStartCell'
import { up as moveToTheRule } from '../../src/migrations/20261206_004006_event_start_convention'
import { hub, makeUser, rest, type TestUser, unique } from '../helpers/hub'
import { partnerApi } from '../helpers/partner'

let payload: Payload
let editor: TestUser
const api = partnerApi({ plan: false })

beforeAll(async () => {
  payload = await hub()
  editor = await makeUser('editor')
})

afterAll(async () => {
  await api.close()
})

const event = (data: Record<string, unknown>) => ({
  title: unique('Meeting'),
  kind: 'meeting',
  format: 'in-person',
  languages: ['en'],
  _status: 'published',
  ...data,
})

const stored = async (id: number) => {
  const { rows } = await payload.db.drizzle.execute(
    sql`SELECT starts_at FROM events WHERE id = ${id}`,
  )
  return new Date(rows[0]!.starts_at as string).toISOString()
}

const partnerStart = async (slug: string) => {
  const { body } = await api.post(
    `query ($slug: String!) { webinar(slug: $slug) { startsAt startDate start { local } } }`,
    { slug },
  )
  expect(body.errors).toBeUndefined()
  return body.data.webinar
}

describe('the storage rule', () => {
  it('keeps a day picked in New York at New York midnight, and names that day', async () => {
    // What the admin's picker sends for 4 October in America/New_York.
    const { status, body } = await rest('POST', '/events?depth=0', {
      token: editor.token,
      body: event({
        startsAt: '2021-10-04T04:00:00.000Z',
        startsAt_tz: 'America/New_York',
        precision: 'day',
        durationMinutes: 5 * 24 * 60,
      }),
    })
    expect(status).toBe(201)
    expect(await stored(body.doc.id)).toBe('2021-10-04T04:00:00.000Z')
    expect(await partnerStart(body.doc.slug)).toEqual({
      startsAt: '2021-10-04T04:00:00.000Z',
      startDate: '2021-10-04',
      start: { local: '2021-10-04T00:00' },
    })
  })

  it('stores a day- or month-known start given at another hour as midnight of its day or month', async () => {
    const day = await payload.create({
      collection: 'events',
      data: event({
        startsAt: '2021-10-04T16:30:00.000Z',
        startsAt_tz: 'America/New_York',
        precision: 'day',
      }) as never,
    })
    expect(await stored(day.id)).toBe('2021-10-04T04:00:00.000Z')
    const month = await payload.create({
      collection: 'events',
      data: event({
        startsAt: '2021-03-17T10:00:00.000Z',
        startsAt_tz: 'Europe/Zurich',
        precision: 'month',
      }) as never,
    })
    expect(await stored(month.id)).toBe('2021-02-28T23:00:00.000Z')
    expect((await partnerStart(month.slug!)).startDate).toBe('2021-03-01')
  })

  it('seeds the real records by the same rule: the 2019 annual meeting is on 14 October in Geneva', async () => {
    const { docs } = await payload.find({
      collection: 'events',
      where: { slug: { equals: 'annual-meeting-2019' } },
    })
    expect(await stored(docs[0]!.id)).toBe('2019-10-13T22:00:00.000Z')
    expect((await partnerStart('annual-meeting-2019')).startDate).toBe('2019-10-14')
  })
})

describe('the migration to the rule', () => {
  it('moves the seed’s UTC midnights to the organiser’s midnight of the same date, and leaves the rest', async () => {
    const make = async (startsAt: string, zone: string, precision: string) => {
      const doc = await payload.create({
        collection: 'events',
        data: event({ startsAt, startsAt_tz: zone, precision }) as never,
      })
      // Back to what an older hub stored, below the hooks.
      await payload.db.drizzle.execute(
        sql`UPDATE events SET starts_at = ${startsAt}::timestamptz WHERE id = ${doc.id}`,
      )
      return doc.id
    }
    const newYorkDay = await make('2021-10-04T00:00:00.000Z', 'America/New_York', 'day')
    const genevaMonth = await make('2021-03-01T00:00:00.000Z', 'Europe/Zurich', 'month')
    const bangkokApprox = await make('2015-01-01T00:00:00.000Z', 'Asia/Bangkok', 'approximate')
    const alreadyRight = await make('2021-10-04T04:00:00.000Z', 'America/New_York', 'day')
    const exact = await make('2021-10-04T00:00:00.000Z', 'America/New_York', 'exact')
    await moveToTheRule({ db: payload.db.drizzle, payload, req: {} } as never)
    expect(await stored(newYorkDay)).toBe('2021-10-04T04:00:00.000Z')
    expect(await stored(genevaMonth)).toBe('2021-02-28T23:00:00.000Z')
    expect(await stored(bangkokApprox)).toBe('2014-12-31T17:00:00.000Z')
    expect(await stored(alreadyRight)).toBe('2021-10-04T04:00:00.000Z')
    expect(await stored(exact)).toBe('2021-10-04T00:00:00.000Z')
  })
})

describe('the list’s wording', () => {
  it('says only what is known, with a zone only for a known clock time', () => {
    expect(
      describeListedStart({
        startsAt: '2021-10-04T04:00:00.000Z',
        startsAt_tz: 'America/New_York',
        precision: 'day',
        durationMinutes: 5 * 24 * 60,
      }),
    ).toBe('4–8 Oct 2021')
    expect(
      describeListedStart({
        startsAt: '2021-03-04T23:00:00.000Z',
        startsAt_tz: 'Europe/Zurich',
        precision: 'day',
      }),
    ).toBe('5 Mar 2021')
    expect(
      describeListedStart({
        startsAt: '2021-02-28T23:00:00.000Z',
        startsAt_tz: 'Europe/Zurich',
        precision: 'month',
      }),
    ).toBe('March 2021')
    expect(
      describeListedStart({
        startsAt: '2018-03-14T23:00:00.000Z',
        startsAt_tz: 'Europe/Zurich',
        precision: 'approximate',
        approximateLabel: 'mid-March',
      }),
    ).toBe('mid-March 2018')
    expect(
      describeListedStart({
        startsAt: '2026-07-21T12:00:00.000Z',
        startsAt_tz: 'Europe/Zurich',
        precision: 'exact',
      }),
    ).toBe('21 Jul 2026, 14:00 CEST (Europe/Zurich)')
  })
})
