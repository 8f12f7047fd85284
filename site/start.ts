// `npm run start:site`: the site alone, against any hub's partner API.
//   HUB_GRAPHQL_URL=https://hub.example.org/graphql SITE_URL=https://site.example.org npm run start:site
import { serve } from '@hono/node-server'
import { z } from 'zod'

import { createSite } from './app'

const parsed = z
  .object({
    HUB_GRAPHQL_URL: z.url({
      protocol: /^https?$/,
      error: 'must be the hub’s http(s) address of /graphql',
    }),
    SITE_URL: z.url({ protocol: /^https?$/ }).optional(),
    HUB_PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
    PORT: z.coerce.number().int().min(1).max(65535).default(3100),
    HOST: z.string().default('127.0.0.1'),
  })
  .safeParse(process.env)
if (!parsed.success) {
  console.error(
    `Invalid environment: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
  )
  process.exit(2)
}
const env = parsed.data
const app = createSite({
  graphqlUrl: env.HUB_GRAPHQL_URL,
  siteUrl: env.SITE_URL?.replace(/\/$/, ''),
  hubUrl: env.HUB_PUBLIC_URL?.replace(/\/$/, ''),
  onError: (error, path) =>
    console.error(`${new Date().toISOString()} error ${path}: ${error.message}`),
})
const server = serve({ fetch: app.fetch, port: env.PORT, hostname: env.HOST }, (info) => {
  console.log(
    `The Alliance's site is at http://${env.HOST}:${info.port}/ (reading ${env.HUB_GRAPHQL_URL})`,
  )
})
const stop = () => server.close(() => process.exit(0))
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
