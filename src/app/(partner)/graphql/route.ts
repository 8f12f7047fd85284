// The partner API at /graphql, in the same process and port as the admin (see graphql/server.ts).
import { createPartnerYoga } from '../../../../graphql/server'

// Compression is left to the proxy in front: Next drops a route handler's Content-Encoding.
const yoga = createPartnerYoga({ compress: false })

const handle = (request: Request) => yoga.handleRequest(request, {})

export const GET = handle
export const POST = handle
export const OPTIONS = handle
