// What a partner's key may read (collections/ApiKeys.ts): its languages and parts of the API,
// checked before an operation runs or is answered from the cache. Anonymous callers are not
// limited here; their budget is.
import {
  type DocumentNode,
  getOperationAST,
  type FragmentDefinitionNode,
  Kind,
  type SelectionSetNode,
} from 'graphql'
import { createGraphQLError, type Plugin } from 'graphql-yoga'

import { chainFromAcceptLanguage } from '../src/localeChain'
import { AREAS, type Area } from '../src/partners/apiKeys'
import type { PartnerContext } from './context'
import type { PartnerKey } from './caller'
import { chainOfOperation } from './locale'

/** Root fields every key may read: the taxonomies and introspection. */
const SHARED = new Set([
  'topics',
  'themes',
  'audiences',
  'publicationTypes',
  '__typename',
  '__schema',
  '__type',
])
const AREA_OF = new Map<string, Area>(
  Object.entries(AREAS).flatMap(([area, { fields }]) =>
    fields.map((field) => [field, area as Area] as const),
  ),
)

/** The root fields an operation selects, through fragments too. */
const rootFields = (
  set: SelectionSetNode,
  fragments: Map<string, FragmentDefinitionNode>,
  seen = new Set<string>(),
): string[] =>
  set.selections.flatMap((selection) => {
    if (selection.kind === Kind.FIELD) return [selection.name.value]
    if (selection.kind === Kind.INLINE_FRAGMENT)
      return rootFields(selection.selectionSet, fragments, seen)
    const name = selection.name.value
    const fragment = fragments.get(name)
    if (!fragment || seen.has(name)) return []
    seen.add(name)
    return rootFields(fragment.selectionSet, fragments, seen)
  })

/** Why `key` may not run this operation, or undefined. */
export const scopeRefusal = (
  key: PartnerKey,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | undefined,
  acceptLanguage: string | null,
): string | undefined => {
  const operation = getOperationAST(document, operationName)
  if (!operation) return undefined
  if (key.languages.length) {
    const chain = chainOfOperation(operation, variables) ?? chainFromAcceptLanguage(acceptLanguage)
    const first = chain[0] ?? 'en'
    if (!key.languages.includes(first)) {
      return `This API key may read ${key.languages.map((l) => l.toUpperCase()).join(', ')} only; the query asks for ${first.toUpperCase()} first.`
    }
  }
  if (key.areas.length) {
    const fragments = new Map(
      document.definitions
        .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
        .map((d) => [d.name.value, d]),
    )
    for (const field of rootFields(operation.selectionSet, fragments)) {
      if (SHARED.has(field)) continue
      const area = AREA_OF.get(field)
      if (!area) {
        return `This API key may read ${key.areas.map((a) => AREAS[a].label).join(', ')} only; \`${field}\` reads every part of the API.`
      }
      if (!key.areas.includes(area)) {
        return `This API key may not read ${AREAS[area].label} (\`${field}\`); it may read ${key.areas.map((a) => AREAS[a].label).join(', ')}.`
      }
    }
  }
  return undefined
}

/** Refuses, before the planner or the response cache answer, what the caller's key may not read. */
export const useKeyScopes = (): Plugin => ({
  onExecute({ args, setResultAndStopExecution }) {
    const ctx = args.contextValue as unknown as PartnerContext
    const key = ctx.caller?.key
    if (!key) return
    const refusal = scopeRefusal(
      key,
      args.document,
      args.operationName,
      args.variableValues as Record<string, unknown> | undefined,
      ctx.acceptLanguage,
    )
    if (refusal) {
      setResultAndStopExecution({
        errors: [
          createGraphQLError(refusal, {
            extensions: { code: 'FORBIDDEN', http: { status: 403 } },
          }),
        ],
      })
    }
  },
})
