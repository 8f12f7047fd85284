// The addresses of feeds and calendars partners bookmark: parsed into a route or a sentence saying
// what is wrong, and written back the same way.
import { describe, expect, it } from 'vitest'

import {
  calendarPath,
  feedPath,
  parseCalendarPath,
  parseFeedPath,
  parseLocaleParameter,
  webinarIcsPath,
} from '../../src/feeds/paths'

describe('feed addresses', () => {
  it('read a locale, kind and format, with or without a working group', () => {
    expect(parseFeedPath(['ar', 'resources.atom'])).toEqual({
      route: { locale: 'ar', kind: 'resources', format: 'atom' },
    })
    expect(parseFeedPath(['fr', 'groups', 'case-management', 'news.json'])).toEqual({
      route: { locale: 'fr', kind: 'news', format: 'json', group: 'case-management' },
    })
  })

  it('write back the address they were read from', () => {
    for (const path of ['/feeds/es/webinars.rss', '/feeds/en/groups/cpms/resources.atom']) {
      const parsed = parseFeedPath(path.split('/').slice(2))
      expect('route' in parsed && feedPath(parsed.route)).toBe(path)
    }
  })

  it.each([
    [
      ['en'],
      'No such feed: the addresses are /feeds/<locale>/<kind>.<format> or /feeds/<locale>/groups/<group>/<kind>.<format>.',
    ],
    [['de', 'news.rss'], 'Unknown locale "de": use en, fr, es or ar.'],
    [['en', 'events.rss'], 'Unknown feed "events": use resources, news or webinars.'],
    [['en', 'news.xml'], 'Unknown feed format "xml": use rss, atom or json.'],
    [['en', 'news'], 'Unknown feed format "": use rss, atom or json.'],
    [['en', 'groups', 'Case Management', 'news.rss'], 'Unknown working group "Case Management".'],
  ])('refuse %j: %s', (segments, problem) => {
    expect(parseFeedPath(segments)).toEqual({ problem })
  })

  it('quote at most 80 characters of what they refuse', () => {
    expect(parseFeedPath(['x'.repeat(300), 'news.rss'])).toEqual({
      problem: `Unknown locale "${'x'.repeat(80)}": use en, fr, es or ar.`,
    })
  })
})

describe('calendar addresses', () => {
  it('read the whole calendar, a group’s and a webinar’s', () => {
    expect(parseCalendarPath(['fr.ics'])).toEqual({ route: { scope: 'all', locale: 'fr' } })
    expect(parseCalendarPath(['groups', 'cpms', 'ar.ics'])).toEqual({
      route: { scope: 'group', locale: 'ar', group: 'cpms' },
    })
    expect(parseCalendarPath(['webinars', 'launch-2026.ics'])).toEqual({
      route: { scope: 'webinar', slug: 'launch-2026' },
    })
  })

  it('refuse another format, an unknown locale and a slug the hub would not store', () => {
    expect(parseCalendarPath(['fr.ical'])).toEqual({
      problem: 'Unknown calendar format "ical": calendars end in .ics.',
    })
    expect(parseCalendarPath(['de.ics'])).toEqual({
      problem: 'Unknown locale "de": use en, fr, es or ar.',
    })
    expect(parseCalendarPath(['webinars', 'Launch.ics'])).toEqual({
      problem: 'Unknown webinar "Launch".',
    })
  })

  it('write group and webinar slugs percent-encoded', () => {
    expect(calendarPath('en')).toBe('/calendar/en.ics')
    expect(calendarPath('ar', 'a b')).toBe('/calendar/groups/a%20b/ar.ics')
    expect(webinarIcsPath('é')).toBe('/calendar/webinars/%C3%A9.ics')
  })

  it('take ?locale= only as one of the hub’s locales', () => {
    expect(parseLocaleParameter(null)).toEqual({ route: undefined })
    expect(parseLocaleParameter('es')).toEqual({ route: 'es' })
    expect(parseLocaleParameter('ES')).toEqual({
      problem: 'Unknown locale "ES": use en, fr, es or ar.',
    })
  })
})
