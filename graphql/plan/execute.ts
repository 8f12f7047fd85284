// Planned operations: a partner's query of a common shape (a page of resources or webinars, one
// resource by slug) runs as ONE SQL statement that builds its records' JSON with exactly the fields
// asked for (graphql/plan/records.ts); JavaScript adds only the connection around them (cursors,
// pageInfo). Anything else, and any operation whose arguments, cursor or data the plan cannot take
// (a bad argument, a null where the schema promises none, the database away), runs through the
// resolvers as before, which answer it, errors included. Both paths give the same answer: the
// tests compare them on every shape planned here (tests/int/plannedOperations.test.ts).
import {
  type ExecutionArgs,
  type ExecutionResult,
  type FieldNode,
  getArgumentValues,
  getOperationAST,
  getVariableValues,
  type GraphQLResolveInfo,
  type OperationDefinitionNode,
} from 'graphql'
import type { Plugin } from 'graphql-yoga'

import { isDatabaseUnavailable } from '../../src/db/outage'
import { page, parseArg, slug } from '../arguments'
import type { PartnerContext } from '../context'
import { resourcesQuery } from '../schema/library/resolvers'
import { webinarsQuery } from '../schema/webinars/resolvers'
import {
  type ListingQuery,
  pagePosition,
  pageStatement,
  rowCursor,
  slugStatement,
} from '../sql/listing'
import { Params, type Statement } from '../sql/params'
import { plainFields, type PlanContext, RECORDS } from './records'

type Row = { data: unknown } & Record<string, unknown>

const reported = new Set<string>()

/** One root field, planned: its statement and how its answer is made from the statement's rows. */
type RootPlan = { statement: Statement; answer: (rows: Row[]) => unknown }

/** Builds an object of `fields` (response key, field) from the values each field name gives. */
const objectOf = (
  fields: [string, FieldNode][],
  values: Record<string, () => unknown>,
): Record<string, unknown> => {
  const object: Record<string, unknown> = {}
  for (const [key, field] of fields) object[key] = values[field.name.value]!()
  return object
}

/** Whether every field of `fields` is one that `known` can give. */
const only = (fields: [string, FieldNode][], known: string[]) =>
  fields.every(([, field]) => known.includes(field.name.value) && !field.arguments?.length)

/** The JSON of one record type from a selection set, bound into `params`, or undefined. */
const recordSql = (
  type: string,
  node: FieldNode | undefined,
  ctx: PartnerContext,
  chain: string[],
) => {
  let failed = false
  const json = (alias: string, params: Params) => {
    if (!node) return 'NULL'
    let placeholder: string | undefined
    const plan: PlanContext = {
      params,
      filters: ctx.filters,
      chain: () => (placeholder ??= `${params.add(chain)}::text[]`),
    }
    const sql = RECORDS[type]!(alias, node.selectionSet, plan)
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
  ctx: PartnerContext,
  chain: string[],
): RootPlan | undefined => {
  const fields = plainFields(field.selectionSet)
  if (!fields || !only(fields, ['__typename', 'edges', 'pageInfo', 'totalCount'])) return undefined
  const edgesField = fields.find(([, f]) => f.name.value === 'edges')?.[1]
  const edgeFields = edgesField ? plainFields(edgesField.selectionSet) : []
  if (!edgeFields || !only(edgeFields, ['__typename', 'cursor', 'node'])) return undefined
  const pageInfoField = fields.find(([, f]) => f.name.value === 'pageInfo')?.[1]
  const pageInfoFields = pageInfoField ? plainFields(pageInfoField.selectionSet) : []
  const pageInfoKeys = ['__typename', 'hasNextPage', 'hasPreviousPage', 'startCursor', 'endCursor']
  if (!pageInfoFields || !only(pageInfoFields, pageInfoKeys)) return undefined
  const withTotal = fields.some(([, f]) => f.name.value === 'totalCount')

  const { first, after: afterCursor } = page(args)
  const { tag, after, totalInPage } = pagePosition(query, { after: afterCursor }, withTotal)
  // Past the first page the total is a second statement: the resolvers count it.
  if (withTotal && !totalInPage) return undefined
  const node = edgeFields.find(([, f]) => f.name.value === 'node')?.[1]
  const records = recordSql(nodeType, node, ctx, chain)
  const statement = pageStatement(
    query,
    ctx.filters,
    { first, after, withTotal: totalInPage },
    records.json,
  )
  if (records.failed()) return undefined
  return {
    statement,
    answer: (rows) => {
      const edges = rows.slice(0, first).map((row) =>
        objectOf(edgeFields, {
          __typename: () => `${nodeType}Edge`,
          cursor: () => rowCursor(query, tag, row),
          node: () => row.data,
        }),
      )
      const pageRows = rows.slice(0, first)
      const cursorOf = (row: Row | undefined) => (row ? rowCursor(query, tag, row) : null)
      return objectOf(fields, {
        __typename: () => connectionType,
        edges: () => edges,
        totalCount: () => Number(rows[0]?.total_count ?? 0),
        pageInfo: () =>
          objectOf(pageInfoFields, {
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
    ctx: PartnerContext,
    chain: string[],
  ) => RootPlan | undefined
> = {
  resources: (field, args, ctx, chain) =>
    connectionPlan(
      field,
      'ResourceConnection',
      'Resource',
      resourcesQuery(args, chain as never, ctx.filters),
      args,
      ctx,
      chain,
    ),
  webinars: (field, args, ctx, chain) =>
    connectionPlan(field, 'WebinarConnection', 'Webinar', webinarsQuery(args), args, ctx, chain),
  resource: (field, args, ctx, chain) => {
    const records = recordSql('Resource', field, ctx, chain)
    const statement = slugStatement(
      'resource',
      parseArg('slug', slug, args.slug),
      ctx.filters,
      records.json,
    )
    if (records.failed()) return undefined
    return { statement, answer: (rows) => rows[0]?.data ?? null }
  },
}

/** The plan of an operation with one planned root field (and perhaps `__typename`), or undefined. */
const planOperation = (args: ExecutionArgs) => {
  const operation: OperationDefinitionNode | null | undefined = getOperationAST(
    args.document,
    args.operationName,
  )
  if (!operation || operation.operation !== 'query') return undefined
  const roots = plainFields(operation.selectionSet)
  const planned = roots?.filter(([, field]) => field.name.value !== '__typename')
  if (!roots || planned?.length !== 1) return undefined
  const [key, field] = planned[0]!
  const plan = ROOTS[field.name.value]
  if (!plan) return undefined
  const variables = getVariableValues(
    args.schema,
    operation.variableDefinitions ?? [],
    (args.variableValues ?? {}) as Record<string, unknown>,
  )
  if (variables.errors) return undefined
  const ctx = args.contextValue as PartnerContext
  // The same chain the resolvers would read (the operation's @inContext, else Accept-Language).
  const chain = ctx.chain({ operation, variableValues: variables.coerced } as GraphQLResolveInfo)
  const definition = args.schema.getQueryType()!.getFields()[field.name.value]!
  const root = plan(field, getArgumentValues(definition, field, variables.coerced), ctx, chain)
  return root && { roots, key, root, ctx }
}

/** Runs a planned operation; undefined when it is not one, or when its statement failed. */
const runPlanned = async (args: ExecutionArgs): Promise<ExecutionResult | undefined> => {
  let plan: ReturnType<typeof planOperation>
  try {
    plan = planOperation(args)
  } catch {
    // A bad argument or cursor: the resolvers give the error, with its path.
    return undefined
  }
  if (!plan) return undefined
  let rows: Row[]
  try {
    rows = await plan.ctx.sql.query<Row>(plan.root.statement.text, plan.root.statement.values)
  } catch (error) {
    // Expected: a null the schema forbids, an edited cursor (data exceptions), the database away.
    // Anything else is a bug in the plan: said once, and the resolvers answer meanwhile.
    const code = String((error as { code?: unknown }).code ?? '')
    if (!code.startsWith('22') && !isDatabaseUnavailable(error)) {
      const message = (error as Error).message
      if (!reported.has(message)) {
        reported.add(message)
        console.error(
          `Partner API: a planned statement failed (${message}); the resolvers answered`,
        )
      }
    }
    return undefined
  }
  const data: Record<string, unknown> = {}
  for (const [key, field] of plan.roots) {
    data[key] = field.name.value === '__typename' ? 'Query' : plan.root.answer(rows)
  }
  return { data }
}

/** Runs planned operations as one statement each, and every other operation as before. */
export const usePlannedOperations = (): Plugin => ({
  onExecute({ executeFn, setExecuteFn }) {
    setExecuteFn(
      async (args: ExecutionArgs) =>
        (await runPlanned(args)) ?? (executeFn(args) as Promise<ExecutionResult>),
    )
  },
})
