// The addresses of the feeds and calendars. Partners bookmark them and paste them into feed readers
// and calendar apps, so they are kept exactly as published (README, "Feeds and calendars"):
//   /feeds/<locale>/<kind>.<format>                     e.g. /feeds/ar/resources.atom
//   /feeds/<locale>/groups/<group>/<kind>.<format>
//   /calendar/<locale>.ics
//   /calendar/groups/<group>/<locale>.ics
//   /calendar/webinars/<slug>.ics
// Parsing answers with a short sentence naming what is wrong, which the routes send with a 404.
import { toSlug } from '../slugs'
import { LOCALES, type LocaleCode } from '../locales'

export const FEED_LOCALES = LOCALES.map((l) => l.code) as LocaleCode[]

export const FEED_KINDS = ['resources', 'news', 'webinars'] as const
export type FeedKind = (typeof FEED_KINDS)[number]

export const FEED_FORMATS = ['rss', 'atom', 'json'] as const
export type FeedFormat = (typeof FEED_FORMATS)[number]

export type FeedRoute = { locale: LocaleCode; kind: FeedKind; format: FeedFormat; group?: string }

export type CalendarRoute =
  | { scope: 'all'; locale: LocaleCode }
  | { scope: 'group'; locale: LocaleCode; group: string }
  | { scope: 'webinar'; slug: string }

export type Parsed<T> = { route: T } | { problem: string }

const list = (values: readonly string[]) =>
  `${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}`

const isOneOf = <T extends string>(values: readonly T[], value: string): value is T =>
  (values as readonly string[]).includes(value)

const quoted = (value: string) => JSON.stringify(value.slice(0, 80))

const unknownLocale = (value: string) =>
  `Unknown locale ${quoted(value)}: use ${list(FEED_LOCALES)}.`

/**
 * A slug the hub could have stored: slugs are always written through `toSlug`, so anything it
 * would change (capitals, spaces, NUL, over 120 characters) names no record and never reaches
 * the database.
 */
export const isStoredSlug = (value: string) => value !== '' && toSlug(value) === value

/** `name.ext` split at its last dot; no dot: `ext` is undefined. */
const splitExtension = (file: string) => {
  const dot = file.lastIndexOf('.')
  return dot < 0
    ? { name: file, ext: undefined }
    : { name: file.slice(0, dot), ext: file.slice(dot + 1) }
}

const FEED_SHAPES =
  '/feeds/<locale>/<kind>.<format> or /feeds/<locale>/groups/<group>/<kind>.<format>'

/** The segments after /feeds/, as Next hands them over (already percent-decoded). */
export const parseFeedPath = (segments: readonly string[]): Parsed<FeedRoute> => {
  const [locale = '', ...rest] = segments
  const file =
    rest.length === 1 ? rest[0]! : rest.length === 3 && rest[0] === 'groups' ? rest[2]! : undefined
  if (file === undefined) return { problem: `No such feed: the addresses are ${FEED_SHAPES}.` }
  if (!isOneOf(FEED_LOCALES, locale)) return { problem: unknownLocale(locale) }
  const { name: kind, ext: format } = splitExtension(file)
  if (!isOneOf(FEED_KINDS, kind)) {
    return { problem: `Unknown feed ${quoted(kind)}: use ${list(FEED_KINDS)}.` }
  }
  if (format === undefined || !isOneOf(FEED_FORMATS, format)) {
    return { problem: `Unknown feed format ${quoted(format ?? '')}: use ${list(FEED_FORMATS)}.` }
  }
  const group = rest.length === 3 ? rest[1]! : undefined
  if (group !== undefined && !isStoredSlug(group)) return { problem: unknownGroup(group) }
  return { route: { locale, kind, format, ...(group === undefined ? {} : { group }) } }
}

export const unknownGroup = (slug: string) => `Unknown working group ${quoted(slug)}.`
export const unknownWebinar = (slug: string) => `Unknown webinar ${quoted(slug)}.`

const CALENDAR_SHAPES =
  '/calendar/<locale>.ics, /calendar/groups/<group>/<locale>.ics or /calendar/webinars/<slug>.ics'

/** A `name.ics` segment's name, or a problem. */
const icsName = (file: string): Parsed<string> => {
  const { name, ext } = splitExtension(file)
  return ext === 'ics'
    ? { route: name }
    : { problem: `Unknown calendar format ${quoted(ext ?? '')}: calendars end in .ics.` }
}

/** The segments after /calendar/. */
export const parseCalendarPath = (segments: readonly string[]): Parsed<CalendarRoute> => {
  const shape =
    segments.length === 1
      ? 'all'
      : segments.length === 2 && segments[0] === 'webinars'
        ? 'webinar'
        : segments.length === 3 && segments[0] === 'groups'
          ? 'group'
          : undefined
  if (!shape) return { problem: `No such calendar: the addresses are ${CALENDAR_SHAPES}.` }
  const name = icsName(segments[segments.length - 1]!)
  if ('problem' in name) return name
  if (shape === 'webinar') {
    return isStoredSlug(name.route)
      ? { route: { scope: 'webinar', slug: name.route } }
      : { problem: unknownWebinar(name.route) }
  }
  if (!isOneOf(FEED_LOCALES, name.route)) return { problem: unknownLocale(name.route) }
  if (shape === 'all') return { route: { scope: 'all', locale: name.route } }
  const group = segments[1]!
  if (!isStoredSlug(group)) return { problem: unknownGroup(group) }
  return { route: { scope: 'group', locale: name.route, group } }
}

/** `?locale=` of a webinar's calendar, checked; absent: undefined. */
export const parseLocaleParameter = (value: string | null): Parsed<LocaleCode | undefined> =>
  value === null
    ? { route: undefined }
    : isOneOf(FEED_LOCALES, value)
      ? { route: value }
      : { problem: unknownLocale(value) }

export const feedPath = ({ locale, kind, format, group }: FeedRoute): string =>
  group === undefined
    ? `/feeds/${locale}/${kind}.${format}`
    : `/feeds/${locale}/groups/${encodeURIComponent(group)}/${kind}.${format}`

export const calendarPath = (locale: LocaleCode, group?: string): string =>
  group === undefined
    ? `/calendar/${locale}.ics`
    : `/calendar/groups/${encodeURIComponent(group)}/${locale}.ics`

/** The iCalendar file of one webinar (or other event), by its slug: `/calendar/webinars/<slug>.ics`. */
export const webinarIcsPath = (slug: string): string =>
  `/calendar/webinars/${encodeURIComponent(slug)}.ics`
