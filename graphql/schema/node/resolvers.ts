// Global object identification: `node(id:)` and the types behind the Node interface and unions.
import { createGraphQLError } from 'graphql-yoga'

import { env } from '../../../src/env'
import type { Resolvers } from '../../generated/resolvers'
import { readDraft } from '../../preview/draft'
import { readPreview } from '../../../src/preview/token'
import { PREVIEWABLE } from '../../../src/servedKinds'
import { fromGlobalId, type NodeType } from '../../../src/ids'
import type { Kind } from '../../sql/entities'
import { typeOfRecord } from '../shared'

const KIND_OF_TYPE: Record<Exclude<NodeType, 'Term'>, Kind> = {
  Resource: 'resource',
  WorkingGroup: 'group',
  Webinar: 'event',
  NewsPost: 'news',
  Newsletter: 'newsletter',
  Organisation: 'organisation',
  Person: 'person',
  Standard: 'standard',
  Translation: 'translation',
}
const TERM_KINDS: Kind[] = ['topic', 'theme', 'audience', 'publicationType']

const resolveType = (record: unknown) => typeOfRecord(record as Record<string, unknown>) as never

export const nodeResolvers: Resolvers = {
  Query: {
    node: (_, args, ctx) => {
      const { type, id, qualifier } = fromGlobalId(args.id)
      if (type === 'Term') {
        const kind = TERM_KINDS.find((k) => k === qualifier)
        return kind ? ctx.loaders.one(kind, id) : null
      }
      return ctx.loaders.one(KIND_OF_TYPE[type], id)
    },
    preview: async (_, args, ctx) => {
      const refuse = (message: string) =>
        createGraphQLError(message, { extensions: { code: 'PREVIEW_TOKEN_INVALID' } })
      ctx.noStore()
      if (ctx.previewToken === null) {
        throw refuse(
          'A preview needs the token of an editor’s Preview click, in the X-Preview-Token header.',
        )
      }
      const read = readPreview(ctx.previewToken, env.PAYLOAD_SECRET)
      if ('problem' in read) throw refuse(read.problem)
      const { type, id } = fromGlobalId(args.id)
      if (PREVIEWABLE[read.claim.collection] !== type || read.claim.id !== id) {
        throw refuse('The preview token is for another document.')
      }
      const draft = await readDraft(read.claim.collection, read.claim.id)
      if (!draft) return null
      // The draft's body, for Resource.body, instead of the published one.
      return (draft.body ? { ...draft.data, previewBody: draft.body } : draft.data) as never
    },
  },
  Node: { __resolveType: resolveType },
  NewsletterTarget: { __resolveType: resolveType },
}
