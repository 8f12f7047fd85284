// Every environment variable the hub reads, parsed once. Errors name the variable.
import { z } from 'zod'

import { PASSWORD_RULE, passwordProblem } from './auth/passwordRule'

// `next build` and code generators load the config without serving anything: no secret needed.
const configOnly =
  process.env.NEXT_PHASE === 'phase-production-build' || process.env.HUB_CONFIG_ONLY === 'true'

const schema = z.object({
  /** Unset: `npm start` and the tests start an embedded PostgreSQL and set it for the app. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// connection string')
    .optional(),
  /** Signs sessions and tokens. `npm start` makes one for a local hub; production must set it. */
  PAYLOAD_SECRET: configOnly
    ? z.string().optional()
    : z
        .string({ error: 'is required (32+ random characters)' })
        .min(32, 'must be at least 32 characters'),
  /**
   * Public address of the hub, used in links in e-mails and the admin; https makes the session
   * cookie `Secure`. A production server refuses to start without it (next.config.mjs).
   */
  SERVER_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http:// or https:// address' })
    .optional(),
  /**
   * The public address of the Alliance's site that the hub serves at / (canonical links, the
   * sitemap, feed items' links); SERVER_URL when unset.
   */
  SITE_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http:// or https:// address' })
    .transform((url) => url.replace(/\/$/, ''))
    .optional(),
  /** Where the site served at / reads the partner API; this server's own /graphql when unset. */
  HUB_GRAPHQL_URL: z
    .url({ protocol: /^https?$/, error: 'must be the http(s) address of a hub’s /graphql' })
    .optional(),
  /**
   * Reverse proxies in front of the hub, each appending its peer's address to X-Forwarded-For:
   * the sign-in throttle takes the client's address that many entries from the right. The hub's
   * server appends the address of its own peer last, so 0 (no proxy) counts the real peer.
   */
  TRUSTED_PROXIES: z
    .string()
    .regex(/^\d{1,2}$/, 'must be a whole number of proxies (0, 1, 2…)')
    .default('0')
    .transform(Number),
  /** `true` only on a developer's own scratch database: schema changes without migrations. */
  PAYLOAD_DB_PUSH: z.enum(['true', 'false']).default('false'),
  /** The first admin account, created by the seed when both are set and no user exists yet. */
  HUB_ADMIN_EMAIL: z.email().optional(),
  HUB_ADMIN_PASSWORD: z
    .string()
    .refine((value) => !passwordProblem(value), PASSWORD_RULE)
    .optional(),
  /** Run scheduled publishing in this process (off in tests, which run jobs themselves). */
  HUB_RUN_JOBS: z.enum(['true', 'false']).default('true'),
  /**
   * Connections of Payload's pool in each hub process (admin, REST, jobs). Saves run at most half
   * as many at once (src/http/writeGate.ts). Mind PostgreSQL's max_connections (100 by default)
   * across processes: each hub process also opens the partner API's pool (PARTNER_DB_POOL_SIZE).
   */
  HUB_DB_POOL_SIZE: z.coerce
    .number({ error: 'must be a whole number of connections' })
    .int()
    .min(2)
    .max(200)
    .default(10),
  /**
   * `true` lets webhooks reach private, loopback and link-local addresses and plain http:// (tests,
   * a hub inside a private network). Otherwise both are refused, on save and on every send.
   */
  WEBHOOK_ALLOW_PRIVATE: z
    .enum(['true', 'false'], { error: 'must be true or false' })
    .default('false'),
  /**
   * A CDN's purge-by-tag endpoint, called once per change with the tags of what it touched
   * (src/ops/cdnPurge.ts: `{tags}` in it is replaced by them; the body is `{"tags": […]}`).
   */
  CDN_PURGE_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http:// or https:// address' })
    .optional(),
  /** The header that carries CDN_PURGE_AUTH (default Authorization; Fastly: Fastly-Key). */
  CDN_PURGE_AUTH_HEADER: z
    .string()
    .regex(/^[A-Za-z0-9-]{1,64}$/, 'must be an HTTP header name such as Authorization')
    .default('Authorization'),
  /** Its value, e.g. `Bearer <token>`: a secret, only from the environment. */
  CDN_PURGE_AUTH: z.string().min(1, 'must not be empty').optional(),
  /**
   * `false` runs every partner operation through the resolvers (graphql/plan: common shapes run as
   * one planned statement otherwise).
   */
  PARTNER_PLAN: z.enum(['true', 'false'], { error: 'must be true or false' }).default('true'),
  /**
   * `false` sends the partner API's statements unprepared: needed behind a pooler that does not keep
   * sessions (PgBouncer in transaction mode before 1.21). Prepared, PostgreSQL plans each once.
   */
  PARTNER_PREPARE: z.enum(['true', 'false'], { error: 'must be true or false' }).default('true'),
  /** The servers' own log lines: `json` (one object per line, for a collector) or `text`. */
  LOG_FORMAT: z.enum(['json', 'text'], { error: 'must be json or text' }).default('text'),
  /**
   * Where uploaded files are kept (Media), and what backups hold and restores replace. A relative
   * path is taken from the working directory, as Payload does: `npm start` runs in the project.
   */
  MEDIA_DIR: z.string().trim().min(1, 'must name a folder').default('media'),
  /**
   * A folder with `pg_dump` and `pg_restore` of the server's version or newer, for backups and
   * restores. Unset: the project installs its own copy once, in .tools/ (Debian-like Linux only).
   */
  PG_BIN_DIR: z
    .string()
    .regex(/^(\/|[A-Za-z]:[\\/])/, 'must be an absolute path to a folder')
    .optional(),
})

const parsed = schema.safeParse(process.env)
if (!parsed.success) {
  const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')
  throw new Error(`Invalid environment:\n${problems}`)
}

export const env = parsed.data
