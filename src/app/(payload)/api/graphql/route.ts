// Payload's own GraphQL is for signed-in editors only. Partners use the partner API at /graphql;
// left open, this endpoint could be stalled by one anonymous query of nested fragments.
import config from '@payload-config'
import { GRAPHQL_POST, REST_OPTIONS } from '@payloadcms/next/routes'
import { getPayload } from 'payload'

const graphql = GRAPHQL_POST(config)

export const POST = async (request: Request) => {
  const payload = await getPayload({ config })
  const { user } = await payload.auth({ headers: request.headers })
  if (!user) {
    return Response.json(
      { errors: [{ message: 'Sign in to use the editors’ GraphQL; partner sites use /graphql.' }] },
      { status: 401 },
    )
  }
  // Its body limit and its turn among saves are the REST gate's (src/http/restGate.ts).
  return graphql(request)
}
export const OPTIONS = REST_OPTIONS(config)
