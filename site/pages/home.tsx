/** @jsxImportSource hono/jsx */
import type { HomeQuery } from '../generated/graphql'
import { formatNumber } from '../i18n'
import { type Ctx, href, Layout, plain, ResourceItem, Start, t, Tx, WebinarItem } from '../ui'

type Meeting = HomeQuery['meeting']['edges'][number]['node']
type Newsletter = HomeQuery['newsletters']['edges'][number]['node']

const Initiatives = ({ ctx, data }: { ctx: Ctx; data: HomeQuery }) => (
  <section aria-labelledby="groups">
    <h2 id="groups">{t(ctx, 'initiatives')}</h2>
    <ul class="grid">
      {data.workingGroups.edges.map(({ node: group }) => (
        <li class="card">
          <h3>
            <a href={href(ctx, `/groups/${group.slug}`)}>
              <Tx ctx={ctx} value={group.name} />
            </a>
          </h3>
          <p class="meta">{t(ctx, `kind_${group.kind}`)}</p>
        </li>
      ))}
    </ul>
  </section>
)

const Upcoming = ({ ctx, data }: { ctx: Ctx; data: HomeQuery }) => (
  <section aria-labelledby="upcoming">
    <h2 id="upcoming">{t(ctx, 'upcoming')}</h2>
    {data.upcoming.edges.length ? (
      <ul class="list">
        {data.upcoming.edges.map((e) => (
          <WebinarItem ctx={ctx} webinar={e.node} />
        ))}
      </ul>
    ) : (
      <p>
        {t(ctx, 'noUpcoming')} <a href={href(ctx, '/webinars')}>{t(ctx, 'past')}</a>
      </p>
    )}
  </section>
)

const AnnualMeeting = ({ ctx, meeting }: { ctx: Ctx; meeting: Meeting }) => (
  <section aria-labelledby="meeting" class="feature">
    <h2 id="meeting">{t(ctx, 'annualMeeting')}</h2>
    <h3>
      <a href={href(ctx, `/webinars/${meeting.slug}`)}>
        <Tx ctx={ctx} value={meeting.title} />
      </a>
    </h3>
    <p>
      <Start
        ctx={ctx}
        at={meeting.startsAt}
        end={meeting.endsAt}
        timeZone={meeting.timeZone}
        precision={meeting.precision}
        approximate={meeting.approximateLabel}
      />
      {meeting.location.text ? (
        <>
          {' – '}
          <Tx ctx={ctx} value={meeting.location} />
        </>
      ) : null}
    </p>
    {meeting.summary.text ? (
      <p>
        <Tx ctx={ctx} value={meeting.summary} />
      </p>
    ) : null}
  </section>
)

const LatestResources = ({ ctx, data }: { ctx: Ctx; data: HomeQuery }) => (
  <section aria-labelledby="latest">
    <h2 id="latest">{t(ctx, 'latestResources')}</h2>
    <ul class="list">
      {data.resources.edges.map((e) => (
        <ResourceItem ctx={ctx} resource={e.node} />
      ))}
    </ul>
    <p>
      <a href={href(ctx, '/resources')}>
        {t(ctx, 'allResources')} ({formatNumber(ctx.lang, data.resources.totalCount)})
      </a>
    </p>
  </section>
)

const LatestNewsletter = ({ ctx, newsletter }: { ctx: Ctx; newsletter: Newsletter }) => (
  <section aria-labelledby="newsletter">
    <h2 id="newsletter">{t(ctx, 'latestNewsletter')}</h2>
    <p>
      <a href={href(ctx, `/newsletters/${newsletter.slug}`)}>
        {plain(newsletter.title) ? <Tx ctx={ctx} value={newsletter.title} /> : newsletter.slug}
      </a>
    </p>
  </section>
)

export const HomePage = ({ ctx, data }: { ctx: Ctx; data: HomeQuery }) => {
  const meeting = data.meeting.edges[0]?.node
  const newsletter = data.newsletters.edges[0]?.node
  return (
    <Layout ctx={ctx} title={t(ctx, 'siteName')} description={t(ctx, 'intro')}>
      <h1>{t(ctx, 'siteName')}</h1>
      <p class="lead">{t(ctx, 'intro')}</p>
      <Initiatives ctx={ctx} data={data} />
      <Upcoming ctx={ctx} data={data} />
      {meeting ? <AnnualMeeting ctx={ctx} meeting={meeting} /> : null}
      <LatestResources ctx={ctx} data={data} />
      {newsletter ? <LatestNewsletter ctx={ctx} newsletter={newsletter} /> : null}
    </Layout>
  )
}
