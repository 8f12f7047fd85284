// A page of any listing, by keyset: the page's ids and sort keys in one small query, their records
// built as JSON only for that page. `totalCount` is a separate count, run only when asked for.
import type { GraphQLResolveInfo } from 'graphql'

import { parseArg, slug } from '../arguments'
import { badCursor, cursorTag, decodeCursor, encodeCursor } from '../ids'
import type { PartnerContext } from '../context'
import type { ConnectionResult } from '../rows'
import { KINDS, type Kind, visible } from './entities'

/** Collects parameters and hands back their placeholders. */
export class Params {
  readonly values: unknown[] = []
  add(value: unknown) {
    this.values.push(value)
    return `$${this.values.length}`
  }
}

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

export const listPage = async <Row extends { id: number }>(
  ctx: PartnerContext,
  query: ListingQuery,
  page: { first: number; after?: string },
  info?: GraphQLResolveInfo,
): Promise<ConnectionResult<Row>> => {
  const { table } = KINDS[query.kind]
  // Cursors name the kind and order they were made for: another listing's cursor is refused here.
  const tag = cursorTag([query.kind, ...query.order, query.direction])
  const after = page.after ? decodeCursor(page.after, tag, query.order.length) : undefined
  const where = [visible(query.kind, 't', ctx.filters), ...query.where]
  const from = `${table} t ${query.joins ?? ''}`
  const params = [...query.params]
  const conditions = [...where]
  if (after) {
    const placeholders = after.map((value) => {
      params.push(value)
      return `$${params.length}`
    })
    conditions.push(
      `(${query.order.join(', ')}) ${query.direction === 'desc' ? '<' : '>'} (${placeholders.join(', ')})`,
    )
  }
  params.push(page.first + 1)
  // Sort keys as themselves (to order by) and as text (for cursors: a date of -infinity or a
  // float survives the trip through JSON only as text).
  const keys = query.order.map((expr, i) => `${expr} AS k${i}, (${expr})::text AS c${i}`).join(', ')
  // On a first page, the total comes with the page (a window over the matches, before LIMIT);
  // after a cursor the window would see only what follows, so a count runs when asked for.
  const totalInPage = Boolean(info && wantsTotal(info) && !after)
  const orderBy = (prefix = '') =>
    query.order.map((_, i) => `${prefix}k${i} ${query.direction}`).join(', ')
  const rows = await ctx.sql
    .query<{ data: Row } & Record<string, unknown>>(
      `WITH page AS (
       SELECT t.id, ${keys}${totalInPage ? ', count(*) OVER () AS total_count' : ''}
       FROM ${from} WHERE ${conditions.join(' AND ')}
       ORDER BY ${orderBy()} LIMIT $${params.length}
     )
     SELECT ${KINDS[query.kind].json('t')} AS data${query.extra ? `, ${query.extra} AS extra` : ''}, page.* FROM page JOIN ${table} t ON t.id = page.id
     ORDER BY ${orderBy('page.')}`,
      params,
    )
    .catch((error: unknown) => {
      // A cursor of this listing whose values were edited by hand (a date that is not one).
      if (after && isDataException(error)) throw badCursor()
      throw error
    })
  const hasNextPage = rows.length > page.first
  const edges = rows.slice(0, page.first).map((row) => {
    ctx.loaders.prime(query.kind, row.data)
    return {
      cursor: encodeCursor(
        tag,
        query.order.map((_, i) => row[`c${i}`]),
      ),
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
      const [row] = await ctx.sql.query<{ count: string }>(
        `SELECT count(*) AS count FROM ${from} WHERE ${where.join(' AND ')}`,
        query.params,
      )
      return Number(row?.count ?? 0)
    },
  }
}

/** One published record by its slug, or null. */
export const findBySlug = async <Row>(
  ctx: PartnerContext,
  kind: 'resource' | 'group' | 'event' | 'news' | 'newsletter',
  value: string,
) => {
  const [row] = await ctx.sql.query<{ data: Row }>(
    `SELECT ${KINDS[kind].json('t')} AS data FROM ${KINDS[kind].table} t
     WHERE t.slug = $1 AND ${visible(kind, 't', ctx.filters)}`,
    [parseArg('slug', slug, value)],
  )
  return row?.data ?? null
}
