// `npm run start:api`: the partner API on its own (no admin, no Next), for read replicas behind a
// load balancer. Stops cleanly on Ctrl-C / SIGTERM.
import { createServerAdapter } from '@whatwg-node/server'
import { createServer } from 'node:http'
import { z } from 'zod'

import { closePartnerPool } from './db'
import { createPartnerHandler } from './server'

const { PORT, HOST } = z
  .object({
    PORT: z.coerce.number().int().min(1).max(65535).default(4000),
    HOST: z.string().default('127.0.0.1'),
    DATABASE_URL: z.string({ error: 'is required: the partner API reads the hub’s database' }),
  })
  .parse(process.env)

const { handle } = createPartnerHandler()
const server = createServer(createServerAdapter(handle))
server.listen(PORT, HOST, () => {
  console.log(`Partner API at http://${HOST}:${PORT}/graphql (GraphiQL in a browser)`)
})

const stop = () => {
  server.close(() => void closePartnerPool().then(() => process.exit(0)))
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
