// Webinars and other dated events: upcoming or past, by language and group, with their start and
// end in UTC and in any time zone.
import {
  badInput,
  instant,
  language as languageArg,
  page,
  parseArg,
  slug,
  timeZone as timeZoneArg,
} from '../../arguments'
import type { QueryWebinarsArgs, Resolvers } from '../../generated/resolvers'
import { webinarIcsPath } from '../../../src/feeds/paths'
import { toGlobalId } from '../../../src/ids'
import type { EventRow, GroupRow, OrganisationRow, PersonRow } from '../../rows'
import { webinarListing } from '../../sql/events'
import { findBySlug, listPage, type ListingQuery } from '../../sql/listing'
import { loadFile, loadFiles } from '../files/resolvers'
import { connection, language, toEnum, translated } from '../shared'
import { startDateOf } from '../../../src/events/knownStart'

/** An instant on the wall clock of a time zone, with the zone's offset at that instant. */
export const zoned = (at: Date, timeZone: string) => {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'longOffset',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  )
  const offset =
    parts.timeZoneName === 'GMT' ? '+00:00' : String(parts.timeZoneName).replace('GMT', '')
  const local = `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`
  return { local, dateTime: `${local}:${parts.second}${offset}`, timeZone, offset }
}

const endOf = (e: Pick<EventRow, 'startsAt' | 'durationMinutes'>) =>
  e.durationMinutes ? new Date(new Date(e.startsAt).getTime() + e.durationMinutes * 60_000) : null

/** An event's end: its own, else (a webinar held in sessions) the latest of its sessions' ends. */
const eventEnd = (e: EventRow) => {
  const own = endOf(e)
  if (own) return own
  const ends = (e.sessions ?? []).map(endOf).filter((end): end is Date => end !== null)
  return ends.length ? new Date(Math.max(...ends.map((end) => end.getTime()))) : null
}

const zoneArg = (value: string | null | undefined, fallback: string) =>
  value == null ? fallback : parseArg('timeZone', timeZoneArg, value)

/** `Query.webinars`'s arguments as a listing (BAD_USER_INPUT when they do not make one). */
export const webinarsQuery = (args: QueryWebinarsArgs): ListingQuery => {
  const from = args.from == null ? null : parseArg('from', instant, args.from)
  const to = args.to == null ? null : parseArg('to', instant, args.to)
  if (from && to && new Date(from) > new Date(to)) throw badInput('from', 'must not be after `to`')
  return webinarListing({
    when: args.when ?? 'ALL',
    from,
    to,
    language: args.language == null ? null : parseArg('language', languageArg, args.language),
    groupSlug: args.workingGroup == null ? null : parseArg('workingGroup', slug, args.workingGroup),
    // The enum's value as stored: ANNUAL_MEETING is `annual-meeting`.
    kind: args.kind == null ? null : args.kind.toLowerCase().replace(/_/g, '-'),
  })
}

export const webinarResolvers: Resolvers = {
  WebinarConnection: connection,
  Query: {
    webinars: (_, args, ctx, info) =>
      listPage<EventRow>(ctx, webinarsQuery(args), page(args), info),
    webinar: (_, args, ctx, info) => findBySlug<EventRow>(ctx, 'event', args.slug),
  },
  Webinar: {
    id: (e) => toGlobalId('Webinar', e.id),
    icsUrl: (e, _, ctx) => `${ctx.origin}${webinarIcsPath(e.slug)}`,
    title: (e, _, ctx, info) => translated(e.locales, 'title', ctx.chain(info)),
    kind: (e) => toEnum(e.kind),
    series: (e) => (e.seriesPart || e.locales?.en?.seriesName ? e : null),
    startsAt: (e) => new Date(e.startsAt).toISOString(),
    startDate: (e) => startDateOf(e.startsAt, e.timeZone),
    endsAt: (e) => eventEnd(e)?.toISOString() ?? null,
    start: (e, args) => zoned(new Date(e.startsAt), zoneArg(args.timeZone, e.timeZone)),
    end: (e, args) => {
      const end = eventEnd(e)
      return end ? zoned(end, zoneArg(args.timeZone, e.timeZone)) : null
    },
    precision: (e) => toEnum(e.precision),
    approximateLabel: (e, _, ctx, info) =>
      translated(e.locales, 'approximateLabel', ctx.chain(info)),
    format: (e) => toEnum(e.format),
    location: (e, _, ctx, info) => translated(e.locales, 'location', ctx.chain(info)),
    languages: (e) => e.languages.map(language),
    interpretation: (e) => e.interpretation.map(language),
    organisers: (e, _, ctx) => ctx.loaders.many<GroupRow>('group', e.rels?.workingGroups),
    organisedByAlliance: (e) => e.organisedByAlliance === true,
    organisingOrganisations: (e, _, ctx) =>
      ctx.loaders.many<OrganisationRow>('organisation', e.rels?.organisingOrganisations),
    sessions: (e) => e.sessions ?? [],
    speakers: (e) => e.speakers,
    summary: (e, _, ctx, info) => translated(e.locales, 'summary', ctx.chain(info)),
    attachments: (e, _, ctx) => loadFiles(ctx, e.rels?.attachments),
    recording: (e, _, ctx) => loadFile(ctx, e.recordingId),
  },
  WebinarSession: {
    language: (s) => language(s.language),
    startsAt: (s) => new Date(s.startsAt).toISOString(),
    endsAt: (s) => endOf(s)?.toISOString() ?? null,
    start: (s, args) => zoned(new Date(s.startsAt), zoneArg(args.timeZone, s.timeZone)),
  },
  SeriesPart: {
    name: (e, _, ctx, info) => translated(e.locales, 'seriesName', ctx.chain(info)),
    part: (e) => e.seriesPart,
    of: (e) => e.seriesOf,
  },
  Speaker: {
    person: async (s, _, ctx) => (await ctx.loaders.one<PersonRow>('person', s.personId))!,
    affiliation: (s, _, ctx) => ctx.loaders.one<OrganisationRow>('organisation', s.affiliationId),
    role: (s, _, ctx, info) => translated(s.locales, 'role', ctx.chain(info)),
  },
}
