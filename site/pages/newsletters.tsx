/** @jsxImportSource hono/jsx */
import type { NewsletterPageQuery, NewslettersQuery } from '../generated/graphql'
import { formatDate } from '../i18n'
import { type Consent, SignUpForm } from './subscription'
import {
  type Ctx,
  FallbackNotice,
  href,
  Layout,
  Pager,
  Picture,
  plain,
  Start,
  t,
  Tx,
  When,
} from '../ui'

export type Newsletter = NonNullable<NewsletterPageQuery['newsletter']>
export type Item = Newsletter['sections'][number]['items'][number]

export const NewslettersPage = ({
  ctx,
  data,
  consent,
  page,
  params,
}: {
  ctx: Ctx
  data: NewslettersQuery
  /** For the sign-up form at the top (left out when the hub could not give it). */
  consent: Consent | undefined
  page: number
  params: URLSearchParams
}) => (
  <Layout ctx={ctx} title={t(ctx, 'newsletters')} description={t(ctx, 'newslettersAbout')}>
    <h1>{t(ctx, 'newsletters')}</h1>
    {consent ? <SignUpForm ctx={ctx} consent={consent} /> : null}
    <ul class="list">
      {data.newsletters.edges.map(({ node }) => (
        <li class="card">
          <h2>
            <a href={href(ctx, `/newsletters/${node.slug}`)}>
              {plain(node.title) ? <Tx ctx={ctx} value={node.title} /> : node.slug}
            </a>
          </h2>
          <p class="meta">
            <When ctx={ctx} date={node.issueDate} precision="MONTH" />
          </p>
        </li>
      ))}
    </ul>
    <Pager
      ctx={ctx}
      base="/newsletters"
      params={params}
      next={data.newsletters.pageInfo.hasNextPage ? data.newsletters.pageInfo.endCursor : null}
      page={page}
    />
  </Layout>
)

/**
 * What an item shows: its own title and text, else those of the record it points to; that
 * record's path on this site (after the language), else the item's own URL. The e-mail of an
 * edition (site/email/edition.ts) shows the same.
 */
export const itemParts = (item: Item) => {
  const target = item.target
  const path =
    target?.__typename === 'Resource'
      ? `/resources/${target.slug}`
      : target?.__typename === 'Webinar'
        ? `/webinars/${target.slug}`
        : target?.__typename === 'WorkingGroup'
          ? `/groups/${target.slug}`
          : target?.__typename === 'NewsPost'
            ? `/news/${target.slug}`
            : undefined
  const title = item.title.text
    ? item.title
    : target?.__typename === 'WorkingGroup'
      ? target.name
      : target && 'title' in target
        ? target.title
        : null
  const text = item.text.text ? item.text : target && 'summary' in target ? target.summary : null
  const date =
    item.date ??
    (target?.__typename === 'NewsPost'
      ? target.date
      : target?.__typename === 'Resource'
        ? target.publicationDate
        : null)
  return { path, url: item.url ?? undefined, title, text, date }
}

/** An item: its own title and text, else those of the record it points to, linked on this site. */
const NewsletterItem = ({ ctx, item }: { ctx: Ctx; item: Item }) => {
  const target = item.target
  const { path, url, title, text, date } = itemParts(item)
  const link = path ? href(ctx, path) : url
  return (
    <li class="card">
      {item.image ? (
        <Picture ctx={ctx} image={item.image} sizes="(min-width: 48rem) 12rem, 100vw" />
      ) : null}
      <h3>
        {link ? (
          <a href={link}>
            <Tx ctx={ctx} value={title} />
          </a>
        ) : (
          <Tx ctx={ctx} value={title} />
        )}
      </h3>
      {date || target?.__typename === 'Webinar' ? (
        <p class="meta">
          {target?.__typename === 'Webinar' && !item.date ? (
            <Start
              ctx={ctx}
              at={target.startsAt}
              end={target.endsAt}
              timeZone={target.timeZone}
              precision={target.precision}
              approximate={target.approximateLabel}
            />
          ) : (
            <When ctx={ctx} date={date} />
          )}
        </p>
      ) : null}
      {item.note.text ? (
        <p class="meta">
          <Tx ctx={ctx} value={item.note} />
        </p>
      ) : null}
      {text?.text ? (
        <p>
          <Tx ctx={ctx} value={text} />
        </p>
      ) : null}
    </li>
  )
}

export const NewsletterPage = ({ ctx, newsletter }: { ctx: Ctx; newsletter: Newsletter }) => {
  const image =
    newsletter.image?.sizes.find((size) => size.name === 'LARGE')?.url ?? newsletter.image?.url
  return (
    <Layout
      ctx={ctx}
      title={plain(newsletter.title) || newsletter.slug}
      description={t(ctx, 'issue', { date: formatDate(ctx.lang, newsletter.issueDate, 'MONTH') })}
      image={image}
    >
      <article>
        <h1>
          <Tx ctx={ctx} value={newsletter.title} />
        </h1>
        <p class="meta">
          {t(ctx, 'issue', { date: formatDate(ctx.lang, newsletter.issueDate, 'MONTH') })}
        </p>
        <FallbackNotice
          ctx={ctx}
          values={[newsletter.title, ...newsletter.sections.map((section) => section.heading)]}
        />
        {newsletter.image ? <Picture ctx={ctx} image={newsletter.image} /> : null}
        {newsletter.sections.map((section, i) => (
          <section aria-labelledby={`section-${i}`}>
            <h2 id={`section-${i}`}>
              <Tx ctx={ctx} value={section.heading} />
            </h2>
            <ul class="list">
              {section.items.map((item) => (
                <NewsletterItem ctx={ctx} item={item} />
              ))}
            </ul>
          </section>
        ))}
      </article>
    </Layout>
  )
}
