// Issue 12 item 7, "the admin fixes", below the browser: slugs from titles with separators, a
// duplicate slug that names its holder, time zones found by abbreviation or city, dates formatted
// as precisely as known, events organised by the Alliance or by organisations, and a webinar held
// in several sessions (partner API and iCalendar). The same fixes in the admin itself are checked
// in Chromium by adminBrowser.test.ts.
import ICAL from 'ical.js'
import { type CollectionSlug, createLocalReq, type Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { GET as calendarRoute } from '../../src/app/(partner)/calendar/[...path]/route'
import { formatByPrecision } from '../../src/datePrecision'
import { refusalMessage } from '../../src/hooks/explainRefusals'
import { toSlug } from '../../src/slugs'
import { findTimeZones, formatZoned, TIME_ZONES } from '../../src/timeZones'
import { hub, makeUser, rest, unique } from '../helpers/hub'
import { partnerApi } from '../helpers/partner'

let payload: Payload
const created: { collection: CollectionSlug; id: number }[] = []
const { post, close } = partnerApi()

beforeAll(async () => {
  payload = await hub()
})

afterAll(async () => {
  for (const { collection, id } of created.reverse()) {
    await payload.delete({ collection, id }).catch(() => undefined)
  }
  await close()
})

const keep = <T extends { id: number }>(doc: T, collection: CollectionSlug) => {
  created.push({ collection, id: doc.id })
  return doc
}

describe('slugs from titles', () => {
  it('reads "A | B" as a-b, and separators as word breaks', () => {
    expect(toSlug('A | B')).toBe('a-b')
    expect(toSlug('Technical Note | Girls in Humanitarian Settings')).toBe(
      'technical-note-girls-in-humanitarian-settings',
    )
    expect(toSlug('A / B \\ C · D – E — F')).toBe('a-b-c-d-e-f')
    expect(toSlug('Part 1: Guidance; annex+tools')).toBe('part-1-guidance-annex-tools')
    expect(toSlug('<5 years')).toBe('5-years')
    // "&" reads as "and" in English titles.
    expect(toSlug('Gender & Inclusion')).toBe('gender-and-inclusion')
    expect(toSlug(`${'word '.repeat(30)}| end`)).not.toMatch(/-$/)
  })

  it('makes the slug of a saved resource from such a title', async () => {
    const title = `${unique('Technical Note')} | Girls`
    const resource = keep(
      await payload.create({ collection: 'resources', data: { title } }),
      'resources',
    )
    expect(resource.slug).toBe(toSlug(title))
    expect(resource.slug).not.toMatch(/-or-/)
  })
})

describe('a duplicate slug', () => {
  it('says which record holds it, by kind, title and id', async () => {
    const title = unique('Slug holder')
    const holder = keep(
      await payload.create({ collection: 'resources', data: { title } }),
      'resources',
    )
    const { token } = await makeUser('editor')
    const { status, body } = await rest('POST', '/resources', {
      token,
      body: { title: unique('Another'), slug: holder.slug },
    })
    expect(status).toBe(400)
    const messages = JSON.stringify(body)
    expect(messages).toContain(
      `The slug \\"${holder.slug}\\" is already used by the resource \\"${title}\\" (id ${holder.id})`,
    )
  })
})

describe('a duplicate slug saved as a draft', () => {
  it('is refused with its holder too (drafts skip validation, not this check)', async () => {
    const title = unique('Draft slug holder')
    const holder = keep(
      await payload.create({ collection: 'resources', data: { title } }),
      'resources',
    )
    const { token } = await makeUser('editor')
    const { status, body } = await rest('POST', '/resources?draft=true', {
      token,
      body: { title: unique('Another draft'), slug: holder.slug, _status: 'draft' },
    })
    expect(status).toBe(400)
    expect(body.errors[0].message).toBe(
      `The slug "${holder.slug}" is already used by the resource "${title}" (id ${holder.id}): choose another.`,
    )
    expect(body.errors[0].data.errors[0].path).toBe('slug')
  })
})

describe('time zones', () => {
  it('are found by common abbreviation', () => {
    expect(findTimeZones('CET')[0]).toBe('Europe/Zurich')
    expect(findTimeZones('cest')).toContain('Europe/Paris')
    expect(findTimeZones('EDT')[0]).toBe('America/New_York')
    expect(findTimeZones('EST')).toContain('America/New_York')
    expect(findTimeZones('PST')).toContain('America/Los_Angeles')
    expect(findTimeZones('EAT')[0]).toBe('Africa/Nairobi')
    expect(findTimeZones('WAT')).toContain('Africa/Lagos')
    expect(findTimeZones('GMT')).toContain('Europe/London')
    expect(findTimeZones('BST')).toContain('Europe/London')
    expect(findTimeZones('IST')).toContain(
      TIME_ZONES.find((z) => /Kolkata|Calcutta/.test(z.value))!.value,
    )
    expect(findTimeZones('AST')).toContain('Asia/Riyadh')
  })

  it('are found by city, including cities a zone is not named after', () => {
    expect(findTimeZones('Nairobi')[0]).toBe('Africa/Nairobi')
    expect(findTimeZones('Geneva')[0]).toBe('Europe/Zurich')
    expect(findTimeZones('new york')[0]).toBe('America/New_York')
    expect(findTimeZones('xyzzy')).toEqual([])
  })

  it('label each zone with its cities and abbreviations, which the admin’s select filters on', () => {
    const zurich = TIME_ZONES.find((z) => z.value === 'Europe/Zurich')!
    expect(zurich.label).toMatch(/Geneva/)
    expect(zurich.label).toMatch(/CET\/CEST/)
    expect(TIME_ZONES.find((z) => z.value === 'America/New_York')!.label).toMatch(/EST\/EDT/)
  })

  it('show an instant on the organiser’s clock with the zone', () => {
    expect(formatZoned('2026-07-21T12:00:00Z', 'Europe/Zurich')).toBe(
      '21 Jul 2026, 14:00 CEST (Europe/Zurich)',
    )
    expect(formatZoned('2026-01-21T12:00:00Z', 'Africa/Nairobi')).toBe(
      '21 Jan 2026, 15:00 EAT (Africa/Nairobi)',
    )
  })
})

describe('dates known to the day, month or year', () => {
  it('are formatted no more precisely than known', () => {
    const date = '2021-01-01T12:00:00.000Z'
    expect(formatByPrecision(date, 'month')).toBe('January 2021')
    expect(formatByPrecision(date, 'year')).toBe('2021')
    expect(formatByPrecision('2021-03-14T12:00:00.000Z', 'day')).toBe('14 March 2021')
    expect(formatByPrecision(null, 'day')).toBe('')
  })
})

const event = (data: Record<string, unknown>) =>
  payload.create({
    collection: 'events',
    data: {
      _status: 'published',
      title: unique('Fixes webinar'),
      kind: 'webinar',
      precision: 'exact',
      format: 'online',
      languages: ['en'],
      ...data,
    } as never,
  })

describe('who organises an event', () => {
  it('can be the Alliance itself and organisations, with no working group', async () => {
    const [org] = (await payload.find({ collection: 'organisations', limit: 1, depth: 0 })).docs
    const annual = keep(
      await event({
        startsAt: '2026-10-01T08:00:00.000Z',
        startsAt_tz: 'Europe/Zurich',
        organisedByAlliance: true,
        organisingOrganisations: [org!.id],
        workingGroups: [],
      }),
      'events',
    )
    const { body } = await post(
      `{ webinar(slug: "${annual.slug}") { organisers { slug } organisedByAlliance organisingOrganisations { slug } } }`,
    )
    expect(body.errors).toBeUndefined()
    expect(body.data.webinar).toEqual({
      organisers: [],
      organisedByAlliance: true,
      organisingOrganisations: [{ slug: org!.slug }],
    })
  })
})

describe('a webinar held in several sessions', () => {
  let slug: string
  beforeAll(async () => {
    const webinar = keep(
      await event({
        // The event's own start is replaced by the earliest session's.
        startsAt: '2026-01-01T00:00:00.000Z',
        startsAt_tz: 'UTC',
        precision: 'day',
        sessions: [
          {
            language: 'es',
            startsAt: '2026-07-23T15:00:00.000Z',
            startsAt_tz: 'America/New_York',
            durationMinutes: 60,
            recordingUrl: 'https://example.org/recording-es',
          },
          {
            language: 'en',
            startsAt: '2026-07-21T12:00:00.000Z',
            startsAt_tz: 'Europe/Zurich',
            durationMinutes: 90,
            registrationUrl: 'https://example.org/register-en',
            recordingUrl: 'https://example.org/recording-en',
          },
        ],
      }),
      'events',
    )
    slug = webinar.slug!
    expect(new Date(webinar.startsAt).toISOString()).toBe('2026-07-21T12:00:00.000Z')
    expect(webinar.startsAt_tz).toBe('Europe/Zurich')
    expect(webinar.precision).toBe('exact')
    expect([...(webinar.languages ?? [])].sort()).toEqual(['en', 'es'])
  })

  it('serves each session in the partner API, earliest first', async () => {
    const { body } = await post(
      `{ webinar(slug: "${slug}") { startsAt timeZone sessions { language { code } startsAt endsAt
        timeZone start { local offset } durationMinutes registrationUrl recordingUrl } } }`,
    )
    expect(body.errors).toBeUndefined()
    expect(body.data.webinar.startsAt).toBe('2026-07-21T12:00:00.000Z')
    expect(body.data.webinar.sessions).toEqual([
      {
        language: { code: 'en' },
        startsAt: '2026-07-21T12:00:00.000Z',
        endsAt: '2026-07-21T13:30:00.000Z',
        timeZone: 'Europe/Zurich',
        start: { local: '2026-07-21T14:00', offset: '+02:00' },
        durationMinutes: 90,
        registrationUrl: 'https://example.org/register-en',
        recordingUrl: 'https://example.org/recording-en',
      },
      {
        language: { code: 'es' },
        startsAt: '2026-07-23T15:00:00.000Z',
        endsAt: '2026-07-23T16:00:00.000Z',
        timeZone: 'America/New_York',
        start: { local: '2026-07-23T11:00', offset: '-04:00' },
        durationMinutes: 60,
        registrationUrl: null,
        recordingUrl: 'https://example.org/recording-es',
      },
    ])
  })

  it('writes one VEVENT per session in the webinar’s iCalendar file', async () => {
    const url = new URL(`/calendar/webinars/${slug}.ics?locale=en`, 'http://hub.test')
    const response = await calendarRoute(new Request(url), {
      params: Promise.resolve({ path: ['webinars', `${slug}.ics`] }),
    })
    expect(response.status).toBe(200)
    const text = await response.text()
    const calendar = new ICAL.Component(ICAL.parse(text))
    const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v))
    expect(events).toHaveLength(2)
    const [english, spanish] = events
    expect(english!.summary).toMatch(/\(English\)$/)
    expect(english!.startDate.toJSDate().toISOString()).toBe('2026-07-21T12:00:00.000Z')
    expect(english!.description).toContain('https://example.org/recording-en')
    expect(spanish!.summary).toMatch(/\(Spanish\)$/)
    expect(spanish!.startDate.toJSDate().toISOString()).toBe('2026-07-23T15:00:00.000Z')
    expect(spanish!.description).toContain('https://example.org/recording-es')
    expect(spanish!.description).not.toContain('recording-en')
    expect(new Set(events.map((e) => e.uid)).size).toBe(2)
    // Each on its own organiser's clock.
    expect(text).toContain('DTSTART;TZID=Europe/Zurich:20260721T140000')
    expect(text).toContain('DTSTART;TZID=America/New_York:20260723T110000')
  })
})

describe('a refusal in the admin', () => {
  it('names the missing right in the words REST uses', async () => {
    const { user } = await makeUser('translator')
    const req = await createLocalReq({ user }, payload)
    const message = await refusalMessage(payload.collections.resources.config, 'create', req)
    expect(message).toBe(
      'Your role (Translator) does not have the right to create resources here; admins, editors, group editors can. Ask an admin if you need it.',
    )
  })
})
