// Global ids of the partner API ("Resource:12" in base64url): what toGlobalId makes, fromGlobalId
// reads back; anything else is BAD_USER_INPUT with a message that quotes it (cut to 100 characters).
import { GraphQLError } from 'graphql'
import { describe, expect, it } from 'vitest'

import { fromGlobalId, NODE_TYPES, toGlobalId } from '../../src/ids'

const b64 = (text: string) => Buffer.from(text).toString('base64url')

/** The error fromGlobalId throws for `id`, or undefined when it accepts it. */
const refusal = (id: string) => {
  try {
    fromGlobalId(id)
    return undefined
  } catch (error) {
    return error as GraphQLError
  }
}

describe('global ids', () => {
  it('read back as the type and id they were made from, for every node type', () => {
    for (const type of NODE_TYPES) {
      expect(fromGlobalId(toGlobalId(type, 42))).toEqual({ type, id: 42, qualifier: undefined })
    }
  })

  it('are the base64url of "Type:id", with no padding', () => {
    expect(toGlobalId('Resource', 12)).toBe('UmVzb3VyY2U6MTI')
    expect(Buffer.from(toGlobalId('Webinar', '7'), 'base64url').toString()).toBe('Webinar:7')
  })

  it('carry a qualifier (a translation’s locale) between type and id', () => {
    const id = toGlobalId('Translation', 3, 'fr')
    expect(Buffer.from(id, 'base64url').toString()).toBe('Translation:fr:3')
    expect(fromGlobalId(id)).toEqual({ type: 'Translation', id: 3, qualifier: 'fr' })
  })

  it('accept the largest PostgreSQL integer id and refuse one more', () => {
    expect(fromGlobalId(b64('Person:2147483647')).id).toBe(2_147_483_647)
    expect(refusal(b64('Person:2147483648'))).toBeDefined()
  })

  it.each([
    ['an unknown type', 'User:1'],
    ['a type in lower case', 'resource:1'],
    ['id 0', 'Resource:0'],
    ['a leading zero', 'Resource:012'],
    ['a negative id', 'Resource:-1'],
    ['an exponent', 'Resource:1e3'],
    ['a decimal point', 'Resource:1.5'],
    ['no id', 'Resource:'],
    ['no separator', 'Resource'],
    ['eleven digits', 'Resource:10000000000'],
    ['a qualifier with digits', 'Translation:f1:3'],
    ['a qualifier in Arabic script', 'Translation:عربي:3'],
    ['an empty qualifier', 'Translation::3'],
    ['four parts', 'Translation:fr:ca:3'],
    ['a space before the id', 'Resource: 1'],
  ])('refuse %s (%s)', (_, text) => {
    const error = refusal(b64(text))
    expect(error).toBeInstanceOf(GraphQLError)
    expect(error?.extensions).toEqual({ code: 'BAD_USER_INPUT', argument: 'id' })
  })

  it('say which id was refused and what to pass instead', () => {
    expect(refusal('nope')?.message).toBe(
      'id: "nope" is not an id of this API: pass an `id` it returned.',
    )
  })

  it('quote at most 100 characters of a refused id, escaped as JSON', () => {
    const long = 'x'.repeat(150)
    expect(refusal(long)?.message).toBe(
      `id: "${'x'.repeat(100)}" is not an id of this API: pass an \`id\` it returned.`,
    )
    expect(refusal('a"b\n')?.message).toMatch(/^id: "a\\"b\\n" is not an id/)
  })

  it('refuse anything over 200 characters before decoding it', () => {
    const padded = toGlobalId('Resource', 1) + 'A'.repeat(200)
    expect(refusal(padded)?.extensions.code).toBe('BAD_USER_INPUT')
  })

  it('refuse other spellings of an id it made (padding, stray characters, whitespace)', () => {
    const id = toGlobalId('Resource', 12)
    expect(fromGlobalId(id)).toEqual({ type: 'Resource', id: 12 })
    for (const spelling of [`${id}=`, ` ${id}`, `${id}\n`, `${id.slice(0, 3)}!${id.slice(3)}`]) {
      expect(refusal(spelling)?.extensions.code, spelling).toBe('BAD_USER_INPUT')
    }
  })

  it('refuse the empty string', () => {
    expect(refusal('')?.extensions.code).toBe('BAD_USER_INPUT')
  })
})
