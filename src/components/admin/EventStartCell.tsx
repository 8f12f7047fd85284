// The events list's start column, no more precise than the start is known (`precision`): a clock
// time with its zone ("21 Jul 2026, 14:00 CEST (Europe/Zurich)") only when the minute is known;
// else the day or days ("4–8 Oct 2021"), the month ("March 2021") or the approximate words
// ("mid-March 2018"). A server component: it reads the start as feeds and calendars do
// (src/feeds/eventTiming.ts), following src/events/knownStart.ts.
import type { DefaultServerCellComponentProps } from 'payload'

import { timingOf } from '../../feeds/eventTiming'
import type { EventRecord } from '../../feeds/published'
import { formatZoned } from '../../timeZones'

const LOCALE = 'en-GB'

export const describeListedStart = (event: {
  startsAt: string
  startsAt_tz?: string | null
  precision?: string | null
  durationMinutes?: number | null
  approximateLabel?: string | null
}): string => {
  const precision = event.precision ?? 'exact'
  if (precision === 'exact') return formatZoned(event.startsAt, event.startsAt_tz)
  const timing = timingOf({
    startsAt: event.startsAt,
    startsAt_tz: event.startsAt_tz ?? 'UTC',
    precision,
    durationMinutes: event.durationMinutes,
  } as EventRecord)
  if (!timing.allDay) return formatZoned(event.startsAt, event.startsAt_tz)
  const first = timing.first.toJSDate()
  if (precision === 'day') {
    const last = timing.after.minus({ days: 1 }).toJSDate()
    const format = new Intl.DateTimeFormat(LOCALE, {
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      timeZone: 'UTC',
    })
    if (first.getTime() === last.getTime()) return format.format(first)
    // "4–8 Oct 2021" within a month (Intl spaces the dash: "4 – 8 Oct 2021"); across months as Intl.
    const sameMonth =
      first.getUTCMonth() === last.getUTCMonth() && first.getUTCFullYear() === last.getUTCFullYear()
    return sameMonth
      ? `${first.getUTCDate()}–${format.format(last)}`
      : format.formatRange(first, last)
  }
  const month = new Intl.DateTimeFormat(LOCALE, {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(first)
  const label = event.approximateLabel?.trim()
  if (precision !== 'approximate' || !label) return month
  const year = String(timing.first.year)
  return label.includes(year) ? label : `${label} ${year}`
}

export const EventStartCell = ({ cellData, rowData }: DefaultServerCellComponentProps) => {
  if (!cellData) return null
  const row = (rowData ?? {}) as Record<string, unknown>
  const text = describeListedStart({
    startsAt: String(cellData),
    startsAt_tz: typeof row.startsAt_tz === 'string' ? row.startsAt_tz : null,
    precision: typeof row.precision === 'string' ? row.precision : null,
    durationMinutes: typeof row.durationMinutes === 'number' ? row.durationMinutes : null,
    approximateLabel: typeof row.approximateLabel === 'string' ? row.approximateLabel : null,
  })
  return <span data-testid="event-start">{text}</span>
}
