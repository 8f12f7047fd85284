// Sync tokens: where a sync stands (initial listing or a window of the change log, and the last
// record given) and a tag of the database that made it, base64url JSON checked field by field.
import { GraphQLError } from 'graphql'
import { describe, expect, it } from 'vitest'

import {
  databaseTag,
  decodeToken,
  encodeToken,
  type TokenState,
} from '../../graphql/schema/sync/token'
import { SYNC_KINDS } from '../../graphql/sql/sync'

const SYSTEM = '7412345678901234567/hub'
const MESSAGE =
  'token: is not a sync token of this API: pass the `token` a sync returned. Start again without a token to sync from scratch.'

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')

const refusal = (token: string) => {
  try {
    decodeToken(token)
    return undefined
  } catch (error) {
    return error as GraphQLError
  }
}

describe('database tags', () => {
  it('are 12 base64url characters, the same for the same database', () => {
    expect(databaseTag(SYSTEM)).toMatch(/^[A-Za-z0-9_-]{12}$/)
    expect(databaseTag(SYSTEM)).toBe(databaseTag(SYSTEM))
  })

  it('differ between databases', () => {
    expect(databaseTag(SYSTEM)).not.toBe(databaseTag('7412345678901234567/hub_copy'))
  })
})

describe('sync tokens', () => {
  const db = databaseTag(SYSTEM)

  it('read back an initial sync’s position with the database that made it', () => {
    const token = encodeToken(SYSTEM, { phase: 'initial', from: '1234', after: [0, 17] })
    expect(decodeToken(token)).toEqual({
      v: 1,
      db,
      phase: 'initial',
      from: '1234',
      after: [0, 17],
    })
  })

  it('read back a delta’s window, with and without its end and position', () => {
    const window: TokenState = { phase: 'delta', from: '100', to: '250', after: [2, 9] }
    expect(decodeToken(encodeToken(SYSTEM, window))).toEqual({ v: 1, db, ...window })
    expect(decodeToken(encodeToken(SYSTEM, { phase: 'delta', from: '100' }))).toEqual({
      v: 1,
      db,
      phase: 'delta',
      from: '100',
    })
  })

  it('carry transaction ids of up to 19 digits as text, beyond a double’s precision', () => {
    const from = '9223372036854775807'
    expect(decodeToken(encodeToken(SYSTEM, { phase: 'delta', from, to: from })).from).toBe(from)
  })

  it('accept every sync kind’s index and the largest record id', () => {
    const after = [SYNC_KINDS.length - 1, 2 ** 31 - 1] as [number, number]
    expect(decodeToken(encodeToken(SYSTEM, { phase: 'initial', from: '1', after })).after).toEqual(
      after,
    )
  })

  it.each([
    ['a window that ends before it starts', { phase: 'delta', from: '251', to: '250' }],
    ['a kind index past the last kind', { phase: 'initial', from: '1', after: [99, 1] }],
    ['record id 0', { phase: 'initial', from: '1', after: [0, 0] }],
    ['a record id past 2^31 − 1', { phase: 'initial', from: '1', after: [0, 2 ** 31] }],
    ['a fractional record id', { phase: 'initial', from: '1', after: [0, 1.5] }],
    ['a transaction id as a number', { phase: 'delta', from: 100 }],
    ['a negative transaction id', { phase: 'delta', from: '-1' }],
    ['20 digits', { phase: 'delta', from: '1'.repeat(20) }],
    ['an unknown phase', { phase: 'final', from: '1' }],
    ['an initial sync without its position', { phase: 'initial', from: '1' }],
  ])('are refused with %s', (_, state) => {
    const error = refusal(b64({ v: 1, db, ...state }))
    expect(error?.message).toBe(MESSAGE)
    expect(error?.extensions).toEqual({ code: 'BAD_USER_INPUT', argument: 'token' })
  })

  it('are refused in another version, or without the database', () => {
    expect(refusal(b64({ v: 2, db, phase: 'delta', from: '1' }))).toBeDefined()
    expect(refusal(b64({ v: 1, phase: 'delta', from: '1' }))).toBeDefined()
    expect(refusal(b64({ v: 1, db, phase: 'delta', from: '1' }))).toBeUndefined()
  })

  it.each([
    ['empty', ''],
    ['not base64 JSON', 'hello'],
    ['JSON null', b64(null)],
    ['a global id', 'UmVzb3VyY2U6MTI'],
    ['over 500 characters', b64({ v: 1, db, phase: 'delta', from: '1', pad: 'x'.repeat(400) })],
  ])('are refused when %s', (_, token) => {
    expect(refusal(token)?.message).toBe(MESSAGE)
  })
})
