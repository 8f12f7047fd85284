// A page of any listing, by keyset: the page's ids and sort keys in one small query, their records
// built as JSON only for that page. `totalCount` is a separate count, run only when asked for.
import type { GraphQLResolveInfo } from 'graphql'

import { parseArg, slug } from '../arguments'
import { badCursor, cursorTag, decodeCursor, encodeCursor } from '../../src/ids'
import type { PartnerContext } from '../context'
import type { ConnectionResult } from '../rows'
import type { PublicFilters } from '../../src/access/publicRules'
import { KINDS, type Kind, visible } from './entities'
import { Params, type Statement } from '../../src/db/statements'

export type ListingQuery = {
  kind: Kind
  /** Extra FROM items after `<table> t`, e.g. a LEFT JOIN LATERAL for effective titles. */
  joins?: string
  /** Conditions on `t` (and the joins); the published rule is added here. */
  where: string[]
  params: unknown[]
  /** Sort expressions, never null, all in the same direction; `t.id` last makes the order total. */
  order: string[]
  direction: 'asc' | 'desc'
  /** An expression on the page's rows `t`, returned with each edge as `extra` (e.g. a search match). */
  extra?: string
}

/** Whether the query asks for the connection's `totalCount`. */
export const wantsTotal = (info: GraphQLResolveInfo) =>
  info.fieldNodes.some((node) =>
    node.selectionSet?.selections.some((s) => s.kind === 'Field' && s.name.value === 'totalCount'),
  )

/** PostgreSQL's "data exception" class: a value that does not fit its column's type. */
const isDataException = (error: unknown) =>
  typeof (error as { code?: unknown })?.code === 'string' &&
  (error as { code: string }).code.startsWith('22')

/**
 * How a page's records are built as JSON from its row `t`: the kind's whole record by default, or
 * only what an operation selects (graphql/plan), binding what it needs with `params`.
 */
export type RecordJson = (alias: string, params: Params) => string

const wholeRecord =
  (kind: Kind): RecordJson =>
  (alias) =>
    KINDS[kind].json(alias)

/**
 * A page's statement: ids and sort keys by keyset, then the page's records as JSON, each record
 * read by its id. (A plain join let a prepared statement's generic plan, which cannot know the
 * page's size, hash the whole table for every page: a third of the listing's time in PostgreSQL.)
 */
export const pageStatement = (
  query: ListingQuery,
  filters: PublicFilters,
  page: { first: number; after?: unknown[]; withTotal: boolean },
  json: RecordJson = wholeRecord(query.kind),
): Statement => {
  const { table } = KINDS[query.kind]
  const params = new Params(query.params)
  const conditions = [visible(query.kind, 't', filters), ...query.where]
  if (page.after) {
    const placeholders = page.after.map((value) => params.add(value))
    conditions.push(
      `(${query.order.join(', ')}) ${query.direction === 'desc' ? '<' : '>'} (${placeholders.join(', ')})`,
    )
  }
  const limit = Params.limit(page.first + 1)
  // Sort keys as themselves (to order by) and as text (for cursors: a date of -infinity or a
  // float survives the trip through JSON only as text).
  const keys = query.order.map((expr, i) => `${expr} AS k${i}, (${expr})::text AS c${i}`).join(', ')
  const orderBy = (prefix = '') =>
    query.order.map((_, i) => `${prefix}k${i} ${query.direction}`).join(', ')
  const inOrder = query.order.map((expr) => `${expr} ${query.direction}`).join(', ')
  // The sort keys are returned as text only: node-postgres would parse each date for nothing.
  const returned = [
    'page.id',
    ...query.order.map((_, i) => `page.c${i}`),
    ...(page.withTotal ? ['page.total_count'] : []),
  ].join(', ')
  // The row after the page only says there is a next page: no record is built for it.
  return {
    text: `WITH page AS (
       SELECT t.id, ${keys}, row_number() OVER (ORDER BY ${inOrder}) AS n${page.withTotal ? ', count(*) OVER () AS total_count' : ''}
       FROM ${table} t ${query.joins ?? ''} WHERE ${conditions.join(' AND ')}
       ORDER BY ${orderBy()} LIMIT ${limit}
     )
     SELECT CASE WHEN page.n <= ${Params.limit(page.first)} THEN ${json('t', params)} END AS data${query.extra ? `, ${query.extra} AS extra` : ''}, ${returned}
     FROM page CROSS JOIN LATERAL (SELECT * FROM ${table} x WHERE x.id = page.id OFFSET 0) t
     ORDER BY ${orderBy('page.')}`,
    values: params.values,
  }
}

/** How many records a listing matches, for `totalCount` past its first page. */
export const countStatement = (query: ListingQuery, filters: PublicFilters): Statement => ({
  text: `SELECT count(*) AS count FROM ${KINDS[query.kind].table} t ${query.joins ?? ''}
    WHERE ${[visible(query.kind, 't', filters), ...query.where].join(' AND ')}`,
  values: query.params,
})

/** Where a page starts and whether its statement counts the matches, from `first` and `after`. */
export const pagePosition = (query: ListingQuery, page: { after?: string }, withTotal: boolean) => {
  // Cursors name the kind and order they were made for: another listing's cursor is refused here.
  const tag = cursorTag([query.kind, ...query.order, query.direction])
  const after = page.after ? decodeCursor(page.after, tag, query.order.length) : undefined
  // On a first page, the total comes with the page (a window over the matches, before LIMIT);
  // after a cursor the window would see only what follows, so a count runs when asked for.
  return { tag, after, totalInPage: withTotal && !after }
}

/** A page row's cursor: its listing's tag and its sort keys as text. */
export const rowCursor = (query: ListingQuery, tag: string, row: Record<string, unknown>) =>
  encodeCursor(
    tag,
    query.order.map((_, i) => row[`c${i}`]),
  )

export const listPage = async <Row extends { id: number }>(
  ctx: PartnerContext,
  query: ListingQuery,
  page: { first: number; after?: string },
  info?: GraphQLResolveInfo,
): Promise<ConnectionResult<Row>> => {
  const { tag, after, totalInPage } = pagePosition(query, page, Boolean(info && wantsTotal(info)))
  const { text, values } = pageStatement(query, ctx.filters, {
    first: page.first,
    after,
    withTotal: totalInPage,
  })
  const rows = await ctx.sql
    .query<{ data: Row } & Record<string, unknown>>(text, values)
    .catch((error: unknown) => {
      // A cursor of this listing whose values were edited by hand (a date that is not one).
      if (after && isDataException(error)) throw badCursor()
      throw error
    })
  const hasNextPage = rows.length > page.first
  const edges = rows.slice(0, page.first).map((row) => {
    ctx.loaders.prime(query.kind, row.data)
    return {
      cursor: rowCursor(query, tag, row),
      node: row.data,
      ...(query.extra ? { extra: row.extra } : {}),
    }
  })
  return {
    edges,
    pageInfo: {
      hasNextPage,
      hasPreviousPage: Boolean(after),
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount: async () => {
      if (totalInPage) return Number(rows[0]?.total_count ?? 0)
      const count = countStatement(query, ctx.filters)
      const [row] = await ctx.sql.query<{ count: string }>(count.text, count.values)
      return Number(row?.count ?? 0)
    },
  }
}

export type SlugKind = 'resource' | 'group' | 'event' | 'news' | 'newsletter'

/** A published record of a kind by its slug. */
export const slugStatement = (
  kind: SlugKind,
  value: string,
  filters: PublicFilters,
  json: RecordJson = wholeRecord(kind),
): Statement => {
  const params = new Params()
  const slugParam = params.add(value)
  return {
    text: `SELECT ${json('t', params)} AS data FROM ${KINDS[kind].table} t
     WHERE t.slug = ${slugParam} AND ${visible(kind, 't', filters)}`,
    values: params.values,
  }
}

/** One published record by its slug, or null. */
export const findBySlug = async <Row>(ctx: PartnerContext, kind: SlugKind, value: string) => {
  const { text, values } = slugStatement(kind, parseArg('slug', slug, value), ctx.filters)
  const [row] = await ctx.sql.query<{ data: Row }>(text, values)
  return row?.data ?? null
}
