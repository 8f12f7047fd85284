// The chain an operation asks for with @inContext (else the request's, src/localeChain.ts).
import type { GraphQLResolveInfo, OperationDefinitionNode, ValueNode } from 'graphql'

import { isLocale, type Locale } from '../src/localeChain'

/** An enum or list of enums of the directive, literal or from a variable (already validated). */
const valueOf = (node: ValueNode, variables: Record<string, unknown>): unknown => {
  if (node.kind === 'Variable') return variables[node.name.value]
  if (node.kind === 'ListValue') return node.values.map((v) => valueOf(v, variables))
  if (node.kind === 'EnumValue') return node.value
  return undefined
}

/** The chain an operation asks for with @inContext, if it does. */
export const chainFromDirective = (info: GraphQLResolveInfo): Locale[] | undefined =>
  chainOfOperation(info.operation, info.variableValues)

/** The same, before execution: from the operation and its variables. */
export const chainOfOperation = (
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> = {},
): Locale[] | undefined => {
  const directive = operation.directives?.find((d) => d.name.value === 'inContext')
  if (!directive) return undefined
  const arg = (name: string) => {
    const node = directive.arguments?.find((a) => a.name.value === name)
    return node ? valueOf(node.value, variables) : undefined
  }
  const locale = String(arg('locale')).toLowerCase() as Locale
  const fallback = arg('fallback') as string[] | null | undefined
  const chain = [locale, ...(fallback ?? ['EN']).map((l) => String(l).toLowerCase() as Locale)]
  return [...new Set(chain)].filter(isLocale)
}
