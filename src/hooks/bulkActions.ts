// Bulk actions of the list view (Edit, Publish, Unpublish, Delete on selected rows) act on every
// selected record or on none. Payload applies a bulk action to the records the user's rule allows
// and skips the rest without a word ("Updated 1 Resource successfully" for three selected); here
// the whole action is refused instead, naming the records outside the user's rights. And since the
// admin's list reads `docs` from any answer to a bulk action (an answer without it showed "An
// unknown error has occurred."), refusals of bulk actions carry an empty `docs`.
import type { AfterErrorHook, CollectionBeforeOperationHook, Where } from 'payload'

import { HubRefusal } from './refusal'
import { refusalMessage } from './explainRefusals'

const actionOf = (operation: 'update' | 'delete', data: unknown) => {
  if (operation === 'delete') return 'delete'
  const status = (data as { _status?: unknown } | undefined)?._status
  return status === 'published' ? 'publish' : status === 'draft' ? 'unpublish' : 'change'
}

const quoted = (titles: string[]) =>
  titles
    .slice(0, 3)
    .map((title) => `“${title}”`)
    .join(', ') + (titles.length > 3 ? ` and ${titles.length - 3} more` : '')

export const refusePartialBulkActions: CollectionBeforeOperationHook = async ({
  args,
  collection,
  operation,
  req,
}) => {
  if ((operation !== 'update' && operation !== 'delete') || !req.user) return args
  const { id, where, data, draft, overrideAccess } = args as {
    id?: unknown
    where?: Where
    data?: unknown
    draft?: boolean
    overrideAccess?: boolean
  }
  if (id !== undefined || !where || overrideAccess) return args
  const rule = collection.access[operation]
  const answer = rule ? await rule({ req, data }) : true
  // true: all of them; false: Payload refuses the whole action itself (src/hooks/explainRefusals.ts).
  if (typeof answer !== 'object' || answer === null) return args
  const titleField = collection.admin?.useAsTitle ?? 'id'
  const common = {
    collection: collection.slug as 'resources',
    depth: 0,
    draft,
    overrideAccess: true,
    pagination: false,
    req,
  } as const
  const selected = await req.payload.find({
    ...common,
    where,
    select: { [titleField]: true } as never,
  })
  const allowed = await req.payload.find({
    ...common,
    where: { and: [where, answer] },
    select: {} as never,
  })
  type Row = Record<string, unknown> & { id: number | string }
  const mine = new Set((allowed.docs as Row[]).map((doc) => doc.id))
  const refused = (selected.docs as Row[]).filter((doc) => !mine.has(doc.id))
  if (refused.length === 0) return args
  const action = actionOf(operation, data)
  const plural = String(collection.labels?.plural ?? collection.slug).toLowerCase()
  const titles = refused.map((doc) => String(doc[titleField] ?? `id ${doc.id}`))
  throw new HubRefusal(
    `${refused.length} of the ${selected.docs.length} selected ${plural} ` +
      `${refused.length === 1 ? 'is' : 'are'} outside what you may ${action} (${quoted(titles)}), ` +
      `so nothing was changed. ${await refusalMessage(collection, operation, req, action)}`,
    403,
  )
}

/** Last of the afterError hooks: a refused bulk action answers in the shape the list reads. */
export const answerBulkRefusalsAsLists: AfterErrorHook = ({ req, collection, result }) => {
  if (!collection || (req.method !== 'PATCH' && req.method !== 'DELETE')) return
  const path = new URL(req.url ?? '/', 'http://hub').pathname
  if (path !== `${req.payload.config.routes.api}/${collection.slug}`) return
  const body = (result ?? {}) as { errors?: { message?: string }[]; message?: string }
  return {
    response: {
      ...body,
      docs: [],
      message: body.message ?? body.errors?.[0]?.message ?? 'Nothing was changed.',
    },
  }
}
