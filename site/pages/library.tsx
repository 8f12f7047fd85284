/** @jsxImportSource hono/jsx */
import type { LibraryQuery } from '../generated/graphql'
import type { Strings } from '../i18n'
import { formatNumber } from '../i18n'
import { type Ctx, href, Layout, Pager, ResourceItem, t } from '../ui'

/** The library's query-string parameters, and the facet each one filters by. */
export const FACETS = [
  ['type', 'types', 'facetTypes'],
  ['topic', 'topics', 'facetTopics'],
  ['theme', 'themes', 'facetThemes'],
  ['audience', 'audiences', 'facetAudiences'],
  ['group', 'workingGroups', 'facetGroups'],
  ['standard', 'standards', 'facetStandards'],
  ['language', 'languages', 'facetLanguages'],
  ['country', 'countries', 'facetCountries'],
] as const satisfies readonly (readonly [
  string,
  keyof LibraryQuery['resourceFacets'],
  keyof Strings,
])[]

export type LibraryState = {
  q: string
  sort: 'NEWEST' | 'OLDEST' | 'TITLE' | 'RELEVANCE'
  chosen: Record<(typeof FACETS)[number][0], string[]>
  page: number
  params: URLSearchParams
}

export const LibraryPage = ({
  ctx,
  data,
  state,
  pageSize,
}: {
  ctx: Ctx
  data: LibraryQuery
  state: LibraryState
  pageSize: number
}) => {
  const { resources, resourceFacets } = data
  const from = (state.page - 1) * pageSize + 1
  const to = from + resources.edges.length - 1
  const sorts = [
    ['NEWEST', 'sortNewest'],
    ['OLDEST', 'sortOldest'],
    ['TITLE', 'sortTitle'],
    ['RELEVANCE', 'sortRelevance'],
  ] as const
  return (
    <Layout ctx={ctx} title={t(ctx, 'library')} description={t(ctx, 'searchLabel')}>
      <h1>{t(ctx, 'library')}</h1>
      <form method="get" action={href(ctx, '/resources')} class="library" role="search">
        <p class="searchbox">
          <label for="q">{t(ctx, 'searchLabel')}</label>
          <input id="q" name="q" type="search" value={state.q} maxlength={200} />
          <label for="sort">{t(ctx, 'sort')}</label>
          <select id="sort" name="sort">
            {sorts.map(([value, key]) =>
              value === 'RELEVANCE' && !state.q ? null : (
                <option value={value} selected={state.sort === value}>
                  {t(ctx, key)}
                </option>
              ),
            )}
          </select>
          <button type="submit">{t(ctx, 'search')}</button>
        </p>
        <div class="columns">
          <aside aria-label={t(ctx, 'filters')} class="facets">
            <h2>{t(ctx, 'filters')}</h2>
            {FACETS.map(([param, facet, label]) => {
              const values = resourceFacets[facet]
              if (!values.length) return null
              const chosen = state.chosen[param]
              return (
                <details open={chosen.length > 0 || facet === 'types' || facet === 'languages'}>
                  <summary>{t(ctx, label)}</summary>
                  <fieldset>
                    <legend class="visually-hidden">{t(ctx, label)}</legend>
                    {values.map((value) => {
                      const id = `${param}-${value.value}`
                      return (
                        <p class="check">
                          <input
                            type="checkbox"
                            id={id}
                            name={param}
                            value={value.value}
                            checked={chosen.includes(value.value)}
                          />
                          <label for={id}>
                            {value.label}{' '}
                            <span class="count">({formatNumber(ctx.lang, value.count)})</span>
                          </label>
                        </p>
                      )
                    })}
                  </fieldset>
                </details>
              )
            })}
            <p>
              <button type="submit">{t(ctx, 'apply')}</button>{' '}
              <a href={href(ctx, '/resources')}>{t(ctx, 'clear')}</a>
            </p>
          </aside>
          <section aria-live="polite" class="results">
            <h2>{t(ctx, 'results', { count: resources.totalCount })}</h2>
            {resources.edges.length ? (
              <>
                <p class="meta">{t(ctx, 'showing', { from, to, count: resources.totalCount })}</p>
                <ul class="list">
                  {resources.edges.map((edge) => (
                    <ResourceItem
                      ctx={ctx}
                      resource={edge.node}
                      snippet={edge.searchMatch?.snippet}
                    />
                  ))}
                </ul>
              </>
            ) : (
              <p>{t(ctx, 'noResults')}</p>
            )}
            <Pager
              ctx={ctx}
              base="/resources"
              params={state.params}
              next={resources.pageInfo.hasNextPage ? resources.pageInfo.endCursor : null}
              page={state.page}
            />
          </section>
        </div>
      </form>
    </Layout>
  )
}
