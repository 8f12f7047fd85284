// The resource library: resources, their language editions, facets, and the taxonomies.
import type { GraphQLResolveInfo, SelectionSetNode } from 'graphql'
import { z } from 'zod'

import {
  badInput,
  country as countryArg,
  date,
  language as languageArg,
  page,
  parseArg,
  search as searchArg,
  slug,
} from '../../arguments'
import { loadBodyRenderers, renderBody } from '../../../src/bodies'
import type { PartnerContext } from '../../context'
import type { PublicFilters } from '../../../src/access/publicRules'
import type {
  QueryResolvers,
  QueryResourceFacetsArgs,
  QueryResourcesArgs,
  Resolvers,
} from '../../generated/resolvers'
import { toGlobalId } from '../../../src/ids'
import type { Locale, Locales } from '../../../src/localeChain'
import type {
  OrganisationRow,
  PersonRow,
  ResourceRow,
  StandardRow,
  TermRow,
  TranslationRow,
} from '../../rows'
import { findBySlug, listPage, type ListingQuery } from '../../sql/listing'
import {
  type Facet,
  FACETS,
  facetsStatement,
  resourceListing,
  type ResourceSortValue,
} from '../../sql/resources'
import {
  standardsStatement,
  TAXONOMY_KIND,
  type TaxonomyTable,
  termsStatement,
} from '../../sql/taxonomies'
import { loadFile, loadFiles } from '../files/resolvers'
import { connection, country, language, toEnum, translated } from '../shared'
import { STANDARD_COUNT } from '../../../src/standards'

const filterSchema = z
  .object({
    types: z.array(slug).nullish(),
    topics: z.array(slug).nullish(),
    themes: z.array(slug).nullish(),
    audiences: z.array(slug).nullish(),
    workingGroups: z.array(slug).nullish(),
    standards: z
      .array(
        z
          .number()
          .int()
          .min(1)
          .max(STANDARD_COUNT, `standards are numbered 1 to ${STANDARD_COUNT}`),
      )
      .nullish(),
    countries: z.array(countryArg).nullish(),
    languages: z.array(languageArg).nullish(),
    publishedFrom: date.nullish(),
    publishedTo: date.nullish(),
  })
  .refine((f) => !f.publishedFrom || !f.publishedTo || f.publishedFrom <= f.publishedTo, {
    message: 'publishedFrom must not be after publishedTo',
    path: ['publishedFrom'],
  })
  .nullish()

/** Terms of one taxonomy, in name order of the answer's first locale. */
const terms = async (ctx: PartnerContext, table: TaxonomyTable, chain: Locale[]) => {
  const { text, values } = termsStatement(table, ctx.filters)
  const rows = await ctx.sql.query<{ data: TermRow }>(text, values)
  const name = (row: TermRow) => translated(row.locales, 'name', chain).text ?? row.slug
  return rows.map((r) => r.data).sort((a, b) => name(a).localeCompare(name(b), chain[0]))
}

export type FacetRow = {
  facet: string
  value: string
  labels: Record<string, { label?: string }> | null
  count: string
}

/**
 * The facets a `resourceFacets` selection names, through fragments too; @skip and @include are not
 * read, so a skipped facet is counted for nothing, never missed.
 */
const facetsAsked = (info: GraphQLResolveInfo): Set<Facet> => {
  const names = new Set<string>()
  const visit = (selectionSet: SelectionSetNode | undefined) => {
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.kind === 'Field') names.add(selection.name.value)
      else if (selection.kind === 'InlineFragment') visit(selection.selectionSet)
      else visit(info.fragments[selection.name.value]?.selectionSet)
    }
  }
  for (const node of info.fieldNodes) visit(node.selectionSet)
  return new Set(FACETS.filter((facet) => names.has(facet)))
}

/** `Query.resourceFacets`'s statement for its arguments, counting the facets `wanted`. */
export const facetsQuery = (
  args: QueryResourceFacetsArgs,
  chain: Locale[],
  filters: PublicFilters,
  wanted: ReadonlySet<Facet>,
) => {
  const filter = parseArg('filter', filterSchema, args.filter)
  const search = args.search == null ? undefined : parseArg('search', searchArg, args.search)
  return facetsStatement(filter, search, chain, filters, wanted)
}

export type FacetValue = { value: string; label: string; count: number }

/**
 * The facets from the statement's rows: labels in the chain's locale, most frequent first (then by
 * value, so that equal counts always come in the same order).
 */
export const facetsResult = (rows: FacetRow[], chain: Locale[]) => {
  const result = {
    total: 0,
    ...(Object.fromEntries(FACETS.map((facet) => [facet, [] as FacetValue[]])) as Record<
      Facet,
      FacetValue[]
    >),
  }
  for (const row of rows) {
    if (row.facet === 'total') {
      result.total = Number(row.count)
      continue
    }
    const label =
      row.facet === 'languages'
        ? language(row.value).nativeName
        : row.facet === 'countries'
          ? country(row.value, chain).name
          : (translated(row.labels as never, 'label', chain).text ?? row.value)
    result[row.facet as Facet].push({ value: row.value, label, count: Number(row.count) })
  }
  for (const facet of FACETS) {
    result[facet].sort(
      (a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0),
    )
  }
  return result
}

const facets: QueryResolvers['resourceFacets'] = async (_, args, ctx, info) => {
  const chain = ctx.chain(info)
  const { text, values } = facetsQuery(args, chain, ctx.filters, facetsAsked(info))
  return facetsResult(await ctx.sql.query<FacetRow>(text, values), chain) as never
}

/** `Query.resources`'s arguments as a listing (BAD_USER_INPUT when they do not make one). */
export const resourcesQuery = (
  args: QueryResourcesArgs,
  chain: Locale[],
  filters: PublicFilters,
): ListingQuery => {
  const sort = (args.sort ?? 'NEWEST') as ResourceSortValue
  const search = args.search == null ? undefined : parseArg('search', searchArg, args.search)
  if (sort === 'RELEVANCE' && !search) throw badInput('sort', 'RELEVANCE needs a `search`')
  const filter = parseArg('filter', filterSchema, args.filter)
  return resourceListing(filter, search, sort, chain, filters)
}

export const libraryResolvers: Resolvers = {
  ResourceConnection: connection,
  Query: {
    resources: (_, args, ctx, info) =>
      listPage<ResourceRow>(
        ctx,
        resourcesQuery(args, ctx.chain(info), ctx.filters),
        page(args),
        info,
      ),
    resource: (_, args, ctx, info) => findBySlug<ResourceRow>(ctx, 'resource', args.slug),
    resourceFacets: facets,
    topics: (_, __, ctx, info) => terms(ctx, 'topics', ctx.chain(info)),
    themes: (_, __, ctx, info) => terms(ctx, 'themes', ctx.chain(info)),
    audiences: (_, __, ctx, info) => terms(ctx, 'audiences', ctx.chain(info)),
    publicationTypes: (_, __, ctx, info) => terms(ctx, 'publication_types', ctx.chain(info)),
    standards: async (_, args, ctx, info) => {
      const pillar =
        args.pillar == null
          ? null
          : parseArg('pillar', z.number().int().min(1).max(4, 'pillars are 1 to 4'), args.pillar)
      const { text, values } = standardsStatement(pillar, ctx.filters)
      const rows = await ctx.sql.query<{ data: StandardRow }>(text, values)
      return rows.map((r) => r.data)
    },
  },
  Resource: {
    id: (r) => toGlobalId('Resource', r.id),
    title: (r, _, ctx, info) => translated(r.locales, 'title', ctx.chain(info)),
    summary: (r, _, ctx, info) => translated(r.locales, 'summary', ctx.chain(info)),
    body: async (r, { format }, ctx, info) => {
      const row =
        (r as { previewBody?: { locales: Locales<'body'> } }).previewBody ??
        (await ctx.loaders.one<{ locales: Locales<'body'> }>('resourceBody', r.id))
      const { text, locale, outdated } = translated(row?.locales, 'body', ctx.chain(info))
      if (format === 'JSON' || !locale) return { text, locale, outdated }
      // The stored document itself, not its JSON text: no parsing it back.
      const source = locale.toLowerCase() as Locale
      await loadBodyRenderers()
      const body = renderBody(row?.locales?.[source]?.body, format, source)
      return body === null
        ? { text: null, locale: null, outdated: false }
        : { text: body, locale, outdated }
    },
    publicationType: (r, _, ctx) =>
      ctx.loaders.one<TermRow>('publicationType', r.publicationTypeId),
    publicationDate: (r) => r.publicationDate?.slice(0, 10) ?? null,
    datePrecision: (r) => toEnum(r.datePrecision ?? 'day'),
    statusFlag: (r) => toEnum(r.statusFlag),
    publishers: (r, _, ctx) =>
      ctx.loaders.many<OrganisationRow>('organisation', r.rels?.publishers),
    workingGroups: (r, _, ctx) => ctx.loaders.many('group', r.rels?.workingGroups),
    topics: (r, _, ctx) => ctx.loaders.many<TermRow>('topic', r.rels?.topics),
    themes: (r, _, ctx) => ctx.loaders.many<TermRow>('theme', r.rels?.themes),
    audiences: (r, _, ctx) => ctx.loaders.many<TermRow>('audience', r.rels?.audiences),
    standards: (r, _, ctx) => ctx.loaders.many<StandardRow>('standard', r.rels?.standards),
    countries: (r, _, ctx, info) => r.countries.map((code) => country(code, ctx.chain(info))),
    // As resourceLanguagesSql (graphql/sql/entities.ts) lists them for planned queries and filters.
    availableLanguages: async (r, _, ctx) => {
      const [editions, files] = await Promise.all([
        ctx.loaders.translationsOf<TranslationRow>(r.id),
        loadFiles(ctx, r.rels?.files),
      ])
      const codes = [
        ...r.languages,
        ...editions.map((t) => t.language),
        ...files.map((file) => file?.language),
        ...r.links.map((link) => link.language),
      ].filter((code): code is string => Boolean(code))
      return [...new Set(codes)].map(language)
    },
    translations: (r, _, ctx) => ctx.loaders.translationsOf<TranslationRow>(r.id),
    links: (r) => r.links,
    // Ids from the published resource itself: its files are public because it is.
    files: (r, _, ctx) => loadFiles(ctx, r.rels?.files),
    cover: (r, _, ctx) => loadFile(ctx, r.coverId),
  },
  ResourceEdge: {
    searchMatch: (edge) => edge.extra ?? null,
  },
  Link: {
    kind: (l) => toEnum(l.kind),
    label: (l, _, ctx, info) => translated(l.locales, 'label', ctx.chain(info)),
    language: (l) => (l.language ? language(l.language) : null),
  },
  Translation: {
    id: (t) => toGlobalId('Translation', t.id),
    language: (t) => language(t.language),
    progress: (t) => toEnum(t.progress),
    format: (t) => toEnum(t.format),
    translatedBy: (t, _, ctx) => ctx.loaders.one<OrganisationRow>('organisation', t.translatedById),
    date: (t) => t.date?.slice(0, 10) ?? null,
    // Kept for partners who read it; the same rule as `outdated`.
    isStale: (t) => t.outdated,
  },
  Term: {
    id: (t) => toGlobalId('Term', t.id, TAXONOMY_KIND[t.taxonomy as TaxonomyTable]),
    name: (t, _, ctx, info) => translated(t.locales, 'name', ctx.chain(info)),
  },
  Standard: {
    id: (s) => toGlobalId('Standard', s.id),
    pillar: (s) => Number(s.pillar),
    title: (s, _, ctx, info) => translated(s.locales, 'title', ctx.chain(info)),
  },
  Organisation: {
    id: (o) => toGlobalId('Organisation', o.id),
    name: (o, _, ctx, info) => translated(o.locales, 'name', ctx.chain(info)),
  },
  Person: {
    id: (p) => toGlobalId('Person', p.id),
    organisation: (p, _, ctx) => ctx.loaders.one<OrganisationRow>('organisation', p.organisationId),
    jobTitle: (p, _, ctx, info) => translated(p.locales, 'jobTitle', ctx.chain(info)),
  },
}
