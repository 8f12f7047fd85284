// The hub's one password rule (users and HUB_ADMIN_PASSWORD): at least 12 characters, counted as
// characters rather than bytes or UTF-16 units.
import { describe, expect, it } from 'vitest'

import { PASSWORD_MIN_LENGTH, PASSWORD_RULE, passwordProblem } from '../../src/auth/passwordRule'

describe('the password rule', () => {
  it('is stated in words users see', () => {
    expect(PASSWORD_MIN_LENGTH).toBe(12)
    expect(PASSWORD_RULE).toBe('must be at least 12 characters long')
  })

  it('accepts 12 characters and refuses 11', () => {
    expect(passwordProblem('a'.repeat(12))).toBeUndefined()
    expect(passwordProblem('a'.repeat(11))).toBe('must be at least 12 characters long')
  })

  it('refuses the empty password', () => {
    expect(passwordProblem('')).toBe(PASSWORD_RULE)
  })

  it('counts an emoji as one character, not two UTF-16 units', () => {
    expect('🔑'.repeat(6)).toHaveLength(12)
    expect(passwordProblem('🔑'.repeat(6))).toBe(PASSWORD_RULE)
    expect(passwordProblem('🔑'.repeat(12))).toBeUndefined()
  })

  it('counts Arabic and accented letters as one character each, not their UTF-8 bytes', () => {
    expect(passwordProblem('كلمةسريةطوي')).toBe(PASSWORD_RULE) // 11 letters, 22 bytes
    expect(passwordProblem('كلمةسريةطويلة')).toBeUndefined()
    expect(passwordProblem('é'.repeat(12))).toBeUndefined()
  })

  it('counts spaces: twelve of them keep the rule', () => {
    expect(passwordProblem(' '.repeat(12))).toBeUndefined()
  })

  it('says a value that is not text must be text', () => {
    for (const value of [undefined, null, 123456789012, ['a'.repeat(12)], {}]) {
      expect(passwordProblem(value)).toBe('must be text')
    }
  })
})
