// Translators translate; editors decide what partners see. Every way of changing a document's
// publication — publish, "Publish changes", unpublish (one or in bulk), a scheduled publish that
// runs as the translator who queued it, restoring a version, or a save that skips the draft — goes
// through an operation with these arguments, so the rule holds in the admin, REST, bulk actions,
// jobs and GraphQL alike. The refusal says which right is missing.
import type { CollectionBeforeOperationHook } from 'payload'

import { hasRole } from '../access/roles'
import { HubRefusal } from './refusal'

export const publishingRefused = (action: string) =>
  new HubRefusal(
    `Translators cannot ${action}: publishing is an editor's right. Save your work with "Save draft"; ` +
      `an editor, an admin or a group editor of the document's working groups publishes it.`,
    403,
  )

export const keepTranslatorsToDrafts: CollectionBeforeOperationHook = async ({
  args,
  collection,
  operation,
  req,
}) => {
  if (!hasRole(req.user, 'translator')) return args
  const { data, draft, id } = args as {
    data?: { _status?: unknown }
    draft?: boolean
    id?: unknown
  }
  const status = data?._status
  if (operation === 'restoreVersion') throw publishingRefused('restore an earlier version')
  if (operation === 'create') {
    if (status === 'published') throw publishingRefused('publish')
    // A duplicate takes its status from the original: what a translator creates is a draft.
    return { ...args, draft: true }
  }
  if (operation !== 'update') return args
  if (status === 'published') throw publishingRefused('publish')
  if (draft) return args
  if (status === 'draft') throw publishingRefused('unpublish')
  // A save that skips the draft writes the published document itself (when there is one).
  if (id === undefined) throw publishingRefused('change documents in bulk without saving drafts')
  const current = await req.payload.db.findOne<{ id: number; _status?: string }>({
    collection: collection.slug,
    where: { id: { equals: id } },
    req,
  })
  if (current?._status === 'published') throw publishingRefused('change the published version')
  return args
}
