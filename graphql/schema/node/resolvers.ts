// Global object identification: `node(id:)` and the types behind the Node interface and unions.
import type { Resolvers } from '../../generated/resolvers'
import { fromGlobalId, type NodeType } from '../../ids'
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
  },
  Node: { __resolveType: resolveType },
  NewsletterTarget: { __resolveType: resolveType },
}
