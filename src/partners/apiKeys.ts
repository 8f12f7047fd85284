// Partners' API keys: `akh_<id>_<secret>`. The id (12 hex digits) is public: the admin shows it and
// the partner API finds the key by it. The secret (32 random bytes) is shown once, on the key's
// create form, and stored only as its SHA-256 (a secret that random needs no slow hash); the partner
// API compares digests in constant time.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'

const FORMAT = /^akh_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/

export const generateApiKey = () =>
  `akh_${randomBytes(6).toString('hex')}_${randomBytes(32).toString('base64url')}`

export type ParsedKey = { keyId: string; secret: string }

export const parseApiKey = (text: string): ParsedKey | undefined => {
  const match = FORMAT.exec(text)
  return match ? { keyId: match[1]!, secret: match[2]! } : undefined
}

/** What is stored of a key: its secret's digest. */
export const digestOf = (secret: string) =>
  `sha256:${createHash('sha256').update(secret).digest('hex')}`

/** Whether `secret` is the one `stored` is the digest of, in constant time. */
export const secretMatches = (secret: string, stored: string) => {
  const expected = Buffer.from(stored)
  const given = Buffer.from(digestOf(secret))
  return expected.length === given.length && timingSafeEqual(expected, given)
}

/** Quota tiers: how much of the partner API a key may use (docs/partner-access.md). */
export const TIERS = [
  { label: 'Standard', value: 'standard' },
  { label: 'Extended (larger budget)', value: 'extended' },
  { label: 'Alliance (the Alliance’s own sites)', value: 'alliance' },
] as const
export type Tier = (typeof TIERS)[number]['value']

/** Parts of the partner API a key may be limited to, and the root fields each holds. */
export const AREAS = {
  library: {
    label: 'Technical materials (resources)',
    fields: ['resources', 'resource', 'resourceFacets'],
  },
  groups: { label: 'Working groups', fields: ['workingGroups', 'workingGroup'] },
  webinars: { label: 'Webinars', fields: ['webinars', 'webinar'] },
  newsletters: {
    label: 'Newsletters',
    fields: [
      'newsletters',
      'newsletter',
      // The sign-up form a partner embeds, and the pages of its links.
      'newsletterConsent',
      'newsletterSubscription',
      'subscribe',
      'confirmSubscription',
      'unsubscribe',
      'updateNewsletterPreferences',
    ],
  },
  news: { label: 'News', fields: ['newsPosts', 'newsPost'] },
  standards: { label: 'Minimum Standards', fields: ['standards'] },
} as const
export type Area = keyof typeof AREAS
