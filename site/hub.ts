// The site's only way to the hub: the public partner API over HTTP, as any partner reads it.
// Operations go by hash over GET (Apollo's automatic persisted queries, which the hub speaks), so
// answers are cacheable by URL; on the first miss after a hub restart the text follows once.
import type { TypedDocumentNode } from '@graphql-typed-document-node/core'

import persisted from './generated/persisted-documents.json' with { type: 'json' }

const texts = persisted as Record<string, string>

/** An answer the hub refused: bad input from the visitor (a junk cursor, an overlong search) or not. */
export class HubError extends Error {
  constructor(
    message: string,
    /**
     * 400 when the hub blamed the input, 403 for a refused preview token, 429 when the visitor has
     * asked too often, 502 when the hub could not be read.
     */
    readonly status: 400 | 403 | 429 | 502,
    /** The hub's `extensions.reason`, when it gave one (a newsletter link's INVALID or EXPIRED). */
    readonly reason?: string,
    /** The input field the hub blamed (`extensions.field`). */
    readonly field?: string,
    /** With a 429: the hub's Retry-After, in seconds. */
    readonly retryAfter?: string,
  ) {
    super(message)
  }
}

type Answer<T> = {
  data?: T | null
  errors?: { message: string; extensions?: { code?: string; reason?: string; field?: string } }[]
  /** The response's Retry-After, carried to a 429's HubError. */
  retryAfter?: string
}

/** The answer's data, or its first error as a HubError. */
const dataOf = <T>(answer: Answer<T>): T => {
  const error = answer.errors?.[0]
  if (error) {
    const code = error.extensions?.code ?? ''
    const status =
      code === 'PREVIEW_TOKEN_INVALID'
        ? 403
        : code === 'RATE_LIMITED'
          ? 429
          : INPUT_CODES.has(code)
            ? 400
            : 502
    throw new HubError(
      error.message,
      status,
      error.extensions?.reason,
      error.extensions?.field,
      answer.retryAfter,
    )
  }
  if (!answer.data) throw new HubError('The hub answered without data', 502)
  return answer.data
}

const INPUT_CODES = new Set(['BAD_USER_INPUT', 'BAD_REQUEST'])

/** The GET that asks for an operation by its hash alone (what a cache sees once the hub knows it). */
export const persistedUrl = <T, V>(
  graphqlUrl: string,
  document: TypedDocumentNode<T, V>,
  variables: V,
) => {
  const key = (document as { __meta__?: { hash?: string } }).__meta__?.hash ?? ''
  const url = new URL(graphqlUrl)
  url.searchParams.set('variables', JSON.stringify(variables))
  url.searchParams.set(
    'extensions',
    JSON.stringify({ persistedQuery: { version: 1, sha256Hash: key.replace(/^sha256:/, '') } }),
  )
  return url
}

export type Hub = {
  query: <T, V extends Record<string, unknown>>(
    document: TypedDocumentNode<T, V>,
    variables: V,
    /** A preview token from the hub's admin: the answer is the draft it names, never cached. */
    previewToken?: string,
  ) => Promise<T>
  /**
   * An operation by POST with its text: never cached, never sent twice, nothing in the URL. For
   * mutations, and for queries that carry a reader's secret (a newsletter link's token).
   */
  post: <T, V extends Record<string, unknown>>(
    document: TypedDocumentNode<T, V>,
    variables: V,
    /** For this request alone, e.g. the visitor a sign-up counts against. */
    headers?: Record<string, string>,
  ) => Promise<T>
}

/** A client for the partner API at `graphqlUrl` (e.g. http://127.0.0.1:3000/graphql). */
export const createHub = (
  graphqlUrl: string,
  timeoutMs = 15_000,
  headers: Record<string, string> = {},
): Hub => {
  const send = async <T>(
    params: Record<string, string>,
    previewToken?: string,
    post?: { query: string; variables: unknown; headers?: Record<string, string> },
  ): Promise<Answer<T>> => {
    const url = new URL(graphqlUrl)
    for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value)
    let response: Response
    try {
      response = await fetch(url, {
        headers: {
          accept: 'application/graphql-response+json, application/json',
          ...headers,
          ...(previewToken ? { 'x-preview-token': previewToken } : {}),
          ...(post ? { ...post.headers, 'content-type': 'application/json' } : {}),
        },
        ...(post
          ? {
              method: 'POST',
              body: JSON.stringify({ query: post.query, variables: post.variables }),
            }
          : {}),
        signal: AbortSignal.timeout(timeoutMs),
      })
    } catch (error) {
      throw new HubError(`The hub did not answer (${(error as Error).name})`, 502)
    }
    const body = (await response.json().catch(() => undefined)) as Answer<T> | undefined
    if (!body) throw new HubError(`The hub answered ${response.status} without JSON`, 502)
    const retryAfter = response.headers.get('retry-after')
    return retryAfter ? { ...body, retryAfter } : body
  }

  return {
    query: async (document, variables, previewToken) => {
      const key = (document as { __meta__?: { hash?: string } }).__meta__?.hash
      const text = key ? texts[key] : undefined
      if (!key || !text) {
        throw new Error(
          'The operation is missing from persisted-documents.json: run npm run codegen',
        )
      }
      const params = Object.fromEntries(persistedUrl(graphqlUrl, document, variables).searchParams)
      let answer = await send<Awaited<ReturnType<Hub['query']>>>(params, previewToken)
      if (answer.errors?.some((e) => e.extensions?.code === 'PERSISTED_QUERY_NOT_FOUND')) {
        answer = await send({ ...params, query: text }, previewToken)
      }
      return dataOf(answer) as never
    },
    post: async (document, variables, extra) => {
      const key = (document as { __meta__?: { hash?: string } }).__meta__?.hash
      const query = key ? texts[key] : undefined
      if (!query) {
        throw new Error(
          'The operation is missing from persisted-documents.json: run npm run codegen',
        )
      }
      return dataOf(await send({}, undefined, { query, variables, headers: extra })) as never
    },
  }
}
