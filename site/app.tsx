/** @jsxImportSource hono/jsx */
// The Alliance's public site: server-rendered pages in four languages, read from the hub's partner
// API over HTTP (site/hub.ts) and nothing else. `createSite()` returns a fetch handler that the hub
// mounts at / (src/cli/serve.ts) and that site/start.ts serves alone.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { Hono, type Context, type Env, type MiddlewareHandler } from 'hono'
import { accepts } from 'hono/accepts'
import { compress } from 'hono/compress'
import { etag } from 'hono/etag'
import type { JSX } from 'hono/jsx/jsx-runtime'
import { z } from 'zod'

import type { GroupFullFragment } from './generated/graphql'
import { createHub, HubError, type Hub } from './hub'
import { chainOf, isLang, LANGS, type Lang } from './i18n'
import { ErrorPage } from './pages/errors'
import { GroupPage, GroupsPage } from './pages/groups'
import { HomePage } from './pages/home'
import { FACETS, LibraryPage, type LibraryState } from './pages/library'
import { NewsPage, NewsPostPage } from './pages/news'
import { NewsletterPage, NewslettersPage } from './pages/newsletters'
import { ResourcePage } from './pages/resource'
import { StandardsPage } from './pages/standards'
import {
  type LinkStep,
  PreferencesPage,
  SignUpPage,
  type SignUpState,
  SubscriptionLinkPage,
} from './pages/subscription'
import { WebinarPage, WebinarsPage } from './pages/webinars'
import {
  GroupQuery,
  GroupsQuery,
  HomeQuery,
  LibraryQuery,
  NewsletterQuery,
  NewslettersQuery,
  NewsPostQuery,
  NewsQuery,
  ResourceQuery,
  SitemapQuery,
  StandardsQuery,
  WebinarQuery,
  PreviewGroupQuery,
  PreviewNewsletterQuery,
  PreviewNewsPostQuery,
  PreviewResourceQuery,
  PreviewWebinarQuery,
  WebinarsQuery,
  ConfirmSubscriptionMutation,
  NewsletterPreferencesQuery,
  SignUpFormQuery,
  SignUpMutation,
  UnsubscribeMutation,
  UpdateNewsletterPreferencesMutation,
} from './queries'
import { type Ctx, t } from './ui'

export type SiteOptions = {
  /** The partner API, e.g. http://127.0.0.1:3000/graphql. */
  graphqlUrl: string
  /** The site's public origin for canonical URLs and the sitemap; else each request's own. */
  siteUrl?: string
  /** The hub's public origin for feeds; '' when the hub serves the site at its own address. */
  hubUrl?: string
  /** Sent with every request to the hub: a key, or the hub's own mark when it serves the site. */
  headers?: Record<string, string>
  /**
   * Headers naming the visitor to the hub, so that the sign-up form's rate limits count each reader
   * (the hub honours them only from the site it serves itself: src/cli/serve.ts).
   */
  visitorHeaders?: (request: Request) => Record<string, string>
  /** Called with each failure the visitor sees as a 500 or 502 (the hub down, a bug). */
  onError?: (error: Error, path: string) => void
}

/** How many resources a library page lists. */
export const PAGE_SIZE = 20

const asset = (name: string, type: string) => {
  const body = readFileSync(new URL(`./assets/${name}`, import.meta.url))
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 10)
  const [base, ext] = name.split('.') as [string, string]
  return { path: `/_site/${base}.${hash}.${ext}`, body, type }
}

const SLUG = /^[A-Za-z0-9][\w-]{0,199}$/
/** Pages reached by their kind's path and a slug. */
const KINDS = ['resources', 'groups', 'webinars', 'news', 'newsletters'] as const

const LANG = '/:lang{en|fr|es|ar}'
/** A record's page, and its draft's (by id, for editors). */
const RECORD = `${LANG}/:kind{${KINDS.join('|')}}/:slug` as const
const DRAFT = `/preview${LANG}/:kind{${KINDS.join('|')}}/:id{[A-Za-z0-9_-]{1,200}}` as const

const text = z.string().trim().max(200, 'is longer than 200 characters')
const list = z
  .array(z.string().max(100, 'has a value longer than 100 characters'))
  .max(30, 'lists more than 30 values')
const pageNumber = z.coerce
  .number({ error: 'is not a whole number' })
  .int('is not a whole number')
  .min(1, 'must be 1 or more')
  .max(10_000, 'must be at most 10000')
const cursor = z.string().max(500, 'is not a cursor this site made')

/** A query parameter the visitor got wrong, named in the 400 page. */
class BadParameter extends Error {}

const parse = <T,>(schema: z.ZodType<T>, value: unknown, name: string): T => {
  const result = schema.safeParse(value)
  if (!result.success)
    throw new BadParameter(`“${name}” ${result.error.issues[0]?.message ?? 'is not valid'}`)
  return result.data
}

/** A page of a list: the cursor the page before ended at, and its number (shown, not trusted). */
const paging = (c: Context) => {
  const after = parse(cursor.optional(), c.req.query('after') || undefined, 'after')
  const page = parse(pageNumber.optional(), c.req.query('page') || undefined, 'page') ?? 1
  if (page > 1 && !after)
    throw new BadParameter('“page” comes with the “after” of the page before it')
  return { after, page }
}

/** What one site's handlers share: its hub, its options and its assets' paths. */
type Site = {
  hub: Hub
  options: SiteOptions
  /** The hub's public origin for feeds ('' when it is the site's own). */
  hubUrl: string
  assets: Ctx['assets']
}

/** The site's public origin: the configured one, else the request's own. */
const originOf = (site: Site, c: Context) => site.options.siteUrl ?? new URL(c.req.url).origin

const context = (site: Site, c: Context, lang: Lang, search = ''): Ctx => {
  const path = new URL(c.req.url).pathname.slice(lang.length + 1).replace(/\/$/, '')
  return {
    lang,
    path,
    search,
    siteUrl: originOf(site, c),
    hubUrl: site.hubUrl,
    assets: site.assets,
  }
}

const render = async (
  c: Context,
  page: JSX.Element,
  status: 200 | 400 | 403 | 404 | 429 | 500 | 502 = 200,
) => {
  const html = `<!doctype html>${await page.toString()}`
  // A preview is one editor's: never stored by a browser or a CDN, never indexed.
  const preview = new URL(c.req.url).pathname.startsWith('/preview/')
  c.header(
    'Cache-Control',
    preview ? 'private, no-store' : status === 200 ? 'public, no-cache' : 'no-store',
  )
  if (preview) c.header('X-Robots-Tag', 'noindex')
  c.header('Content-Language', /<html lang="(\w+)"/.exec(html)?.[1] ?? 'en')
  return c.html(html, status)
}

const langOf = (c: Context): Lang => {
  const lang = c.req.param('lang')
  return isLang(lang) ? lang : 'en'
}

/** The language of a path the routes did not take apart (a 404, an error). */
const fromPath = (c: Context): Lang => {
  const segments = new URL(c.req.url).pathname.split('/')
  const first = segments[1] === 'preview' ? segments[2] : segments[1]
  return isLang(first) ? first : 'en'
}

/** The newsletter's pages (site/pages/subscription.tsx), the only ones that take a POST. */
const NEWSLETTER_LINK = `${LANG}/newsletter/:step{confirm|unsubscribe}`
const isNewsletterForm = (pathname: string) =>
  /^\/(en|fr|es|ar)\/newsletter\/(confirm|unsubscribe|subscribe|preferences)$/.test(pathname)

// Only reading here, but for the newsletter's forms: any other form posted to the site is a
// mistake, not an error.
const onlyReading: MiddlewareHandler = async (c, next) => {
  const posting = c.req.method === 'POST' && isNewsletterForm(new URL(c.req.url).pathname)
  if (c.req.method !== 'GET' && c.req.method !== 'HEAD' && !posting) {
    return c.text('The site only answers GET and HEAD.', 405, { Allow: 'GET, HEAD' })
  }
  await next()
}

const serveFile = (file: ReturnType<typeof asset>, cacheControl: string) => (c: Context) =>
  c.body(file.body, 200, { 'Content-Type': file.type, 'Cache-Control': cacheControl })

const robotsTxt = (site: Site, c: Context) =>
  c.text(
    `User-agent: *\nDisallow: /admin\nDisallow: /api/\nDisallow: /preview/\nAllow: /\n\nSitemap: ${originOf(site, c)}/sitemap.xml\n`,
    200,
    {
      'Cache-Control': 'public, max-age=3600',
    },
  )

/** Every public page's path after the language: the lists, then each record (resources paged). */
const sitemapPaths = async (hub: Hub) => {
  const paths = ['', '/resources', '/groups', '/webinars', '/newsletters', '/news', '/standards']
  let after: string | null | undefined
  let first = true
  do {
    const data = await hub.query(SitemapQuery, { after })
    paths.push(...data.resources.edges.map((e) => `/resources/${e.node.slug}`))
    if (first) {
      paths.push(...data.workingGroups.edges.map((e) => `/groups/${e.node.slug}`))
      paths.push(...data.webinars.edges.map((e) => `/webinars/${e.node.slug}`))
      paths.push(...data.newsPosts.edges.map((e) => `/news/${e.node.slug}`))
      paths.push(...data.newsletters.edges.map((e) => `/newsletters/${e.node.slug}`))
    }
    first = false
    after = data.resources.pageInfo.hasNextPage ? data.resources.pageInfo.endCursor : null
  } while (after)
  return paths
}

const escapeXml = (value: string) => value.replace(/&/g, '&amp;').replace(/</g, '&lt;')

/** One page in one language, with the page in every language (and English by default) beside it. */
const sitemapUrl = (origin: string, path: string, lang: Lang) => {
  const alternate = (hreflang: string, other: Lang) =>
    `<xhtml:link rel="alternate" hreflang="${hreflang}" href="${escapeXml(`${origin}/${other}${path}`)}"/>`
  return `<url><loc>${escapeXml(`${origin}/${lang}${path}`)}</loc>${LANGS.map((other) => alternate(other, other)).join('')}${alternate('x-default', 'en')}</url>`
}

const sitemapXml = async (site: Site, c: Context) => {
  const origin = originOf(site, c)
  const paths = await sitemapPaths(site.hub)
  const entries = paths.flatMap((path) => LANGS.map((lang) => sitemapUrl(origin, path, lang)))
  return c.body(
    `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n${entries.join('\n')}\n</urlset>\n`,
    200,
    { 'Content-Type': 'application/xml; charset=utf-8', 'Cache-Control': 'public, no-cache' },
  )
}

// The visitor's language from the browser's (by quality; `fr-CH` is French, `q=0` refused), else English.
const toVisitorsLanguage = (c: Context) => {
  const wanted = accepts(c, {
    header: 'Accept-Language',
    supports: [...LANGS],
    default: 'en',
    match: (ranges, { supports, default: fallback }) =>
      ranges
        .filter((range) => range.q > 0)
        .sort((a, b) => b.q - a.q)
        .map((range) => range.type.toLowerCase().split('-')[0])
        .find((code) => code !== undefined && supports.includes(code)) ?? fallback,
  })
  c.header('Vary', 'Accept-Language')
  c.header('Cache-Control', 'public, no-cache')
  return c.redirect(`/${wanted}/`, 302)
}

const homePage = async (site: Site, c: Context) => {
  const l = langOf(c)
  const data = await site.hub.query(HomeQuery, chainOf(l))
  return render(c, <HomePage ctx={context(site, c, l)} data={data} />)
}

const sortParameter = z.enum(['NEWEST', 'OLDEST', 'TITLE', 'RELEVANCE']).optional()
const standardNumber = z.coerce
  .number({ error: 'is not a standard’s number' })
  .int('is not a standard’s number')
  .min(1, 'is not a standard’s number')
  .max(99, 'is not a standard’s number')

/** The library's search, sort and chosen facets from the query string (checked in that order). */
const libraryParameters = (c: Context) => {
  const q = parse(text.optional(), c.req.query('q'), 'q') ?? ''
  const sortParam = parse(sortParameter, c.req.query('sort') || undefined, 'sort')
  const sort =
    sortParam === 'RELEVANCE' && !q ? 'NEWEST' : (sortParam ?? (q ? 'RELEVANCE' : 'NEWEST'))
  const chosen = Object.fromEntries(
    FACETS.map(([param]) => [
      param,
      parse(list, c.req.queries(param) ?? [], param).filter(Boolean),
    ]),
  ) as LibraryState['chosen']
  const standards = chosen.standard.map((value) => parse(standardNumber, value, 'standard'))
  return { q, sortParam, sort, chosen, standards }
}

/** The partner API's filter for the chosen facets (a facet with nothing chosen filters nothing). */
const libraryFilter = (chosen: LibraryState['chosen'], standards: number[]) => ({
  types: chosen.type.length ? chosen.type : undefined,
  topics: chosen.topic.length ? chosen.topic : undefined,
  themes: chosen.theme.length ? chosen.theme : undefined,
  audiences: chosen.audience.length ? chosen.audience : undefined,
  workingGroups: chosen.group.length ? chosen.group : undefined,
  standards: standards.length ? standards : undefined,
  languages: chosen.language.length ? chosen.language : undefined,
  countries: chosen.country.length ? chosen.country : undefined,
})

const libraryPage = async (site: Site, c: Context) => {
  const l = langOf(c)
  const { q, sortParam, sort, chosen, standards } = libraryParameters(c)
  const { after, page } = paging(c)
  // What the page is about, in a stable order: the canonical URL and the language switch keep it.
  const kept = new URLSearchParams()
  if (q) kept.set('q', q)
  if (sortParam) kept.set('sort', sort)
  for (const [param] of FACETS) for (const value of chosen[param]) kept.append(param, value)
  const data = await site.hub.query(LibraryQuery, {
    ...chainOf(l),
    first: PAGE_SIZE,
    after,
    filter: libraryFilter(chosen, standards),
    search: q || undefined,
    sort,
  })
  if (after && data.resources.edges.length === 0)
    throw new BadParameter('“after” is past the last page')
  const search = kept.toString() ? `?${kept}` : ''
  return render(
    c,
    <LibraryPage
      ctx={context(site, c, l, search)}
      data={data}
      state={{ q, sort, chosen, page, params: kept }}
      pageSize={PAGE_SIZE}
    />,
  )
}

const groupsPage = async (site: Site, c: Context) => {
  const l = langOf(c)
  return render(
    c,
    <GroupsPage ctx={context(site, c, l)} data={await site.hub.query(GroupsQuery, chainOf(l))} />,
  )
}

const webinarsPage = async (site: Site, c: Context) => {
  const l = langOf(c)
  const { after, page } = paging(c)
  const group = parse(
    z.string().regex(SLUG, 'is not a group’s slug').optional(),
    c.req.query('group'),
    'group',
  )
  const data = await site.hub.query(WebinarsQuery, { ...chainOf(l), after, group })
  const kept = new URLSearchParams(group ? { group } : {})
  return render(
    c,
    <WebinarsPage
      ctx={context(site, c, l, group ? `?${kept}` : '')}
      data={data}
      page={page}
      params={kept}
    />,
  )
}

const newslettersPage = async (site: Site, c: Context) => {
  const l = langOf(c)
  const { after, page } = paging(c)
  const [data, form] = await Promise.all([
    site.hub.query(NewslettersQuery, { ...chainOf(l), after }),
    // The editions are the page; without the form's wording the page goes without the form.
    site.hub.query(SignUpFormQuery, chainOf(l)).catch((error: Error) => {
      site.options.onError?.(error, new URL(c.req.url).pathname)
      return undefined
    }),
  ])
  return render(
    c,
    <NewslettersPage
      ctx={context(site, c, l)}
      data={data}
      consent={form?.newsletterConsent}
      page={page}
      params={new URLSearchParams()}
    />,
  )
}

const newsPage = async (site: Site, c: Context) => {
  const l = langOf(c)
  const { after, page } = paging(c)
  const data = await site.hub.query(NewsQuery, { ...chainOf(l), after })
  return render(
    c,
    <NewsPage ctx={context(site, c, l)} data={data} page={page} params={new URLSearchParams()} />,
  )
}

const standardsPage = async (site: Site, c: Context) => {
  const l = langOf(c)
  return render(
    c,
    <StandardsPage
      ctx={context(site, c, l)}
      data={await site.hub.query(StandardsQuery, chainOf(l))}
    />,
  )
}

/** A record's page, by its kind's path and its slug. */
const recordPage = async (site: Site, c: Context<Env, typeof RECORD>) => {
  const l = langOf(c)
  const slug = c.req.param('slug')
  if (!SLUG.test(slug)) return c.notFound()
  const ctx = context(site, c, l)
  const vars = { ...chainOf(l), slug }
  const kind = c.req.param('kind') as (typeof KINDS)[number]
  const { hub } = site
  if (kind === 'resources') {
    const { resource } = await hub.query(ResourceQuery, vars)
    return resource ? render(c, <ResourcePage ctx={ctx} resource={resource} />) : c.notFound()
  }
  if (kind === 'groups') {
    const { workingGroup } = await hub.query(GroupQuery, vars)
    return workingGroup
      ? render(c, <GroupPage ctx={ctx} group={workingGroup} lists={workingGroup} />)
      : c.notFound()
  }
  if (kind === 'webinars') {
    const { webinar } = await hub.query(WebinarQuery, vars)
    return webinar ? render(c, <WebinarPage ctx={ctx} webinar={webinar} />) : c.notFound()
  }
  if (kind === 'news') {
    const { newsPost } = await hub.query(NewsPostQuery, vars)
    return newsPost ? render(c, <NewsPostPage ctx={ctx} post={newsPost} />) : c.notFound()
  }
  const { newsletter } = await hub.query(NewsletterQuery, vars)
  return newsletter ? render(c, <NewsletterPage ctx={ctx} newsletter={newsletter} />) : c.notFound()
}

const draftGroupPage = async (site: Site, c: Context, ctx: Ctx, draft: GroupFullFragment) => {
  // The draft's own texts; its lists as published.
  const lists = await site.hub.query(GroupQuery, { ...chainOf(ctx.lang), slug: draft.slug })
  const empty = { totalCount: 0, edges: [] }
  return render(
    c,
    <GroupPage
      ctx={ctx}
      group={draft}
      lists={lists.workingGroup ?? { resources: empty, webinars: empty, news: empty }}
    />,
  )
}

// Drafts, for editors: the hub's admin sends them here with a token (src/preview/endpoint.ts).
const previewPage = async (site: Site, c: Context<Env, typeof DRAFT>) => {
  const l = langOf(c)
  const token = parse(
    z.string({ error: 'is missing' }).min(1, 'is missing').max(1000, 'is not a preview token'),
    c.req.query('token'),
    'token',
  )
  const kind = c.req.param('kind') as (typeof KINDS)[number]
  const ctx: Ctx = {
    ...context(site, c, l),
    path: `/${kind}/${c.req.param('id')}`,
    search: '',
    preview: token,
  }
  const vars = { ...chainOf(l), id: c.req.param('id') }
  const { hub } = site
  if (kind === 'resources') {
    const { preview } = await hub.query(PreviewResourceQuery, vars, token)
    return preview?.__typename === 'Resource'
      ? render(c, <ResourcePage ctx={ctx} resource={preview} />)
      : c.notFound()
  }
  if (kind === 'groups') {
    const { preview } = await hub.query(PreviewGroupQuery, vars, token)
    if (preview?.__typename !== 'WorkingGroup') return c.notFound()
    return draftGroupPage(site, c, ctx, preview)
  }
  if (kind === 'webinars') {
    const { preview } = await hub.query(PreviewWebinarQuery, vars, token)
    return preview?.__typename === 'Webinar'
      ? render(c, <WebinarPage ctx={ctx} webinar={preview} />)
      : c.notFound()
  }
  if (kind === 'news') {
    const { preview } = await hub.query(PreviewNewsPostQuery, vars, token)
    return preview?.__typename === 'NewsPost'
      ? render(c, <NewsPostPage ctx={ctx} post={preview} />)
      : c.notFound()
  }
  const { preview } = await hub.query(PreviewNewsletterQuery, vars, token)
  return preview?.__typename === 'Newsletter'
    ? render(c, <NewsletterPage ctx={ctx} newsletter={preview} />)
    : c.notFound()
}

const notFoundPage = (site: Site, c: Context) =>
  render(c, <ErrorPage ctx={context(site, c, fromPath(c))} status={404} />, 404)

/** The visitor's mistakes as 400 (or a refused preview as 403); the rest reported, as 500 or 502. */
const errorPage = (site: Site, error: Error, c: Context) => {
  const l = fromPath(c)
  if (error instanceof BadParameter) {
    return render(c, <ErrorPage ctx={context(site, c, l)} status={400} why={error.message} />, 400)
  }
  if (error instanceof HubError && error.status === 403) {
    return render(c, <ErrorPage ctx={context(site, c, l)} status={403} why={error.message} />, 403)
  }
  if (error instanceof HubError && error.status === 400) {
    return render(c, <ErrorPage ctx={context(site, c, l)} status={400} why={error.message} />, 400)
  }
  site.options.onError?.(error, new URL(c.req.url).pathname)
  const status = error instanceof HubError ? 502 : 500
  return render(c, <ErrorPage ctx={context(site, c, l)} status={status} />, status)
}

const LINK_TOKEN = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,1000}\.[A-Za-z0-9_-]{43}$/, 'is not a link’s token')

/**
 * A newsletter link: GET shows the button, POST (the button, or a mail program's one-click
 * unsubscribe) does the step. The token is the credential, so the page is never cached, indexed
 * or named in a Referer.
 */
const newsletterLink = async (site: Site, c: Context) => {
  const lang = langOf(c)
  const step = c.req.param('step') as LinkStep
  const token = LINK_TOKEN.safeParse(c.req.query('token'))
  const page = (state: Parameters<typeof SubscriptionLinkPage>[0]['state'], status: 200 | 400) =>
    render(
      c,
      <SubscriptionLinkPage
        ctx={tokenContext(site, c, lang, token.data)}
        step={step}
        state={state}
        action={`/${lang}/newsletter/${step}?token=${token.data ?? ''}`}
      />,
      status,
    ).then(personal)
  if (!token.success) return page({ kind: 'refused', expired: false }, 400)
  if (c.req.method !== 'POST') return page({ kind: 'ask' }, 200)
  let preferencesToken: string | undefined
  try {
    if (step === 'confirm') {
      const done = await site.hub.post(
        ConfirmSubscriptionMutation,
        { token: token.data },
        readerHeaders(site, c),
      )
      preferencesToken = done.confirmSubscription.preferencesToken
    } else {
      await site.hub.post(UnsubscribeMutation, { token: token.data }, readerHeaders(site, c))
    }
  } catch (error) {
    if (error instanceof HubError && error.status === 400) {
      return page({ kind: 'refused', expired: error.reason === 'EXPIRED' }, 400)
    }
    throw error
  }
  return page({ kind: 'done', preferencesToken }, 200)
}

/** A page for one reader (a link's token, an address typed in): never stored, indexed or referred. */
const personal = (response: Response) => {
  response.headers.set('Cache-Control', 'private, no-store')
  response.headers.set('Referrer-Policy', 'no-referrer')
  response.headers.set('X-Robots-Tag', 'noindex')
  return response
}

/** A token page's context: the language switch keeps the token. */
const tokenContext = (site: Site, c: Context, lang: Lang, token: string | undefined) =>
  context(site, c, lang, token ? `?token=${encodeURIComponent(token)}` : '')

/** What a newsletter form posts: a few short fields, each checked before the hub sees them. */
const MAX_FORM_BYTES = 8 * 1024
const FormFields = z.object({
  email: z.string().max(1000).default(''),
  locale: z.enum(LANGS).optional(),
  interests: z
    .union([z.string(), z.array(z.string())])
    .transform((value) => [value].flat())
    .pipe(z.array(z.enum(['NEWSLETTER', 'WEBINARS', 'PUBLICATIONS'])).max(3))
    .default([]),
})

/** The form's fields, or undefined when the body is not one (too big, not a form, junk values). */
const formOf = async (c: Context) => {
  const length = Number(c.req.header('content-length') ?? NaN)
  const type = c.req.header('content-type') ?? ''
  if (!(length <= MAX_FORM_BYTES) || !/^application\/x-www-form-urlencoded\b/i.test(type)) {
    return undefined
  }
  const body = await c.req.parseBody({ all: true }).catch(() => undefined)
  const parsed = FormFields.safeParse(body ?? {})
  return parsed.success ? parsed.data : undefined
}

/**
 * A form posted from another site's page (its Origin, or the browser's Sec-Fetch-Site, says so):
 * another page must not sign its visitors up here, nor change their preferences. (Unsubscribing is
 * left open: mail programs post RFC 8058's one-click without an Origin, and leaving is never harm.)
 */
const crossSite = (site: Site, c: Context) => {
  // Browsers that send it say it best; our token pages' no-referrer policy makes their Origin `null`.
  const fetchSite = c.req.header('sec-fetch-site')
  if (fetchSite) return fetchSite === 'cross-site'
  const origin = c.req.header('origin')
  return (
    origin !== undefined &&
    origin !== 'null' &&
    origin !== originOf(site, c) &&
    origin !== new URL(c.req.url).origin
  )
}
const crossSiteRefusal = (c: Context) =>
  personal(c.text('This form can only be sent from its own page on this site.', 403))

/** A reader's step, sent to the hub: from this site, and from this reader for the rate limits. */
const readerHeaders = (site: Site, c: Context) => ({
  origin: originOf(site, c),
  ...site.options.visitorHeaders?.(c.req.raw),
})

/** What the hub said of a field, in the reader's language. */
const fieldProblem = (ctx: Ctx, error: HubError) =>
  error.field === 'interests'
    ? { field: 'interests' as const, message: t(ctx, 'interestsNone') }
    : { field: 'email' as const, message: t(ctx, 'emailInvalid') }

/** The sign-up form's own page (GET) and its POST, which asks the hub to e-mail a confirmation. */
const signUp = async (site: Site, c: Context) => {
  const lang = langOf(c)
  const ctx = context(site, c, lang)
  const { newsletterConsent: consent } = await site.hub.query(SignUpFormQuery, chainOf(lang))
  const show = (
    state: SignUpState,
    status: 200 | 400 | 429,
    answer?: { message: string; refused?: boolean },
  ) =>
    render(
      c,
      <SignUpPage ctx={ctx} consent={consent} state={state} answer={answer} />,
      status,
    ).then(personal)
  if (c.req.method !== 'POST')
    return show({ email: '', locale: lang, interests: ['NEWSLETTER'] }, 200)
  if (crossSite(site, c)) return crossSiteRefusal(c)
  const form = await formOf(c)
  if (!form) {
    return show({ email: '', locale: lang, interests: ['NEWSLETTER'] }, 400, {
      message: t(ctx, 'badRequest', { why: t(ctx, 'emailInvalid') }),
      refused: true,
    })
  }
  const state: SignUpState = {
    email: form.email,
    locale: form.locale ?? lang,
    interests: form.interests,
  }
  if (state.interests.length === 0) {
    return show(
      { ...state, problem: { field: 'interests', message: t(ctx, 'interestsNone') } },
      400,
    )
  }
  try {
    const { subscribe } = await site.hub.post(
      SignUpMutation,
      {
        email: state.email,
        locale: state.locale.toUpperCase() as 'EN',
        interests: state.interests,
      },
      readerHeaders(site, c),
    )
    return show(state, 200, { message: subscribe.message })
  } catch (error) {
    if (!(error instanceof HubError)) throw error
    if (error.status === 429) {
      c.header('Retry-After', error.retryAfter ?? '3600')
      return show(state, 429, { message: t(ctx, 'signUpTooMany'), refused: true })
    }
    if (error.status === 400) return show({ ...state, problem: fieldProblem(ctx, error) }, 400)
    throw error
  }
}

/** A preferences link: GET shows the reader's choices, POST saves them. */
const preferences = async (site: Site, c: Context) => {
  const lang = langOf(c)
  const token = LINK_TOKEN.safeParse(c.req.query('token'))
  const ctx = tokenContext(site, c, lang, token.data)
  const refused = (expired: boolean) =>
    render(
      c,
      <SubscriptionLinkPage
        ctx={ctx}
        step="unsubscribe"
        state={{ kind: 'refused', expired }}
        action=""
      />,
      400,
    ).then(personal)
  if (!token.success) return refused(false)
  const action = `/${lang}/newsletter/preferences?token=${encodeURIComponent(token.data)}`
  /** The page with the subscription as the hub has it now, and what the reader sent if refused. */
  const show = async (
    outcome: {
      saved?: true
      problem?: string
      sent?: SignUpState['interests']
      locale?: Lang
    } = {},
  ) => {
    const data = await site.hub.post(NewsletterPreferencesQuery, {
      token: token.data,
      ...chainOf(lang),
    })
    const subscription = data.newsletterSubscription
    return render(
      c,
      <PreferencesPage
        ctx={ctx}
        consent={data.newsletterConsent}
        subscription={
          outcome.sent
            ? {
                ...subscription,
                interests: outcome.sent,
                locale: outcome.locale?.toUpperCase() ?? subscription.locale,
              }
            : subscription
        }
        action={action}
        saved={outcome.saved}
        problem={outcome.problem}
      />,
      outcome.problem ? 400 : 200,
    ).then(personal)
  }
  try {
    if (c.req.method !== 'POST') return await show()
    if (crossSite(site, c)) return crossSiteRefusal(c)
    const form = await formOf(c)
    if (!form || form.interests.length === 0) {
      return await show({
        problem: t(ctx, 'interestsNone'),
        sent: form?.interests ?? [],
        locale: form?.locale,
      })
    }
    await site.hub.post(
      UpdateNewsletterPreferencesMutation,
      {
        token: token.data,
        locale: (form.locale ?? lang).toUpperCase() as 'EN',
        interests: form.interests,
      },
      readerHeaders(site, c),
    )
    return await show({ saved: true })
  } catch (error) {
    if (error instanceof HubError && error.status === 400 && error.reason) {
      return refused(error.reason === 'EXPIRED')
    }
    throw error
  }
}

export const createSite = (options: SiteOptions) => {
  const hub = createHub(options.graphqlUrl, undefined, options.headers)
  const css = asset('site.css', 'text/css; charset=utf-8')
  const js = asset('time.js', 'text/javascript; charset=utf-8')
  const icon = asset('favicon.svg', 'image/svg+xml')
  const site: Site = {
    hub,
    options,
    hubUrl: options.hubUrl ?? new URL(options.graphqlUrl).origin,
    assets: { css: css.path, js: js.path },
  }

  const app = new Hono()
  app.use(compress())
  app.use(etag({ weak: true }))
  app.use(onlyReading)

  for (const file of [css, js, icon]) {
    app.get(file.path, serveFile(file, 'public, max-age=31536000, immutable'))
  }
  for (const path of ['/favicon.svg', '/favicon.ico']) {
    app.get(path, serveFile(icon, 'public, max-age=86400'))
  }
  app.get('/robots.txt', (c) => robotsTxt(site, c))
  app.get('/sitemap.xml', (c) => sitemapXml(site, c))
  app.get('/', toVisitorsLanguage)

  app.get(LANG, (c) => c.redirect(`/${langOf(c)}/`, 301))
  app.get(`${LANG}/`, (c) => homePage(site, c))
  app.get(`${LANG}/resources`, (c) => libraryPage(site, c))
  app.get(`${LANG}/groups`, (c) => groupsPage(site, c))
  app.get(`${LANG}/webinars`, (c) => webinarsPage(site, c))
  app.get(`${LANG}/newsletters`, (c) => newslettersPage(site, c))
  app.get(`${LANG}/news`, (c) => newsPage(site, c))
  app.get(`${LANG}/standards`, (c) => standardsPage(site, c))
  app.get(RECORD, (c) => recordPage(site, c))
  app.get(DRAFT, (c) => previewPage(site, c))
  app.on(['GET', 'POST'], NEWSLETTER_LINK, (c) => newsletterLink(site, c))
  app.on(['GET', 'POST'], `${LANG}/newsletter/subscribe`, (c) => signUp(site, c))
  app.on(['GET', 'POST'], `${LANG}/newsletter/preferences`, (c) => preferences(site, c))

  app.notFound((c) => notFoundPage(site, c))
  app.onError((error, c) => errorPage(site, error, c))

  return app
}

/** Whether the site answers this path, beside the hub's own (admin, api, graphql, feeds…). */
export const isSitePath = (pathname: string) =>
  pathname === '/' ||
  /^\/(en|fr|es|ar)(\/|$)/.test(pathname) ||
  pathname.startsWith('/_site/') ||
  pathname.startsWith('/preview/') ||
  ['/robots.txt', '/sitemap.xml', '/favicon.ico', '/favicon.svg'].includes(pathname)
