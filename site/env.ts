// The variables of the site run alone (`npm run start:site`), declared as the hub declares its own
// (src/env.ts; the site imports nothing of the hub). `.env.example` lists them with the hub's.
import { z } from 'zod'

const httpUrl = (error = 'must be an http:// or https:// address') =>
  z.url({ protocol: /^https?$/, error })

export const SITE_VARIABLES = {
  HUB_GRAPHQL_URL: {
    schema: httpUrl('must be the http(s) address of a hub’s /graphql'),
    about: 'The hub’s partner API the site reads (required).',
    fix: 'set it to a hub’s partner API, e.g. https://hub.example.org/graphql',
    example: 'https://hub.example.org/graphql',
  },
  HUB_API_KEY: {
    schema: z
      .string()
      .regex(/^akh_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/, 'must be an API key of the hub (akh_…)')
      .optional(),
    about:
      'A key the hub’s admins made for the site (Partner access › API keys), sent with every request: the Alliance’s tier has no budget limit. Unset, the site reads anonymously, within an address’s budget.',
    fix: 'paste the key the hub’s admin showed when making it, or unset it',
    secret: true,
  },
  SITE_URL: {
    schema: httpUrl()
      .transform((url) => url.replace(/\/$/, ''))
      .optional(),
    about:
      'The site’s public address, for canonical links and the sitemap; the request’s own when unset.',
    fix: 'set it to the site’s address, e.g. https://www.example.org, or unset it',
    example: 'https://www.example.org',
  },
  HUB_PUBLIC_URL: {
    schema: httpUrl()
      .transform((url) => url.replace(/\/$/, ''))
      .optional(),
    about:
      'Where readers reach the hub (feeds, files), when it differs from HUB_GRAPHQL_URL’s server.',
    fix: 'set it to the hub’s public address, or unset it',
    example: 'https://hub.example.org',
  },
  PORT: {
    schema: z.coerce
      .number({ error: 'must be a port number' })
      .int()
      .min(1)
      .max(65535)
      .default(3100),
    about: 'The port the site listens on (3100).',
    fix: 'set it to a free port such as 3100, or unset it',
  },
  HOST: {
    schema: z.string().trim().min(1, 'must name an address').default('127.0.0.1'),
    about: 'The address the site listens on.',
    fix: 'set it to an address such as 127.0.0.1 or 0.0.0.0',
  },
} satisfies Record<
  string,
  { schema: z.ZodType; about: string; fix: string; example?: string; secret?: true }
>

type SiteEnv = {
  [K in keyof typeof SITE_VARIABLES]: z.output<(typeof SITE_VARIABLES)[K]['schema']>
}

/** The site's variables, or one line per bad one (the variable, the problem, the fix). */
export const parseSiteEnv = (
  source: NodeJS.ProcessEnv,
): { ok: true; env: SiteEnv } | { ok: false; problems: string[] } => {
  const problems: string[] = []
  const values: Record<string, unknown> = {}
  for (const [name, v] of Object.entries(SITE_VARIABLES)) {
    const raw = source[name] === '' ? undefined : source[name]
    const result = (v.schema as z.ZodType).safeParse(raw)
    if (result.success) values[name] = result.data
    else {
      const problem =
        raw === undefined
          ? 'is not set'
          : `${'secret' in v ? ' (value hidden)' : `=${JSON.stringify(raw)}`} ${result.error.issues[0]?.message}`
      problems.push(`${name}${raw === undefined ? ' ' : ''}${problem}. Fix: ${v.fix}.`)
    }
  }
  return problems.length ? { ok: false, problems } : { ok: true, env: values as SiteEnv }
}
