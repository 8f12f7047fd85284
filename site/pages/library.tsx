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

const SORTS = [
  ['NEWEST', 'sortNewest'],
  ['OLDEST', 'sortOldest'],
  ['TITLE', 'sortTitle'],
  ['RELEVANCE', 'sortRelevance'],
] as const

/** The words searched for and the order (by relevance only when there are words). */
const SearchBox = ({ ctx, state }: { ctx: Ctx; state: LibraryState }) => (
  <p class="searchbox">
    <label for="q">{t(ctx, 'searchLabel')}</label>
    <input id="q" name="q" type="search" value={state.q} maxlength={200} />
    <label for="sort">{t(ctx, 'sort')}</label>
    <select id="sort" name="sort">
      {SORTS.map(([value, key]) =>
        value === 'RELEVANCE' && !state.q ? null : (
          <option value={value} selected={state.sort === value}>
            {t(ctx, key)}
          </option>
        ),
      )}
    </select>
    <button type="submit">{t(ctx, 'search')}</button>
  </p>
)

type Facet = (typeof FACETS)[number]

/** One facet's values as checkboxes with their counts; open when chosen from (types and languages always). */
const FacetChoice = ({
  ctx,
  facet: [param, facet, label],
  values,
  chosen,
}: {
  ctx: Ctx
  facet: Facet
  values: LibraryQuery['resourceFacets'][Facet[1]]
  chosen: string[]
}) => (
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
              {value.label} <span class="count">({formatNumber(ctx.lang, value.count)})</span>
            </label>
          </p>
        )
      })}
    </fieldset>
  </details>
)

const Facets = ({
  ctx,
  facets,
  state,
}: {
  ctx: Ctx
  facets: LibraryQuery['resourceFacets']
  state: LibraryState
}) => (
  <aside aria-label={t(ctx, 'filters')} class="facets">
    <h2>{t(ctx, 'filters')}</h2>
    {FACETS.map((facet) =>
      facets[facet[1]].length ? (
        <FacetChoice
          ctx={ctx}
          facet={facet}
          values={facets[facet[1]]}
          chosen={state.chosen[facet[0]]}
        />
      ) : null,
    )}
    <p>
      <button type="submit">{t(ctx, 'apply')}</button>{' '}
      <a href={href(ctx, '/resources')}>{t(ctx, 'clear')}</a>
    </p>
  </aside>
)

const Results = ({
  ctx,
  resources,
  state,
  pageSize,
}: {
  ctx: Ctx
  resources: LibraryQuery['resources']
  state: LibraryState
  pageSize: number
}) => {
  const from = (state.page - 1) * pageSize + 1
  const to = from + resources.edges.length - 1
  return (
    <section aria-live="polite" class="results">
      <h2>{t(ctx, 'results', { count: resources.totalCount })}</h2>
      {resources.edges.length ? (
        <>
          <p class="meta">{t(ctx, 'showing', { from, to, count: resources.totalCount })}</p>
          <ul class="list">
            {resources.edges.map((edge) => (
              <ResourceItem ctx={ctx} resource={edge.node} snippet={edge.searchMatch?.snippet} />
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
  )
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
}) => (
  <Layout ctx={ctx} title={t(ctx, 'library')} description={t(ctx, 'searchLabel')}>
    <h1>{t(ctx, 'library')}</h1>
    <form method="get" action={href(ctx, '/resources')} class="library" role="search">
      <SearchBox ctx={ctx} state={state} />
      <div class="columns">
        <Facets ctx={ctx} facets={data.resourceFacets} state={state} />
        <Results ctx={ctx} resources={data.resources} state={state} pageSize={pageSize} />
      </div>
    </form>
  </Layout>
)
