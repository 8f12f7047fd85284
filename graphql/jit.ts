// Operations partners send again and again are compiled into plain functions (graphql-jit) instead of
// being walked by graphql-js's executor for every request: the executor's per-field work was a large
// share of the listing's CPU. Only operations seen before are compiled: compiling costs more than
// running once, and a stranger sending a new query each time should not be able to make us compile
// each one. Compiled operations live as long as yoga's parsed document (its bounded cache).
//
// A compiled operation must answer exactly as graphql-js does (tests/int/partnerJit.test.ts). Two
// differences are put right here: graphql-jit leaves out where in the query an error happened
// (`locations`), and writes `data` before `errors`.
import { useGraphQlJit } from '@envelop/graphql-jit'
import type { Plugin } from 'graphql-yoga'
import {
  type DocumentNode,
  type ExecutionResult,
  type FieldNode,
  type FragmentDefinitionNode,
  GraphQLError,
  Kind,
  type SelectionSetNode,
} from 'graphql'

/** Executions of a document before it is compiled. */
const COMPILE_AFTER = 2

/** The fields of selection sets, fragments spread, under a response key (alias or name). */
const fieldsAt = (
  sets: readonly SelectionSetNode[],
  key: string,
  fragments: Map<string, FragmentDefinitionNode>,
  seen = new Set<string>(),
): FieldNode[] =>
  sets.flatMap((set) =>
    set.selections.flatMap((selection): FieldNode[] => {
      if (selection.kind === Kind.FIELD)
        return (selection.alias ?? selection.name).value === key ? [selection] : []
      if (selection.kind === Kind.INLINE_FRAGMENT)
        return fieldsAt([selection.selectionSet], key, fragments, seen)
      const fragment = fragments.get(selection.name.value)
      if (!fragment || seen.has(fragment.name.value)) return []
      return fieldsAt(
        [fragment.selectionSet],
        key,
        fragments,
        new Set([...seen, fragment.name.value]),
      )
    }),
  )

/** The query's fields at an error's path (aliases followed, fragments spread), as graphql-js has them. */
const fieldNodesAt = (
  document: DocumentNode,
  operationName: string | null | undefined,
  path: readonly (string | number)[],
) => {
  const fragments = new Map<string, FragmentDefinitionNode>()
  let operation: SelectionSetNode | undefined
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION)
      fragments.set(definition.name.value, definition)
    if (
      definition.kind === Kind.OPERATION_DEFINITION &&
      (!operationName || definition.name?.value === operationName)
    )
      operation ??= definition.selectionSet
  }
  if (!operation) return []
  let sets: SelectionSetNode[] = [operation]
  let fields: FieldNode[] = []
  for (const segment of path) {
    if (typeof segment === 'number') continue
    fields = fieldsAt(sets, segment, fragments)
    sets = fields.flatMap((f) => (f.selectionSet ? [f.selectionSet] : []))
  }
  return fields
}

/**
 * The result as graphql-js would give it: errors first, each with the query's nodes it happened at
 * (yoga writes an error's `locations` from its nodes, and graphql-jit's errors carry none).
 */
const asGraphqlJs = (
  result: ExecutionResult,
  document: DocumentNode,
  operationName: string | null | undefined,
): ExecutionResult => {
  if (!result.errors?.length) return result
  const errors = result.errors.map((error) => {
    if (error.nodes?.length || !error.path) return error
    const nodes = fieldNodesAt(document, operationName, error.path)
    return new GraphQLError(error.message, {
      nodes: nodes.length ? nodes : undefined,
      path: error.path,
      originalError: error.originalError ?? undefined,
      extensions: error.extensions,
    })
  })
  const { data, extensions } = result
  return { errors, data, ...(extensions ? { extensions } : {}) }
}

/** `compiled` collects the requests that ran compiled (tests and the bench report it). */
export const useHotOperationJit = (compiled?: WeakSet<Request>): Plugin[] => {
  const seen = new WeakMap<DocumentNode, number>()
  const ranCompiled = new WeakSet<object>()
  const jit = useGraphQlJit(
    {},
    {
      enableIf: ({ document, contextValue }) => {
        const count = (seen.get(document) ?? 0) + 1
        seen.set(document, count)
        const hot = count >= COMPILE_AFTER
        if (hot && contextValue) ranCompiled.add(contextValue)
        const request = (contextValue as { request?: Request } | undefined)?.request
        if (hot && request) compiled?.add(request)
        return hot
      },
      onError: (result) =>
        console.error('Partner API: an operation could not be compiled', result.errors),
    },
  ) as Plugin
  const likeGraphqlJs: Plugin = {
    onExecute: ({ args }) => ({
      onExecuteDone({ result, setResult }) {
        if (!args.contextValue || !ranCompiled.has(args.contextValue)) return
        if (Symbol.asyncIterator in result) return
        setResult(asGraphqlJs(result, args.document, args.operationName))
      },
    }),
  }
  return [jit, likeGraphqlJs]
}
