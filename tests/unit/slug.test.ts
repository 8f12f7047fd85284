// Slug rules: slugs made from titles (separators as word breaks, accents and other scripts spelt in
// Latin letters, at most 120 characters) and the test of a slug the hub could have stored.
import { describe, expect, it } from 'vitest'

import { toSlug } from '../../src/slugs'
import { isStoredSlug } from '../../src/feeds/paths'

describe('slugs from titles', () => {
  it('treats separators as word breaks, not words', () => {
    expect(toSlug('Technical Note | Girls in Humanitarian Settings')).toBe(
      'technical-note-girls-in-humanitarian-settings',
    )
    expect(toSlug('Toolkit – Arabic / Français')).toBe('toolkit-arabic-francais')
    expect(toSlug('Case management · 2019')).toBe('case-management-2019')
  })

  it.each([
    ['A+B', 'a-b'],
    ['x<y', 'x-y'],
    ['Part 1: Overview; Annex', 'part-1-overview-annex'],
    ['snake_case_title', 'snake-case-title'],
    ['Before → after', 'before-after'],
  ])('breaks words at %s', (title, slug) => {
    expect(toSlug(title)).toBe(slug)
  })

  it('reads & as "and", as English does', () => {
    expect(toSlug('Gender & Inclusion')).toBe('gender-and-inclusion')
  })

  it('is lower case, with accents and ß spelt in plain letters', () => {
    expect(toSlug('Protection de l’Enfance')).toBe('protection-de-lenfance')
    expect(toSlug('Ñandú café')).toBe('nandu-cafe')
    expect(toSlug('Straße')).toBe('strasse')
  })

  it('spells Arabic, Greek and Cyrillic titles in Latin letters', () => {
    expect(toSlug('دليل حماية الطفل')).toBe('dlyl-hmayh-altfl')
    expect(toSlug('Ελληνικά')).toBe('ellhnika')
    expect(toSlug('Дети')).toBe('deti')
  })

  it('drops emoji and control characters', () => {
    expect(toSlug('Safe 🐦 spaces')).toBe('safe-spaces')
    expect(toSlug('a\u0000b')).toBe('ab')
  })

  it('trims spaces and hyphens at both ends and never doubles a hyphen', () => {
    expect(toSlug('  --Hello--  ')).toBe('hello')
    expect(toSlug('a  -  b')).toBe('a-b')
  })

  it('is at most 120 characters, cut without a hyphen at the end', () => {
    expect(toSlug('a'.repeat(200))).toBe('a'.repeat(120))
    // 119 letters, a space and a word: cut at 120 would end in "-".
    expect(toSlug(`${'a'.repeat(119)} b`)).toBe('a'.repeat(119))
  })

  it('is empty for an empty title', () => {
    expect(toSlug('')).toBe('')
    expect(toSlug('   ')).toBe('')
  })

  it('gives the same slug when made again from a slug', () => {
    for (const title of ['Gender & Inclusion', 'دليل حماية الطفل', `${'word '.repeat(40)}`]) {
      const slug = toSlug(title)
      expect(toSlug(slug)).toBe(slug)
    }
  })
})

describe('slugs the hub could have stored', () => {
  it('are what toSlug leaves unchanged', () => {
    expect(isStoredSlug('cpms-2019')).toBe(true)
    expect(isStoredSlug('a')).toBe(true)
    expect(isStoredSlug('a'.repeat(120))).toBe(true)
  })

  it.each([
    ['empty', ''],
    ['with capitals', 'CPMS-2019'],
    ['with a space', 'cpms 2019'],
    ['with a double hyphen', 'cpms--2019'],
    ['ending in a hyphen', 'cpms-'],
    ['with an underscore', 'cpms_2019'],
    ['with NUL', 'cpms\u00002019'],
    ['in Arabic script', 'حماية'],
    ['over 120 characters', 'a'.repeat(121)],
    ['a path', '../etc'],
  ])('exclude a slug %s', (_, value) => {
    expect(isStoredSlug(value)).toBe(false)
  })
})
