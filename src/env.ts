// Every environment variable the hub reads, parsed once. Errors name the variable.
import { z } from 'zod'

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
  /** Public address of the hub, used in links in e-mails and the admin. */
  SERVER_URL: z.url().optional(),
  /** `true` only on a developer's own scratch database: schema changes without migrations. */
  PAYLOAD_DB_PUSH: z.enum(['true', 'false']).default('false'),
  /** The first admin account, created by the seed when both are set and no user exists yet. */
  HUB_ADMIN_EMAIL: z.email().optional(),
  HUB_ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
  /** Run scheduled publishing in this process (off in tests, which run jobs themselves). */
  HUB_RUN_JOBS: z.enum(['true', 'false']).default('true'),
})

const parsed = schema.safeParse(process.env)
if (!parsed.success) {
  const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')
  throw new Error(`Invalid environment:\n${problems}`)
}

export const env = parsed.data
