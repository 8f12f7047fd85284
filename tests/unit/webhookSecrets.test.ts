// Webhook signing secrets: made in the Standard Webhooks form (`whsec_` + base64 of 24–64 bytes),
// and stored sealed under a key derived from PAYLOAD_SECRET.
import { describe, expect, it } from 'vitest'

import {
  generateSigningSecret,
  isSealed,
  isSigningSecret,
  sealSecret,
  unsealSecret,
} from '../../src/webhooks/secret'

const secretOf = (bytes: number) => `whsec_${Buffer.alloc(bytes, 7).toString('base64')}`

describe('signing secrets', () => {
  it('are made as whsec_ and 32 random bytes, a new one each time', () => {
    const a = generateSigningSecret()
    expect(a).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/)
    expect(Buffer.from(a.slice(6), 'base64')).toHaveLength(32)
    expect(generateSigningSecret()).not.toBe(a)
    expect(isSigningSecret(a)).toBe(true)
  })

  it('are accepted from 24 to 64 bytes', () => {
    expect(isSigningSecret(secretOf(23))).toBe(false)
    expect(isSigningSecret(secretOf(24))).toBe(true)
    expect(isSigningSecret(secretOf(64))).toBe(true)
    expect(isSigningSecret(secretOf(65))).toBe(false)
  })

  it('are refused without the prefix, with base64url or other characters, or not as text', () => {
    expect(isSigningSecret(secretOf(32).slice(6))).toBe(false)
    expect(isSigningSecret(`WHSEC_${secretOf(32).slice(6)}`)).toBe(false)
    expect(isSigningSecret(`whsec_${Buffer.alloc(32, 0xfb).toString('base64url')}`)).toBe(false)
    expect(isSigningSecret(`${secretOf(32)} `)).toBe(false)
    expect(isSigningSecret(32)).toBe(false)
    expect(isSigningSecret(undefined)).toBe(false)
  })
})

describe('sealed secrets', () => {
  const payloadSecret = 'a PAYLOAD_SECRET of the hub'

  it('unseal to the secret under the same PAYLOAD_SECRET', () => {
    const secret = generateSigningSecret()
    const sealed = sealSecret(secret, payloadSecret)
    expect(isSealed(sealed)).toBe(true)
    expect(sealed).not.toContain(secret.slice(6))
    expect(unsealSecret(sealed, payloadSecret)).toBe(secret)
  })

  it('differ each time the same secret is sealed (a fresh IV)', () => {
    const secret = generateSigningSecret()
    expect(sealSecret(secret, payloadSecret)).not.toBe(sealSecret(secret, payloadSecret))
  })

  it('do not unseal under another PAYLOAD_SECRET', () => {
    const sealed = sealSecret(generateSigningSecret(), payloadSecret)
    expect(() => unsealSecret(sealed, 'another secret')).toThrow(
      'cannot unseal the signing secret (was PAYLOAD_SECRET changed?)',
    )
  })

  it('do not unseal once altered', () => {
    const sealed = sealSecret(generateSigningSecret(), payloadSecret)
    // Not the last character: in base64url its low bits may be padding, and changing them alone
    // changes no byte. Any character before it carries six bits of the sealed bytes.
    const at = sealed.length - 5
    const altered = sealed.slice(0, at) + (sealed[at] === 'A' ? 'B' : 'A') + sealed.slice(at + 1)
    expect(() => unsealSecret(altered, payloadSecret)).toThrow(/cannot unseal/)
    expect(() => unsealSecret('sealed:v1:abc', payloadSecret)).toThrow(/cannot unseal/)
  })

  it('are told apart from a secret stored in the clear', () => {
    expect(isSealed(generateSigningSecret())).toBe(false)
    expect(() => unsealSecret(generateSigningSecret(), payloadSecret)).toThrow(
      'cannot unseal the signing secret: not a sealed value',
    )
  })
})
