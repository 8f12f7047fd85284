// Payload's REST API answers anyone who may read, and takes `limit=0` (everything), `pagination=false`
// and `depth` up to 10 from them: one anonymous request could ask for the whole library with every
// relation inlined. Visitors who are not signed in get bounded pages; everyone gets a clean 404 for
// an id that cannot exist (Payload passed `abc` on to PostgreSQL, which answered 500).
import { type CollectionBeforeOperationHook, NotFound } from 'payload'

import { HubRefusal } from './refusal'

export const ANONYMOUS_MAX_LIMIT = 100
export const ANONYMOUS_MAX_DEPTH = 2
const MAX_PAGE = 100_000
/** Record ids are PostgreSQL `integer` serials. */
const MAX_ID = 2 ** 31 - 1

const isRecordId = (id: unknown) => {
  const n = typeof id === 'string' && /^[0-9]{1,10}$/.test(id) ? Number(id) : id
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= MAX_ID
}

const badParameter = (name: string, rule: string) => new HubRefusal(`${name}: ${rule}`, 400, name)

const inRange = (value: unknown, min: number, max: number) =>
  typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max

export const boundAnonymousReads: CollectionBeforeOperationHook = ({
  args,
  operation,
  overrideAccess,
  req,
}) => {
  // The Local API (seed, jobs, hooks, Payload's own sign-up) is trusted code that reads with
  // access overridden; only what a request asks for itself is bounded.
  if (req.payloadAPI === 'local' || overrideAccess) return args
  if ('id' in args && args.id !== undefined && !isRecordId(args.id)) throw new NotFound(req.t)
  const reading = operation === 'read' || operation === 'readDistinct'
  // Relations filled in for `depth` are reads too (`pagination: false`, with a `currentDepth`):
  // only the request's own read is bounded.
  const nested = 'currentDepth' in args && Boolean(args.currentDepth)
  if (!reading || nested) return args
  if ('page' in args && args.page !== undefined && !inRange(args.page, 1, MAX_PAGE)) {
    throw badParameter('page', `must be a whole number from 1 to ${MAX_PAGE}`)
  }
  if (req.user) return args
  const signIn = 'for visitors who are not signed in'
  if ('pagination' in args && args.pagination === false) {
    throw badParameter('pagination', `cannot be turned off ${signIn}: page with limit and page`)
  }
  if ('limit' in args && args.limit !== undefined && !inRange(args.limit, 1, ANONYMOUS_MAX_LIMIT)) {
    throw badParameter('limit', `must be a whole number from 1 to ${ANONYMOUS_MAX_LIMIT} ${signIn}`)
  }
  if ('depth' in args && args.depth !== undefined && !inRange(args.depth, 0, ANONYMOUS_MAX_DEPTH)) {
    throw badParameter('depth', `must be 0, 1 or ${ANONYMOUS_MAX_DEPTH} ${signIn}`)
  }
  return args
}
