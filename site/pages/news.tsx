/** @jsxImportSource hono/jsx */
import type { NewsPostPageQuery, NewsQuery } from '../generated/graphql'
import {
  type Ctx,
  FallbackNotice,
  href,
  Layout,
  OutdatedNotice,
  Pager,
  plain,
  ResourceItem,
  t,
  Tx,
  When,
} from '../ui'

type Post = NonNullable<NewsPostPageQuery['newsPost']>

export const NewsPage = ({
  ctx,
  data,
  page,
  params,
}: {
  ctx: Ctx
  data: NewsQuery
  page: number
  params: URLSearchParams
}) => (
  <Layout ctx={ctx} title={t(ctx, 'news')} description={t(ctx, 'newsAbout')}>
    <h1>{t(ctx, 'news')}</h1>
    <ul class="list">
      {data.newsPosts.edges.map(({ node: post }) => (
        <li class="card">
          <h2>
            <a href={href(ctx, `/news/${post.slug}`)}>
              <Tx ctx={ctx} value={post.title} />
            </a>
          </h2>
          <p class="meta">
            <When ctx={ctx} date={post.date} />
            {post.date && post.workingGroups.length ? ' · ' : null}
            {post.workingGroups.map((group, i) => (
              <>
                {i ? ', ' : ''}
                <Tx ctx={ctx} value={group.name} />
              </>
            ))}
          </p>
          {post.summary.text ? (
            <p>
              <Tx ctx={ctx} value={post.summary} />
            </p>
          ) : null}
        </li>
      ))}
    </ul>
    <Pager
      ctx={ctx}
      base="/news"
      params={params}
      next={data.newsPosts.pageInfo.hasNextPage ? data.newsPosts.pageInfo.endCursor : null}
      page={page}
    />
  </Layout>
)

export const NewsPostPage = ({ ctx, post }: { ctx: Ctx; post: Post }) => (
  <Layout ctx={ctx} title={plain(post.title)} description={plain(post.summary)}>
    <article>
      <h1>
        <Tx ctx={ctx} value={post.title} />
      </h1>
      <p class="meta">
        <When ctx={ctx} date={post.date} />
        {post.date && post.workingGroups.length ? ' · ' : null}
        {post.workingGroups.map((group, i) => (
          <>
            {i ? ', ' : ''}
            <a href={href(ctx, `/groups/${group.slug}`)}>
              <Tx ctx={ctx} value={group.name} />
            </a>
          </>
        ))}
      </p>
      <FallbackNotice ctx={ctx} values={[post.title, post.summary]} />
      <OutdatedNotice ctx={ctx} values={[post.title, post.summary]} />
      {post.summary.text ? (
        <p>
          <Tx ctx={ctx} value={post.summary} />
        </p>
      ) : null}
      {post.resources.length ? (
        <section aria-labelledby="related">
          <h2 id="related">{t(ctx, 'related')}</h2>
          <ul class="list">
            {post.resources.map((resource) => (
              <ResourceItem ctx={ctx} resource={resource} />
            ))}
          </ul>
        </section>
      ) : null}
    </article>
  </Layout>
)
