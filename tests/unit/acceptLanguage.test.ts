// The Accept-Language header: the partner API's locale chain when an operation has no @inContext
// (and a webinar's calendar language), and the public site's redirect from / to a language.
import { describe, expect, it } from 'vitest'

import { chainFromAcceptLanguage } from '../../src/localeChain'
import { createSite } from '../../site/app'

describe('the partner API’s chain from Accept-Language', () => {
  it.each([
    ['no header', null, ['en']],
    ['an empty header', '', ['en']],
    ['a wildcard alone', '*', ['en']],
    ['a single locale', 'fr', ['fr', 'en']],
    ['a region, in any case', 'FR-ch', ['fr', 'en']],
    ['a three-part tag', 'es-419', ['es', 'en']],
    ['locales by quality, not by position', 'fr;q=0.1, ar;q=0.9', ['ar', 'fr', 'en']],
    ['equal qualities in the order written', 'es;q=0.5, fr;q=0.5', ['es', 'fr', 'en']],
    ['spaces around the parameters', 'fr ; q=0.4 , es ; q=0.8', ['es', 'fr', 'en']],
    ['a locale refused with q=0', 'fr;q=0, es', ['es', 'en']],
    ['an unreadable quality, as refused', 'fr;q=abc, es', ['es', 'en']],
    ['languages the hub does not have', 'de-DE, zh;q=0.9, ar;q=0.8', ['ar', 'en']],
    ['a language twice, once by region', 'ar-SA, ar;q=0.9, fr;q=0.8', ['ar', 'fr', 'en']],
    ['English where the header puts it', 'en, fr;q=0.9', ['en', 'fr']],
    ['English last when refused (the last resort)', 'en;q=0, fr', ['fr', 'en']],
    ['a browser’s full header', 'fr-CH, fr;q=0.9, en;q=0.8, de;q=0.7, *;q=0.5', ['fr', 'en']],
  ])('reads %s', (_, header, chain) => {
    expect(chainFromAcceptLanguage(header)).toEqual(chain)
  })

  it('ends in English whatever the header', () => {
    for (const header of ['ar', 'es;q=0.2', 'xx', ';;;', ',,,', 'q=1', 'fr;q=-1']) {
      expect(chainFromAcceptLanguage(header).at(-1)).toBe('en')
    }
  })

  it('survives a long header of junk', () => {
    expect(chainFromAcceptLanguage(`${'x-y;q=0.1,'.repeat(2000)}es`)).toEqual(['es', 'en'])
  })
})

describe('the site’s language from Accept-Language', () => {
  // The hub is never asked: / only redirects.
  const site = createSite({ graphqlUrl: 'http://127.0.0.1:9/graphql' })
  const home = async (header?: string) => {
    const response = await site.request('/', {
      headers: header === undefined ? {} : { 'accept-language': header },
    })
    return { status: response.status, location: response.headers.get('location'), response }
  }

  it('sends a French browser to /fr/, with a temporary redirect', async () => {
    expect(await home('fr-FR,fr;q=0.9')).toMatchObject({ status: 302, location: '/fr/' })
  })

  it('sends an Arabic browser to /ar/', async () => {
    expect((await home('ar-SA')).location).toBe('/ar/')
  })

  it('skips languages the site does not have', async () => {
    expect((await home('de-DE, zh;q=0.9, es;q=0.8')).location).toBe('/es/')
  })

  it('follows the browser’s order of preference, not the order of the list', async () => {
    expect((await home('fr;q=0.1, ar;q=0.9')).location).toBe('/ar/')
    expect((await home('fr;q=0, es')).location).toBe('/es/')
  })

  it('reads a language by its whole primary subtag', async () => {
    expect((await home('frr, esperanto')).location).toBe('/en/')
    expect((await home('FR-ch')).location).toBe('/fr/')
  })

  it('sends everyone else to English', async () => {
    expect((await home()).location).toBe('/en/')
    expect((await home('de, it')).location).toBe('/en/')
    expect((await home('*')).location).toBe('/en/')
  })

  it('says the answer depends on Accept-Language, so caches keep one per language', async () => {
    const { response } = await home('fr')
    expect(response.headers.get('vary')).toBe('Accept-Language')
    expect(response.headers.get('cache-control')).toBe('public, no-cache')
  })
})
