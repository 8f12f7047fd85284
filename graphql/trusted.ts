// Trusted documents (src/partners/operations.ts): a key's partner may run its registered operations
// by hash alone, sent as Apollo's `extensions.persistedQuery.sha256Hash` or as `documentId`; a key
// set to "registered operations only" runs nothing else. Runs before the persisted-query plugins,
// which then see the text with its hash.
import { createGraphQLError, type Plugin } from 'graphql-yoga'

import { hashOf, operationHash } from '../src/partners/operations'
import { callerOf } from './caller'

const refused = (message: string) =>
  createGraphQLError(message, {
    extensions: { code: 'OPERATION_NOT_REGISTERED', http: { status: 403 } },
  })

/** The hash a request names its operation by, if it does. */
const hashIn = (params: { extensions?: Record<string, unknown>; documentId?: unknown }) => {
  const apollo = (params.extensions?.persistedQuery as { sha256Hash?: unknown } | undefined)
    ?.sha256Hash
  const id = params.documentId ?? apollo
  return typeof id === 'string' ? operationHash(id) : undefined
}

export const useRegisteredOperations = (): Plugin => ({
  onParams({ params, request, setParams }) {
    const key = callerOf.get(request)?.key
    if (!key || (!key.operations && !key.registeredOnly)) return
    const given = hashIn(params as Parameters<typeof hashIn>[0])
    // A registered operation sent as its full text is the same operation.
    const hash = given ?? (typeof params.query === 'string' ? hashOf(params.query) : undefined)
    const text = hash ? key.operations?.[hash] : undefined
    if (text !== undefined && (params.query === undefined || params.query === text)) {
      // The persisted-query plugins check the hash against the text: given bare, as they compute it.
      const extensions = params.extensions?.persistedQuery
        ? { ...params.extensions, persistedQuery: { version: 1, sha256Hash: hash } }
        : params.extensions
      setParams({ ...params, query: text, extensions })
      return
    }
    if (!key.registeredOnly) return
    if (!given) {
      throw refused(
        `This API key runs registered operations only: send the hash of one registered for ${key.partner} (extensions.persistedQuery.sha256Hash or documentId), not a query's text.`,
      )
    }
    throw refused(
      `No operation with the hash ${hash} is registered for ${key.partner}: register your build's persisted-documents.json with the Alliance (Partners › Registered operations).`,
    )
  },
})
