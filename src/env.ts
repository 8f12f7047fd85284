// Every environment variable the hub's processes read, declared once: its rule, what it means, who
// reads it, how to fix a bad value. `.env.example` is generated from this table (npm run generate,
// src/cli/envExample.ts). The site (site/env.ts) declares its own: it runs without the hub's code.
import { z } from 'zod'

import { RESPONSE_CACHE_BYTES } from './cacheBudgets'
import { PASSWORD_RULE, passwordProblem } from './auth/passwordRule'

/** The hub's kinds of process: the server (`npm start`, and scripts that load Payload), the partner API alone (`npm run start:api`). */
export type ProcessKind = 'hub' | 'api'

type Variable<S extends z.ZodType = z.ZodType> = {
  schema: S
  /** What it is for, one or two sentences (written into .env.example). */
  about: string
  /** What to do about a bad value, shown after the problem. */
  fix: string
  readBy: readonly ProcessKind[]
  /** Processes that cannot run without it (beyond what the schema requires). */
  requiredBy?: readonly ProcessKind[]
  /** A sample value for .env.example (commented out there). */
  example?: string
  /** Never echoed in an error message. */
  secret?: boolean
  /** Set by a tool (npm, Next, the test suite), not by people: left out of .env.example. */
  internal?: boolean
}

const variable = <S extends z.ZodType>(v: Variable<S>) => v

const httpUrl = (error = 'must be an http:// or https:// address') =>
  z.url({ protocol: /^https?$/, error })
const flag = (error = 'must be true or false') => z.enum(['true', 'false'], { error })
const wholeNumber = (error: string, min: number, max: number) =>
  z.coerce
    .number({ error })
    .int(error)
    .min(min, `${error} of at least ${min}`)
    .max(max, `${error} of at most ${max}`)
const BOTH = ['hub', 'api'] as const

/** HUB_HEAP_MB's default, which the hub's launcher also gives when none is set (src/cli/hubArgs.ts). */
export const DEFAULT_HUB_HEAP_MB = 512

export const VARIABLES = {
  DATABASE_URL: variable({
    schema: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// connection string')
      .optional(),
    about:
      'The hub’s PostgreSQL (14 or later). Unset, `npm start`, the npm scripts and the tests start an embedded PostgreSQL in .data/.',
    fix: 'set it to postgres://user:password@host:5432/database, or unset it for the embedded server',
    readBy: BOTH,
    requiredBy: ['api'],
    example: 'postgres://hub:change-me@127.0.0.1:5432/hub',
    secret: true,
  }),
  PARTNER_DATABASE_URL: variable({
    schema: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// connection string')
      .optional(),
    about:
      'A streaming replica the partner API reads instead of DATABASE_URL (it still listens for changes on the primary).',
    fix: 'set it to the replica’s postgres:// connection string, or unset it',
    readBy: BOTH,
    example: 'postgres://hub:change-me@replica.internal:5432/hub',
    secret: true,
  }),
  DATABASE_SESSION_URL: variable({
    schema: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// connection string')
      .optional(),
    about:
      'The primary reached directly (or through PgBouncer in session mode), for what needs a session of its own: listening for changes, the locks that make one process run jobs and webhook sends, shared counters. Set it when DATABASE_URL goes through PgBouncer in transaction mode; DATABASE_URL when unset.',
    fix: 'set it to the primary’s own postgres:// connection string, or unset it',
    readBy: BOTH,
    example: 'postgres://hub:change-me@primary.internal:5432/hub',
    secret: true,
  }),
  PAYLOAD_SECRET: variable({
    schema: z.string().min(32, 'must be at least 32 characters').optional(),
    about:
      'Signs sessions, preview tokens and webhook secrets. `npm start` makes one in .data/ for a local hub; production sets it. The partner API alone needs it only to accept the admin’s previews.',
    fix: 'set it to 32 or more random characters, e.g. the output of `openssl rand -hex 32`',
    readBy: BOTH,
    requiredBy: ['hub'],
    secret: true,
  }),
  PORT: variable({
    schema: wholeNumber('must be a port number', 1, 65535).optional(),
    about: 'The port to listen on: 3000 for the hub, 4000 for the partner API alone.',
    fix: 'set it to a free port such as 3000, or unset it',
    readBy: BOTH,
    example: '3000',
  }),
  HOST: variable({
    schema: z.string().trim().min(1, 'must name an address').default('127.0.0.1'),
    about:
      'The address to listen on; 0.0.0.0 for every interface (behind a proxy or in a container).',
    fix: 'set it to an address such as 127.0.0.1 or 0.0.0.0',
    readBy: BOTH,
  }),
  SERVER_URL: variable({
    schema: httpUrl().optional(),
    about:
      'The public address of the hub, for links in e-mails, feeds and the admin; https makes the session cookie Secure. A production hub not on a loopback address refuses to start without it.',
    fix: 'set it to the address people use, e.g. https://hub.example.org',
    readBy: BOTH,
    example: 'https://hub.example.org',
  }),
  SITE_URL: variable({
    schema: httpUrl()
      .transform((url) => url.replace(/\/$/, ''))
      .optional(),
    about:
      'The public address of the Alliance’s site the hub serves at / (canonical links, the sitemap, feed items’ links, the newsletter’s confirmation links); SERVER_URL when unset.',
    fix: 'set it to the site’s address, e.g. https://www.example.org, or unset it',
    readBy: BOTH,
  }),
  HUB_GRAPHQL_URL: variable({
    schema: httpUrl('must be the http(s) address of a hub’s /graphql').optional(),
    about:
      'Where the site served at / reads the partner API; this server’s own /graphql when unset.',
    fix: 'set it to a hub’s partner API, e.g. https://hub.example.org/graphql, or unset it',
    readBy: ['hub'],
  }),
  HUB_API_KEY: variable({
    schema: z
      .string()
      .regex(/^akh_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/, 'must be an API key of a hub (akh_…)')
      .optional(),
    about:
      'With HUB_GRAPHQL_URL: a key of that hub (its Alliance tier has no budget limit) for the site to send. Reading this hub itself, the site needs none.',
    fix: 'paste the key the other hub’s admin showed when making it, or unset it',
    readBy: ['hub'],
    secret: true,
  }),
  TRUSTED_PROXIES: variable({
    schema: z
      .string()
      .regex(/^\d{1,2}$/, 'must be a whole number of proxies')
      .default('0')
      .transform(Number),
    about:
      'How many reverse proxies in front of the hub or partner API append to X-Forwarded-For: the sign-in throttle and the partner API’s counters take the client’s address that many entries from the right (0: the real peer).',
    fix: 'set it to the number of proxies in front of the hub (0, 1, 2…)',
    readBy: BOTH,
    example: '1',
  }),
  PAYLOAD_DB_PUSH: variable({
    schema: flag().default('false'),
    about: '`true` only on a developer’s own scratch database: schema changes without migrations.',
    fix: 'set it to true or false',
    readBy: BOTH,
  }),
  HUB_ADMIN_EMAIL: variable({
    schema: z.email('must be an e-mail address').optional(),
    about:
      'With HUB_ADMIN_PASSWORD: the first admin account, made by the seed when no user exists yet.',
    fix: 'set it to the first admin’s e-mail address, or unset it',
    readBy: ['hub'],
    example: 'secretariat@example.org',
  }),
  HUB_ADMIN_PASSWORD: variable({
    schema: z
      .string()
      .refine((value) => !passwordProblem(value), PASSWORD_RULE)
      .optional(),
    about: 'The first admin’s password (see HUB_ADMIN_EMAIL).',
    fix: 'choose a longer password',
    readBy: ['hub'],
    secret: true,
  }),
  HUB_RUN_JOBS: variable({
    schema: flag().default('true'),
    about:
      'Run scheduled publishing, webhook deliveries and CDN purges in this hub process (the tests run jobs themselves).',
    fix: 'set it to true or false',
    readBy: ['hub'],
  }),
  STOP_DRAIN_SECONDS: variable({
    schema: wholeNumber('must be a whole number of seconds', 0, 60).default(0),
    about:
      'Behind a load balancer: seconds a stopping hub or partner API keeps serving after its /readyz turns 503, so that the balancer takes it out before it closes (HAProxy checking every second, out after 2 failures: 3).',
    fix: 'set it to a number of seconds from 0 to 60 (default 0: stop at once), or unset it',
    readBy: BOTH,
  }),
  HUB_HEAP_MB: variable({
    schema: wholeNumber('must be a whole number of megabytes', 256, 16384).default(
      DEFAULT_HUB_HEAP_MB,
    ),
    about:
      'Largest old generation of a production hub process’s JavaScript heap, in MB (Node’s --max-old-space-size; the young generation adds 48). V8 grows its heap lazily: uncapped, a hub under load held about 1 GB, most of it garbage; at 512 it stays under 500 MB resident (docs/performance.md, "Memory"). Raise it if the log says "JavaScript heap out of memory".',
    fix: 'set it to a number of megabytes from 256 to 16384 (default 512), or unset it',
    readBy: ['hub'],
  }),
  PARTNER_API_HEAP_MB: variable({
    schema: wholeNumber('must be a whole number of megabytes', 96, 16384).optional(),
    about:
      'Largest old generation of a `start:api` process’s JavaScript heap, in MB (Node’s --max-old-space-size, given by `npm run start:api`). Unset: 75 MB plus every cache’s budget (168 with the defaults; more with a larger PARTNER_RESPONSE_CACHE_BYTES), which holds it under 200 MB resident (docs/performance.md, "Memory"). Raise it if the log says "JavaScript heap out of memory".',
    fix: 'set it to a number of megabytes from 96 to 16384, or unset it for the default',
    readBy: ['api'],
  }),
  HUB_DB_POOL_SIZE: variable({
    schema: wholeNumber('must be a whole number of connections', 2, 200).default(10),
    about:
      'Connections of Payload’s pool in each hub process; saves run at most half as many at once. Mind max_connections across processes: each hub also opens PARTNER_DB_POOL_SIZE.',
    fix: 'set it to a number of connections from 2 to 200 (default 10), or unset it',
    readBy: ['hub'],
  }),
  PARTNER_DB_POOL_SIZE: variable({
    schema: wholeNumber('must be a whole number of connections', 1, 200).default(10),
    about: 'Connections of the partner API’s own pool in each process.',
    fix: 'set it to a number of connections from 1 to 200 (default 10), or unset it',
    readBy: BOTH,
  }),
  PARTNER_ORIGINS: variable({
    schema: z
      .string()
      .transform((list) =>
        list
          .split(',')
          .map((origin) => origin.trim())
          .filter(Boolean),
      )
      .pipe(z.array(httpUrl('must list http(s) origins separated by commas')))
      .optional(),
    about:
      'Origins whose browsers may call the partner API (CORS), separated by commas; any origin when unset.',
    fix: 'list origins such as https://a.example.org,https://b.example.org, or unset it',
    readBy: BOTH,
    example: 'https://partner.example.org',
  }),
  PARTNER_PLAN: variable({
    schema: flag().default('true'),
    about:
      '`false` runs every partner operation through the resolvers instead of one planned statement.',
    fix: 'set it to true or false',
    readBy: BOTH,
  }),
  PARTNER_USAGE: variable({
    schema: flag().default('true'),
    about:
      "`false` stops counting what the partner API serves for the admin's Partner API usage page (the bench compares).",
    fix: 'set it to true or false',
    readBy: BOTH,
  }),
  PARTNER_PREPARE: variable({
    schema: flag().default('true'),
    about:
      '`false` sends the partner API’s statements unprepared, and its connections without the startup option that keeps prepared statements on their generic plan: needed behind a pooler that keeps no sessions (PgBouncer in transaction mode before 1.21) or refuses startup options.',
    fix: 'set it to true or false',
    readBy: BOTH,
  }),
  PARTNER_RESPONSE_CACHE: variable({
    schema: flag().default('true'),
    about: '`false` turns off the partner API’s cache of whole answers (emptied on every change).',
    fix: 'set it to true or false',
    readBy: BOTH,
  }),
  PARTNER_RESPONSE_CACHE_BYTES: variable({
    schema: wholeNumber('must be a whole number of bytes', 1024 * 1024, 2 ** 40).default(
      RESPONSE_CACHE_BYTES,
    ),
    about: 'The response cache’s budget in bytes, per process.',
    fix: `set it to a number of bytes of at least 1048576 (default ${RESPONSE_CACHE_BYTES}), or unset it`,
    readBy: BOTH,
  }),
  PARTNER_ANONYMOUS_BUDGET: variable({
    schema: wholeNumber('must be a whole number of query cost points', 0, 1_000_000_000).default(
      100_000,
    ),
    about:
      'Query cost points per minute each address may spend on the partner API without a key (keys: 5× for the standard tier, 25× for extended, no limit for the Alliance’s); 0 turns budgets off.',
    fix: 'set it to a number of points such as 100000 (the default), 0 for no budgets, or unset it',
    readBy: BOTH,
  }),
  WEBHOOK_ALLOW_PRIVATE: variable({
    schema: flag().default('false'),
    about:
      '`true` lets webhooks reach private, loopback and link-local addresses and plain http:// (tests, a hub inside a private network).',
    fix: 'set it to true or false',
    readBy: ['hub'],
  }),
  CDN_PURGE_URL: variable({
    schema: httpUrl().optional(),
    about:
      'A CDN’s purge-by-tag endpoint, called once per change with the tags it touched (`{tags}` in it is replaced; the body is {"tags": […]}).',
    fix: 'set it to the CDN’s purge address, or unset it',
    readBy: ['hub'],
    example: 'https://api.fastly.com/service/SERVICE_ID/purge',
  }),
  CDN_PURGE_AUTH_HEADER: variable({
    schema: z
      .string()
      .regex(/^[A-Za-z0-9-]{1,64}$/, 'must be an HTTP header name')
      .default('Authorization'),
    about: 'The header that carries CDN_PURGE_AUTH (Fastly: Fastly-Key).',
    fix: 'set it to a header name such as Authorization',
    readBy: ['hub'],
  }),
  CDN_PURGE_AUTH: variable({
    schema: z.string().min(1, 'must not be empty').optional(),
    about: 'The CDN purge credential, e.g. `Bearer <token>`.',
    fix: 'set it to the CDN’s token, or unset it',
    readBy: ['hub'],
    secret: true,
  }),
  LOG_FORMAT: variable({
    schema: z.enum(['json', 'text'], { error: 'must be json or text' }).default('text'),
    about: 'The servers’ log lines: `json` (one object per line, for a collector) or `text`.',
    fix: 'set it to json or text',
    readBy: BOTH,
  }),
  SMTP_URL: variable({
    schema: z
      .url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// address' })
      .optional(),
    about:
      'Where e-mail is sent (newsletter confirmations and editions, password resets): smtp://user:password@host:587 (STARTTLS when the server offers it) or smtps://…:465. Unset, every message is written as an .eml file to MAIL_DIR instead, and the admin says so.',
    fix: 'set it to smtp://user:password@host:587 or smtps://user:password@host:465, or unset it',
    readBy: BOTH,
    example: 'smtp://hub:change-me@smtp.example.org:587',
    secret: true,
  }),
  MAIL_FROM: variable({
    schema: z
      .string()
      .trim()
      .regex(
        /^(?:[^<>\r\n]*<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/,
        'must be an address, alone or as Name <address>',
      )
      .default('Alliance Knowledge Hub <hub@localhost>'),
    about:
      'The sender of every e-mail, as Name <address>: an address of a domain whose SPF and DKIM records let SMTP_URL’s server send for it.',
    fix: 'set it to an address such as "Alliance newsletter <newsletter@example.org>"',
    readBy: BOTH,
  }),
  MAIL_DIR: variable({
    schema: z.string().trim().min(1, 'must name a folder').default('.data/mail'),
    about:
      'Without SMTP_URL: the folder each e-mail is written to, as an .eml file that any mail program opens (relative to the working directory).',
    fix: 'set it to a folder, or unset it for ./.data/mail',
    readBy: BOTH,
  }),
  NEWSLETTER_SENDING: variable({
    schema: flag().optional(),
    about:
      'Whether this hub process may send editions of the newsletter (one hub sends at a time, the others stand by); unset, it follows HUB_RUN_JOBS. `false` on every hub pauses sending: it resumes where it stopped.',
    fix: 'set it to true or false, or unset it',
    readBy: ['hub'],
  }),
  NEWSLETTER_RATE: variable({
    schema: wholeNumber('must be a whole number of messages a second', 1, 1000).default(10),
    about:
      'Messages a second the hub hands to SMTP_URL when it sends an edition of the newsletter (one hub sends at a time). Most providers publish a limit: stay under it.',
    fix: 'set it to a number of messages a second from 1 to 1000 (default 10), or unset it',
    readBy: ['hub'],
  }),
  MEDIA_DIR: variable({
    schema: z.string().trim().min(1, 'must name a folder').default('media'),
    about:
      'Where uploaded files are kept, and what backups hold and restores replace (relative to the working directory).',
    fix: 'set it to a folder, or unset it for ./media',
    readBy: ['hub'],
  }),
  S3_BUCKET: variable({
    schema: z
      .string()
      .regex(
        /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
        'must be an S3 bucket name (3–63 lowercase letters, digits, dots, hyphens)',
      )
      .optional(),
    about:
      'Keeps uploaded files in this S3-compatible bucket instead of MEDIA_DIR, so that every hub serves every file (src/uploads/objectStorage.ts). Unset: files on local disk.',
    fix: 'set it to the bucket’s name, or unset it to keep files in MEDIA_DIR',
    readBy: ['hub'],
    example: 'alliance-hub-media',
  }),
  S3_REGION: variable({
    schema: z.string().trim().min(1, 'must name a region').default('us-east-1'),
    about: 'The bucket’s region (most S3-compatible stores accept us-east-1).',
    fix: 'set it to the bucket’s region, such as eu-west-1',
    readBy: ['hub'],
  }),
  S3_ENDPOINT: variable({
    schema: httpUrl().optional(),
    about:
      'The S3-compatible store’s address, for stores other than Amazon S3 (MinIO, Cloudflare R2, Garage, Ceph).',
    fix: 'set it to the store’s http:// or https:// address, or unset it for Amazon S3',
    readBy: ['hub'],
    example: 'https://s3.example.org',
  }),
  S3_FORCE_PATH_STYLE: variable({
    schema: flag().default('false'),
    about:
      '`true` addresses the bucket in the path (`/bucket/key`), as most self-hosted stores need.',
    fix: 'set it to true or false',
    readBy: ['hub'],
  }),
  S3_ACCESS_KEY_ID: variable({
    schema: z.string().trim().min(1, 'must not be empty').optional(),
    about:
      'The store’s access key. Unset, the AWS SDK’s own chain applies (an instance role, AWS_* variables).',
    fix: 'set it with S3_SECRET_ACCESS_KEY, or unset both',
    readBy: ['hub'],
    secret: true,
  }),
  S3_SECRET_ACCESS_KEY: variable({
    schema: z.string().trim().min(1, 'must not be empty').optional(),
    about: 'The secret of S3_ACCESS_KEY_ID.',
    fix: 'set it with S3_ACCESS_KEY_ID, or unset both',
    readBy: ['hub'],
    secret: true,
  }),
  PG_BIN_DIR: variable({
    schema: z
      .string()
      .regex(/^(\/|[A-Za-z]:[\\/])/, 'must be an absolute path to a folder')
      .optional(),
    about:
      'A folder with pg_dump and pg_restore of the server’s version or newer, for backups and restores.',
    fix: 'set it to an absolute folder such as /usr/lib/postgresql/17/bin, or unset it',
    readBy: ['hub'],
    example: '/usr/lib/postgresql/17/bin',
  }),
  EMBEDDED_PG_DIR: variable({
    schema: z.string().trim().min(1, 'must name a folder').optional(),
    about:
      'Where the embedded PostgreSQL keeps its data when DATABASE_URL is unset (default .data/postgres; as root in a folder other users cannot enter, such as /root, a folder of the project’s own under /var/lib/alliance-knowledge-hub, which the server’s `postgres` user can reach).',
    fix: 'set it to a folder, or unset it',
    readBy: ['hub'],
  }),
  HUB_CONFIG_ONLY: variable({
    schema: flag().default('false'),
    about: 'Set by `npm run generate`: the config is loaded to generate files, nothing is served.',
    fix: 'unset it',
    readBy: ['hub'],
    internal: true,
  }),
  NEXT_PHASE: variable({
    schema: z.string().optional(),
    about: 'Set by Next while it builds.',
    fix: 'unset it',
    readBy: ['hub'],
    internal: true,
  }),
  INIT_CWD: variable({
    schema: z.string().optional(),
    about:
      'Set by npm: the folder `npm run` was called from (backup and restore paths are taken from it).',
    fix: 'unset it',
    readBy: ['hub'],
    internal: true,
  }),
  HUB_PARTNER_API_BUILT: variable({
    schema: z.string().optional(),
    about: 'Set by the test suite once it has bundled the partner API for `npm run start:api`.',
    fix: 'unset it',
    readBy: ['api'],
    internal: true,
  }),
}

type Variables = typeof VARIABLES
export type Env = { -readonly [K in keyof Variables]: z.output<Variables[K]['schema']> }

/** `next build` and the code generators load the config without serving anything: no secret needed. */
export const configOnly = (source: NodeJS.ProcessEnv = process.env) =>
  source.NEXT_PHASE === 'phase-production-build' || source.HUB_CONFIG_ONLY === 'true'

/** One line per problem: the variable, what is wrong, the fix; a secret's value is never shown. */
export const parseEnv = (
  source: NodeJS.ProcessEnv,
  kind?: ProcessKind,
): { ok: true; env: Env } | { ok: false; problems: string[] } => {
  const problems: string[] = []
  const values: Record<string, unknown> = {}
  for (const [name, v] of Object.entries(VARIABLES) as [string, Variable][]) {
    const raw = source[name] === '' ? undefined : source[name]
    const result = v.schema.safeParse(raw)
    const shown = raw === undefined ? '' : v.secret ? ' (value hidden)' : `=${JSON.stringify(raw)}`
    if (!result.success) {
      problems.push(
        `${name}${shown} ${result.error.issues[0]?.message ?? 'is not valid'}. Fix: ${v.fix}.`,
      )
    } else if (
      result.data === undefined &&
      kind &&
      v.requiredBy?.includes(kind) &&
      !(name === 'PAYLOAD_SECRET' && configOnly(source))
    ) {
      problems.push(
        `${name} is not set, and ${kind === 'api' ? 'the partner API' : 'the hub'} needs it. Fix: ${v.fix}.`,
      )
    } else {
      values[name] = result.data
    }
  }
  if (Boolean(values.S3_ACCESS_KEY_ID) !== Boolean(values.S3_SECRET_ACCESS_KEY)) {
    problems.push(
      `${values.S3_ACCESS_KEY_ID ? 'S3_SECRET_ACCESS_KEY' : 'S3_ACCESS_KEY_ID'} is not set, and the other is. Fix: set S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY together, or neither.`,
    )
  }
  return problems.length ? { ok: false, problems } : { ok: true, env: values as Env }
}

/** A process cannot run with a bad value: say which and stop, without a stack trace. */
const stop = (problems: string[]): never => {
  console.error(problems.map((problem) => `Environment: ${problem}`).join('\n'))
  process.exit(2)
}

let loaded: Env | undefined
const load = () => {
  if (!loaded) {
    const result = parseEnv(process.env)
    loaded = result.ok ? result.env : stop(result.problems)
  }
  return loaded
}

/**
 * The parsed variables, read on first use (so that launchers and tests can set them before) and
 * then kept: a value never changes under a running process. Tests may assign to it.
 */
export const env: Env = new Proxy({} as Env, {
  get: (_, name) => load()[name as keyof Env],
  set: (_, name, value) => {
    ;(load() as Record<string | symbol, unknown>)[name] = value
    return true
  },
})

/**
 * Where a process holds sessions on the primary (LISTEN, advisory locks, named prepared statements):
 * DATABASE_SESSION_URL, else DATABASE_URL. A pooler in transaction mode would share those sessions.
 */
export const sessionDatabaseUrl = (): string | undefined =>
  env.DATABASE_SESSION_URL ?? env.DATABASE_URL

/** Checks the variables `kind` needs at its start, so that a bad value stops it before it does anything. */
export const checkEnv = (kind: ProcessKind): Env => {
  const result = parseEnv(process.env, kind)
  if (!result.ok) return stop(result.problems)
  loaded ??= result.env
  return loaded
}
