/** @jsxImportSource hono/jsx */
import type { WebinarPageQuery, WebinarsQuery } from '../generated/graphql'
import { formatBytes } from '../i18n'
import {
  type Ctx,
  FallbackNotice,
  fileFormat,
  Files,
  href,
  Languages,
  Layout,
  OutdatedNotice,
  Pager,
  People,
  plain,
  Start,
  StartAndLength,
  t,
  Tx,
  WebinarItem,
} from '../ui'

type Webinar = NonNullable<WebinarPageQuery['webinar']>

export const WebinarsPage = ({
  ctx,
  data,
  page,
  params,
}: {
  ctx: Ctx
  data: WebinarsQuery
  page: number
  params: URLSearchParams
}) => (
  <Layout ctx={ctx} title={t(ctx, 'webinars')} description={t(ctx, 'upcoming')}>
    <h1>{t(ctx, 'webinars')}</h1>
    <section aria-labelledby="upcoming">
      <h2 id="upcoming">{t(ctx, 'upcoming')}</h2>
      {data.upcoming.edges.length ? (
        <ul class="list">
          {data.upcoming.edges.map(({ node }) => (
            <WebinarItem ctx={ctx} webinar={node} />
          ))}
        </ul>
      ) : (
        <p>{t(ctx, 'noUpcoming')}</p>
      )}
    </section>
    <section aria-labelledby="past">
      <h2 id="past">{t(ctx, 'past')}</h2>
      <ul class="list">
        {data.past.edges.map(({ node }) => (
          <WebinarItem ctx={ctx} webinar={node} />
        ))}
      </ul>
      <Pager
        ctx={ctx}
        base="/webinars"
        params={params}
        next={data.past.pageInfo.hasNextPage ? data.past.pageInfo.endCursor : null}
        page={page}
      />
    </section>
  </Layout>
)

/** When it starts (on the organiser's clock and the visitor's) and how long it lasts. */
const WebinarTimes = ({ ctx, webinar }: { ctx: Ctx; webinar: Webinar }) => (
  <>
    <dt>{t(ctx, 'when')}</dt>
    <dd>
      <StartAndLength ctx={ctx} webinar={webinar} />
    </dd>
  </>
)

/** The groups that organise it (linked), then the other organisations. */
const WebinarOrganisers = ({ ctx, webinar }: { ctx: Ctx; webinar: Webinar }) =>
  webinar.organisers.length || webinar.organisingOrganisations.length ? (
    <>
      <dt>{t(ctx, 'organisers')}</dt>
      <dd>
        {webinar.organisers.map((group, i) => (
          <>
            {i ? ', ' : ''}
            <a href={href(ctx, `/groups/${group.slug}`)}>
              <Tx ctx={ctx} value={group.name} />
            </a>
          </>
        ))}
        {webinar.organisingOrganisations.map((organisation, i) => (
          <>
            {i || webinar.organisers.length ? ', ' : ''}
            <Tx ctx={ctx} value={organisation.name} />
          </>
        ))}
      </dd>
    </>
  ) : null

const WebinarFacts = ({ ctx, webinar }: { ctx: Ctx; webinar: Webinar }) => (
  <dl class="facts">
    <WebinarTimes ctx={ctx} webinar={webinar} />
    {webinar.location.text ? (
      <>
        <dt>{t(ctx, 'location')}</dt>
        <dd>
          <Tx ctx={ctx} value={webinar.location} />
          {webinar.format ? ` (${webinar.format.toLowerCase()})` : null}
        </dd>
      </>
    ) : null}
    {webinar.series ? (
      <>
        <dt>{t(ctx, 'sessions')}</dt>
        <dd>
          <Tx ctx={ctx} value={webinar.series.name} />
          {webinar.series.part && webinar.series.of
            ? ` (${t(ctx, 'part', { part: webinar.series.part, of: webinar.series.of })})`
            : null}
        </dd>
      </>
    ) : null}
    {webinar.languages.length ? (
      <>
        <dt>{t(ctx, 'languages')}</dt>
        <dd>
          <Languages languages={webinar.languages} />
        </dd>
      </>
    ) : null}
    {webinar.interpretation.length ? (
      <>
        <dt>{t(ctx, 'interpretation')}</dt>
        <dd>
          <Languages languages={webinar.interpretation} />
        </dd>
      </>
    ) : null}
    <WebinarOrganisers ctx={ctx} webinar={webinar} />
  </dl>
)

/** Register, watch the recording (a link, else the file) and add to a calendar. */
const WebinarActions = ({ ctx, webinar }: { ctx: Ctx; webinar: Webinar }) => (
  <p class="actions">
    {webinar.registrationUrl ? <a href={webinar.registrationUrl}>{t(ctx, 'register')}</a> : null}
    {webinar.recordingUrl ? <a href={webinar.recordingUrl}>{t(ctx, 'recording')}</a> : null}
    {webinar.recording && !webinar.recordingUrl ? (
      <a href={webinar.recording.url} type={webinar.recording.mimeType}>
        {t(ctx, 'recording')} ({fileFormat(webinar.recording.mimeType)},{' '}
        {formatBytes(ctx.lang, webinar.recording.size)})
      </a>
    ) : null}
    <a href={webinar.icsUrl} type="text/calendar">
      {t(ctx, 'addToCalendar')}
    </a>
  </p>
)

/** One session of the webinar, in one language. */
const Session = ({ ctx, session }: { ctx: Ctx; session: Webinar['sessions'][number] }) => (
  <li class="card">
    <p>
      <strong lang={session.language.code}>{session.language.nativeName}</strong>
      {' · '}
      <Start ctx={ctx} at={session.startsAt} timeZone={session.timeZone} precision="EXACT" />
      {session.durationMinutes ? (
        <> · {t(ctx, 'duration', { n: session.durationMinutes })}</>
      ) : null}
    </p>
    <p class="actions">
      {session.registrationUrl ? <a href={session.registrationUrl}>{t(ctx, 'register')}</a> : null}
      {session.recordingUrl ? <a href={session.recordingUrl}>{t(ctx, 'recording')}</a> : null}
    </p>
  </li>
)

const WebinarSessions = ({ ctx, sessions }: { ctx: Ctx; sessions: Webinar['sessions'] }) =>
  sessions.length ? (
    <section aria-labelledby="sessions">
      <h2 id="sessions">{t(ctx, 'sessions')}</h2>
      <ul class="list">
        {sessions.map((session) => (
          <Session ctx={ctx} session={session} />
        ))}
      </ul>
    </section>
  ) : null

const WebinarSpeakers = ({ ctx, speakers }: { ctx: Ctx; speakers: Webinar['speakers'] }) =>
  speakers.length ? (
    <section aria-labelledby="speakers">
      <h2 id="speakers">{t(ctx, 'speakers')}</h2>
      <People
        ctx={ctx}
        people={speakers.map((speaker) => ({
          ...speaker.person,
          role: speaker.role,
          organisation: speaker.affiliation,
        }))}
      />
    </section>
  ) : null

export const WebinarPage = ({ ctx, webinar }: { ctx: Ctx; webinar: Webinar }) => {
  const texts = [webinar.title, webinar.summary, webinar.location]
  return (
    <Layout ctx={ctx} title={plain(webinar.title)} description={plain(webinar.summary)}>
      <article>
        <p class="meta">{t(ctx, `webinar_${webinar.kind}`)}</p>
        <h1>
          <Tx ctx={ctx} value={webinar.title} />
        </h1>
        <FallbackNotice ctx={ctx} values={texts} />
        <OutdatedNotice ctx={ctx} values={texts} />
        <WebinarFacts ctx={ctx} webinar={webinar} />
        <WebinarActions ctx={ctx} webinar={webinar} />
        {webinar.summary.text ? (
          <p>
            <Tx ctx={ctx} value={webinar.summary} />
          </p>
        ) : null}
        <WebinarSessions ctx={ctx} sessions={webinar.sessions} />
        <WebinarSpeakers ctx={ctx} speakers={webinar.speakers} />
        {webinar.attachments.length ? (
          <section aria-labelledby="attachments">
            <h2 id="attachments">{t(ctx, 'attachments')}</h2>
            <Files ctx={ctx} files={webinar.attachments} />
          </section>
        ) : null}
      </article>
    </Layout>
  )
}
