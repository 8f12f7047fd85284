// Feeds (RSS, Atom, JSON Feed) and iCalendar files for partners' feed readers and calendar apps,
// through the app's own route handlers. Each answer is read back with an independent parser
// (fast-xml-parser, Mozilla's ical.js), so the checks do not trust the libraries that wrote them.
import { buildEditorState } from '@payloadcms/richtext-lexical'
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import ICAL from 'ical.js'
import type { CollectionSlug, Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { GET as calendarRoute } from '../../src/app/(partner)/calendar/[...path]/route'
import { GET as feedRoute } from '../../src/app/(partner)/feeds/[...path]/route'
import { loadBodyRenderers } from '../../src/bodies'
import { buildFeed } from '../../src/feeds/feeds'
import { webinarIcsPath } from '../../src/feeds/paths'
import { hub, unique } from '../helpers/hub'
import { partnerApi } from '../helpers/partner'

let payload: Payload
// Links are made from SERVER_URL when it is set, else from the address asked.
const ORIGIN = process.env.SERVER_URL?.replace(/\/+$/, '') ?? 'http://hub.test'
const created: { collection: CollectionSlug; id: number }[] = []

const ARABIC_TITLE = 'دليل حماية الطفل في العمل الإنساني'
const ARABIC_SUMMARY = 'ملخص باللغة العربية: معايير حماية الطفل'
const ARABIC_BODY = 'معايير حماية الطفل في العمل الإنساني، الطبعة الثانية'
const ARABIC_WEBINAR = 'ندوة عبر الإنترنت حول التوجيه والإشراف لفرق حماية الطفل في الميدان'

const names = {
  groupA: unique('Feeds group A'),
  groupB: unique('Feeds group B'),
  calendarGroup: unique('Calendar group'),
  resource: unique('Feeds resource'),
  otherGroupResource: unique('Other group’s <b>resource</b> & more'),
  draft: unique('Draft resource never shown'),
  published: unique('Published title'),
  newerDraft: unique('Newer draft title never shown'),
  news: unique('English-only news'),
  draftWebinar: unique('Draft webinar never shown'),
}

const slugs: Record<string, string> = {}

const make = async <T extends { id: number }>(promise: Promise<T>, collection: CollectionSlug) => {
  const doc = await promise
  created.push({ collection, id: doc.id })
  return doc
}

/** A published event of the calendar group, starting at `startsAt` (UTC) in `zone`. */
const webinar = (
  key: string,
  startsAt: string,
  zone: string,
  extra: Record<string, unknown> = {},
) =>
  make(
    payload.create({
      collection: 'events',
      locale: 'en',
      data: {
        _status: 'published',
        title: `${unique(key)}`,
        kind: 'webinar',
        startsAt,
        startsAt_tz: zone as never,
        precision: 'exact',
        durationMinutes: 90,
        format: 'online',
        languages: ['en'],
        workingGroups: [Number(slugs.calendarGroupId)],
        ...extra,
      },
    }),
    'events',
  )

const segmentsOf = (url: URL, root: string) =>
  url.pathname.slice(root.length).split('/').map(decodeURIComponent)

const feed = (path: string, headers: Record<string, string> = {}) => {
  const url = new URL(path, 'http://hub.test')
  return feedRoute(new Request(url, { headers }), {
    params: Promise.resolve({ path: segmentsOf(url, '/feeds/') }),
  })
}

const calendar = (path: string, headers: Record<string, string> = {}) => {
  const url = new URL(path, 'http://hub.test')
  return calendarRoute(new Request(url, { headers }), {
    params: Promise.resolve({ path: segmentsOf(url, '/calendar/') }),
  })
}

const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  isArray: (name) => ['entry', 'item', 'link'].includes(name),
})

/** Well-formed XML, parsed; and the answer's headers checked on the way. */
const readXml = async (response: Response, contentType: string) => {
  expect(response.status).toBe(200)
  expect(response.headers.get('Content-Type')).toBe(`${contentType}; charset=utf-8`)
  expect(response.headers.get('Cache-Control')).toBe('public, max-age=300')
  const bytes = Buffer.from(await response.arrayBuffer())
  const text = bytes.toString('utf8')
  expect(XMLValidator.validate(text)).toBe(true)
  return { bytes, text, doc: xml.parse(text) as Record<string, any> }
}

type RssItem = { title: string; guid: { '#text': string }; link: string[]; description?: string }
type AtomEntry = {
  title: { '#text': string; '@_type': string }
  id: string
  updated: string
  content?: any
}
type JsonFeed = { version: string; language: string; items: Record<string, any>[] } & Record<
  string,
  any
>

const rssItems = async (path: string) => {
  const { doc } = await readXml(await feed(path), 'application/rss+xml')
  return (doc.rss.channel.item ?? []) as RssItem[]
}

const jsonFeed = async (path: string) => {
  const response = await feed(path)
  expect(response.status).toBe(200)
  expect(response.headers.get('Content-Type')).toBe('application/feed+json; charset=utf-8')
  return (await response.json()) as JsonFeed
}

const titlesIn = async (path: string) => {
  const response = await feed(path)
  expect(response.status).toBe(200)
  return response.text()
}

type ParsedEvent = {
  summary: string
  start: ICAL.Time
  end: ICAL.Time
  tzid: string | null
  instant: string
  endInstant: string
  component: ICAL.Component
}

/** An iCalendar answer read by ical.js, with every VTIMEZONE of the file (and only those) known. */
const readCalendar = async (response: Response) => {
  expect(response.status).toBe(200)
  expect(response.headers.get('Content-Type')).toBe('text/calendar; charset=utf-8')
  expect(response.headers.get('Cache-Control')).toBe('public, max-age=300')
  const text = await response.text()
  const root = new ICAL.Component(ICAL.parse(text))
  ICAL.TimezoneService.reset()
  const zones = root.getAllSubcomponents('vtimezone')
  for (const zone of zones) ICAL.TimezoneService.register(zone)
  const events: ParsedEvent[] = root.getAllSubcomponents('vevent').map((component) => {
    const event = new ICAL.Event(component)
    const tzid = component.getFirstProperty('dtstart')!.getParameter('tzid')
    return {
      summary: event.summary,
      start: event.startDate,
      end: event.endDate,
      tzid: typeof tzid === 'string' ? tzid : null,
      instant: new Date(event.startDate.toUnixTime() * 1000).toISOString(),
      endInstant: new Date(event.endDate.toUnixTime() * 1000).toISOString(),
      component,
    }
  })
  return {
    root,
    text,
    zones: zones.map((z) => String(z.getFirstPropertyValue('tzid'))),
    events,
    bySummary: (start: string) => {
      const found = events.filter((e) => e.summary.startsWith(start))
      expect(found, `one event titled ${start}…`).toHaveLength(1)
      return found[0]!
    },
  }
}

beforeAll(async () => {
  payload = await hub()
  const group = async (key: keyof typeof names, arabic?: string) => {
    const doc = await make(
      payload.create({
        collection: 'working-groups',
        locale: 'en',
        data: { name: names[key], kind: 'working-group', status: 'active' },
      }),
      'working-groups',
    )
    if (arabic) {
      await payload.update({
        collection: 'working-groups',
        id: doc.id,
        locale: 'ar',
        data: { name: arabic },
      })
    }
    slugs[key] = doc.slug!
    slugs[`${key}Id`] = String(doc.id)
    return doc.id
  }
  const groupA = await group('groupA', 'مجموعة العمل المعنية بالمعايير')
  const groupB = await group('groupB')
  await group('calendarGroup')

  const resource = await make(
    payload.create({
      collection: 'resources',
      locale: 'en',
      data: {
        _status: 'published',
        title: names.resource,
        summary: 'An English summary.',
        workingGroups: [groupA],
        links: [
          { kind: 'document', url: 'https://alliancecpha.org/en/guide', language: 'en' },
          { kind: 'document', url: 'https://alliancecpha.org/ar/guide', language: 'ar' },
        ],
      },
    }),
    'resources',
  )
  await payload.update({
    collection: 'resources',
    id: resource.id,
    locale: 'ar',
    data: {
      title: ARABIC_TITLE,
      summary: ARABIC_SUMMARY,
      body: buildEditorState({ text: ARABIC_BODY }) as never,
    },
  })
  await make(
    payload.create({
      collection: 'resources',
      data: { _status: 'published', title: names.otherGroupResource, workingGroups: [groupB] },
    }),
    'resources',
  )
  await make(
    payload.create({
      collection: 'resources',
      draft: true,
      data: { _status: 'draft', title: names.draft, workingGroups: [groupA] },
    }),
    'resources',
  )
  const published = await make(
    payload.create({
      collection: 'resources',
      data: { _status: 'published', title: names.published, workingGroups: [groupA] },
    }),
    'resources',
  )
  // A change saved as a draft on a published record: readers keep seeing the published version.
  await payload.update({
    collection: 'resources',
    id: published.id,
    draft: true,
    data: { _status: 'draft', title: names.newerDraft },
  })
  await make(
    payload.create({
      collection: 'news',
      locale: 'en',
      data: {
        _status: 'published',
        title: names.news,
        date: '2026-02-01T00:00:00.000Z',
        summary: 'Only in English.',
        workingGroups: [groupA],
      },
    }),
    'news',
  )

  // Both sides of the European (29 March, 25 October 2026) and American (8 March, 1 November
  // 2026) daylight-saving switches, each at 10:00 on the organiser's clock.
  await webinar('Paris before spring', '2026-03-28T09:00:00.000Z', 'Europe/Paris')
  await webinar('Paris after spring', '2026-03-30T08:00:00.000Z', 'Europe/Paris')
  await webinar('Paris before autumn', '2026-10-24T08:00:00.000Z', 'Europe/Paris')
  await webinar('Paris after autumn', '2026-10-26T09:00:00.000Z', 'Europe/Paris')
  await webinar('New York before spring', '2026-03-07T15:00:00.000Z', 'America/New_York')
  await webinar('New York after spring', '2026-03-09T14:00:00.000Z', 'America/New_York')
  await webinar('New York before autumn', '2026-10-31T14:00:00.000Z', 'America/New_York')
  await webinar('New York after autumn', '2026-11-02T15:00:00.000Z', 'America/New_York')
  // A zone under its old name, and a date before the United States' 2007 rules.
  await webinar('Calcutta', '2026-04-15T04:30:00.000Z', 'Asia/Calcutta')
  await webinar('New York 2006', '2006-04-01T17:00:00.000Z', 'America/New_York')
  await webinar('No duration', '2026-05-05T07:00:00.000Z', 'Africa/Nairobi', {
    durationMinutes: null,
  })
  // Known to the day (07:30 on 12 May in Tokyo, still 11 May in UTC), over two days.
  await webinar('Two days in Tokyo', '2026-05-11T22:30:00.000Z', 'Asia/Tokyo', {
    precision: 'day',
    durationMinutes: 2 * 24 * 60,
  })
  // Known to the month: 22:00 on 30 June in New York, already July in UTC.
  await webinar('Some day in June', '2026-07-01T02:00:00.000Z', 'America/New_York', {
    precision: 'month',
  })
  await webinar('Mid-September', '2026-09-15T00:00:00.000Z', 'Europe/Zurich', {
    precision: 'approximate',
    approximateLabel: 'Mid-September 2026',
  })
  const arabic = await webinar('Arabic webinar', '2026-06-10T11:00:00.000Z', 'Asia/Beirut', {
    registrationUrl: 'https://alliancecpha.org/ar/register',
  })
  await payload.update({
    collection: 'events',
    id: arabic.id,
    locale: 'ar',
    data: { title: ARABIC_WEBINAR },
  })
  slugs.arabicWebinar = arabic.slug!
  const draftWebinar = await make(
    payload.create({
      collection: 'events',
      draft: true,
      data: {
        _status: 'draft',
        title: names.draftWebinar,
        kind: 'webinar',
        startsAt: '2026-06-11T09:00:00.000Z',
        startsAt_tz: 'Europe/Paris',
        precision: 'exact',
        format: 'online',
        languages: ['en'],
        workingGroups: [Number(slugs.calendarGroupId)],
      },
    }),
    'events',
  )
  slugs.draftWebinar = draftWebinar.slug!
})

afterAll(async () => {
  for (const { collection, id } of created.reverse()) {
    await payload.delete({ collection, id }).catch(() => {})
  }
})

describe('RSS, Atom and JSON feeds', () => {
  it('serves Atom in Arabic with xml:lang="ar" and the Arabic text byte for byte', async () => {
    const path = `/feeds/ar/groups/${slugs.groupA}/resources.atom`
    const { bytes, doc } = await readXml(await feed(path), 'application/atom+xml')
    expect(doc.feed['@_xmlns']).toBe('http://www.w3.org/2005/Atom')
    expect(doc.feed['@_xml:lang']).toBe('ar')
    for (const required of ['id', 'title', 'updated', 'author'])
      expect(doc.feed[required]).toBeDefined()
    expect(doc.feed.title).toContain('مجموعة العمل المعنية بالمعايير')
    const self = (doc.feed.link as any[]).find((l) => l['@_rel'] === 'self')
    expect(self['@_href']).toBe(`${ORIGIN}${path}`)

    const entry = (doc.feed.entry as AtomEntry[]).find((e) => e.title['#text'] === ARABIC_TITLE)!
    expect(entry).toBeDefined()
    expect(entry.id).toMatch(/^urn:alliancecpha-hub:resource:\d+$/)
    expect(entry.updated).toMatch(/^\d{4}-\d\d-\d\dT/)
    expect(entry.content['#text']).toBe(`<div dir="rtl" lang="ar"><p>${ARABIC_BODY}</p></div>`)
    // The resource's own link in the feed's language.
    const link = (entry as any).link[0]['@_href']
    expect(link).toBe('https://alliancecpha.org/ar/guide')
    for (const text of [ARABIC_TITLE, ARABIC_SUMMARY, ARABIC_BODY]) {
      expect(bytes.includes(Buffer.from(text, 'utf8'))).toBe(true)
    }
  })

  it('serves RSS 2.0 with <language> and its required elements', async () => {
    const { doc } = await readXml(
      await feed(`/feeds/ar/groups/${slugs.groupA}/resources.rss`),
      'application/rss+xml',
    )
    expect(doc.rss['@_version']).toBe('2.0')
    const channel = doc.rss.channel
    expect(channel.language).toBe('ar')
    for (const required of ['title', 'link', 'description']) expect(channel[required]).toBeTruthy()
    const item = (channel.item as RssItem[]).find((i) => i.title === ARABIC_TITLE)!
    expect(item.guid['#text']).toMatch(/^urn:alliancecpha-hub:resource:\d+$/)
    expect(item.link[0]).toBe('https://alliancecpha.org/ar/guide')
    expect(item.description).toBe(`<p lang="ar" dir="rtl">${ARABIC_SUMMARY}</p>`)
  })

  it('serves JSON Feed 1.1 with language, and English where a text is not translated', async () => {
    const json = await jsonFeed(`/feeds/fr/groups/${slugs.groupA}/news.json`)
    expect(json.version).toBe('https://jsonfeed.org/version/1.1')
    expect(json.language).toBe('fr')
    expect(json.title).toContain('Actualités')
    expect(json.feed_url).toBe(`${ORIGIN}/feeds/fr/groups/${slugs.groupA}/news.json`)
    expect(json.authors[0].name).toContain('Alliance')
    expect(json.items).toHaveLength(1)
    const [item] = json.items
    expect(item).toMatchObject({
      title: names.news,
      language: 'en',
      summary: 'Only in English.',
      content_text: 'Only in English.',
      content_html: '<p lang="en">Only in English.</p>',
      date_published: '2026-02-01T00:00:00.000Z',
    })
    expect(item!.id).toMatch(/^urn:alliancecpha-hub:news:\d+$/)
    // News has no address of its own: the record in the hub's public REST API, in French.
    expect(item!.url).toBe(`${ORIGIN}/api/news/${item!.id.split(':').pop()}?locale=fr`)
  })

  it('links each item to its page on the Alliance’s site when SITE_URL is set', async () => {
    const site = 'https://site.example.org'
    await loadBodyRenderers()
    const { body } = await buildFeed(
      await hub(),
      ['fr', 'groups', slugs.groupA!, 'news.json'],
      ORIGIN,
      new Date(),
      site,
    )
    const json = JSON.parse(body) as { home_page_url: string; items: { url: string }[] }
    expect(json.home_page_url).toBe(`${site}/fr/`)
    expect(json.items[0]!.url).toMatch(new RegExp(`^${site}/fr/news/[\\w-]+$`))
    const atom = await buildFeed(await hub(), ['ar', 'resources.atom'], ORIGIN, new Date(), site)
    expect(atom.body).toMatch(new RegExp(`<link href="${site}/ar/resources/[\\w-]+"/>`))
  })

  it('never shows a draft, nor a draft change of a published record', async () => {
    for (const format of ['rss', 'atom', 'json']) {
      for (const path of [
        `/feeds/en/groups/${slugs.groupA}/resources.${format}`,
        `/feeds/en/resources.${format}`,
      ]) {
        const text = await titlesIn(path)
        expect(text).not.toContain(names.draft)
        expect(text).not.toContain(names.newerDraft)
      }
      expect(await titlesIn(`/feeds/en/groups/${slugs.groupA}/resources.${format}`)).toContain(
        names.published,
      )
    }
    expect(await titlesIn(`/feeds/en/groups/${slugs.calendarGroup}/webinars.json`)).not.toContain(
      names.draftWebinar,
    )
  })

  it('gives a working group only its own items', async () => {
    const a = (await rssItems(`/feeds/en/groups/${slugs.groupA}/resources.rss`)).map((i) => i.title)
    expect(a).toEqual(expect.arrayContaining([names.resource, names.published]))
    expect(a).not.toContain(names.otherGroupResource)
    const b = (await rssItems(`/feeds/en/groups/${slugs.groupB}/resources.rss`)).map((i) => i.title)
    expect(b).toEqual([names.otherGroupResource])
    expect(await rssItems(`/feeds/en/groups/${slugs.groupB}/news.rss`)).toEqual([])
  })

  it('keeps a title’s < and & as text in every format', async () => {
    const path = `/feeds/en/groups/${slugs.groupB}/resources`
    const { doc } = await readXml(await feed(`${path}.atom`), 'application/atom+xml')
    // Atom titles are typed HTML: the text arrives escaped, and reads back as itself.
    const atomTitle = (doc.feed.entry as AtomEntry[])[0]!.title
    expect(atomTitle['@_type']).toBe('html')
    const decoded = atomTitle['#text'].replace(/&#(\d+);/g, (_: string, code: string) =>
      String.fromCharCode(Number(code)),
    )
    expect(decoded).toBe(names.otherGroupResource)
    expect((await rssItems(`${path}.rss`))[0]!.title).toBe(names.otherGroupResource)
    expect((await jsonFeed(`${path}.json`)).items[0]!.title).toBe(names.otherGroupResource)
  })

  it('lists the newest first, at most 50, in the whole-hub feeds', async () => {
    const { doc } = await readXml(await feed('/feeds/ar/resources.atom'), 'application/atom+xml')
    expect(doc.feed['@_xml:lang']).toBe('ar')
    const updated = ((doc.feed.entry ?? []) as AtomEntry[]).map((e) => e.updated)
    expect(updated.length).toBeGreaterThan(0)
    expect(updated.length).toBeLessThanOrEqual(50)
    expect([...updated].sort().reverse()).toEqual(updated)
  })

  it('starts a webinar item with its start on the organiser’s clock', async () => {
    const json = await jsonFeed(`/feeds/en/groups/${slugs.calendarGroup}/webinars.json`)
    const item = json.items.find((i) => i.title.startsWith('Paris before spring'))!
    expect(item.content_text).toMatch(/^Saturday, March 28, 2026 at 10:00\sAM \(Europe\/Paris\)/)
    // No registration page: the webinar's own calendar file.
    expect(item.url).toMatch(
      /^http:\/\/hub\.test\/calendar\/webinars\/paris-before-spring-\w+\.ics$/,
    )
    const arabic = (
      await jsonFeed(`/feeds/ar/groups/${slugs.calendarGroup}/webinars.json`)
    ).items.find((i) => i.title === ARABIC_WEBINAR)!
    expect(arabic.url).toBe('https://alliancecpha.org/ar/register')
    expect(arabic.language).toBe('ar')
  })

  it('lists every session of a webinar held in several, and its end is the last session’s', async () => {
    const held = await webinar('Held twice', '2026-07-21T12:00:00.000Z', 'Europe/Zurich', {
      durationMinutes: null,
      languages: ['en', 'es'],
      sessions: [
        {
          language: 'en',
          startsAt: '2026-07-21T12:00:00.000Z',
          startsAt_tz: 'Europe/Zurich',
          durationMinutes: 90,
        },
        {
          language: 'es',
          startsAt: '2026-07-23T15:00:00.000Z',
          startsAt_tz: 'America/New_York',
          durationMinutes: 60,
        },
      ],
    })
    const json = await jsonFeed(`/feeds/en/groups/${slugs.calendarGroup}/webinars.json`)
    const item = json.items.find((i) => i.title === held.title)!
    expect(item.content_text).toMatch(
      /English: Tuesday, July 21, 2026 at 2:00\sPM \(Europe\/Zurich\)\n\nSpanish: Thursday, July 23, 2026 at 11:00\sAM \(America\/New_York\)/,
    )
    expect(item.content_html).toContain('<p lang="en">Spanish: Thursday, July 23, 2026')
    const api = partnerApi({ plan: false })
    const { body } = await api.post(
      `query ($slug: String!) { webinar(slug: $slug) { durationMinutes endsAt end { local timeZone } } }`,
      { slug: held.slug },
    )
    await api.close()
    expect(body.data.webinar).toEqual({
      durationMinutes: null,
      endsAt: '2026-07-23T16:00:00.000Z',
      end: { local: '2026-07-23T18:00', timeZone: 'Europe/Zurich' },
    })
  })

  it('answers 404 naming what it does not know', async () => {
    const cases: [string, RegExp][] = [
      ['/feeds/de/resources.rss', /Unknown locale "de"/],
      ['/feeds/en/podcasts.rss', /Unknown feed "podcasts"/],
      ['/feeds/en/resources.xml', /Unknown feed format "xml"/],
      ['/feeds/en/resources', /Unknown feed format ""/],
      [
        '/feeds/en/groups/no-such-group-anywhere/news.atom',
        /Unknown working group "no-such-group-anywhere"/,
      ],
      ['/feeds/en/groups/Bad%00Group/news.atom', /Unknown working group/],
      ['/feeds/en/extra/resources.rss', /No such feed/],
      ['/feeds/en', /No such feed/],
    ]
    for (const [path, message] of cases) {
      const response = await feed(path)
      expect(response.status, path).toBe(404)
      expect(response.headers.get('Content-Type')).toBe('text/plain; charset=utf-8')
      expect(await response.text()).toMatch(message)
    }
  })

  it('carries an ETag and answers a matching If-None-Match with 304', async () => {
    const path = `/feeds/ar/groups/${slugs.groupA}/resources.json`
    const first = await feed(path)
    const etag = first.headers.get('ETag')!
    expect(etag).toMatch(/^"[\w-]+"$/)
    await first.text()
    expect((await feed(path)).headers.get('ETag')).toBe(etag)
    for (const header of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
      const again = await feed(path, { 'If-None-Match': header })
      expect(again.status, header).toBe(304)
      expect(again.headers.get('ETag')).toBe(etag)
      expect(again.headers.get('Cache-Control')).toBe('public, max-age=300')
      expect(await again.text()).toBe('')
    }
    expect((await feed(path, { 'If-None-Match': '"other"' })).status).toBe(200)
    const url = new URL(path, 'http://hub.test')
    const head = await feedRoute(new Request(url, { method: 'HEAD' }), {
      params: Promise.resolve({ path: segmentsOf(url, '/feeds/') }),
    })
    expect(head.status).toBe(200)
    expect(head.headers.get('ETag')).toBe(etag)
    expect(await head.text()).toBe('')
  })
})

describe('iCalendar files of webinars', () => {
  const groupCalendar = () => calendar(`/calendar/groups/${slugs.calendarGroup}/en.ics`)

  it('places each webinar on the organiser’s clock across daylight-saving changes', async () => {
    const { bySummary } = await readCalendar(await groupCalendar())
    const expected: [string, string, string][] = [
      ['Paris before spring', 'Europe/Paris', '2026-03-28T09:00:00.000Z'],
      ['Paris after spring', 'Europe/Paris', '2026-03-30T08:00:00.000Z'],
      ['Paris before autumn', 'Europe/Paris', '2026-10-24T08:00:00.000Z'],
      ['Paris after autumn', 'Europe/Paris', '2026-10-26T09:00:00.000Z'],
      ['New York before spring', 'America/New_York', '2026-03-07T15:00:00.000Z'],
      ['New York after spring', 'America/New_York', '2026-03-09T14:00:00.000Z'],
      ['New York before autumn', 'America/New_York', '2026-10-31T14:00:00.000Z'],
      ['New York after autumn', 'America/New_York', '2026-11-02T15:00:00.000Z'],
      ['Calcutta', 'Asia/Kolkata', '2026-04-15T04:30:00.000Z'],
    ]
    for (const [summary, tzid, instant] of expected) {
      const event = bySummary(summary)
      expect(event.tzid, summary).toBe(tzid)
      // 10:00 on the organiser's clock, as written in the file.
      expect([event.start.hour, event.start.minute], summary).toEqual([10, 0])
      expect(event.instant, summary).toBe(instant)
      expect(Date.parse(event.endInstant) - Date.parse(event.instant), summary).toBe(90 * 60_000)
    }
  })

  it('defines a VTIMEZONE for every TZID it uses', async () => {
    const { zones, events, text } = await readCalendar(await groupCalendar())
    const used = new Set([...text.matchAll(/;TZID=([^:;]+)[:;]/g)].map((m) => m[1]!))
    expect([...used].sort()).toEqual(
      expect.arrayContaining(['America/New_York', 'Asia/Kolkata', 'Europe/Paris']),
    )
    for (const tzid of used) expect(zones, tzid).toContain(tzid)
    for (const event of events.filter((e) => !e.start.isDate)) {
      if (event.tzid) expect(zones).toContain(event.tzid)
    }
  })

  it('writes a date from before a zone’s current rules in UTC, at the right instant', async () => {
    const { bySummary } = await readCalendar(await groupCalendar())
    // 1 April 2006 was still winter time in New York; today's rules would say summer time.
    const event = bySummary('New York 2006')
    expect(event.tzid).toBeNull()
    expect(event.start.zone?.tzid).toBe('UTC')
    expect(event.instant).toBe('2006-04-01T17:00:00.000Z')
  })

  it('gives an hour to a webinar without a duration', async () => {
    const { bySummary } = await readCalendar(await groupCalendar())
    const event = bySummary('No duration')
    expect(event.tzid).toBe('Africa/Nairobi')
    expect(event.instant).toBe('2026-05-05T07:00:00.000Z')
    expect(event.endInstant).toBe('2026-05-05T08:00:00.000Z')
  })

  it('shows a start known to the day or month as all-day, on the organiser’s calendar', async () => {
    const { bySummary } = await readCalendar(await groupCalendar())
    const days = bySummary('Two days in Tokyo')
    expect(days.start.isDate).toBe(true)
    expect(days.start.toString()).toBe('2026-05-12')
    expect(days.end.toString()).toBe('2026-05-14')
    expect(days.component.getFirstPropertyValue('status')).toBe('CONFIRMED')

    const month = bySummary('Some day in June')
    expect(month.start.isDate).toBe(true)
    expect(month.start.toString()).toBe('2026-06-01')
    expect(month.end.toString()).toBe('2026-07-01')
    expect(month.component.getFirstPropertyValue('status')).toBe('TENTATIVE')
    expect(month.component.getFirstPropertyValue('transp')).toBe('TRANSPARENT')

    const approximate = bySummary('Mid-September')
    expect(approximate.summary).toMatch(/\(Mid-September 2026\)$/)
    expect(approximate.start.toString()).toBe('2026-09-01')
    expect(approximate.end.toString()).toBe('2026-10-01')
    expect(approximate.component.getFirstPropertyValue('status')).toBe('TENTATIVE')
  })

  it('never holds a draft webinar, and has no file for one', async () => {
    const { text } = await readCalendar(await groupCalendar())
    expect(text).not.toContain(names.draftWebinar)
    const response = await calendar(webinarIcsPath(slugs.draftWebinar!))
    expect(response.status).toBe(404)
    expect(await response.text()).toMatch(/Unknown webinar/)
  })

  it('serves one webinar’s file at webinarIcsPath, in the language asked for', async () => {
    const path = webinarIcsPath(slugs.arabicWebinar!)
    expect(path).toBe(`/calendar/webinars/${slugs.arabicWebinar}.ics`)
    const arabic = await readCalendar(await calendar(`${path}?locale=ar`))
    expect(arabic.events).toHaveLength(1)
    expect(arabic.events[0]!.summary).toBe(ARABIC_WEBINAR)
    expect(arabic.events[0]!.tzid).toBe('Asia/Beirut')
    expect(arabic.events[0]!.instant).toBe('2026-06-10T11:00:00.000Z')
    expect(arabic.zones).toEqual(['Asia/Beirut'])
    expect(arabic.events[0]!.component.getFirstPropertyValue('url')).toBe(
      'https://alliancecpha.org/ar/register',
    )

    const byHeader = await calendar(path, { 'Accept-Language': 'ar, en;q=0.5' })
    expect(byHeader.headers.get('Vary')).toBe('Accept-Language')
    expect((await readCalendar(byHeader)).events[0]!.summary).toBe(ARABIC_WEBINAR)
    const french = await readCalendar(await calendar(path, { 'Accept-Language': 'fr' }))
    expect(french.events[0]!.summary).toMatch(/^Arabic webinar/)
  })

  it('is linked from the partner API as the webinar’s icsUrl', async () => {
    const { post } = partnerApi()
    const { body } = await post(`{ webinar(slug: "${slugs.arabicWebinar}") { icsUrl } }`)
    const url = new URL(body.data.webinar.icsUrl)
    expect(url.pathname).toBe(webinarIcsPath(slugs.arabicWebinar!))
    const response = await calendar(url.pathname + url.search)
    expect(response.status).toBe(200)
    expect((await readCalendar(response)).events[0]!.instant).toBe('2026-06-10T11:00:00.000Z')
  })

  it('serves the whole hub’s calendar per locale, its Arabic name intact', async () => {
    const { root, zones, text } = await readCalendar(await calendar('/calendar/ar.ics'))
    expect(root.getFirstPropertyValue('prodid')).toBe(
      '-//Alliance for Child Protection in Humanitarian Action//Knowledge Hub//AR',
    )
    // Long lines are folded at 75 octets (RFC 5545), never inside a character.
    expect(root.getFirstPropertyValue('x-wr-calname')).toBe(
      'الندوات عبر الإنترنت والفعاليات · التحالف من أجل حماية الطفل في العمل الإنساني',
    )
    expect(text).not.toContain(names.draftWebinar)
    for (const [, tzid] of text.matchAll(/;TZID=([^:;]+)[:;]/g)) expect(zones).toContain(tzid)
  })

  it('answers 404 naming what it does not know', async () => {
    const cases: [string, RegExp][] = [
      ['/calendar/de.ics', /Unknown locale "de"/],
      ['/calendar/en.ical', /Unknown calendar format "ical"/],
      ['/calendar/groups/no-such-group-anywhere/en.ics', /Unknown working group/],
      [
        '/calendar/webinars/no-such-webinar-anywhere.ics',
        /Unknown webinar "no-such-webinar-anywhere"/,
      ],
      [`/calendar/webinars/${slugs.arabicWebinar}.ics?locale=de`, /Unknown locale "de"/],
      ['/calendar/somewhere/else/en.ics', /No such calendar/],
    ]
    for (const [path, message] of cases) {
      const response = await calendar(path)
      expect(response.status, path).toBe(404)
      expect(await response.text()).toMatch(message)
    }
  })

  it('answers a matching If-None-Match with 304', async () => {
    const first = await groupCalendar()
    const etag = first.headers.get('ETag')!
    expect(etag).toBeTruthy()
    const again = await calendar(`/calendar/groups/${slugs.calendarGroup}/en.ics`, {
      'If-None-Match': etag,
    })
    expect(again.status).toBe(304)
    expect(await again.text()).toBe('')
  })
})
