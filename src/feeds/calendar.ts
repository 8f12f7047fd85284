// iCalendar files of webinars and other events, built with ical-generator: per locale, per working
// group and per webinar. Timed events are written on the organiser's wall clock with TZID, and
// each zone used gets its VTIMEZONE (timezones-ical-library), so calendar apps place them right
// across daylight-saving changes; see eventTiming.ts for starts known only to the day or month.
//
// Times go to ical-generator as Luxon DateTimes: with a native Date and a zone it would write the
// server's own local time as the organiser's, which is right only on a server that runs in UTC.
import ical, { ICalEventStatus, ICalEventTransparency, type ICalCalendar } from 'ical-generator'
import { DateTime } from 'luxon'
import type { Payload } from 'payload'

import { chainFromAcceptLanguage } from '../localeChain'
import { renderBody } from '../bodies'
import type { LocaleCode } from '../locales'
import { occurrencesOf, timingOf, vtimezoneBlock } from './eventTiming'
import { webinarPage } from './feeds'
import { FeedNotFound, respond, type Served } from './http'
import { WORDS } from './labels'
import { parseCalendarPath, parseLocaleParameter } from './paths'
import {
  calendarEvents,
  chainOf,
  findGroup,
  findWebinar,
  pickLocalized,
  type EventRecord,
} from './published'
import { CALENDAR_REFRESH_S } from '../cacheBudgets'

export const CALENDAR_CONTENT_TYPE = 'text/calendar; charset=utf-8'

/** Subscribed calendars are asked to refresh hourly (REFRESH-INTERVAL, X-PUBLISHED-TTL). */

/**
 * SEQUENCE grows with every published change, so that an app which imported a webinar's file
 * once takes a newer file as an update: seconds since 2020, which fits iCalendar's integer.
 */
const SEQUENCE_FROM = Date.UTC(2020, 0, 1)
const sequenceOf = (updatedAt: string) =>
  Math.max(0, Math.floor((new Date(updatedAt).getTime() - SEQUENCE_FROM) / 1000))

type Context = { locale: LocaleCode; chain: LocaleCode[] }

/** The event's texts, in the calendar's locale, as iCalendar's plain-text DESCRIPTION. */
const descriptionOf = (event: EventRecord, ctx: Context) => {
  const words = WORDS[ctx.locale]
  const body = pickLocalized(event.description, ctx.chain)
  const bodyText = body ? renderBody(body.value, 'TEXT', body.locale) : null
  const parts = [
    pickLocalized(event.summary, ctx.chain)?.value,
    bodyText,
    event.registrationUrl ? `${words.registration}: ${event.registrationUrl}` : undefined,
    event.recordingUrl ? `${words.recording}: ${event.recordingUrl}` : undefined,
  ]
  return parts.filter(Boolean).join('\n\n') || null
}

const languageName = (code: string, locale: LocaleCode) => {
  try {
    return new Intl.DisplayNames([locale], { type: 'language' }).of(code) ?? code
  } catch {
    return code
  }
}

const addEvent = (calendar: ICalCalendar, whole: EventRecord, ctx: Context, now: Date) => {
  for (const occurrence of occurrencesOf(whole)) addOccurrence(calendar, occurrence, ctx, now)
}

const addOccurrence = (
  calendar: ICalCalendar,
  { event, uid, language }: { event: EventRecord; uid: string; language?: string },
  ctx: Context,
  now: Date,
) => {
  const timing = timingOf(event)
  const named = pickLocalized(event.title, ctx.chain)?.value ?? `#${event.id}`
  const title = language ? `${named} (${languageName(language, ctx.locale)})` : named
  const label =
    event.precision === 'approximate'
      ? pickLocalized(event.approximateLabel, ctx.chain)?.value
      : undefined
  const common = {
    id: uid,
    summary: label ? `${title} (${label})` : title,
    description: descriptionOf(event, ctx),
    location: pickLocalized(event.location, ctx.chain)?.value ?? null,
    url: webinarPage(event, now) ?? null,
    // DTSTAMP of a published calendar (no METHOD) is when the event was last revised (RFC 5545
    // 3.8.7.2): the record's change, never the time of the request, so the ETag holds still.
    stamp: DateTime.fromISO(event.updatedAt, { zone: 'utc' }),
    lastModified: DateTime.fromISO(event.updatedAt, { zone: 'utc' }),
    created: DateTime.fromISO(event.createdAt, { zone: 'utc' }),
    sequence: sequenceOf(event.updatedAt),
  }
  if (timing.allDay) {
    calendar.createEvent({
      ...common,
      allDay: true,
      start: timing.first,
      end: timing.after,
      status: timing.tentative ? ICalEventStatus.TENTATIVE : ICalEventStatus.CONFIRMED,
      ...(timing.tentative ? { transparency: ICalEventTransparency.TRANSPARENT } : {}),
    })
    return
  }
  calendar.createEvent({
    ...common,
    start: timing.start,
    end: timing.end,
    timezone: timing.tzid,
    status: ICalEventStatus.CONFIRMED,
  })
}

/** A calendar of `events` in `locale`, as text. */
export const renderCalendar = (
  name: string,
  events: EventRecord[],
  locale: LocaleCode,
  now = new Date(),
): string => {
  const calendar = ical({
    name,
    prodId: {
      company: 'Alliance for Child Protection in Humanitarian Action',
      product: 'Knowledge Hub',
      language: locale.toUpperCase(),
    },
    ttl: CALENDAR_REFRESH_S,
    // No calendar-wide zone: each event carries its organiser's, and this writes their VTIMEZONEs.
    timezone: { name: null, generator: vtimezoneBlock },
  })
  const ctx = { locale, chain: chainOf(locale) }
  // Oldest first: the order a reader of the file expects; apps sort by themselves.
  for (const event of [...events].reverse()) addEvent(calendar, event, ctx, now)
  return calendar.toString()
}

/** A webinar's own file speaks `?locale=`, else the browser's language, else English. */
const webinarLocale = (request: Request): LocaleCode => {
  const asked = parseLocaleParameter(new URL(request.url).searchParams.get('locale'))
  if ('problem' in asked) throw new FeedNotFound(asked.problem)
  return asked.route ?? chainFromAcceptLanguage(request.headers.get('Accept-Language'))[0]!
}

/** The calendar at `segments` (the path after /calendar/), as the route serves it. */
export const buildCalendar = async (
  payload: Payload,
  segments: readonly string[],
  request: Request,
): Promise<Served> => {
  const parsed = parseCalendarPath(segments)
  if ('problem' in parsed) throw new FeedNotFound(parsed.problem)
  const { route } = parsed
  if (route.scope === 'webinar') {
    const explicit = new URL(request.url).searchParams.has('locale')
    const locale = webinarLocale(request)
    const event = await findWebinar(payload, route.slug)
    const name = pickLocalized(event.title, chainOf(locale))?.value ?? route.slug
    return {
      body: renderCalendar(name, [event], locale),
      contentType: CALENDAR_CONTENT_TYPE,
      filename: `${route.slug}.ics`,
      ...(explicit ? {} : { vary: 'Accept-Language' }),
    }
  }
  const group = route.scope === 'group' ? await findGroup(payload, route.group) : undefined
  const events = await calendarEvents(payload, group?.id)
  const words = WORDS[route.locale]
  const about = group
    ? (pickLocalized(group.name, chainOf(route.locale))?.value ?? group.slug)
    : words.alliance
  return {
    body: renderCalendar(`${words.kinds.webinars} · ${about}`, events, route.locale),
    contentType: CALENDAR_CONTENT_TYPE,
    filename: `${route.locale}.ics`,
  }
}

/** GET /calendar/… */
export const serveCalendar = (
  hub: Payload | Promise<Payload>,
  request: Request,
  segments: readonly string[],
): Promise<Response> => respond(request, async () => buildCalendar(await hub, segments, request))
