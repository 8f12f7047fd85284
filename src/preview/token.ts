// Preview tokens: the hub's admin signs one (src/preview/endpoint.ts) for ONE document and a few
// minutes; the partner API serves that document's latest draft to whoever sends it in the
// `X-Preview-Token` header, and nothing else differs. HMAC-SHA256 with a key derived from
// PAYLOAD_SECRET, which both the hub and `start:api` hold; compared in constant time.
import { createHmac, timingSafeEqual } from 'node:crypto'

import { z } from 'zod'

import { PREVIEWABLE, type PreviewCollection } from '../servedKinds'

export type PreviewClaim = { collection: PreviewCollection; id: number; exp: number }

/** What a signed token must hold (a token signed by this hub always does; checked all the same). */
const CLAIM = z.object({
  collection: z.enum(Object.keys(PREVIEWABLE) as [PreviewCollection, ...PreviewCollection[]]),
  id: z.number().int().positive(),
  exp: z.number().int(),
})

/** How long a preview link works after an editor opens it. */
export const PREVIEW_SECONDS = 10 * 60

const keyOf = (secret: string) =>
  createHmac('sha256', secret).update('alliance-hub:preview-token:v1').digest()
const mac = (secret: string, body: string) =>
  createHmac('sha256', keyOf(secret)).update(body).digest('base64url')

export const signPreview = (
  claim: Omit<PreviewClaim, 'exp'>,
  secret: string,
  now = Date.now(),
): string => {
  const body = Buffer.from(
    JSON.stringify({ ...claim, exp: Math.floor(now / 1000) + PREVIEW_SECONDS }),
  ).toString('base64url')
  return `${body}.${mac(secret, body)}`
}

/** The token's claim, or a sentence saying why it is refused. */
export const readPreview = (
  token: string,
  secret: string | undefined,
  now = Date.now(),
): { claim: PreviewClaim } | { problem: string } => {
  if (!secret)
    return { problem: 'This server takes no previews: it was started without PAYLOAD_SECRET.' }
  const [body, signature, extra] = token.split('.')
  if (!body || !signature || extra !== undefined || token.length > 1000) {
    return { problem: 'The preview token is not one the hub made.' }
  }
  const expected = Buffer.from(mac(secret, body))
  const given = Buffer.from(signature)
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { problem: 'The preview token was altered, or signed by another hub.' }
  }
  let decoded: unknown
  try {
    decoded = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'))
  } catch {
    return { problem: 'The preview token is not one the hub made.' }
  }
  const parsed = CLAIM.safeParse(decoded)
  if (!parsed.success) {
    return { problem: 'The preview token names no document the hub can preview.' }
  }
  const claim = parsed.data
  if (claim.exp * 1000 <= now) {
    return {
      problem: `The preview token expired at ${new Date(claim.exp * 1000).toISOString()}: open Preview in the admin again.`,
    }
  }
  return { claim }
}
