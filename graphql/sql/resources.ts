// The resource listing's filters, full-text search and sorts, as SQL on Payload's tables. Search
// and title sort use each field's effective text: the first locale of the chain that has it.
import { fileSearchConfig, fileVector, TEXT_SEARCH_CONFIGS } from '../../src/db/textSearch'
import type { PublicFilters } from '../../src/access/publicRules'
import type { Locale } from '../../src/localeChain'
import { type Kind, KINDS, locales, resourceLanguagesSql, visible } from './entities'
import type { ListingQuery } from './listing'
import { Params, type Statement } from '../../src/db/statements'

export type ResourceFilterValues = {
  types?: string[] | null
  topics?: string[] | null
  themes?: string[] | null
  audiences?: string[] | null
  workingGroups?: string[] | null
  standards?: number[] | null
  countries?: string[] | null
  languages?: string[] | null
  publishedFrom?: string | null
  publishedTo?: string | null
}

export type ResourceSortValue = 'NEWEST' | 'OLDEST' | 'TITLE' | 'RELEVANCE'

/** The text search configuration of a locale: stemming for en/fr/es, Arabic's own for ar. */
const config = (localeColumn: string) =>
  `(CASE ${localeColumn} WHEN 'fr' THEN 'french' WHEN 'es' THEN 'spanish' WHEN 'ar' THEN 'arabic' ELSE 'english' END)::regconfig`

/** title and summary as the chain resolves them, with the locale each came from. */
const effectiveText = (chain: string) => {
  const first = (field: string, value: string) =>
    `(array_agg(${value} ORDER BY array_position(${chain}::text[], l._locale::text))
       FILTER (WHERE l.${field} IS NOT NULL AND l.${field} <> ''))[1]`
  return `LEFT JOIN LATERAL (
    SELECT ${first('title', 'l.title')} AS title, ${first('title', 'l._locale::text')} AS title_locale,
           ${first('summary', 'l.summary')} AS summary, ${first('summary', 'l._locale::text')} AS summary_locale
    FROM resources_locales l WHERE l._parent_id = t.id AND l._locale::text = ANY(${chain}::text[])
  ) eff ON true`
}

/**
 * The resources (ids) whose attached files' text matches the query `q`, each file read in its own
 * language. The union of the query in every configuration finds candidates through the GIN index
 * (media_text_search_idx); each is then checked in its file's own configuration.
 */
export const fileTextMatches = (q: string) => {
  const any = [...new Set([...Object.values(TEXT_SEARCH_CONFIGS), 'simple'])]
    .map((config) => `websearch_to_tsquery('${config}', ${q})`)
    .join(' || ')
  return `m.extracted_text IS NOT NULL AND ${fileVector('m.')} @@ (${any})
      AND ${fileVector('m.')} @@ websearch_to_tsquery(${fileSearchConfig('m.language')}, ${q})`
}
const filesMatching = (q: string) =>
  `SELECT fr.parent_id FROM media m JOIN resources_rels fr ON fr.media_id = m.id AND fr.path = 'files'
    WHERE ${fileTextMatches(q)}`

/** Private-use characters that mark matches in snippets, before they are turned into `<mark>`. */
export const MATCH_START = '\uE000'
export const MATCH_STOP = '\uE001'
const HEADLINE_OPTIONS = `'StartSel=${MATCH_START}, StopSel=${MATCH_STOP}, MaxWords=30, MinWords=12, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "'`

/**
 * Where the search found each resource of a page, with a snippet: the title, else the summary, else
 * the first of its files (in the editors' order) whose text matches. One subquery per page row, in
 * the listing's own statement; ts_headline runs once per row, on the place chosen.
 */
const searchMatch = (
  chain: string,
  q: string,
) => `(SELECT jsonb_build_object('in', c.field, 'fileId', c.file_id,
    'snippet', ts_headline(c.cfg, translate(c.txt, E'${MATCH_START}${MATCH_STOP}', ''), websearch_to_tsquery(c.cfg, ${q}), ${HEADLINE_OPTIONS}))
  FROM (
    SELECT v.field, NULL::int AS file_id, v.txt, v.cfg, v.o FROM (SELECT 1) one ${effectiveText(chain)}
      CROSS JOIN LATERAL (VALUES ('TITLE', eff.title, ${config('eff.title_locale')}, -2),
        ('SUMMARY', eff.summary, ${config('eff.summary_locale')}, -1)) v(field, txt, cfg, o)
      WHERE to_tsvector(v.cfg, coalesce(v.txt, '')) @@ websearch_to_tsquery(v.cfg, ${q})
    UNION ALL
    SELECT 'FILE', m.id, m.extracted_text, ${fileSearchConfig('m.language')}, fr."order"
      FROM resources_rels fr JOIN media m ON m.id = fr.media_id
      WHERE fr.parent_id = t.id AND fr.path = 'files' AND ${fileTextMatches(q)}
    ORDER BY 5 LIMIT 1
  ) c)`

const related = (path: string, table: string, column: string, slugMatch: string) =>
  `EXISTS (SELECT 1 FROM resources_rels r JOIN ${table} x ON x.id = r.${column}
    WHERE r.parent_id = t.id AND r.path = '${path}' AND x.slug ${slugMatch})`

/** WHERE conditions for the filters and search; shared by the listing and the facets. */
export const resourceMatch = (
  params: Params,
  filter: ResourceFilterValues | null | undefined,
  search: string | null | undefined,
  chain: Locale[],
  filters: PublicFilters,
) => {
  const where: string[] = []
  const f = filter ?? {}
  if (f.types?.length) {
    where.push(
      `t.publication_type_id IN (SELECT id FROM publication_types WHERE slug ${params.oneOf(f.types, 'text')})`,
    )
  }
  if (f.topics?.length)
    where.push(related('topics', 'topics', 'topics_id', params.oneOf(f.topics, 'text')))
  if (f.themes?.length)
    where.push(related('themes', 'themes', 'themes_id', params.oneOf(f.themes, 'text')))
  if (f.audiences?.length)
    where.push(related('audiences', 'audiences', 'audiences_id', params.oneOf(f.audiences, 'text')))
  if (f.workingGroups?.length) {
    where.push(
      related(
        'workingGroups',
        'working_groups',
        'working_groups_id',
        params.oneOf(f.workingGroups, 'text'),
      ),
    )
  }
  if (f.standards?.length) {
    where.push(`EXISTS (SELECT 1 FROM resources_rels r JOIN standards x ON x.id = r.standards_id
      WHERE r.parent_id = t.id AND r.path = 'standards' AND x.number ${params.oneOf(f.standards, 'int')})`)
  }
  if (f.countries?.length) {
    where.push(
      `EXISTS (SELECT 1 FROM resources_countries c WHERE c.parent_id = t.id AND c.value::text ${params.oneOf(f.countries, 'text')})`,
    )
  }
  if (f.languages?.length) {
    where.push(`EXISTS (SELECT 1 FROM (${resourceLanguagesSql('t.id', filters)}) l
      WHERE l.code ${params.oneOf(f.languages, 'text')})`)
  }
  if (f.publishedFrom) where.push(`t.publication_date >= ${params.add(f.publishedFrom)}::date`)
  if (f.publishedTo) where.push(`t.publication_date < (${params.add(f.publishedTo)}::date + 1)`)

  let rank = '0'
  let joins = ''
  let match: string | undefined
  if (search) {
    const chainParam = params.add(chain)
    joins = effectiveText(chainParam)
    const q = params.add(search)
    const vector = (field: string) =>
      `to_tsvector(${config(`eff.${field}_locale`)}, coalesce(eff.${field}, ''))`
    const query = (field: string) => `websearch_to_tsquery(${config(`eff.${field}_locale`)}, ${q})`
    where.push(
      `(${vector('title')} @@ ${query('title')} OR ${vector('summary')} @@ ${query('summary')}
        OR t.id IN (${filesMatching(q)}))`,
    )
    // A word in a file counts for less than one in the summary; a resource found only in its files
    // ranks below those found in their own texts.
    rank = `(2 * ts_rank(${vector('title')}, ${query('title')}) + ts_rank(${vector('summary')}, ${query('summary')})
      + CASE WHEN t.id IN (${filesMatching(q)}) THEN 0.1 ELSE 0 END)`
    match = searchMatch(chainParam, q)
  }
  return { joins, where, rank, match }
}

export const resourceListing = (
  filter: ResourceFilterValues | null | undefined,
  search: string | null | undefined,
  sort: ResourceSortValue,
  chain: Locale[],
  filters: PublicFilters,
): ListingQuery => {
  const params = new Params()
  const match = resourceMatch(params, filter, search, chain, filters)
  const { where, rank } = match
  // The effective texts are joined only when the search or the title order needs them.
  const joins = match.joins || (sort === 'TITLE' ? effectiveText(params.add(chain)) : '')
  const orders: Record<ResourceSortValue, Pick<ListingQuery, 'order' | 'direction'>> = {
    NEWEST: { order: [`coalesce(t.publication_date, '-infinity')`, 't.id'], direction: 'desc' },
    OLDEST: { order: [`coalesce(t.publication_date, 'infinity')`, 't.id'], direction: 'asc' },
    TITLE: { order: [`lower(coalesce(eff.title, ''))`, 't.id'], direction: 'asc' },
    RELEVANCE: { order: [rank, 't.id'], direction: 'desc' },
  }
  return {
    kind: 'resource',
    joins,
    where,
    params: params.values,
    ...(match.match ? { extra: match.match } : {}),
    ...orders[sort],
  }
}

/** The facets `resourceFacets` can count (besides `total`). */
export const FACETS = [
  'types',
  'topics',
  'themes',
  'audiences',
  'workingGroups',
  'standards',
  'languages',
  'countries',
] as const
export type Facet = (typeof FACETS)[number]

/**
 * The facets of a listing (its filters and search): the total, then per facet each value with its
 * labels in every locale and its count; only the facets asked for are counted. One pass over the
 * matches' relations serves every taxonomy facet asked for (a pass per facet cost 5×).
 */
export const facetsStatement = (
  filter: ResourceFilterValues | null | undefined,
  search: string | null | undefined,
  chain: Locale[],
  filters: PublicFilters,
  wanted: ReadonlySet<Facet> = new Set(FACETS),
): Statement => {
  const params = new Params()
  const { joins, where } = resourceMatch(params, filter, search, chain, filters)
  const label = (table: string, column: string) => locales(table, 'x', { label: column })
  const byRel = (
    facet: string,
    path: string,
    kind: Kind,
    value = 'x.slug',
    labels = label(KINDS[kind].table, 'name'),
  ) =>
    `SELECT '${facet}', ${value}::text, ${labels}, rel.n FROM rel JOIN ${KINDS[kind].table} x ON x.id = rel.rid
     WHERE rel.path = '${path}' AND ${visible(kind, 'x', filters)}`
  const relFacets = (
    ['topics', 'themes', 'audiences', 'workingGroups', 'standards'] as const
  ).filter((facet) => wanted.has(facet))
  const counts: Record<Facet, () => string> = {
    types: () => `SELECT 'types', x.slug, ${label('publication_types', 'name')}, f.n FROM (
       SELECT publication_type_id AS rid, count(*) AS n FROM m WHERE publication_type_id IS NOT NULL GROUP BY 1
     ) f JOIN publication_types x ON x.id = f.rid WHERE ${visible('publicationType', 'x', filters)}`,
    topics: () => byRel('topics', 'topics', 'topic'),
    themes: () => byRel('themes', 'themes', 'theme'),
    audiences: () => byRel('audiences', 'audiences', 'audience'),
    workingGroups: () => byRel('workingGroups', 'workingGroups', 'group'),
    standards: () =>
      byRel('standards', 'standards', 'standard', 'x.number', label('standards', 'title')),
    languages: () => `SELECT 'languages', z.code, NULL, count(*) FROM (
       SELECT DISTINCT m.id, l.code FROM m CROSS JOIN LATERAL (${resourceLanguagesSql('m.id', filters)}) l
     ) z GROUP BY z.code`,
    countries: () => `SELECT 'countries', c.value::text, NULL, count(*) FROM m
       JOIN resources_countries c ON c.parent_id = m.id GROUP BY c.value`,
  }
  // Relation ids of the matches, counted once for every taxonomy facet asked for.
  const rel = relFacets.length
    ? `, rel AS (
       SELECT r.path, coalesce(${relFacets.map((f) => `r.${REL_COLUMN[f]}`).join(', ')}) AS rid, count(*) AS n
       FROM m JOIN resources_rels r ON r.parent_id = m.id
       WHERE r.path IN (${relFacets.map((f) => `'${f}'`).join(', ')})
       GROUP BY 1, 2
     )`
    : ''
  return {
    text: `WITH m AS MATERIALIZED (
       SELECT t.id, t.publication_type_id FROM resources t ${joins}
       WHERE ${[visible('resource', 't', filters), ...where].join(' AND ')}
     )${rel}
     SELECT 'total' AS facet, '' AS value, NULL::jsonb AS labels, count(*) AS count FROM m
     ${FACETS.filter((facet) => wanted.has(facet))
       .map((facet) => `UNION ALL ${counts[facet]()}`)
       .join('\n     ')}`,
    values: params.values,
  }
}

/** The relation column of each taxonomy facet. */
const REL_COLUMN = {
  topics: 'topics_id',
  themes: 'themes_id',
  audiences: 'audiences_id',
  workingGroups: 'working_groups_id',
  standards: 'standards_id',
} as const
