// Sync tokens: where a sync stands (initial listing or a window of the change log, and the last
// record given), its locale chain and a tag of the database that made it: base64url JSON checked
// field by field, signed with the hub's key.
import { GraphQLError } from 'graphql'
import { createHmac, randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'

import {
  checkChain,
  databaseTag,
  decodeToken,
  encodeToken,
  type TokenState,
} from '../../graphql/schema/sync/token'
import { SYNC_KINDS } from '../../graphql/sql/sync'

const SYSTEM = '7412345678901234567/hub'
const KEY = randomBytes(32)
const CHAIN = ['fr', 'en']
const MESSAGE =
  'token: is not a sync token of this API, or was altered: pass the `token` a sync returned, as it is. Start again without a token to sync from scratch.'

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')
/** A token as the hub would sign it, whatever it holds (to test the checks after the signature). */
const signed = (value: unknown, key = KEY) => {
  const body = b64(value)
  return `${body}.${createHmac('sha256', key).update(body).digest('base64url').slice(0, 22)}`
}
const encode = (state: TokenState) => encodeToken(KEY, SYSTEM, CHAIN, state)
const decode = (token: string) => decodeToken(KEY, token)

const refusal = (token: string) => {
  try {
    decode(token)
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
    const token = encode({ phase: 'initial', from: '1234', after: [0, 17] })
    expect(decode(token)).toEqual({
      v: 2,
      db,
      loc: 'fr,en',
      phase: 'initial',
      from: '1234',
      after: [0, 17],
    })
  })

  it('read back a delta’s window, with and without its end and position', () => {
    const window: TokenState = { phase: 'delta', from: '100', to: '250', after: [2, 9] }
    expect(decode(encode(window))).toEqual({ v: 2, db, loc: 'fr,en', ...window })
    expect(decode(encode({ phase: 'delta', from: '100' }))).toEqual({
      v: 2,
      db,
      loc: 'fr,en',
      phase: 'delta',
      from: '100',
    })
  })

  it('carry transaction ids of up to 19 digits as text, beyond a double’s precision', () => {
    const from = '9223372036854775807'
    expect(decode(encode({ phase: 'delta', from, to: from })).from).toBe(from)
  })

  it('accept every sync kind’s index and the largest record id', () => {
    const after = [SYNC_KINDS.length - 1, 2 ** 31 - 1] as [number, number]
    expect(decode(encode({ phase: 'initial', from: '1', after })).after).toEqual(after)
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
    const error = refusal(signed({ v: 2, db, loc: 'en', ...state }))
    expect(error?.message).toBe(MESSAGE)
    expect(error?.extensions).toEqual({ code: 'BAD_USER_INPUT', argument: 'token' })
  })

  it('are refused in another version, or without the database or locale chain', () => {
    expect(refusal(signed({ v: 2, db, loc: 'en', phase: 'delta', from: '1' }))).toBeUndefined()
    expect(refusal(signed({ v: 1, db, loc: 'en', phase: 'delta', from: '1' }))).toBeDefined()
    expect(refusal(signed({ v: 2, loc: 'en', phase: 'delta', from: '1' }))).toBeDefined()
    expect(refusal(signed({ v: 2, db, phase: 'delta', from: '1' }))).toBeDefined()
    expect(refusal(signed({ v: 2, db, loc: 'EN;x', phase: 'delta', from: '1' }))).toBeDefined()
  })

  it('are refused once altered, unsigned, or signed with another key', () => {
    const token = encode({ phase: 'delta', from: '500', to: '900', after: [3, 40] })
    const [body, signature] = token.split('.') as [string, string]
    const lowered = b64({ ...JSON.parse(Buffer.from(body, 'base64url').toString()), from: '1' })
    expect(refusal(`${lowered}.${signature}`)?.message).toBe(MESSAGE)
    expect(refusal(body)?.message).toBe(MESSAGE)
    expect(
      refusal(`${body}.${signature.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'))}`),
    ).toBeDefined()
    expect(refusal(`${body}.${signature}.x`)).toBeDefined()
    expect(
      refusal(signed(JSON.parse(Buffer.from(body, 'base64url').toString()), randomBytes(32))),
    ).toBeDefined()
    expect(refusal(token)).toBeUndefined()
  })

  it.each([
    ['empty', ''],
    ['not base64 JSON', 'hello'],
    ['JSON null', b64(null)],
    ['a global id', 'UmVzb3VyY2U6MTI'],
    [
      'over 600 characters',
      signed({ v: 2, db, loc: 'en', phase: 'delta', from: '1', pad: 'x'.repeat(500) }),
    ],
  ])('are refused when %s', (_, token) => {
    expect(refusal(token)?.message).toBe(MESSAGE)
  })
})

describe('a token’s locale chain', () => {
  const token = decodeToken(
    KEY,
    encodeToken(KEY, SYSTEM, ['fr', 'en'], { phase: 'delta', from: '7' }),
  )

  it('is the chain its sync asks for, or the token is refused saying both', () => {
    expect(() => checkChain(token, ['fr', 'en'])).not.toThrow()
    expect(() => checkChain(token, ['en'])).toThrow(
      'token: was made under the locale chain FR → EN, and this sync asks for EN: keep the language a sync began with (its @inContext or Accept-Language). Start again without a token to sync from scratch.',
    )
    expect(() => checkChain(token, ['es', 'en'])).toThrow(/asks for ES → EN/)
  })
})
