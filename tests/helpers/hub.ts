// What integration tests need: the real Payload on the test database, users of each role, and
// Payload's real REST and GraphQL handlers called with real Request objects.
import { REST_DELETE, REST_GET, REST_PATCH, REST_POST } from '@payloadcms/next/routes'
import { randomUUID } from 'node:crypto'
import { getPayload, type Payload } from 'payload'

import config from '../../payload.config'
import { POST as graphqlRoute } from '../../src/app/(payload)/api/graphql/route'
import type { Role } from '../../src/access/roles'
import type { User } from '../../src/payload-types'

export const hub = (): Promise<Payload> => getPayload({ config })

export const unique = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`

export type TestUser = { user: User & { collection: 'users' }; token: string }

/** A user of the given role (group editors get `groups`), signed in. */
export const makeUser = async (role: Role, groups: number[] = []): Promise<TestUser> => {
  const payload = await hub()
  const email = `${unique(role)}@test.example`
  const password = 'a long test password'
  await payload.create({ collection: 'users', data: { email, password, name: role, role, groups } })
  const { user, token } = await payload.login({ collection: 'users', data: { email, password } })
  return { user: { ...(user as User), collection: 'users' }, token: token! }
}

const handlers = {
  GET: REST_GET(config),
  POST: REST_POST(config),
  PATCH: REST_PATCH(config),
  DELETE: REST_DELETE(config),
}

type RestOptions = {
  token?: string
  body?: unknown
  headers?: Record<string, string>
}

/** One call to Payload's REST API as a real Request; the raw Response (for files). */
export const restResponse = async (
  method: keyof typeof handlers,
  path: string,
  options: RestOptions = {},
) => {
  const url = new URL(`http://hub.test/api${path}`)
  const slug = url.pathname
    .replace(/^\/api\//, '')
    .split('/')
    .map(decodeURIComponent)
  const form = options.body instanceof FormData
  const request = new Request(url, {
    method,
    headers: {
      ...(options.body && !form ? { 'Content-Type': 'application/json' } : {}),
      ...(options.token ? { Authorization: `JWT ${options.token}` } : {}),
      ...options.headers,
    },
    body: form
      ? (options.body as FormData)
      : options.body
        ? JSON.stringify(options.body)
        : undefined,
  })
  return handlers[method](request, { params: Promise.resolve({ slug }) })
}

/** One call to Payload's REST API, e.g. rest('GET', '/resources?locale=fr'). */
export const rest = async (
  method: keyof typeof handlers,
  path: string,
  options: RestOptions = {},
) => {
  const response = await restResponse(method, path, options)
  return { status: response.status, body: (await response.json()) as Record<string, any> }
}

/** One query to Payload's own GraphQL endpoint (/api/graphql), through the app's route. */
export const graphql = async (
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
) => {
  const response = await graphqlRoute(
    new Request('http://hub.test/api/graphql', {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        ...(token ? { Authorization: `JWT ${token}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
    }),
  )
  return {
    status: response.status,
    body: (await response.json()) as { data?: any; errors?: { message: string }[] },
  }
}
