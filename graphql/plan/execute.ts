// Planned operations: a partner's query of a common shape (pages of resources or webinars, a resource
// by slug, resource facets; up to MAX_ROOTS of them) runs as ONE SQL statement that builds its
// records' JSON with exactly the fields asked for (graphql/plan/records.ts); JavaScript adds only the
// connection around them (cursors, pageInfo) and the facets' labels. Anything else, and any
// operation whose arguments, cursor or data the plan cannot take (a bad argument, a null where the
// schema promises none, the database away), runs through the resolvers as before, which answer it,
// errors included. Both paths give the same answer: the tests compare them on every shape planned
// here (tests/int/plannedOperations.test.ts).
import {
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type FieldNode,
  getArgumentValues,
  getOperationAST,
  getVariableValues,
  GraphQLError,
  type GraphQLResolveInfo,
  type OperationDefinitionNode,
} from 'graphql'
import type { Plugin } from 'graphql-yoga'
import { LRUCache } from 'lru-cache'

import { isDatabaseUnavailable } from '../../src/db/outage'
import { page, parseArg, slug } from '../arguments'
import type { PublicFilters } from '../../src/access/publicRules'
import type { PartnerContext } from '../context'
import type { Locale } from '../../src/localeChain'
import {
  type FacetRow,
  facetsQuery,
  facetsResult,
  resourcesQuery,
} from '../schema/library/resolvers'
import { type Facet, FACETS } from '../sql/resources'
import { webinarsQuery } from '../schema/webinars/resolvers'
import {
  type ListingQuery,
  pagePosition,
  pageStatement,
  rowCursor,
  slugStatement,
} from '../sql/listing'
import { Params, type Statement } from '../../src/db/statements'
import type { Sql } from '../db'
import { planContext, plainFields, RECORDS } from './records'
import { PLAN_CACHE_BYTES } from '../../src/cacheBudgets'

type Row = { data: unknown } & Record<string, unknown>

/** Says once per message what went wrong with a plan; the resolvers answer meanwhile. */
const reported = new Set<string>()
const report = (what: string, error: unknown) => {
  const message = error instanceof Error ? error.message : String(error)
  if (reported.has(message)) return
  reported.add(message)
  console.error(`Partner API: ${what} (${message}); the resolvers answered`)
}

/**
 * One root field, planned: its statement, how its answer is made from the statement's rows, and
 * (for a listing) the order of its rows, when it runs inside another statement.
 */
type RootPlan = {
  statement: Statement
  answer: (rows: Row[]) => unknown
  rowOrder?: (alias: string) => string
}

/** Builds an answer's object of `fields` (response key, field) from the values each field name gives. */
const answerOf = (
  fields: [string, FieldNode][],
  values: Record<string, () => unknown>,
): Record<string, unknown> => {
  const object: Record<string, unknown> = {}
  for (const [key, field] of fields) object[key] = values[field.name.value]!()
  return object
}

/**
 * The one field of `fields` named `name`: undefined when there is none, null when it is there under
 * several keys (each could select differently; the plan builds one selection per field).
 */
const once = (fields: [string, FieldNode][], name: string) => {
  const found = fields.filter(([, field]) => field.name.value === name)
  return found.length > 1 ? null : found[0]?.[1]
}

/** Whether every field of `fields` is one that `known` can give. */
const only = (fields: [string, FieldNode][], known: string[]) =>
  fields.every(([, field]) => known.includes(field.name.value) && !field.arguments?.length)

/** The JSON of one record type from a selection set, bound into `params`, or undefined. */
const recordSql = (
  type: string,
  node: FieldNode | undefined,
  filters: PublicFilters,
  chain: Locale[],
) => {
  let failed = false
  const json = (alias: string, params: Params) => {
    if (!node) return 'NULL'
    const sql = RECORDS[type]!(alias, node.selectionSet, planContext(params, filters, chain))
    if (sql === undefined) failed = true
    return sql ?? 'NULL'
  }
  return { json, failed: () => failed }
}

/** A page of a listing: `edges { cursor node }`, `pageInfo` and `totalCount` around the records. */
const connectionPlan = (
  field: FieldNode,
  connectionType: string,
  nodeType: string,
  query: ListingQuery,
  args: { first?: number | null; after?: string | null },
  filters: PublicFilters,
  chain: Locale[],
): RootPlan | undefined => {
  const fields = plainFields(field.selectionSet)
  if (!fields || !only(fields, ['__typename', 'edges', 'pageInfo', 'totalCount'])) return undefined
  const edgesField = once(fields, 'edges')
  const pageInfoField = once(fields, 'pageInfo')
  if (edgesField === null || pageInfoField === null) return undefined
  const edgeFields = edgesField ? plainFields(edgesField.selectionSet) : []
  if (!edgeFields || !only(edgeFields, ['__typename', 'cursor', 'node'])) return undefined
  const pageInfoFields = pageInfoField ? plainFields(pageInfoField.selectionSet) : []
  const pageInfoKeys = ['__typename', 'hasNextPage', 'hasPreviousPage', 'startCursor', 'endCursor']
  if (!pageInfoFields || !only(pageInfoFields, pageInfoKeys)) return undefined
  const withTotal = fields.some(([, f]) => f.name.value === 'totalCount')

  const { first, after: afterCursor } = page(args)
  const { tag, after, totalInPage } = pagePosition(query, { after: afterCursor }, withTotal)
  // Past the first page the total is a second statement: the resolvers count it.
  if (withTotal && !totalInPage) return undefined
  const node = once(edgeFields, 'node')
  if (node === null) return undefined
  const records = recordSql(nodeType, node, filters, chain)
  const statement = pageStatement(
    query,
    filters,
    { first, after, withTotal: totalInPage },
    records.json,
  )
  if (records.failed()) return undefined
  return {
    statement,
    answer: (rows) => {
      const pageRows = rows.slice(0, first)
      const edges = pageRows.map((row) =>
        answerOf(edgeFields, {
          __typename: () => `${nodeType}Edge`,
          cursor: () => rowCursor(query, tag, row),
          node: () => row.data,
        }),
      )
      const cursorOf = (row: Row | undefined) => (row ? rowCursor(query, tag, row) : null)
      return answerOf(fields, {
        __typename: () => connectionType,
        edges: () => edges,
        totalCount: () => Number(rows[0]?.total_count ?? 0),
        pageInfo: () =>
          answerOf(pageInfoFields, {
            __typename: () => 'PageInfo',
            hasNextPage: () => rows.length > first,
            hasPreviousPage: () => Boolean(after),
            startCursor: () => cursorOf(pageRows[0]),
            endCursor: () => cursorOf(pageRows.at(-1)),
          }),
      })
    },
  }
}

/** The root fields that can be planned, and how. */
const ROOTS: Record<
  string,
  (
    field: FieldNode,
    args: Record<string, unknown>,
    filters: PublicFilters,
    chain: Locale[],
  ) => RootPlan | undefined
> = {
  resources: (field, args, filters, chain) =>
    connectionPlan(
      field,
      'ResourceConnection',
      'Resource',
      resourcesQuery(args, chain, filters),
      args,
      filters,
      chain,
    ),
  webinars: (field, args, filters, chain) =>
    connectionPlan(
      field,
      'WebinarConnection',
      'Webinar',
      webinarsQuery(args),
      args,
      filters,
      chain,
    ),
  resourceFacets: (field, args, filters, chain) => {
    const fields = plainFields(field.selectionSet)
    if (!fields || !only(fields, ['__typename', 'total', ...FACETS])) return undefined
    const valueFields = new Map<string, [string, FieldNode][]>()
    for (const [key, facet] of fields) {
      if (!(FACETS as readonly string[]).includes(facet.name.value)) continue
      const selected = plainFields(facet.selectionSet)
      if (!selected || !only(selected, ['__typename', 'value', 'label', 'count'])) return undefined
      valueFields.set(key, selected)
    }
    const wanted = new Set(FACETS.filter((f) => fields.some(([, x]) => x.name.value === f)))
    return {
      statement: facetsQuery(args, chain, filters, wanted),
      answer: (rows) => {
        const result = facetsResult(rows as unknown as FacetRow[], chain)
        const object: Record<string, unknown> = {}
        for (const [key, facet] of fields) {
          const name = facet.name.value
          object[key] =
            name === '__typename'
              ? 'ResourceFacets'
              : name === 'total'
                ? result.total
                : result[name as Facet].map((v) =>
                    answerOf(valueFields.get(key)!, {
                      __typename: () => 'FacetValue',
                      value: () => v.value,
                      label: () => v.label,
                      count: () => v.count,
                    }),
                  )
        }
        return object
      },
    }
  },
  resource: (field, args, filters, chain) => {
    const records = recordSql('Resource', field, filters, chain)
    const statement = slugStatement(
      'resource',
      parseArg('slug', slug, args.slug),
      filters,
      records.json,
    )
    if (records.failed()) return undefined
    return { statement, answer: (rows) => rows[0]?.data ?? null }
  },
}

/** More root fields than this run through the resolvers (one statement grows with each). */
const MAX_ROOTS = 4

/**
 * Several roots' statements as one: each a subquery whose rows come back as a JSON array (`r0`,
 * `r1`, …), its placeholders renumbered after the previous ones'. (The SQL in graphql/sql writes `$`
 * only in placeholders: values are always bound, never written into the text.)
 */
const combined = (roots: RootPlan[]): Statement => {
  const values: unknown[] = []
  const columns = roots.map(({ statement, rowOrder }, i) => {
    const offset = values.length
    values.push(...statement.values)
    const text = statement.text.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`)
    const order = rowOrder ? ` ORDER BY ${rowOrder('q')}` : ''
    return `(SELECT coalesce(json_agg(to_json(q)${order}), '[]'::json) FROM (${text}) q) AS r${i}`
  })
  return { text: `SELECT ${columns.join(', ')}`, values }
}

/** An operation planned: its statement, and how the statement's rows become its `data`. */
export type Plan = {
  roots: [string, FieldNode][]
  planned: RootPlan[]
  statement: Statement
}

/**
 * Plans already made. A plan follows from the document, the operation's name, its variables, its
 * locale chain and the server's public rules alone (times are `now()` in the SQL, never bound; the
 * builders get the rules, never the request's context), so it is made once and reused: planning took about a tenth of a planned request's CPU. Keyed by the
 * document's identity (yoga's parse cache hands out the same document for the same text), bounded
 * by the bytes of the statements kept and of their documents (a plan holds its document's fields,
 * which the parse cache may have let go). `false`: an operation the plan cannot take.
 */
type PlanCache = {
  get: (document: DocumentNode, key: string) => Plan | false | undefined
  set: (document: DocumentNode, key: string, plan: Plan | false) => void
}
const createPlanCache = (documentBytes: (document: DocumentNode) => number): PlanCache => {
  const ids = new WeakMap<DocumentNode, number>()
  let nextId = 0
  const idOf = (document: DocumentNode) => {
    let id = ids.get(document)
    if (id === undefined) ids.set(document, (id = nextId++))
    return id
  }
  const plans = new LRUCache<string, { plan: Plan | false; bytes: number }>({
    maxSize: PLAN_CACHE_BYTES,
    sizeCalculation: ({ bytes }, key) => 2 * key.length + bytes,
  })
  return {
    get: (document, key) => plans.get(`${idOf(document)}\u0000${key}`)?.plan,
    set: (document, key, plan) =>
      void plans.set(`${idOf(document)}\u0000${key}`, {
        plan,
        bytes: plan ? 2 * plan.statement.text.length + documentBytes(document) + 1024 : 64,
      }),
  }
}

/**
 * The plan of an operation whose root fields can all be planned (besides `__typename`), from
 * `cache` when it was made before; false when it cannot be planned.
 */
const planOperation = (args: ExecutionArgs, cache: PlanCache): Plan | false => {
  const operation: OperationDefinitionNode | null | undefined = getOperationAST(
    args.document,
    args.operationName,
  )
  if (!operation || operation.operation !== 'query') return false
  const roots = plainFields(operation.selectionSet)
  const fields = roots?.filter(([, field]) => field.name.value !== '__typename')
  if (!roots || !fields?.length || fields.length > MAX_ROOTS) return false
  if (fields.some(([, field]) => !ROOTS[field.name.value])) return false
  const variables = getVariableValues(
    args.schema,
    operation.variableDefinitions ?? [],
    (args.variableValues ?? {}) as Record<string, unknown>,
  )
  if (variables.errors) return false
  const ctx = args.contextValue as PartnerContext
  // The same chain the resolvers would read (the operation's @inContext, else Accept-Language).
  const chain = ctx.chain({ operation, variableValues: variables.coerced } as GraphQLResolveInfo)
  const key = `${args.operationName ?? ''}\u0000${chain.join(',')}\u0000${JSON.stringify(args.variableValues ?? {})}`
  const known = cache.get(args.document, key)
  if (known !== undefined) return known
  const query = args.schema.getQueryType()!.getFields()
  const planned: RootPlan[] = []
  for (const [, field] of fields) {
    const argValues = getArgumentValues(query[field.name.value]!, field, variables.coerced)
    // A bad argument throws here, and is never kept: the resolvers answer it, each time.
    const root = ROOTS[field.name.value]!(field, argValues, ctx.filters, chain)
    if (!root) {
      cache.set(args.document, key, false)
      return false
    }
    planned.push(root)
  }
  const plan: Plan = {
    roots,
    planned,
    statement: planned.length === 1 ? planned[0]!.statement : combined(planned),
  }
  cache.set(args.document, key, plan)
  return plan
}

/** The plan of an operation, or false when it cannot be planned (or its arguments are bad). */
const planOf = (args: ExecutionArgs, cache: PlanCache): Plan | false => {
  try {
    return planOperation(args, cache)
  } catch (error) {
    // A bad argument or cursor: the resolvers give the error, with its path. Anything else is a bug.
    if (!(error instanceof GraphQLError)) report('an operation could not be planned', error)
    return false
  }
}

/** Runs a plan's statement; undefined when it failed (the resolvers then answer). */
export const runPlan = async (plan: Plan, sql: Sql): Promise<ExecutionResult | undefined> => {
  let rows: Row[]
  try {
    rows = await sql.query<Row>(plan.statement.text, plan.statement.values)
  } catch (error) {
    // Expected: a null the schema forbids, an edited cursor (data exceptions), the database away.
    // Anything else is a bug in the plan: said once, and the resolvers answer meanwhile.
    const code = String((error as { code?: unknown }).code ?? '')
    if (!code.startsWith('22') && !isDatabaseUnavailable(error)) {
      report('a planned statement failed', error)
    }
    return undefined
  }
  const answers =
    plan.planned.length === 1
      ? [plan.planned[0]!.answer(rows)]
      : plan.planned.map((root, i) => root.answer(rows[0]![`r${i}`] as Row[]))
  const data: Record<string, unknown> = {}
  let next = 0
  for (const [key, field] of plan.roots) {
    data[key] = field.name.value === '__typename' ? 'Query' : answers[next++]
  }
  return { data }
}

export type Planner = {
  /** Runs planned operations as one statement each, and every other operation as before. */
  plugin: Plugin
  /** Each request's planned operation, with its plan, once answered (graphql/shortcuts.ts learns from it). */
  answered: WeakMap<Request, { args: ExecutionArgs; plan: Plan }>
}

export const createPlanner = ({
  documentBytes,
  remember,
}: {
  /** What a parsed document weighs in memory (estimated, as the parse cache does). */
  documentBytes: (document: DocumentNode) => number
  /** Keep each request's plan in `answered` (only when something learns from it). */
  remember: boolean
}): Planner => {
  const cache = createPlanCache(documentBytes)
  const answered = new WeakMap<Request, { args: ExecutionArgs; plan: Plan }>()
  return {
    answered,
    plugin: {
      onExecute({ executeFn, setExecuteFn }) {
        setExecuteFn(async (args: ExecutionArgs) => {
          const plan = planOf(args, cache)
          const ctx = args.contextValue as PartnerContext & { request?: Request }
          const result = plan && (await runPlan(plan, ctx.sql))
          if (!plan || !result) return executeFn(args) as Promise<ExecutionResult>
          if (remember && ctx.request) answered.set(ctx.request, { args, plan })
          return result
        })
      },
    },
  }
}
