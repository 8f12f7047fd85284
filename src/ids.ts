// Global ids ("Resource:12" in base64url) and opaque cursors (a listing's tag and the sort key of an
// item). Both come from strangers: anything that is not exactly what this API made is BAD_USER_INPUT,
// before it reaches SQL.
import { createHash } from 'node:crypto'
import { createGraphQLError } from 'graphql-yoga'

import { SERVED_TYPES, type ServedType } from './servedKinds'

/** The partner API's types of record (src/servedKinds.ts). */
export const NODE_TYPES = SERVED_TYPES
export type NodeType = ServedType

/** Record ids are PostgreSQL `integer` serials: 1 … 2^31-1, written in decimal. */
const MAX_ID = 2 ** 31 - 1
const DECIMAL_ID = /^[1-9][0-9]{0,9}$/
const QUALIFIER = /^[a-zA-Z]{1,40}$/

export const toGlobalId = (type: NodeType, id: number | string, qualifier?: string) =>
  Buffer.from(qualifier ? `${type}:${qualifier}:${id}` : `${type}:${id}`).toString('base64url')

const notAnId = (globalId: string) =>
  createGraphQLError(
    `id: ${JSON.stringify(globalId.slice(0, 100))} is not an id of this API: pass an \`id\` it returned.`,
    { extensions: { code: 'BAD_USER_INPUT', argument: 'id' } },
  )

export const fromGlobalId = (
  globalId: string,
): { type: NodeType; id: number; qualifier?: string } => {
  if (globalId.length > 200) throw notAnId(globalId)
  const parts = Buffer.from(globalId, 'base64url').toString('utf8').split(':')
  const type = parts[0] as NodeType
  const digits = parts.at(-1) ?? ''
  const qualifier = parts.length === 3 ? parts[1] : undefined
  if (
    !NODE_TYPES.includes(type) ||
    parts.length < 2 ||
    parts.length > 3 ||
    (qualifier !== undefined && !QUALIFIER.test(qualifier)) ||
    !DECIMAL_ID.test(digits) ||
    Number(digits) > MAX_ID ||
    // Only the spelling this API writes: base64url decoding skips what it does not know, so
    // "UmVz!b3VyY2U6MTI" or one with padding would otherwise name Resource:12 too.
    toGlobalId(type, digits, qualifier) !== globalId
  ) {
    throw notAnId(globalId)
  }
  return { type, id: Number(digits), qualifier }
}

/** A short tag naming a listing's order: a cursor is valid only in the listing that made it. */
export const cursorTag = (parts: string[]) =>
  createHash('sha256').update(parts.join('\u0000')).digest('base64url').slice(0, 10)

export const encodeCursor = (tag: string, values: unknown[]) =>
  Buffer.from(JSON.stringify([tag, ...values])).toString('base64url')

const MAX_CURSOR = 2000

export const badCursor = () =>
  createGraphQLError(
    '`after` is not a cursor of this listing and order: pass a `cursor` or `pageInfo.endCursor` it returned.',
    { extensions: { code: 'BAD_USER_INPUT', argument: 'after' } },
  )

export const decodeCursor = (cursor: string, tag: string, length: number): (string | null)[] => {
  if (cursor.length <= MAX_CURSOR) {
    try {
      const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
      if (
        Array.isArray(values) &&
        values.length === length + 1 &&
        values[0] === tag &&
        values.slice(1).every((v) => v === null || (typeof v === 'string' && v.length <= 500))
      ) {
        return values.slice(1) as (string | null)[]
      }
    } catch {
      // fall through
    }
  }
  throw badCursor()
}
