// When an event happens, as much as the hub knows it (`precision`), for calendars and feeds.
//
// - `exact`: a timed event on the organiser's wall clock (their stored IANA zone), written with
//   TZID and that zone's VTIMEZONE, so calendar apps move it correctly across daylight-saving
//   changes and show it in each reader's own zone.
// - `day`: an all-day event on the organiser's calendar date (a start entered as a day means that
//   day where the organiser is), lasting as many days as the duration covers.
// - `month` and `approximate`: an all-day event over the whole month of the (approximate) start,
//   marked TENTATIVE and TRANSPARENT. Any one day would be a date the Alliance never announced;
//   the month is what is known, and a transparent event keeps the month free in the reader's
//   schedule. An approximate start's own words ("Mid-March 2018") go into the title.
import { DateTime } from 'luxon'
import { tzlib_get_ical_block, tzlib_get_offset } from 'timezones-ical-library'

import type { LocaleCode } from '../locales'
import type { EventRecord } from './published'

/**
 * A start with no duration is shown as an hour: a calendar entry needs an end, and an hour is what
 * the Alliance's webinars mostly take (60–90 minutes). The feeds state no end in that case.
 */
export const DEFAULT_DURATION_MINUTES = 60

const MINUTES_PER_DAY = 24 * 60

export type Timing =
  | {
      allDay: false
      start: DateTime
      end: DateTime
      /** The zone the times are written in (its VTIMEZONE's TZID), or null for UTC. */
      tzid: string | null
      zone: string
    }
  | {
      allDay: true
      /** UTC midnight of the first day. */
      first: DateTime
      /** UTC midnight after the last day (iCalendar's DTEND of an all-day event is exclusive). */
      after: DateTime
      tentative: boolean
      zone: string
    }

const isZone = (zone: string) => DateTime.now().setZone(zone).isValid

type Vtimezone = { tzid: string; block: string }
const vtimezones = new Map<string, Vtimezone | null>()

/**
 * The VTIMEZONE of an IANA zone and the TZID it declares, from timezones-ical-library. The TZID is
 * the zone's current name (a stored `Asia/Calcutta` is declared as `Asia/Kolkata`), so events
 * must use the TZID returned here for calendar apps to find the definition.
 */
export const vtimezoneOf = (zone: string): Vtimezone | null => {
  if (!vtimezones.has(zone)) {
    const answer = isZone(zone) ? tzlib_get_ical_block(zone) : ''
    const tzid = Array.isArray(answer) ? /^TZID=(.+)$/.exec(answer[1] ?? '')?.[1] : undefined
    vtimezones.set(zone, tzid && answer[0] ? { tzid, block: answer[0] } : null)
  }
  return vtimezones.get(zone)!
}

/** The VTIMEZONE block declaring `tzid` (ical-generator's generator), or null. */
export const vtimezoneBlock = (tzid: string): string | null => vtimezoneOf(tzid)?.block ?? null

/**
 * Whether the zone's VTIMEZONE, which states today's rules only, gives the instant the offset it
 * really had. Not so where a zone changed its rules since (the United States in 2007, Egypt in
 * 2014–2023…): such an event is written in UTC instead, which every calendar app shows right.
 */
const rulesHold = (tzid: string, at: DateTime) => {
  const local = at.setZone(tzid)
  return (
    tzlib_get_offset(tzid, local.toFormat('yyyy-LL-dd'), local.toFormat('HH:mm')) ===
    local.toFormat('ZZZ')
  )
}

const utcDay = (local: DateTime) => DateTime.utc(local.year, local.month, local.day)

export const timingOf = (event: EventRecord): Timing => {
  const zone = isZone(event.startsAt_tz) ? event.startsAt_tz : 'UTC'
  const start = DateTime.fromISO(event.startsAt, { zone: 'utc' })
  const local = start.setZone(zone)
  const minutes = event.durationMinutes ?? DEFAULT_DURATION_MINUTES
  if (event.precision === 'day') {
    const first = utcDay(local)
    const days = Math.max(1, Math.ceil(minutes / MINUTES_PER_DAY))
    return { allDay: true, first, after: first.plus({ days }), tentative: false, zone }
  }
  if (event.precision === 'month' || event.precision === 'approximate') {
    const first = utcDay(local.startOf('month'))
    return { allDay: true, first, after: first.plus({ months: 1 }), tentative: true, zone }
  }
  const end = start.plus({ minutes })
  const tz = vtimezoneOf(zone)
  const tzid = tz && rulesHold(tz.tzid, start) && rulesHold(tz.tzid, end) ? tz.tzid : null
  return { allDay: false, start, end, tzid, zone }
}

/**
 * The start in words, in the feed's locale and the organiser's zone, no more precise than known:
 * "Saturday 28 March 2026 at 10:00 (Europe/Paris)", "14–15 October 2019", "March 2018", or the
 * approximate start's own label.
 */
export const describeStart = (
  event: EventRecord,
  timing: Timing,
  locale: LocaleCode,
  approximateLabel?: string,
): string => {
  const timeZone = timing.zone
  if (!timing.allDay) {
    const when = new Intl.DateTimeFormat(locale, {
      dateStyle: 'full',
      timeStyle: 'short',
      timeZone,
    }).format(timing.start.toJSDate())
    return `${when} (${timeZone})`
  }
  const day = (at: DateTime) => at.toJSDate()
  if (event.precision === 'day') {
    const last = timing.after.minus({ days: 1 })
    const format = new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeZone: 'UTC' })
    return last.equals(timing.first)
      ? format.format(day(timing.first))
      : format.formatRange(day(timing.first), day(last))
  }
  if (event.precision === 'approximate' && approximateLabel) return approximateLabel
  return new Intl.DateTimeFormat(locale, {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(day(timing.first))
}

/**
 * A webinar held several times is one calendar event per session (its own start, zone, language
 * and links, a UID of its own); an event held once is itself.
 */
export const occurrencesOf = (
  event: EventRecord,
): { event: EventRecord; uid: string; language?: string }[] => {
  const uid = `urn:alliancecpha-hub:webinar:${event.id}`
  if (!event.sessions?.length) return [{ event, uid }]
  return [...event.sessions]
    .sort((a, b) => new Date(a.startsAt).getTime() - new Date(b.startsAt).getTime())
    .map((session, index) => ({
      uid: `${uid}:session:${session.id ?? index + 1}`,
      language: session.language,
      event: {
        ...event,
        startsAt: session.startsAt,
        startsAt_tz: session.startsAt_tz,
        durationMinutes: session.durationMinutes ?? event.durationMinutes,
        precision: 'exact',
        registrationUrl: session.registrationUrl ?? event.registrationUrl,
        recordingUrl: session.recordingUrl ?? null,
      },
    }))
}
