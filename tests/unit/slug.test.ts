import { describe, expect, it } from 'vitest'

import { toSlug } from '../../src/fields/slug'

describe('slugs from titles', () => {
  it('treats separators as word breaks, not words', () => {
    expect(toSlug('Technical Note | Girls in Humanitarian Settings')).toBe(
      'technical-note-girls-in-humanitarian-settings',
    )
    expect(toSlug('Toolkit – Arabic / Français')).toBe('toolkit-arabic-francais')
    expect(toSlug('Case management · 2019')).toBe('case-management-2019')
  })
})
