/** @jsxImportSource hono/jsx */
// The page frame and the small parts every page uses. Server-rendered HTML only: every page reads
// and navigates without JavaScript; the one script (time.js) adds the visitor's own clock.
import type { Child } from 'hono/jsx'

import type {
  ImgFragment,
  LFragment,
  ResourceCardFragment,
  WebinarCardFragment,
} from './generated/graphql'

/** A translated text as the API gives it; `outdated` where the page asked for it. */
export type Text = LFragment & { outdated?: boolean }
import {
  dirOf,
  dateFormat,
  formatBytes,
  formatDate,
  formatDays,
  formatNumber,
  formatInstant,
  formatMonth,
  LANGS,
  NATIVE,
  say,
  STRINGS,
  type Lang,
  type Strings,
} from './i18n'

export type Ctx = {
  lang: Lang
  /** The path after the language prefix, e.g. `/resources/cpms-2019` ('' for the home page). */
  path: string
  /** The query string kept in canonical and alternate URLs (filters of the library), with `?`. */
  search: string
  /** The site's public origin, e.g. https://alliancecpha.org (no trailing slash). */
  siteUrl: string
  /** Where the hub's feeds and calendars are (its public origin; '' when it is the same site). */
  hubUrl: string
  assets: { css: string; js: string }
  /** On a preview page: the token, kept by the language switch; the page is not indexed. */
  preview?: string
}

export const s = (ctx: Ctx) => STRINGS[ctx.lang]
export const t = (ctx: Ctx, key: keyof Strings, values?: Record<string, string | number>) =>
  say(ctx.lang, key, values)
export const href = (ctx: Ctx, path: string, lang: Lang = ctx.lang) => `/${lang}${path}`

/** A translated text; marked with its own language when it is a fallback (English on a French page). */
export const Tx = ({ ctx, value }: { ctx: Ctx; value: Text | null | undefined }) => {
  if (!value?.text) return null
  const from = value.locale?.toLowerCase()
  if (from && from !== ctx.lang) {
    return (
      <span lang={from} dir={dirOf(from)} class="fallback">
        {value.text}
      </span>
    )
  }
  return <>{value.text}</>
}

/** Plain text of a translated value, for titles and meta tags. */
export const plain = (value: Text | null | undefined) => value?.text ?? ''

const NAV: [keyof Strings, string][] = [
  ['library', '/resources'],
  ['groups', '/groups'],
  ['webinars', '/webinars'],
  ['newsletters', '/newsletters'],
  ['news', '/news'],
  ['standards', '/standards'],
]

type LayoutProps = {
  ctx: Ctx
  title: string
  description?: string
  image?: string
  /** Whether the page exists in the other languages (not for error pages). */
  alternates?: boolean
  children: Child
}

/** The page's address in a language, with the query string it is about. */
const pageUrl = (ctx: Ctx, lang: Lang) => `${ctx.siteUrl}/${lang}${ctx.path}${ctx.search}`
const feedUrl = (ctx: Ctx, kind: string, format: string) =>
  `${ctx.hubUrl}/feeds/${ctx.lang}/${kind}.${format}`

/** The canonical address and the page in every language (and English by default), for search engines. */
const Alternates = ({ ctx }: { ctx: Ctx }) => (
  <>
    <link rel="canonical" href={pageUrl(ctx, ctx.lang)} />
    {LANGS.map((lang) => (
      <link rel="alternate" hreflang={lang} href={pageUrl(ctx, lang)} />
    ))}
    <link rel="alternate" hreflang="x-default" href={pageUrl(ctx, 'en')} />
  </>
)

const FeedLinks = ({ ctx }: { ctx: Ctx }) => (
  <>
    <link
      rel="alternate"
      type="application/atom+xml"
      title={`${t(ctx, 'library')} (Atom)`}
      href={feedUrl(ctx, 'resources', 'atom')}
    />
    <link
      rel="alternate"
      type="application/atom+xml"
      title={`${t(ctx, 'webinars')} (Atom)`}
      href={feedUrl(ctx, 'webinars', 'atom')}
    />
    <link
      rel="alternate"
      type="application/atom+xml"
      title={`${t(ctx, 'news')} (Atom)`}
      href={feedUrl(ctx, 'news', 'atom')}
    />
  </>
)

/** What a shared link shows (Open Graph). */
const OpenGraph = ({ ctx, title, description, image }: Omit<LayoutProps, 'children'>) => (
  <>
    <meta property="og:site_name" content={s(ctx).siteName} />
    <meta property="og:title" content={title} />
    {description ? <meta property="og:description" content={description.slice(0, 300)} /> : null}
    <meta property="og:type" content={ctx.path === '' ? 'website' : 'article'} />
    <meta property="og:url" content={pageUrl(ctx, ctx.lang)} />
    <meta
      property="og:locale"
      content={{ en: 'en_GB', fr: 'fr_FR', es: 'es_ES', ar: 'ar_AR' }[ctx.lang]}
    />
    {image ? <meta property="og:image" content={image} /> : null}
  </>
)

const Head = ({ ctx, title, description, image, alternates }: Omit<LayoutProps, 'children'>) => (
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>{ctx.path === '' ? title : `${title} · ${s(ctx).siteName}`}</title>
    {description ? <meta name="description" content={description.slice(0, 300)} /> : null}
    <link rel="stylesheet" href={ctx.assets.css} />
    <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
    {ctx.preview ? <meta name="robots" content="noindex" /> : null}
    {alternates && !ctx.preview ? <Alternates ctx={ctx} /> : null}
    <FeedLinks ctx={ctx} />
    <OpenGraph ctx={ctx} title={title} description={description} image={image} />
    <script src={ctx.assets.js} defer></script>
  </head>
)

/** The page in each language; a preview stays a preview, with its token. */
const LanguageSwitch = ({ ctx }: { ctx: Ctx }) => (
  <nav aria-label={t(ctx, 'language')} class="langs">
    <ul>
      {LANGS.map((lang) => (
        <li>
          <a
            href={
              ctx.preview
                ? `/preview/${lang}${ctx.path}?token=${encodeURIComponent(ctx.preview)}`
                : `/${lang}${ctx.path}${ctx.search}`
            }
            hreflang={lang}
            lang={lang}
            aria-current={lang === ctx.lang ? 'true' : undefined}
          >
            {NATIVE[lang]}
          </a>
        </li>
      ))}
    </ul>
  </nav>
)

const MainNav = ({ ctx }: { ctx: Ctx }) => (
  <nav aria-label={t(ctx, 'nav')} class="nav">
    <ul>
      {NAV.map(([key, path]) => (
        <li>
          <a
            href={href(ctx, path)}
            aria-current={ctx.path === path || ctx.path.startsWith(`${path}/`) ? 'page' : undefined}
          >
            {t(ctx, key)}
          </a>
        </li>
      ))}
    </ul>
  </nav>
)

const Footer = ({ ctx }: { ctx: Ctx }) => (
  <footer class="foot">
    <p>{t(ctx, 'footer')}</p>
    <p>
      {t(ctx, 'feeds')}: <a href={feedUrl(ctx, 'resources', 'atom')}>{t(ctx, 'library')}</a> ·{' '}
      <a href={feedUrl(ctx, 'webinars', 'atom')}>{t(ctx, 'webinars')}</a> ·{' '}
      <a href={feedUrl(ctx, 'news', 'atom')}>{t(ctx, 'news')}</a>
    </p>
  </footer>
)

export const Layout = ({
  ctx,
  title,
  description,
  image,
  alternates = true,
  children,
}: LayoutProps) => (
  <html lang={ctx.lang} dir={dirOf(ctx.lang)}>
    <Head ctx={ctx} title={title} description={description} image={image} alternates={alternates} />
    <body>
      <a class="skip" href="#main">
        {t(ctx, 'skip')}
      </a>
      <header class="top">
        <a class="brand" href={href(ctx, '/')}>
          {s(ctx).siteName}
        </a>
        <LanguageSwitch ctx={ctx} />
        <MainNav ctx={ctx} />
      </header>
      <main id="main">
        {ctx.preview ? (
          <p class="notice preview" role="status">
            {t(ctx, 'previewBanner')}
          </p>
        ) : null}
        {children}
      </main>
      <Footer ctx={ctx} />
    </body>
  </html>
)

/** A date known to the day, month or year, in the page's language. */
export const When = ({
  ctx,
  date,
  precision,
}: {
  ctx: Ctx
  date: string | null | undefined
  precision?: 'DAY' | 'MONTH' | 'YEAR'
}) => (date ? <time datetime={date}>{formatDate(ctx.lang, date, precision)}</time> : null)

/**
 * A webinar's start: on the organiser's clock (with its zone) and, when the time is known, the
 * visitor's clock filled in by time.js (without JavaScript, the organiser's time and UTC remain).
 */
export const Start = ({
  ctx,
  at,
  timeZone,
  precision,
  approximate,
  end,
}: {
  ctx: Ctx
  at: string
  timeZone: string
  precision: string
  approximate?: Text | null
  /** The end, for a meeting over several days. */
  end?: string | null
}) => {
  if (precision === 'APPROXIMATE' && approximate?.text) return <Tx ctx={ctx} value={approximate} />
  const day = (iso: string) => dateFormat('en-CA', { timeZone }).format(new Date(iso))
  // A meeting known to the day ends at midnight after its last day (src/events/ends.ts in the hub).
  const lastDay = end ? new Date(new Date(end).getTime() - 1).toISOString() : null
  if (precision === 'DAY' && lastDay && day(lastDay) > day(at)) {
    return (
      <time datetime={`${day(at)}/${day(lastDay)}`}>
        {formatDays(ctx.lang, at, lastDay, timeZone)}
      </time>
    )
  }
  if (precision === 'MONTH')
    return <time datetime={at.slice(0, 7)}>{formatMonth(ctx.lang, at, timeZone)}</time>
  if (precision !== 'EXACT')
    return <time datetime={at}>{formatInstant(ctx.lang, at, timeZone, false)}</time>
  const [before, after] = s(ctx).organiserTime.split('{time}')
  return (
    <span class="start">
      <span>
        {before}
        <time datetime={at}>{formatInstant(ctx.lang, at, timeZone, true)}</time>
        {after} <span class="zone">({timeZone})</span>
      </span>
      <span class="yours" data-at={at} data-label={s(ctx).yourTime} hidden></span>
    </span>
  )
}

const SIZE_ORDER = ['THUMBNAIL', 'CARD', 'LARGE']

/** An image from the hub with every size it made, lazily loaded. */
export const Picture = ({
  ctx,
  image,
  sizes = '(min-width: 48rem) 40rem, 100vw',
}: {
  ctx: Ctx
  image: ImgFragment
  sizes?: string
}) => {
  const all = [...image.sizes].sort(
    (a, b) => SIZE_ORDER.indexOf(a.name) - SIZE_ORDER.indexOf(b.name),
  )
  const fallback = all.find((size) => size.name === 'CARD') ?? all[0]
  return (
    <img
      src={fallback?.url ?? image.url}
      srcset={all.length ? all.map((size) => `${size.url} ${size.width}w`).join(', ') : undefined}
      sizes={all.length ? sizes : undefined}
      width={fallback?.width ?? image.width ?? undefined}
      height={fallback?.height ?? image.height ?? undefined}
      alt={plain(image.alt)}
      loading="lazy"
      decoding="async"
    />
  )
}

export const ResourceItem = ({
  ctx,
  resource,
  snippet,
}: {
  ctx: Ctx
  resource: ResourceCardFragment
  snippet?: string | null
}) => (
  <li class="card">
    <h3>
      <a href={href(ctx, `/resources/${resource.slug}`)}>
        <Tx ctx={ctx} value={resource.title} />
      </a>
    </h3>
    <p class="meta">
      {resource.publicationType ? <Tx ctx={ctx} value={resource.publicationType.name} /> : null}
      {resource.publicationType && resource.publicationDate ? ' · ' : null}
      <When ctx={ctx} date={resource.publicationDate} precision={resource.datePrecision} />
      {resource.availableLanguages.length ? (
        <>
          {' · '}
          {resource.availableLanguages.map((language, i) => (
            <>
              {i ? ', ' : ''}
              <span lang={language.code}>{language.nativeName}</span>
            </>
          ))}
        </>
      ) : null}
    </p>
    {snippet ? (
      <p class="snippet">{snippet}</p>
    ) : resource.summary.text ? (
      <p>
        <Tx ctx={ctx} value={resource.summary} />
      </p>
    ) : null}
  </li>
)

/** When a webinar starts (and ends, or how exactly it is known), and how long it lasts. */
export const StartAndLength = ({
  ctx,
  webinar,
}: {
  ctx: Ctx
  webinar: Pick<
    WebinarCardFragment,
    'startsAt' | 'endsAt' | 'timeZone' | 'precision' | 'approximateLabel' | 'durationMinutes'
  >
}) => (
  <>
    <Start
      ctx={ctx}
      at={webinar.startsAt}
      end={webinar.endsAt}
      timeZone={webinar.timeZone}
      precision={webinar.precision}
      approximate={webinar.approximateLabel}
    />
    {webinar.durationMinutes ? <> · {t(ctx, 'duration', { n: webinar.durationMinutes })}</> : null}
  </>
)

export const WebinarItem = ({ ctx, webinar }: { ctx: Ctx; webinar: WebinarCardFragment }) => (
  <li class="card">
    <h3>
      <a href={href(ctx, `/webinars/${webinar.slug}`)}>
        <Tx ctx={ctx} value={webinar.title} />
      </a>
    </h3>
    <p class="meta">
      {t(ctx, `webinar_${webinar.kind}` as keyof Strings)}
      {webinar.series ? (
        <>
          {' · '}
          <Tx ctx={ctx} value={webinar.series.name} />
          {webinar.series.part && webinar.series.of
            ? ` (${t(ctx, 'part', { part: webinar.series.part, of: webinar.series.of })})`
            : null}
        </>
      ) : null}
    </p>
    <p>
      <StartAndLength ctx={ctx} webinar={webinar} />
      {webinar.location.text ? (
        <>
          {' '}
          · <Tx ctx={ctx} value={webinar.location} />
        </>
      ) : null}
    </p>
    {webinar.languages.length ? (
      <p class="meta">
        {webinar.languages.map((language, i) => (
          <>
            {i ? ', ' : ''}
            <span lang={language.code}>{language.nativeName}</span>
          </>
        ))}
      </p>
    ) : null}
  </li>
)

/** "Next page" and "First page" links for a cursor-paged list; `page` only numbers the pages. */
export const Pager = ({
  ctx,
  base,
  params,
  next,
  page,
}: {
  ctx: Ctx
  base: string
  params: URLSearchParams
  next: string | null | undefined
  page: number
}) => {
  const link = (after: string | null, n: number) => {
    const query = new URLSearchParams(params)
    query.delete('after')
    query.delete('page')
    if (after) {
      query.set('after', after)
      query.set('page', String(n))
    }
    const text = query.toString()
    return `${href(ctx, base)}${text ? `?${text}` : ''}`
  }
  if (page <= 1 && !next) return null
  return (
    <nav class="pager" aria-label={t(ctx, 'page', { n: page })}>
      {page > 1 ? <a href={link(null, 1)}>{t(ctx, 'firstPage')}</a> : null}
      <span>{t(ctx, 'page', { n: page })}</span>
      {next ? (
        <a href={link(next, page + 1)} rel="next">
          {t(ctx, 'nextPage')}
        </a>
      ) : null}
    </nav>
  )
}

/** Notes the page once when some of its text is shown in English for want of a translation. */
export const FallbackNotice = ({
  ctx,
  values,
}: {
  ctx: Ctx
  values: (Text | null | undefined)[]
}) =>
  ctx.lang !== 'en' &&
  values.some((value) => value?.text && value.locale && value.locale.toLowerCase() !== ctx.lang) ? (
    <p class="notice">{t(ctx, 'fallbackNotice')}</p>
  ) : null

export const OutdatedNotice = ({
  ctx,
  values,
}: {
  ctx: Ctx
  values: (Text | null | undefined)[]
}) =>
  values.some((value) => value?.outdated) ? (
    <p class="notice" role="note">
      {t(ctx, 'outdatedNotice')}
    </p>
  ) : null

/** Items separated by commas, in the page's own reading order. */
export const Joined = <T,>({ items, children }: { items: T[]; children: (item: T) => Child }) => (
  <>
    {items.map((item, i) => (
      <>
        {i ? ', ' : ''}
        {children(item)}
      </>
    ))}
  </>
)

/** Languages by their own names, each marked with its own `lang`. */
export const Languages = ({ languages }: { languages: { code: string; nativeName: string }[] }) => (
  <Joined items={languages}>
    {(language) => <span lang={language.code}>{language.nativeName}</span>}
  </Joined>
)

type Organisation = { name: Text; website?: string | null }

/** Organisations, linked to their sites where known. */
export const Organisations = ({
  ctx,
  organisations,
}: {
  ctx: Ctx
  organisations: Organisation[]
}) => (
  <Joined items={organisations}>
    {(organisation) =>
      organisation.website ? (
        <a href={organisation.website}>
          <Tx ctx={ctx} value={organisation.name} />
        </a>
      ) : (
        <Tx ctx={ctx} value={organisation.name} />
      )
    }
  </Joined>
)

type PersonLine = { name: string; role: Text; jobTitle: Text; organisation?: { name: Text } | null }

/** People with their role, job title and organisation (a group's leads, a webinar's speakers). */
export const People = ({ ctx, people }: { ctx: Ctx; people: PersonLine[] }) => (
  <ul>
    {people.map((person) => (
      <li>
        <strong>{person.name}</strong>
        {[person.role, person.jobTitle, person.organisation?.name].map((value) =>
          value?.text ? (
            <>
              , <Tx ctx={ctx} value={value} />
            </>
          ) : null,
        )}
      </li>
    ))}
  </ul>
)

const FORMAT: Record<string, string> = {
  'application/pdf': 'PDF',
  'application/msword': 'Word',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word',
  'application/vnd.ms-excel': 'Excel',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel',
  'application/vnd.ms-powerpoint': 'PowerPoint',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'PowerPoint',
  'application/zip': 'ZIP',
}
/** A file's type as readers name it: PDF, Word, MP4… */
export const fileFormat = (mimeType: string) =>
  FORMAT[mimeType] ?? (mimeType.split('/')[1] ?? mimeType).toUpperCase()

type FileLine = {
  url: string
  filename: string
  mimeType: string
  size: number
  pageCount?: number | null
  language?: { code: string; nativeName: string } | null
  caption: Text
}

/** Files with their type, size, pages and language. */
export const Files = ({ ctx, files }: { ctx: Ctx; files: FileLine[] }) => (
  <ul class="files">
    {files.map((file) => (
      <li>
        <a href={file.url} hreflang={file.language?.code} type={file.mimeType}>
          {plain(file.caption) ? <Tx ctx={ctx} value={file.caption} /> : file.filename}
        </a>{' '}
        <span class="meta">
          ({fileFormat(file.mimeType)}, {formatBytes(ctx.lang, file.size)}
          {file.pageCount ? `, ${t(ctx, 'pages', { n: file.pageCount })}` : ''}
          {file.language ? (
            <>
              , <span lang={file.language.code}>{file.language.nativeName}</span>
            </>
          ) : null}
          )
        </span>
      </li>
    ))}
  </ul>
)
