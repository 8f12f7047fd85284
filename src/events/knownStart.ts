// One rule for a start known only to the day, the month or approximately (an event's `precision`):
// it is stored as midnight, on the organiser's clock (`startsAt_tz`), of the day it names (the 1st
// for a month), and its date is read on that clock. That is what the admin's picker stores when an
// editor picks a day in the organiser's zone, what feeds and calendars read (eventTiming.ts), and
// what the partner API gives as `Webinar.startDate`. (The seed once stored UTC midnight instead:
// the migration 20261206_event_start_convention moved those records.) Exact starts are instants.
import { DateTime } from 'luxon'
import type { CollectionBeforeChangeHook } from 'payload'

export type StartPrecision = 'exact' | 'day' | 'month' | 'approximate'

/** The zone, or UTC for a missing or unknown one. */
export const zoneOr = (zone: string | null | undefined) =>
  zone && DateTime.now().setZone(zone).isValid ? zone : 'UTC'

const midnight = (local: DateTime, precision: string) =>
  (precision === 'month' ? local.startOf('month') : local.startOf('day')).toUTC().toISO()!

/** The stored form of a start entered at any time of its day: midnight of that day, organiser's clock. */
export const knownStart = (instant: string, zone: string | null | undefined, precision: string) =>
  precision === 'exact'
    ? instant
    : midnight(DateTime.fromISO(instant, { zone: 'utc' }).setZone(zoneOr(zone)), precision)

/** The stored form of a start given as a calendar date, `YYYY-MM-DD` (how the seed writes them). */
export const startOnDate = (date: string, zone: string | null | undefined, precision: string) =>
  midnight(DateTime.fromISO(date.slice(0, 10), { zone: zoneOr(zone) }), precision)

/** The start's calendar date on the organiser's clock, `YYYY-MM-DD`. */
export const startDateOf = (instant: string | Date, zone: string | null | undefined) =>
  DateTime.fromJSDate(new Date(instant), { zone: zoneOr(zone) }).toISODate()!

/** Events: whatever time a day-, month- or approximately-known start arrives with, store the rule's. */
export const keepKnownStart: CollectionBeforeChangeHook = ({ data, originalDoc }) => {
  const precision = data.precision ?? originalDoc?.precision ?? 'exact'
  const startsAt = data.startsAt ?? originalDoc?.startsAt
  if (precision === 'exact' || !startsAt) return data
  const zone = data.startsAt_tz ?? originalDoc?.startsAt_tz
  return { ...data, startsAt: knownStart(new Date(startsAt).toISOString(), zone, precision) }
}
