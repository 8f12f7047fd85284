// `npm run start:site`: the site alone, against any hub's partner API.
//   HUB_GRAPHQL_URL=https://hub.example.org/graphql SITE_URL=https://site.example.org npm run start:site
import { serve } from '@hono/node-server'

import { createSite } from './app'
import { parseSiteEnv } from './env'

const parsed = parseSiteEnv(process.env)
if (!parsed.ok) {
  console.error(parsed.problems.map((problem) => `Environment: ${problem}`).join('\n'))
  process.exit(2)
}
const env = parsed.env
const app = createSite({
  graphqlUrl: env.HUB_GRAPHQL_URL,
  siteUrl: env.SITE_URL,
  hubUrl: env.HUB_PUBLIC_URL,
  headers: env.HUB_API_KEY ? { authorization: `Bearer ${env.HUB_API_KEY}` } : undefined,
  onError: (error, path) =>
    console.error(`${new Date().toISOString()} error ${path}: ${error.message}`),
})
const server = serve({ fetch: app.fetch, port: env.PORT, hostname: env.HOST }, (info) => {
  console.log(
    `The Alliance's site is at http://${env.HOST}:${info.port}/ (reading ${env.HUB_GRAPHQL_URL})`,
  )
})
// Requests in flight may finish; connections left open (idle keep-alive) are closed with them.
const stop = () => {
  server.close(() => process.exit(0))
  if ('closeIdleConnections' in server) server.closeIdleConnections()
  setTimeout(() => process.exit(0), 10_000).unref()
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
