// Pagination cursors: the listing's tag and the sort key of the last item, base64url JSON. A cursor
// is read back only in the listing (tag) and shape (number of values) that made it.
import { GraphQLError } from 'graphql'
import { describe, expect, it } from 'vitest'

import { badCursor, cursorTag, decodeCursor, encodeCursor } from '../../src/ids'

const MESSAGE =
  '`after` is not a cursor of this listing and order: pass a `cursor` or `pageInfo.endCursor` it returned.'

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')

const refusal = (cursor: string, tag: string, length: number) => {
  try {
    decodeCursor(cursor, tag, length)
    return undefined
  } catch (error) {
    return error as GraphQLError
  }
}

describe('cursor tags', () => {
  it('are 10 base64url characters, the same for the same listing and order', () => {
    const tag = cursorTag(['resources', 'NEWEST'])
    expect(tag).toMatch(/^[A-Za-z0-9_-]{10}$/)
    expect(cursorTag(['resources', 'NEWEST'])).toBe(tag)
  })

  it('differ between orders and listings', () => {
    expect(cursorTag(['resources', 'NEWEST'])).not.toBe(cursorTag(['resources', 'OLDEST']))
    expect(cursorTag(['resources', 'NEWEST'])).not.toBe(cursorTag(['news', 'NEWEST']))
  })

  it('keep the parts apart: ["ab", "c"] is not ["a", "bc"]', () => {
    expect(cursorTag(['ab', 'c'])).not.toBe(cursorTag(['a', 'bc']))
  })
})

describe('cursors', () => {
  const tag = cursorTag(['resources', 'NEWEST'])

  it('read back as the values they were made from', () => {
    const values = ['2021-03-14T12:00:00.000Z', null, '12']
    expect(decodeCursor(encodeCursor(tag, values), tag, 3)).toEqual(values)
  })

  it('keep unicode and right-to-left text of a sort key as it was', () => {
    const values = ['دليل حماية الطفل', 'Ñandú 🐦', 'עברית']
    expect(decodeCursor(encodeCursor(tag, values), tag, 3)).toEqual(values)
  })

  it('are URL-safe: no +, / or = padding', () => {
    const cursor = encodeCursor(tag, ['??>>~~', '\u00ff\u00fe'])
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/)
  })

  it('are refused in another listing or order', () => {
    const cursor = encodeCursor(tag, ['x'])
    expect(refusal(cursor, cursorTag(['resources', 'OLDEST']), 1)?.message).toBe(MESSAGE)
  })

  it('are refused with too few or too many values for the order', () => {
    const cursor = encodeCursor(tag, ['a', 'b'])
    expect(refusal(cursor, tag, 1)).toBeDefined()
    expect(refusal(cursor, tag, 3)).toBeDefined()
    expect(decodeCursor(cursor, tag, 2)).toEqual(['a', 'b'])
  })

  it.each([
    ['the empty string', ''],
    ['text that is not base64 JSON', 'not-a-cursor'],
    ['JSON that is not a list', b64({ tag: 'x' })],
    ['a number as a value', b64(['TAG', 5])],
    ['an object as a value', b64(['TAG', { $gt: '' }])],
    ['a value over 500 characters', b64(['TAG', 'x'.repeat(501)])],
    ['truncated base64', b64(['TAG', 'abc']).slice(0, -3)],
  ])('are refused: %s', (_, cursor) => {
    const error = refusal(cursor, 'TAG', 1)
    expect(error?.message).toBe(MESSAGE)
    expect(error?.extensions).toEqual({ code: 'BAD_USER_INPUT', argument: 'after' })
  })

  it('made by hand in the same shape are read (the refusals above are for their defect alone)', () => {
    expect(decodeCursor(b64(['TAG', 'abc']), 'TAG', 1)).toEqual(['abc'])
    expect(decodeCursor(b64(['TAG', null]), 'TAG', 1)).toEqual([null])
  })

  it('accept a value of exactly 500 characters', () => {
    const value = 'é'.repeat(500)
    expect(decodeCursor(encodeCursor(tag, [value]), tag, 1)).toEqual([value])
  })

  it('are refused over 2000 characters, even when well formed', () => {
    const values = Array.from({ length: 4 }, () => 'x'.repeat(400))
    const cursor = encodeCursor(tag, values)
    expect(cursor.length).toBeGreaterThan(2000)
    expect(refusal(cursor, tag, 4)?.message).toBe(MESSAGE)
  })

  it('give the same error as badCursor, the one resolvers throw themselves', () => {
    const error = badCursor()
    expect(error.message).toBe(MESSAGE)
    expect(error.extensions).toEqual({ code: 'BAD_USER_INPUT', argument: 'after' })
  })
})
