// Global ids ("Resource:12" in base64url) and opaque cursors (the sort key of an item).
import { createGraphQLError } from 'graphql-yoga'

export const NODE_TYPES = [
  'Resource',
  'WorkingGroup',
  'Webinar',
  'NewsPost',
  'Newsletter',
  'Organisation',
  'Person',
  'Term',
  'Standard',
  'Translation',
] as const
export type NodeType = (typeof NODE_TYPES)[number]

export const toGlobalId = (type: NodeType, id: number | string, qualifier?: string) =>
  Buffer.from(qualifier ? `${type}:${qualifier}:${id}` : `${type}:${id}`).toString('base64url')

export const fromGlobalId = (
  globalId: string,
): { type: NodeType; id: number; qualifier?: string } => {
  const parts = Buffer.from(globalId, 'base64url').toString('utf8').split(':')
  const type = parts[0] as NodeType
  const id = Number(parts.at(-1))
  if (!NODE_TYPES.includes(type) || !Number.isInteger(id) || parts.length > 3) {
    throw createGraphQLError(`"${globalId}" is not an id of this API.`, {
      extensions: { code: 'BAD_USER_INPUT', argument: 'id' },
    })
  }
  return { type, id, qualifier: parts.length === 3 ? parts[1] : undefined }
}

export const encodeCursor = (values: unknown[]) =>
  Buffer.from(JSON.stringify(values)).toString('base64url')

export const decodeCursor = (cursor: string, length: number): unknown[] => {
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
    if (Array.isArray(values) && values.length === length) return values
  } catch {
    // fall through
  }
  throw createGraphQLError(
    '`after` is not a cursor of this listing: pass a `cursor` or `pageInfo.endCursor` from it.',
    {
      extensions: { code: 'BAD_USER_INPUT', argument: 'after' },
    },
  )
}
