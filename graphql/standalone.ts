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
const adapter = createServerAdapter(handle)
const server = createServer((req, res) => {
  // An absolute-form or `*` request target cannot become a URL here: refused before the adapter,
  // which would answer 500 with its stack.
  if (!req.url?.startsWith('/')) {
    res.writeHead(400, { 'Content-Type': 'application/json', Connection: 'close' })
    res.end(
      JSON.stringify({
        errors: [{ message: 'Bad request target.', extensions: { code: 'BAD_REQUEST' } }],
      }),
    )
    return
  }
  void adapter(req, res)
})
server.listen(PORT, HOST, () => {
  console.log(`Partner API at http://${HOST}:${PORT}/graphql (GraphiQL in a browser)`)
})

const stop = () => {
  server.close(() => void closePartnerPool().then(() => process.exit(0)))
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
