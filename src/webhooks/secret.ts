// Webhook signing secrets: made on the hub in the Standard Webhooks form (`whsec_` and the base64
// of 32 random bytes), shown once to the admin who creates the webhook, and stored sealed with a key
// derived from PAYLOAD_SECRET (AES-256-GCM): the database, and therefore every backup, holds no
// secret a partner's receiver trusts. A hub restored with another PAYLOAD_SECRET cannot unseal them:
// its deliveries fail with "cannot unseal", and the webhooks must be created again.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto'

const PREFIX = 'whsec_'
const SEALED = 'sealed:v1:'
/** Standard Webhooks asks for 24 to 64 bytes; svix and others make 32. */
const SECRET_BYTES = 32

export const generateSigningSecret = () => PREFIX + randomBytes(SECRET_BYTES).toString('base64')

/** A secret in the form this hub makes (or another Standard Webhooks sender would): 24–64 bytes. */
export const isSigningSecret = (value: unknown): value is string => {
  if (typeof value !== 'string' || !value.startsWith(PREFIX)) return false
  const body = value.slice(PREFIX.length)
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(body)) return false
  const bytes = Buffer.from(body, 'base64').length
  return bytes >= 24 && bytes <= 64
}

const keyFrom = (payloadSecret: string) =>
  Buffer.from(hkdfSync('sha256', payloadSecret, '', 'hub webhook signing secrets', 32))

export const sealSecret = (secret: string, payloadSecret: string) => {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', keyFrom(payloadSecret), iv)
  const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()])
  return SEALED + [iv, cipher.getAuthTag(), sealed].map((b) => b.toString('base64url')).join('.')
}

export const isSealed = (value: unknown): value is string =>
  typeof value === 'string' && value.startsWith(SEALED)

/** The secret back; throws when it was sealed under another PAYLOAD_SECRET or altered. */
export const unsealSecret = (value: string, payloadSecret: string) => {
  if (!isSealed(value)) throw new Error('cannot unseal the signing secret: not a sealed value')
  const [iv, tag, sealed] = value
    .slice(SEALED.length)
    .split('.')
    .map((part) => Buffer.from(part, 'base64url'))
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyFrom(payloadSecret), iv!)
    decipher.setAuthTag(tag!)
    return Buffer.concat([decipher.update(sealed!), decipher.final()]).toString('utf8')
  } catch {
    throw new Error('cannot unseal the signing secret (was PAYLOAD_SECRET changed?)')
  }
}
