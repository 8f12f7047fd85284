// An event's end as editors think of it: "16:00–17:15" or "4–8 October", not 75 or 7,200 minutes.
// Editors enter the end (a date and time, or the last day of a meeting known to the day) on the
// organiser's clock, the start's zone; the duration follows, and partners, feeds and calendars keep
// reading the duration as before. The event and each session have their own end.
//
// The end's zone picker is hidden: the end is always on its start's clock. Whatever wall-clock time
// the picker showed is placed on that clock when saved (the hidden zone may still hold the default
// while an editor changes the start's zone), then the zone is set to the start's.
import { DateTime } from 'luxon'
import {
  type CollectionBeforeChangeHook,
  type DateField,
  type FieldHook,
  type SelectField,
  ValidationError,
} from 'payload'

import { TIME_ZONES } from '../timeZones'
import { zoneOr } from './knownStart'

const MINUTES_PER_DAY = 24 * 60

type Start = {
  startsAt?: string | Date | null
  startsAt_tz?: string | null
  precision?: string | null
  durationMinutes?: number | null
  endsAt?: string | Date | null
  endsAt_tz?: string | null
}

const local = (at: string | Date, zone: string | null | undefined) =>
  DateTime.fromJSDate(new Date(at), { zone: zoneOr(zone) })

const byDay = (precision: string | null | undefined) => Boolean(precision && precision !== 'exact')

/** The end a duration stands for: start + minutes, or for a start known to the day, the last day. */
export const endFromDuration = (start: Start): string | null => {
  if (!start.startsAt || !start.durationMinutes) return null
  const from = local(start.startsAt, start.startsAt_tz)
  if (!byDay(start.precision)) return from.plus({ minutes: start.durationMinutes }).toUTC().toISO()
  const days = Math.max(1, Math.ceil(start.durationMinutes / MINUTES_PER_DAY))
  return from
    .startOf('day')
    .plus({ days: days - 1 })
    .toUTC()
    .toISO()
}

/**
 * The stored end and duration for an entered end: its wall-clock time placed on the start's clock;
 * minutes from the start, or whole days through the last day for a start known to the day.
 * Null when the end is before the start.
 */
export const placeEnd = (
  start: Start,
): { endsAt: string; endsAt_tz: string; durationMinutes: number } | null => {
  const zone = zoneOr(start.startsAt_tz)
  const shown = local(start.endsAt!, start.endsAt_tz ?? zone)
  const end = DateTime.fromObject(
    {
      year: shown.year,
      month: shown.month,
      day: shown.day,
      hour: shown.hour,
      minute: shown.minute,
    },
    { zone },
  )
  const from = local(start.startsAt!, zone)
  if (byDay(start.precision)) {
    const days = end.startOf('day').diff(from.startOf('day'), 'days').days + 1
    if (days < 1) return null
    return {
      endsAt: end.startOf('day').toUTC().toISO()!,
      endsAt_tz: zone,
      durationMinutes: Math.round(days) * MINUTES_PER_DAY,
    }
  }
  const minutes = Math.round(end.diff(from, 'minutes').minutes)
  if (minutes < 1) return null
  return { endsAt: end.toUTC().toISO()!, endsAt_tz: zone, durationMinutes: minutes }
}

/** One row (the event itself or a session): the end wins when entered, else the duration gives it. */
const settle = <T extends Start>(row: T, path: string, original?: Start): T => {
  const start = { ...original, ...row }
  if (!start.startsAt) return row
  if (row.endsAt) {
    const placed = placeEnd(start)
    if (!placed) {
      throw new ValidationError({
        errors: [{ path, message: 'The end is before the start: enter when it finishes.' }],
      })
    }
    return { ...row, ...placed }
  }
  // An end cleared in the form: no end, so no duration.
  if ('endsAt' in row && row.endsAt === null) {
    return { ...row, endsAt: null, endsAt_tz: null, durationMinutes: null }
  }
  // No end given: one from the duration (REST, the seed, records from before ends existed).
  const endsAt = endFromDuration(start)
  return { ...row, endsAt, endsAt_tz: endsAt ? zoneOr(start.startsAt_tz) : null }
}

export const endsAsEditorsThink: CollectionBeforeChangeHook = ({ data, originalDoc }) => {
  const event = settle(data as Start, 'endsAt', originalDoc)
  const sessions = Array.isArray(data.sessions)
    ? (data.sessions as (Start & { precision?: string })[]).map((session, index) =>
        settle({ ...session, precision: undefined }, `sessions.${index}.endsAt`),
      )
    : data.sessions
  return { ...event, ...(sessions ? { sessions } : {}) }
}

/** Records saved before ends existed show the end their duration stands for. */
const endOfOlderRecord: FieldHook = ({ value, siblingData }) =>
  value ?? endFromDuration(siblingData as Start)

const zoneOfStart: FieldHook = ({ value, siblingData }) =>
  value ?? (siblingData as Start).startsAt_tz ?? null

/** The end of the event or of a session: a date and time on the start's clock. */
export const endField = (description: string): DateField => ({
  name: 'endsAt',
  label: 'Ends',
  type: 'date',
  timezone: {
    supportedTimezones: TIME_ZONES,
    defaultTimezone: 'Europe/Zurich',
    override: ({ baseField }: { baseField: SelectField }) => ({
      ...baseField,
      hooks: { ...baseField.hooks, afterRead: [zoneOfStart] },
    }),
  },
  hooks: { afterRead: [endOfOlderRecord] },
  // The class hides the end's own zone picker (src/app/(payload)/custom.scss).
  admin: {
    date: { pickerAppearance: 'dayAndTime' },
    description,
    className: 'hub-end-on-start-clock',
  },
})

/** Read-only in the admin: it follows from the end. REST and the seed may still give it. */
export const derivedDurationField = {
  name: 'durationMinutes',
  label: 'Duration (minutes)',
  type: 'number',
  min: 1,
  max: 20160,
  admin: { readOnly: true, description: 'Follows from the end.' },
} as const
