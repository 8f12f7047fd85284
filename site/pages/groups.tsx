/** @jsxImportSource hono/jsx */
import type { GroupFullFragment, GroupPageQuery, GroupsQuery } from '../generated/graphql'
import {
  type Ctx,
  FallbackNotice,
  href,
  Layout,
  Organisations,
  OutdatedNotice,
  People,
  plain,
  ResourceItem,
  t,
  Tx,
  WebinarItem,
  When,
} from '../ui'

type Group = GroupFullFragment
type Lists = Pick<NonNullable<GroupPageQuery['workingGroup']>, 'resources' | 'webinars' | 'news'>

export const GroupsPage = ({ ctx, data }: { ctx: Ctx; data: GroupsQuery }) => (
  <Layout ctx={ctx} title={t(ctx, 'groups')} description={t(ctx, 'intro')}>
    <h1>{t(ctx, 'groups')}</h1>
    <p class="lead">{t(ctx, 'intro')}</p>
    <ul class="list">
      {data.workingGroups.edges.map(({ node: group }) => (
        <li class="card">
          <h2>
            <a href={href(ctx, `/groups/${group.slug}`)}>
              <Tx ctx={ctx} value={group.name} />
            </a>
          </h2>
          <p class="meta">
            {t(ctx, `kind_${group.kind}`)}
            {group.status === 'ARCHIVED' ? ` · ${t(ctx, 'archived')}` : ''}
          </p>
          {group.summary.text ? (
            <p>
              <Tx ctx={ctx} value={group.summary} />
            </p>
          ) : null}
        </li>
      ))}
    </ul>
  </Layout>
)

const GroupFacts = ({ ctx, group }: { ctx: Ctx; group: Group }) => (
  <dl class="facts">
    {group.leadOrganisations.length ? (
      <>
        <dt>{t(ctx, 'leadAgencies')}</dt>
        <dd>
          <Organisations ctx={ctx} organisations={group.leadOrganisations} />
        </dd>
      </>
    ) : null}
    {group.contactEmail ? (
      <>
        <dt>{t(ctx, 'contact')}</dt>
        <dd>
          <a href={`mailto:${group.contactEmail}`}>{group.contactEmail}</a>
        </dd>
      </>
    ) : null}
  </dl>
)

/** Its mission, priorities and key tools, each where it has some. */
const GroupAims = ({ ctx, group }: { ctx: Ctx; group: Group }) => (
  <>
    {group.summary.text ? (
      <section aria-labelledby="mission">
        <h2 id="mission">{t(ctx, 'mission')}</h2>
        <p>
          <Tx ctx={ctx} value={group.summary} />
        </p>
      </section>
    ) : null}
    {group.priorities.length ? (
      <section aria-labelledby="priorities">
        <h2 id="priorities">{t(ctx, 'priorities')}</h2>
        <ul>
          {group.priorities.map((priority) => (
            <li>
              <Tx ctx={ctx} value={priority} />
            </li>
          ))}
        </ul>
      </section>
    ) : null}
    {group.keyTools.length ? (
      <section aria-labelledby="tools">
        <h2 id="tools">{t(ctx, 'keyTools')}</h2>
        <ul>
          {group.keyTools.map((tool) => (
            <li>
              <a href={href(ctx, `/resources/${tool.slug}`)}>
                <Tx ctx={ctx} value={tool.title} />
              </a>
            </li>
          ))}
        </ul>
      </section>
    ) : null}
  </>
)

const GroupNews = ({ ctx, news }: { ctx: Ctx; news: Lists['news'] }) =>
  news.edges.length ? (
    <section aria-labelledby="news">
      <h2 id="news">{t(ctx, 'news')}</h2>
      <ul class="list">
        {news.edges.map(({ node: post }) => (
          <li class="card">
            <h3>
              <a href={href(ctx, `/news/${post.slug}`)}>
                <Tx ctx={ctx} value={post.title} />
              </a>
            </h3>
            <p class="meta">
              <When ctx={ctx} date={post.date} />
            </p>
            {post.summary.text ? (
              <p>
                <Tx ctx={ctx} value={post.summary} />
              </p>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  ) : null

/** A link to the whole list (the library's, the webinars') filtered by the group, when it is longer. */
const SeeAll = ({
  ctx,
  base,
  group,
  list,
}: {
  ctx: Ctx
  base: string
  group: Group
  list: { totalCount: number; edges: unknown[] }
}) =>
  list.totalCount > list.edges.length ? (
    <p>
      <a href={`${href(ctx, base)}?group=${encodeURIComponent(group.slug)}`}>
        {t(ctx, 'seeAll', { count: list.totalCount })}
      </a>
    </p>
  ) : null

const GroupResources = ({ ctx, group, lists }: { ctx: Ctx; group: Group; lists: Lists }) =>
  lists.resources.edges.length ? (
    <section aria-labelledby="resources">
      <h2 id="resources">{t(ctx, 'resources')}</h2>
      <ul class="list">
        {lists.resources.edges.map(({ node }) => (
          <ResourceItem ctx={ctx} resource={node} />
        ))}
      </ul>
      <SeeAll ctx={ctx} base="/resources" group={group} list={lists.resources} />
    </section>
  ) : null

const GroupWebinars = ({ ctx, group, lists }: { ctx: Ctx; group: Group; lists: Lists }) =>
  lists.webinars.edges.length ? (
    <section aria-labelledby="webinars">
      <h2 id="webinars">{t(ctx, 'webinars')}</h2>
      <ul class="list">
        {lists.webinars.edges.map(({ node }) => (
          <WebinarItem ctx={ctx} webinar={node} />
        ))}
      </ul>
      <SeeAll ctx={ctx} base="/webinars" group={group} list={lists.webinars} />
    </section>
  ) : null

export const GroupPage = ({ ctx, group, lists }: { ctx: Ctx; group: Group; lists: Lists }) => {
  const texts = [group.name, group.summary, ...group.priorities]
  return (
    <Layout ctx={ctx} title={plain(group.name)} description={plain(group.summary)}>
      <article>
        <h1>
          <Tx ctx={ctx} value={group.name} />
          {group.shortName ? <span class="meta"> ({group.shortName})</span> : null}
        </h1>
        <p class="meta">
          {t(ctx, `kind_${group.kind}`)}
          {group.status === 'ARCHIVED' ? ` · ${t(ctx, 'archived')}` : ''}
        </p>
        <FallbackNotice ctx={ctx} values={texts} />
        <OutdatedNotice ctx={ctx} values={texts} />
        <GroupFacts ctx={ctx} group={group} />
        <GroupAims ctx={ctx} group={group} />
        <GroupNews ctx={ctx} news={lists.news} />
        <GroupResources ctx={ctx} group={group} lists={lists} />
        <GroupWebinars ctx={ctx} group={group} lists={lists} />
        {group.leads.length ? (
          <section aria-labelledby="leads">
            <h2 id="leads">{t(ctx, 'leads')}</h2>
            <People
              ctx={ctx}
              people={group.leads.map((lead) => ({ ...lead.person, role: lead.role }))}
            />
          </section>
        ) : null}
      </article>
    </Layout>
  )
}
