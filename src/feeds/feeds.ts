// RSS 2.0, Atom 1.0 and JSON Feed 1.1 of the newest published resources, news and webinars, per
// locale and per working group, built with the `feed` package. Three things it does not do
// itself, added here: Atom's `xml:lang`, JSON Feed 1.1 (it writes 1.0; 1.1 only adds `language`
// and `authors`), and plain text for JSON Feed's `content_text`.
//
// An item is identified by a URN that never changes (`urn:alliancecpha-hub:resource:42`: RSS guid,
// Atom id, JSON Feed id) and links to the record's own address where it has one: a resource's
// link in the feed's language (else its first), a webinar's registration page (its recording once
// it has started), else the webinar's calendar file. Otherwise — news, a resource without links —
// the link is the record in the hub's public REST API, in the feed's locale.
import { Feed, type Item } from 'feed'
import type { Payload } from 'payload'

import { renderBody } from '../bodies'
import { env } from '../env'
import type { LocaleCode } from '../locales'
import { describeStart, occurrencesOf, timingOf } from './eventTiming'
import { FeedNotFound, respond, type Served } from './http'
import { ALLIANCE_SITE, WORDS } from './labels'
import { feedPath, parseFeedPath, webinarIcsPath, type FeedFormat, type FeedRoute } from './paths'
import {
  chainOf,
  findGroup,
  latestRecords,
  pickLocalized,
  type AllLocales,
  type EventRecord,
  type LatestRecords,
  type NewsRecord,
  type Picked,
  type ResourceRecord,
} from './published'

export const CONTENT_TYPES: Record<FeedFormat, string> = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
}

export const JSON_FEED_VERSION = 'https://jsonfeed.org/version/1.1'

const RIGHT_TO_LEFT = new Set<LocaleCode>(['ar'])

/** The hub's public address: SERVER_URL in production, else the address the request came to. */
export const publicOrigin = (request: Request) =>
  env.SERVER_URL?.replace(/\/+$/, '') ?? new URL(request.url).origin

/** What one item says, whatever the format. */
export type Entry = {
  id: string
  title: Picked
  link: string
  updated: Date
  published?: Date
  /** Plain text, for JSON Feed's `summary` (and, as HTML, RSS and Atom's description). */
  summary?: Picked
  /** The body as sanitised HTML (src/bodies.ts), preceded by a webinar's start. */
  html?: string
  /** The same as plain text. */
  text?: string
}

export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

/** A paragraph of plain text as HTML, marked with its language (and right-to-left for Arabic). */
const paragraph = ({ value, locale }: Picked) =>
  `<p lang="${locale}"${RIGHT_TO_LEFT.has(locale) ? ' dir="rtl"' : ''}>${escapeHtml(value)}</p>`

const EXCERPT_LENGTH = 280

/** The start of a text, cut at a word, for a description when a record has no summary. */
const excerpt = (text: string) => {
  const flat = text.replace(/\s+/g, ' ').trim()
  if (flat.length <= EXCERPT_LENGTH) return flat
  const cut = flat.slice(0, EXCERPT_LENGTH)
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), EXCERPT_LENGTH / 2))}…`
}

type Body = { html?: string; text?: string; locale?: LocaleCode }

/** A rich-text field along the chain, as HTML and text. */
const bodyOf = (value: AllLocales<unknown>, chain: LocaleCode[]): Body => {
  const picked = pickLocalized(value, chain)
  if (!picked) return {}
  return {
    html: renderBody(picked.value, 'HTML', picked.locale) ?? undefined,
    text: renderBody(picked.value, 'TEXT', picked.locale) ?? undefined,
    locale: picked.locale,
  }
}

type Context = {
  locale: LocaleCode
  chain: LocaleCode[]
  origin: string
  /** The Alliance's site (SITE_URL): when set, each item links to its page there. */
  site?: string
}

/** A record's page on the Alliance's site (site/), in the feed's language. */
const sitePage = (ctx: Context, kind: 'resources' | 'news' | 'webinars', slug?: string | null) =>
  ctx.site && slug ? `${ctx.site}/${ctx.locale}/${kind}/${encodeURIComponent(slug)}` : undefined

/** An http(s) address as the feed library will accept it, or undefined. */
const webAddress = (value: string | null | undefined) => {
  if (!value) return undefined
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol) ? value : undefined
  } catch {
    return undefined
  }
}

/** A webinar's own page: where to register until it starts, then its recording. */
export const webinarPage = (event: EventRecord, now: Date): string | undefined => {
  const registration = webAddress(event.registrationUrl)
  const recording = webAddress(event.recordingUrl)
  return new Date(event.startsAt) <= now ? (recording ?? registration) : (registration ?? recording)
}

/** The record in the hub's public REST API, for records with no address of their own. */
const restLink = (ctx: Context, collection: string, id: number) =>
  `${ctx.origin}/api/${collection}/${id}?locale=${ctx.locale}`

const titleOf = (title: AllLocales, ctx: Context, id: number): Picked =>
  pickLocalized(title, ctx.chain) ?? { value: `#${id}`, locale: 'en' }

const withSummary = (entry: Omit<Entry, 'summary'>, summary: Picked | undefined, body: Body) => {
  const fromBody =
    body.text && body.locale ? { value: excerpt(body.text), locale: body.locale } : undefined
  return { ...entry, summary: summary ?? fromBody }
}

const resourceEntry = (r: ResourceRecord, ctx: Context): Entry => {
  const links = r.links ?? []
  const own = links.find((l) => l.language === ctx.locale) ?? links[0]
  const body = bodyOf(r.body, ctx.chain)
  return withSummary(
    {
      id: `urn:alliancecpha-hub:resource:${r.id}`,
      title: titleOf(r.title, ctx, r.id),
      link:
        sitePage(ctx, 'resources', r.slug) ??
        webAddress(own?.url) ??
        restLink(ctx, 'resources', r.id),
      updated: new Date(r.updatedAt),
      html: body.html,
      text: body.text,
    },
    pickLocalized(r.summary, ctx.chain),
    body,
  )
}

const newsEntry = (n: NewsRecord, ctx: Context): Entry => {
  const body = bodyOf(n.body, ctx.chain)
  return withSummary(
    {
      id: `urn:alliancecpha-hub:news:${n.id}`,
      title: titleOf(n.title, ctx, n.id),
      link: sitePage(ctx, 'news', n.slug) ?? restLink(ctx, 'news', n.id),
      updated: new Date(n.updatedAt),
      ...(n.date ? { published: new Date(n.date) } : {}),
      html: body.html,
      text: body.text,
    },
    pickLocalized(n.summary, ctx.chain),
    body,
  )
}

const webinarEntry = (e: EventRecord, ctx: Context, now: Date): Entry => {
  const timing = timingOf(e)
  const label = pickLocalized(e.approximateLabel, ctx.chain)?.value
  const when: Picked = { value: describeStart(e, timing, ctx.locale, label), locale: ctx.locale }
  // A webinar held in sessions: each one, with its language, on its own organiser's clock.
  const languageName = new Intl.DisplayNames([ctx.locale], { type: 'language' })
  const sessions: Picked[] = e.sessions?.length
    ? occurrencesOf(e).map(({ event, language }) => ({
        value: `${language ? `${languageName.of(language) ?? language}: ` : ''}${describeStart(event, timingOf(event), ctx.locale)}`,
        locale: ctx.locale,
      }))
    : []
  const body = bodyOf(e.description, ctx.chain)
  const summary = pickLocalized(e.summary, ctx.chain)
  const calendar = e.slug ? `${ctx.origin}${webinarIcsPath(e.slug)}` : undefined
  return withSummary(
    {
      id: `urn:alliancecpha-hub:webinar:${e.id}`,
      title: titleOf(e.title, ctx, e.id),
      link:
        sitePage(ctx, 'webinars', e.slug) ??
        webinarPage(e, now) ??
        calendar ??
        restLink(ctx, 'events', e.id),
      updated: new Date(e.updatedAt),
      // The start leads: it is what a reader of a webinar feed looks for first.
      html:
        paragraph(when) +
        sessions.map(paragraph).join('') +
        (body.html ?? (summary ? paragraph(summary) : '')),
      text: [when.value, ...sessions.map((line) => line.value), body.text ?? summary?.value]
        .filter(Boolean)
        .join('\n\n'),
    },
    summary,
    body,
  )
}

const entriesOf = (latest: LatestRecords, ctx: Context, now: Date): Entry[] => {
  switch (latest.kind) {
    case 'resources':
      return latest.records.map((r) => resourceEntry(r, ctx))
    case 'news':
      return latest.records.map((n) => newsEntry(n, ctx))
    case 'webinars':
      return latest.records.map((e) => webinarEntry(e, ctx, now))
  }
}

// Characters XML 1.0 cannot carry at all (C0 controls but tab and newlines, lone surrogates,
// U+FFFE/U+FFFF): one of them in a stored text would make the whole feed unreadable.
const NOT_XML =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g
const xmlText = (text: string) => text.replace(NOT_XML, '')

export type FeedMeta = {
  route: FeedRoute
  title: string
  origin: string
  entries: Entry[]
  /** The Alliance's site (SITE_URL), the feed's own link when set. */
  site?: string
}

/** The feed in its format, as text. */
export const renderFeed = ({ route, title, origin, entries, site }: FeedMeta): string => {
  const xml = route.format !== 'json'
  const text = (value: string) => (xml ? xmlText(value) : value)
  const alliance = WORDS[route.locale].alliance
  const group = route.group === undefined ? '' : `:groups:${route.group}`
  const feed = new Feed({
    id: `urn:alliancecpha-hub:feed:${route.locale}${group}:${route.kind}`,
    title: text(title),
    description: text(title),
    link: site ? `${site}/${route.locale}/` : ALLIANCE_SITE,
    language: route.locale,
    // The newest item's change, not the time of the request: the same content, the same ETag.
    updated: entries[0]?.updated ?? new Date(0),
    generator: 'Alliance Knowledge Hub',
    author: { name: text(alliance), link: ALLIANCE_SITE },
    feedLinks: {
      rss: `${origin}${feedPath({ ...route, format: 'rss' })}`,
      atom: `${origin}${feedPath({ ...route, format: 'atom' })}`,
      json: `${origin}${feedPath({ ...route, format: 'json' })}`,
    },
  })
  for (const entry of entries) {
    const item: Item = {
      id: entry.id,
      // Atom's titles are typed HTML, so their text is escaped; RSS and JSON titles are text.
      title: text(route.format === 'atom' ? escapeHtml(entry.title.value) : entry.title.value),
      link: entry.link,
      date: entry.updated,
      ...(entry.published ? { published: entry.published } : {}),
      ...(entry.summary
        ? { description: text(xml ? paragraph(entry.summary) : entry.summary.value) }
        : {}),
      ...(entry.html ? { content: text(entry.html) } : {}),
    }
    feed.addItem(item)
  }
  if (route.format === 'rss') return feed.rss2()
  if (route.format === 'atom') return withXmlLang(feed.atom1(), route.locale)
  return jsonFeed11(feed.json1(), route.locale, entries)
}

const ATOM_ROOT = '<feed xmlns="http://www.w3.org/2005/Atom">'

/** Atom's language is the root's xml:lang, which the library does not write. */
const withXmlLang = (atom: string, locale: LocaleCode) => {
  // Fails loudly (and in tests) if a new version of the library writes its root differently.
  if (!atom.includes(ATOM_ROOT)) throw new Error('Unexpected Atom root from the feed library')
  return atom.replace(ATOM_ROOT, `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${locale}">`)
}

type JsonFeedItem = Record<string, unknown> & { id: string }

/** The library's JSON Feed 1.0, as 1.1: `language`, `authors`, and text beside the HTML. */
const jsonFeed11 = (json: string, locale: LocaleCode, entries: Entry[]) => {
  const {
    version: _version,
    author,
    items,
    ...feed
  } = JSON.parse(json) as {
    version: string
    author?: Record<string, string>
    items: JsonFeedItem[]
  } & Record<string, unknown>
  return JSON.stringify(
    {
      version: JSON_FEED_VERSION,
      ...feed,
      language: locale,
      ...(author ? { authors: [author] } : {}),
      items: items.map((item, i) => {
        // The library puts a plain summary into `content_html` when there is no body.
        const { content_html: _html, summary: _summary, ...rest } = item
        const entry = entries[i]!
        const html = entry.html ?? (entry.summary ? paragraph(entry.summary) : undefined)
        return {
          ...rest,
          ...(html ? { content_html: html } : {}),
          content_text: entry.text ?? entry.summary?.value ?? entry.title.value,
          ...(entry.summary ? { summary: entry.summary.value } : {}),
          language: entry.title.locale,
        }
      }),
    },
    null,
    2,
  )
}

/** The feed at `segments` (the path after /feeds/), as the route serves it. */
export const buildFeed = async (
  payload: Payload,
  segments: readonly string[],
  origin: string,
  now = new Date(),
  site = env.SITE_URL,
): Promise<Served> => {
  const parsed = parseFeedPath(segments)
  if ('problem' in parsed) throw new FeedNotFound(parsed.problem)
  const { route } = parsed
  const chain = chainOf(route.locale)
  const group = route.group === undefined ? undefined : await findGroup(payload, route.group)
  const latest = await latestRecords(payload, route.kind, group?.id)
  const about = group
    ? (pickLocalized(group.name, chain)?.value ?? group.slug)
    : WORDS[route.locale].alliance
  const body = renderFeed({
    route,
    title: `${WORDS[route.locale].kinds[route.kind]} · ${about}`,
    origin,
    site,
    entries: entriesOf(latest, { locale: route.locale, chain, origin, site }, now),
  })
  return { body, contentType: CONTENT_TYPES[route.format] }
}

/** GET /feeds/… */
export const serveFeed = (
  hub: Payload | Promise<Payload>,
  request: Request,
  segments: readonly string[],
): Promise<Response> =>
  respond(request, async () => buildFeed(await hub, segments, publicOrigin(request)))
