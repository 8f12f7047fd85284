// The partner API at /graphql, in the same process and port as the admin (see graphql/server.ts).
import { partnerHandler } from '../partnerHandler'

const handle = (request: Request) => partnerHandler().handle(request)

export const GET = handle
export const POST = handle
export const OPTIONS = handle
export const HEAD = handle
