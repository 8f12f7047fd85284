// What feeds and calendars may show: published records only, read as an anonymous visitor.
//
// Why Payload's Local API and not the partner API's SQL (graphql/sql): with `overrideAccess: false`
// and no user, each collection's own anonymous `read` rule decides (publishedOrSignedIn: published
// only), the same rule REST and the admin apply, so a feed can never show what the rules hide —
// drafts, or a collection closed later — and needs no second copy of them. The SQL layer is built
// around a GraphQL request (its context, loaders and locale chain); feeds are small (≤ 50 items
// per answer, or one calendar), cached for five minutes and validated by ETag, so Payload's
// per-document cost does not matter here.
//
// Every read asks for all locales at once (`locale: 'all'`) and picks each text along the feed's
// chain (its locale, then English, as Payload's `fallbackLocale` would): the feed then knows which
// language a text is really in, so an English fallback in an Arabic feed is not marked Arabic.
import type { Payload } from 'payload'

import type { LocaleCode } from '../locales'
import { firstAlongChain } from '../localeChain'
import { FeedNotFound } from './http'
import { unknownGroup, unknownWebinar, type FeedKind } from './paths'

/** Newest first, at most this many items per feed. */
export const FEED_LIMIT = 50
/**
 * A calendar holds the most recent this many events by start (upcoming ones first to go in): the
 * Alliance holds a few dozen a year, so this is years of history without unbounded files.
 */
export const CALENDAR_LIMIT = 500

/** A localized field as Payload returns it with `locale: 'all'`. */
export type AllLocales<T = string> = Partial<Record<LocaleCode, T | null>> | null | undefined

export type Picked<T = string> = { value: T; locale: LocaleCode }

/** The locales a feed in `locale` reads from, in order. */
export const chainOf = (locale: LocaleCode): LocaleCode[] =>
  locale === 'en' ? ['en'] : [locale, 'en']

/** The first non-empty value along the chain, with the locale it came from (`firstAlongChain`). */
export const pickLocalized = <T>(
  value: AllLocales<T>,
  chain: readonly LocaleCode[],
): Picked<T> | undefined => firstAlongChain<T, LocaleCode>(value, chain)

type Stamped = { id: number; createdAt: string; updatedAt: string }

export type GroupRecord = Stamped & { slug: string; name: AllLocales }

export type ResourceRecord = Stamped & {
  slug?: string | null
  title: AllLocales
  summary?: AllLocales
  body?: AllLocales<unknown>
  links?: { url: string; language?: string | null }[] | null
}

export type NewsRecord = Stamped & {
  slug?: string | null
  title: AllLocales
  date?: string | null
  summary?: AllLocales
  body?: AllLocales<unknown>
}

export type Precision = 'exact' | 'day' | 'month' | 'approximate'

export type EventRecord = Stamped & {
  slug?: string | null
  title: AllLocales
  startsAt: string
  startsAt_tz: string
  durationMinutes?: number | null
  precision: Precision
  approximateLabel?: AllLocales
  location?: AllLocales
  summary?: AllLocales
  description?: AllLocales<unknown>
  registrationUrl?: string | null
  recordingUrl?: string | null
  /** A webinar held several times: one calendar event per session. */
  sessions?: EventSession[] | null
}

export type EventSession = {
  id?: string | null
  language: string
  startsAt: string
  startsAt_tz: string
  durationMinutes?: number | null
  registrationUrl?: string | null
  recordingUrl?: string | null
}

/** As an anonymous visitor: the collections' own read rules apply; never a draft. */
const ANONYMOUS = { overrideAccess: false, draft: false, locale: 'all', depth: 0 } as const

const inGroup = (groupId?: number) =>
  groupId === undefined ? undefined : { workingGroups: { in: [groupId] } }

// Newest first by the last change of the published record: publishing a document writes it, so a
// newly published one always comes first (a draft saved on a published record does not). `id`
// breaks ties, so that the same content always gives the same body and ETag.
const NEWEST = ['-updatedAt', '-id']

const EVENT_FIELDS = {
  title: true,
  slug: true,
  startsAt: true,
  startsAt_tz: true,
  durationMinutes: true,
  precision: true,
  approximateLabel: true,
  location: true,
  summary: true,
  description: true,
  registrationUrl: true,
  recordingUrl: true,
  sessions: true,
  createdAt: true,
  updatedAt: true,
} as const

export const findGroup = async (payload: Payload, slug: string): Promise<GroupRecord> => {
  const { docs } = await payload.find({
    collection: 'working-groups',
    where: { slug: { equals: slug } },
    select: { name: true, slug: true, createdAt: true, updatedAt: true },
    limit: 1,
    ...ANONYMOUS,
  })
  const group = docs[0] as unknown as GroupRecord | undefined
  if (!group) throw new FeedNotFound(unknownGroup(slug))
  return group
}

export type LatestRecords =
  | { kind: 'resources'; records: ResourceRecord[] }
  | { kind: 'news'; records: NewsRecord[] }
  | { kind: 'webinars'; records: EventRecord[] }

/** The newest published records of a feed, of one working group or all. */
export const latestRecords = async (
  payload: Payload,
  kind: FeedKind,
  groupId?: number,
): Promise<LatestRecords> => {
  const query = { where: inGroup(groupId), sort: NEWEST, limit: FEED_LIMIT, ...ANONYMOUS }
  if (kind === 'resources') {
    const { docs } = await payload.find({
      collection: 'resources',
      ...query,
      select: {
        title: true,
        slug: true,
        summary: true,
        body: true,
        links: { url: true, language: true },
        createdAt: true,
        updatedAt: true,
      },
    })
    return { kind, records: docs as unknown as ResourceRecord[] }
  }
  if (kind === 'news') {
    const { docs } = await payload.find({
      collection: 'news',
      ...query,
      select: {
        title: true,
        slug: true,
        date: true,
        summary: true,
        body: true,
        createdAt: true,
        updatedAt: true,
      },
    })
    return { kind, records: docs as unknown as NewsRecord[] }
  }
  const { docs } = await payload.find({ collection: 'events', ...query, select: EVENT_FIELDS })
  return { kind, records: docs as unknown as EventRecord[] }
}

/** Published events for a calendar, of one working group or all, latest starts first. */
export const calendarEvents = async (payload: Payload, groupId?: number) => {
  const { docs } = await payload.find({
    collection: 'events',
    where: inGroup(groupId),
    sort: ['-startsAt', '-id'],
    limit: CALENDAR_LIMIT,
    select: EVENT_FIELDS,
    ...ANONYMOUS,
  })
  return docs as unknown as EventRecord[]
}

export const findWebinar = async (payload: Payload, slug: string): Promise<EventRecord> => {
  const { docs } = await payload.find({
    collection: 'events',
    where: { slug: { equals: slug } },
    select: EVENT_FIELDS,
    limit: 1,
    ...ANONYMOUS,
  })
  const event = docs[0] as unknown as EventRecord | undefined
  if (!event) throw new FeedNotFound(unknownWebinar(slug))
  return event
}
