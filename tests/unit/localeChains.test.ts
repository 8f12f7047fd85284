// Locale fallback chains: the hub's four locales, the chain an operation asks for with @inContext,
// and `pick`, which reads a field from the first locale of the chain that has it.
import { type GraphQLResolveInfo, type OperationDefinitionNode, parse } from 'graphql'
import { describe, expect, it } from 'vitest'

import { chainFromDirective } from '../../graphql/locale'
import { pick, type Locales } from '../../src/localeChain'
import { DEFAULT_LOCALE, LOCALE_CODES, LOCALES } from '../../src/locales'

/** The resolve info of `operation` as far as chainFromDirective reads it. */
const infoOf = (operation: string, variableValues: Record<string, unknown> = {}) =>
  ({
    operation: parse(operation).definitions[0] as OperationDefinitionNode,
    variableValues,
  }) as unknown as GraphQLResolveInfo

describe('the hub’s locales', () => {
  it('are English, French, Spanish and Arabic, English first and the default', () => {
    expect(LOCALE_CODES).toEqual(['en', 'fr', 'es', 'ar'])
    expect(DEFAULT_LOCALE).toBe('en')
  })

  it('are labelled in their own language, Arabic alone right to left', () => {
    expect(LOCALES.map((l) => l.label)).toEqual(['English', 'Français', 'Español', 'العربية'])
    expect(LOCALES.filter((l) => 'rtl' in l && l.rtl).map((l) => l.code)).toEqual(['ar'])
  })
})

describe('the chain of @inContext', () => {
  it('is undefined for an operation without the directive (the header decides)', () => {
    expect(chainFromDirective(infoOf('{ resources { totalCount } }'))).toBeUndefined()
  })

  it('is the locale then English when no fallback is given', () => {
    expect(chainFromDirective(infoOf('query @inContext(locale: FR) { x }'))).toEqual(['fr', 'en'])
  })

  it('follows the fallbacks in the order given', () => {
    const info = infoOf('query @inContext(locale: AR, fallback: [FR, EN]) { x }')
    expect(chainFromDirective(info)).toEqual(['ar', 'fr', 'en'])
  })

  it('is the locale alone with an empty fallback list (no English added)', () => {
    expect(chainFromDirective(infoOf('query @inContext(locale: ES, fallback: []) { x }'))).toEqual([
      'es',
    ])
  })

  it('names each locale once, where it first appears', () => {
    const info = infoOf('query @inContext(locale: FR, fallback: [ES, FR, ES, EN]) { x }')
    expect(chainFromDirective(info)).toEqual(['fr', 'es', 'en'])
  })

  it('reads the locale and the fallbacks from variables', () => {
    const info = infoOf(
      'query ($l: Locale!, $f: [Locale!]) @inContext(locale: $l, fallback: $f) { x }',
      { l: 'AR', f: ['ES'] },
    )
    expect(chainFromDirective(info)).toEqual(['ar', 'es'])
  })

  it('falls back to English when the fallback variable is null', () => {
    const info = infoOf('query ($f: [Locale!]) @inContext(locale: FR, fallback: $f) { x }', {
      f: null,
    })
    expect(chainFromDirective(info)).toEqual(['fr', 'en'])
  })

  it('leaves out what is not a hub locale', () => {
    expect(
      chainFromDirective(infoOf('query @inContext(locale: DE, fallback: [ES]) { x }')),
    ).toEqual(['es'])
  })
})

describe('picking a field along the chain', () => {
  const title: Locales<'title'> = {
    en: { title: 'Child protection' },
    fr: { title: 'Protection de l’enfance' },
    es: { title: '' },
    ar: { title: null },
  }

  it('takes the first locale of the chain that has the field', () => {
    expect(pick(title, 'title', ['fr', 'en'])).toEqual({
      text: 'Protection de l’enfance',
      locale: 'fr',
      outdated: false,
    })
  })

  it('skips an empty string and a null, and says which locale answered', () => {
    expect(pick(title, 'title', ['es', 'ar', 'en'])).toEqual({
      text: 'Child protection',
      locale: 'en',
      outdated: false,
    })
  })

  it('keeps right-to-left text as stored', () => {
    const arabic: Locales<'title'> = { ar: { title: 'حماية الطفل' } }
    expect(pick(arabic, 'title', ['ar', 'en']).text).toBe('حماية الطفل')
  })

  it('answers nothing when no locale of the chain has it, or there are no locales', () => {
    const none = { text: null, locale: null, outdated: false }
    expect(pick(title, 'title', ['es', 'ar'])).toEqual(none)
    expect(pick(null, 'title', ['en'])).toEqual(none)
    expect(pick(undefined, 'title', ['en'])).toEqual(none)
    expect(pick(title, 'title', [])).toEqual(none)
  })

  it('writes a value that is not text as JSON (rich text)', () => {
    const body: Locales<'body'> = { en: { body: { root: { children: [] } } } }
    expect(pick(body, 'body', ['en']).text).toBe('{"root":{"children":[]}}')
  })

  it('marks a translation outdated when the SQL flags that field, not the others', () => {
    const locales = {
      en: { title: 'New', summary: 'New' },
      fr: { title: 'Ancien', summary: 'Ancien', _outdated: { title: true } },
    } as Locales<'title' | 'summary'>
    expect(pick(locales, 'title', ['fr', 'en'])).toEqual({
      text: 'Ancien',
      locale: 'fr',
      outdated: true,
    })
    expect(pick(locales, 'summary', ['fr', 'en']).outdated).toBe(false)
  })
})
