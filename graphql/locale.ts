// The locale chain of a request: the locale asked for, then its fallbacks. From the operation's
// @inContext directive, else the Accept-Language header, else English.
import type { GraphQLResolveInfo, ValueNode } from 'graphql'

import { LOCALE_CODES, type LocaleCode } from '../src/locales'

export const LOCALES = LOCALE_CODES
export type Locale = LocaleCode

const isLocale = (value: string): value is Locale => (LOCALES as readonly string[]).includes(value)

/** `fr-CH;q=0.9, ar;q=0.8, *;q=0.1` → ['fr', 'ar', 'en'] */
export const chainFromAcceptLanguage = (header: string | null): Locale[] => {
  const ranked = (header ?? '')
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';')
      const q = Number(
        params
          .find((p) => p.trim().startsWith('q='))
          ?.trim()
          .slice(2) ?? 1,
      )
      return { code: tag.trim().toLowerCase().split('-')[0] ?? '', q: Number.isFinite(q) ? q : 0 }
    })
    .filter((entry) => entry.q > 0 && isLocale(entry.code))
    .sort((a, b) => b.q - a.q)
  return withDefault([...new Set(ranked.map((entry) => entry.code as Locale))])
}

const withDefault = (chain: Locale[]): Locale[] => (chain.includes('en') ? chain : [...chain, 'en'])

/** An enum or list of enums of the directive, literal or from a variable (already validated). */
const valueOf = (node: ValueNode, variables: Record<string, unknown>): unknown => {
  if (node.kind === 'Variable') return variables[node.name.value]
  if (node.kind === 'ListValue') return node.values.map((v) => valueOf(v, variables))
  if (node.kind === 'EnumValue') return node.value
  return undefined
}

/** The chain an operation asks for with @inContext, if it does. */
export const chainFromDirective = (info: GraphQLResolveInfo): Locale[] | undefined => {
  const directive = info.operation.directives?.find((d) => d.name.value === 'inContext')
  if (!directive) return undefined
  const arg = (name: string) => {
    const node = directive.arguments?.find((a) => a.name.value === name)
    return node ? valueOf(node.value, info.variableValues) : undefined
  }
  const locale = String(arg('locale')).toLowerCase() as Locale
  const fallback = arg('fallback') as string[] | null | undefined
  const chain = [locale, ...(fallback ?? ['EN']).map((l) => String(l).toLowerCase() as Locale)]
  return [...new Set(chain)].filter(isLocale)
}

/** Locale maps as the SQL returns them: { en: { title: '…' }, fr: { title: null } }. */
export type Locales<F extends string> = Partial<Record<Locale, Partial<Record<F, unknown>>>> | null

export type Translated = { text: string | null; locale: Locale | null; outdated: boolean }

/** Fields of a locale whose English text changed after them (src/freshness), as the SQL marks them. */
const isOutdated = (entry: unknown, field: string) =>
  Boolean((entry as { _outdated?: Record<string, unknown> | null })._outdated?.[field])

/**
 * The first locale of the chain that has a non-empty value for the field; `outdated` when that text
 * is a translation whose English source changed after it (never for English itself).
 */
export const pick = <F extends string>(
  locales: Locales<F> | undefined,
  field: F,
  chain: Locale[],
): Translated => {
  for (const locale of chain) {
    const entry = locales?.[locale]
    const value = entry?.[field]
    if (value !== null && value !== undefined && value !== '') {
      return {
        text: typeof value === 'string' ? value : JSON.stringify(value),
        locale,
        outdated: isOutdated(entry, field),
      }
    }
  }
  return { text: null, locale: null, outdated: false }
}
