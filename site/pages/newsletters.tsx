/** @jsxImportSource hono/jsx */
import type { NewsletterPageQuery, NewslettersQuery } from '../generated/graphql'
import { formatDate } from '../i18n'
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

type Newsletter = NonNullable<NewsletterPageQuery['newsletter']>
type Item = Newsletter['sections'][number]['items'][number]

export const NewslettersPage = ({
  ctx,
  data,
  page,
  params,
}: {
  ctx: Ctx
  data: NewslettersQuery
  page: number
  params: URLSearchParams
}) => (
  <Layout ctx={ctx} title={t(ctx, 'newsletters')} description={t(ctx, 'newslettersAbout')}>
    <h1>{t(ctx, 'newsletters')}</h1>
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

/** An item: its own title and text, else those of the record it points to, linked on this site. */
const NewsletterItem = ({ ctx, item }: { ctx: Ctx; item: Item }) => {
  const target = item.target
  const link =
    target?.__typename === 'Resource'
      ? href(ctx, `/resources/${target.slug}`)
      : target?.__typename === 'Webinar'
        ? href(ctx, `/webinars/${target.slug}`)
        : target?.__typename === 'WorkingGroup'
          ? href(ctx, `/groups/${target.slug}`)
          : target?.__typename === 'NewsPost'
            ? href(ctx, `/news/${target.slug}`)
            : (item.url ?? undefined)
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
