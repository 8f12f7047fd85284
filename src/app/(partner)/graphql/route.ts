// The partner API at /graphql, in the same process and port as the admin (see graphql/server.ts).
import { createPartnerHandler } from '../../../../graphql/server'

// Compression is left to the proxy in front: Next drops a route handler's Content-Encoding.
const { handle } = createPartnerHandler({ compress: false })

export const GET = handle
export const POST = handle
export const OPTIONS = handle
export const HEAD = handle
