// Preview tokens: the hub signs one for one document and ten minutes; the partner API reads it back
// with the same secret, and says why it refuses one (altered, another hub's, expired, malformed).
import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'

import { PREVIEW_SECONDS, readPreview, signPreview } from '../../src/preview/token'
import { PREVIEWABLE, type PreviewCollection } from '../../src/servedKinds'

const SECRET = 'the hub’s PAYLOAD_SECRET'
const NOW = Date.UTC(2026, 0, 21, 12, 0, 0)
const MADE = 'The preview token is not one the hub made.'
const ALTERED = 'The preview token was altered, or signed by another hub.'

const body = (token: string) =>
  JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()) as Record<string, unknown>

describe('preview tokens', () => {
  it('read back as the document they were signed for, expiring ten minutes later', () => {
    const token = signPreview({ collection: 'resources', id: 12 }, SECRET, NOW)
    expect(PREVIEW_SECONDS).toBe(600)
    expect(readPreview(token, SECRET, NOW)).toEqual({
      claim: { collection: 'resources', id: 12, exp: NOW / 1000 + 600 },
    })
  })

  it('are signed for every collection a preview can show', () => {
    for (const collection of Object.keys(PREVIEWABLE) as PreviewCollection[]) {
      const token = signPreview({ collection, id: 1 }, SECRET, NOW)
      expect(readPreview(token, SECRET, NOW)).toMatchObject({ claim: { collection, id: 1 } })
    }
  })

  it('are two base64url parts, body and signature', () => {
    const token = signPreview({ collection: 'events', id: 3 }, SECRET, NOW)
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/)
  })

  it('work until the second before expiry and not at it', () => {
    const token = signPreview({ collection: 'news', id: 5 }, SECRET, NOW)
    const expiry = NOW + PREVIEW_SECONDS * 1000
    expect(readPreview(token, SECRET, expiry - 1)).toHaveProperty('claim')
    expect(readPreview(token, SECRET, expiry)).toEqual({
      problem:
        'The preview token expired at 2026-01-21T12:10:00.000Z: open Preview in the admin again.',
    })
  })

  it('count whole seconds: signed at 12:00:00.900, they expire at 12:10:00', () => {
    const token = signPreview({ collection: 'news', id: 5 }, SECRET, NOW + 900)
    expect(body(token).exp).toBe(NOW / 1000 + 600)
  })

  it('are refused under another secret (another hub)', () => {
    const token = signPreview({ collection: 'resources', id: 12 }, SECRET, NOW)
    expect(readPreview(token, 'another hub’s secret', NOW)).toEqual({ problem: ALTERED })
  })

  it('are refused when the document in them is changed', () => {
    const token = signPreview({ collection: 'resources', id: 12 }, SECRET, NOW)
    const forged = Buffer.from(JSON.stringify({ ...body(token), id: 13 })).toString('base64url')
    expect(readPreview(`${forged}.${token.split('.')[1]}`, SECRET, NOW)).toEqual({
      problem: ALTERED,
    })
  })

  it('are refused when their expiry is pushed back', () => {
    const token = signPreview({ collection: 'resources', id: 12 }, SECRET, NOW)
    const exp = (body(token).exp as number) + 86_400
    const forged = Buffer.from(JSON.stringify({ ...body(token), exp })).toString('base64url')
    expect(readPreview(`${forged}.${token.split('.')[1]}`, SECRET, NOW + 3_600_000)).toEqual({
      problem: ALTERED,
    })
  })

  it('are refused with one character of the signature changed', () => {
    const token = signPreview({ collection: 'resources', id: 12 }, SECRET, NOW)
    const last = token.at(-1) === 'A' ? 'B' : 'A'
    expect(readPreview(token.slice(0, -1) + last, SECRET, NOW)).toEqual({ problem: ALTERED })
  })

  it('are refused with a signature of another length, without comparing it', () => {
    const token = signPreview({ collection: 'resources', id: 12 }, SECRET, NOW)
    expect(readPreview(`${token}AA`, SECRET, NOW)).toEqual({ problem: ALTERED })
    expect(readPreview(token.slice(0, -4), SECRET, NOW)).toEqual({ problem: ALTERED })
  })

  it.each([
    ['empty', ''],
    ['without a signature', 'abc'],
    ['with an empty signature', 'abc.'],
    ['with an empty body', '.abc'],
    ['in three parts', 'a.b.c'],
    ['over 1000 characters', `${'a'.repeat(1000)}.b`],
  ])('are refused %s as not made by the hub', (_, token) => {
    expect(readPreview(token, SECRET, NOW)).toEqual({ problem: MADE })
  })

  describe('signed with the hub’s key but not made by signPreview', () => {
    // The key derivation of src/preview/token.ts, so that only the claim is wrong.
    const key = createHmac('sha256', SECRET).update('alliance-hub:preview-token:v1').digest()
    const forge = (text: string) => {
      const data = Buffer.from(text).toString('base64url')
      return `${data}.${createHmac('sha256', key).update(data).digest('base64url')}`
    }
    const exp = NOW / 1000 + 60

    it('are read when the claim is good (the key is the hub’s)', () => {
      const token = forge(JSON.stringify({ collection: 'newsletters', id: 4, exp }))
      expect(readPreview(token, SECRET, NOW)).toEqual({
        claim: { collection: 'newsletters', id: 4, exp },
      })
    })

    it('are refused when the body is not JSON', () => {
      expect(readPreview(forge('{"collection":'), SECRET, NOW)).toEqual({ problem: MADE })
    })

    it.each([
      ['a collection without previews', { collection: 'users', id: 1, exp }],
      ['an id as text', { collection: 'resources', id: '1', exp }],
      ['a fractional id', { collection: 'resources', id: 1.5, exp }],
      ['no id', { collection: 'resources', exp }],
      ['no expiry', { collection: 'resources', id: 1 }],
      ['a name every object has', { collection: 'toString', id: 1, exp }],
      ['nothing at all', null],
    ])('are refused naming %s', (_, claim) => {
      expect(readPreview(forge(JSON.stringify(claim)), SECRET, NOW)).toEqual({
        problem: 'The preview token names no document the hub can preview.',
      })
    })
  })
})
