// Issue 20, item 5: an event's end as editors think of it (16:00–17:15; 4–8 October), the duration
// following from it; each session with its own end; over REST as the admin's form sends it.
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { describeListedStart } from '../../src/components/admin/EventStartCell'
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

const create = async (data: Record<string, unknown>) =>
  rest('POST', '/events?depth=0', {
    token: editor.token,
    body: {
      title: unique('Event with an end'),
      kind: 'webinar',
      format: 'online',
      languages: ['en'],
      precision: 'exact',
      _status: 'published',
      ...data,
    },
  })

describe('an event’s end', () => {
  it('16:00–17:15 in Geneva is 75 minutes, and partners read that end', async () => {
    const { status, body } = await create({
      startsAt: '2026-09-10T14:00:00.000Z',
      startsAt_tz: 'Europe/Zurich',
      endsAt: '2026-09-10T15:15:00.000Z',
      endsAt_tz: 'Europe/Zurich',
    })
    expect(status).toBe(201)
    expect(body.doc).toMatchObject({
      durationMinutes: 75,
      endsAt: '2026-09-10T15:15:00.000Z',
      endsAt_tz: 'Europe/Zurich',
    })
    const { body: answer } = await api.post(
      `query ($slug: String!) { webinar(slug: $slug) { endsAt durationMinutes end { local } } }`,
      { slug: body.doc.slug },
    )
    expect(answer.data.webinar).toEqual({
      endsAt: '2026-09-10T15:15:00.000Z',
      durationMinutes: 75,
      end: { local: '2026-09-10T17:15' },
    })
  })

  it('is read on the start’s clock whatever zone the picker held', async () => {
    // 16:00 in New York; the end's (hidden) zone still the default when the form was filled.
    const { body } = await create({
      startsAt: '2026-09-10T20:00:00.000Z',
      startsAt_tz: 'America/New_York',
      endsAt: '2026-09-10T15:15:00.000Z',
      endsAt_tz: 'Europe/Zurich',
    })
    expect(body.doc).toMatchObject({
      durationMinutes: 75,
      endsAt: '2026-09-10T21:15:00.000Z',
      endsAt_tz: 'America/New_York',
    })
  })

  it('of a meeting on 4–8 October known to the day is its last day: five days', async () => {
    const { body } = await create({
      kind: 'meeting',
      precision: 'day',
      startsAt: '2021-10-03T22:00:00.000Z',
      startsAt_tz: 'Europe/Zurich',
      endsAt: '2021-10-08T10:00:00.000Z',
      endsAt_tz: 'Europe/Zurich',
    })
    expect(body.doc).toMatchObject({
      durationMinutes: 5 * 24 * 60,
      endsAt: '2021-10-07T22:00:00.000Z',
    })
    expect(describeListedStart(body.doc)).toBe('4–8 Oct 2021')
  })

  it('before the start is refused, naming the field', async () => {
    const { status, body } = await create({
      startsAt: '2026-09-10T14:00:00.000Z',
      startsAt_tz: 'Europe/Zurich',
      endsAt: '2026-09-10T13:00:00.000Z',
      endsAt_tz: 'Europe/Zurich',
    })
    expect(status).toBe(400)
    expect(JSON.stringify(body.errors)).toContain('The end is before the start')
    expect(JSON.stringify(body.errors)).toContain('endsAt')
  })

  it('follows from a duration given without one (REST, the seed), and goes with it when cleared', async () => {
    const { body } = await create({
      startsAt: '2026-09-10T14:00:00.000Z',
      startsAt_tz: 'Europe/Zurich',
      durationMinutes: 90,
    })
    expect(body.doc).toMatchObject({ endsAt: '2026-09-10T15:30:00.000Z', durationMinutes: 90 })
    const cleared = await rest('PATCH', `/events/${body.doc.id}?depth=0`, {
      token: editor.token,
      body: { endsAt: null },
    })
    expect(cleared.body.doc.durationMinutes ?? null).toBeNull()
    expect(cleared.body.doc.endsAt ?? null).toBeNull()
  })

  it('is shown for a record saved before ends existed, from its duration', async () => {
    const { docs } = await payload.find({
      collection: 'events',
      where: { slug: { equals: 'annual-meeting-2019' } },
    })
    // 14–15 October 2019 in Geneva: the last day, on the organiser's clock.
    expect(docs[0]).toMatchObject({
      durationMinutes: 2 * 24 * 60,
      endsAt: '2019-10-14T22:00:00.000Z',
    })
  })
})

describe('a session’s end', () => {
  it('gives each session its duration, and the webinar the last one’s end', async () => {
    const { body } = await create({
      startsAt: '2026-07-21T12:00:00.000Z',
      startsAt_tz: 'Europe/Zurich',
      sessions: [
        {
          language: 'en',
          startsAt: '2026-07-21T12:00:00.000Z',
          startsAt_tz: 'Europe/Zurich',
          endsAt: '2026-07-21T13:30:00.000Z',
          endsAt_tz: 'Europe/Zurich',
        },
        {
          language: 'es',
          startsAt: '2026-07-23T15:00:00.000Z',
          startsAt_tz: 'America/New_York',
          // 12:00 on the picker's default clock (Zurich) is 12:00 in New York.
          endsAt: '2026-07-23T10:00:00.000Z',
          endsAt_tz: 'Europe/Zurich',
        },
      ],
    })
    expect(body.doc.sessions.map((s: { durationMinutes: number }) => s.durationMinutes)).toEqual([
      90, 60,
    ])
    const { body: answer } = await api.post(
      `query ($slug: String!) { webinar(slug: $slug) { endsAt sessions { endsAt } } }`,
      { slug: body.doc.slug },
    )
    expect(answer.data.webinar).toEqual({
      endsAt: '2026-07-23T16:00:00.000Z',
      sessions: [{ endsAt: '2026-07-21T13:30:00.000Z' }, { endsAt: '2026-07-23T16:00:00.000Z' }],
    })
  })
})
