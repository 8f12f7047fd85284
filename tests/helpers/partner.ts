// Talks to the partner API through yoga's own fetch (a real HTTP Request and Response, no port).
import { createPartnerHandler, type PartnerOptions } from '../../graphql/server'

export const partnerApi = (options: PartnerOptions = {}) => {
  const { handle, close, usage, persisted, shortcutsServed } = createPartnerHandler({
    exposeStatementCount: true,
    responseCache: false,
    listen: false,
    ...options,
  })
  // What the routes serve: yoga behind the request guard.
  const yoga = { fetch: (url: string, init?: RequestInit) => handle(new Request(url, init)) }
  const post = async (
    query: string,
    variables: Record<string, unknown> = {},
    headers: Record<string, string> = {},
  ) => {
    const response = await yoga.fetch('http://hub.test/graphql', {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Accept: 'application/graphql-response+json',
        ...headers,
      },
      body: JSON.stringify({ query, variables }),
    })
    const body = (await response.json()) as {
      data?: any
      errors?: { message: string; extensions?: Record<string, unknown> }[]
    }
    return {
      status: response.status,
      body,
      headers: response.headers,
      statements: Number(response.headers.get('x-sql-statements')),
    }
  }
  /** Writes the usage this handler has counted (graphql/usage.ts). */
  const flush = async () => usage?.flush()
  return { yoga, post, close, flush, usage, persisted, shortcutsServed }
}
