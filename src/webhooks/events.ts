// What a webhook announces: one event per change of the change log, named after the partner API's
// type (`resource.upsert`, `webinar.delete`, `term.upsert`…) and carrying the record's global id
// in that API, so that a receiver can fetch it with `node(id:)`. The body is fixed when the delivery
// is queued: every retry sends the same JSON under the same webhook-id.
import { toGlobalId } from '../ids'
import { SERVED, SERVED_COLLECTIONS, servedAs } from '../servedKinds'
import type { LoggedChange } from '../changes/change'

/**
 * The collections a webhook can follow: every kind the partner API serves (src/servedKinds.ts),
 * with the labels editors see. Media is not one: a replaced file is announced through the
 * published records that use it (the change log logs those with it).
 */
export const WEBHOOK_COLLECTIONS = SERVED_COLLECTIONS.map((value) => ({
  value,
  label: SERVED[value].label,
}))

export const WEBHOOK_OPERATIONS = [
  { label: 'Published or changed (upsert)', value: 'upsert' },
  { label: 'Unpublished or deleted (delete)', value: 'delete' },
] as const

export type WebhookEvent = {
  type: string
  timestamp: string
  data: {
    collection: string
    id: string
    operation: 'upsert' | 'delete'
    locales: string[] | null
    seq: number
  }
}

const lowerFirst = (name: string) => name.charAt(0).toLowerCase() + name.slice(1)

/** The event a change announces, or null when no webhook follows its collection (media). */
export const eventOf = (change: LoggedChange): WebhookEvent | null => {
  const target = servedAs(change.collection)
  if (!target) return null
  return {
    type: `${lowerFirst(target.type)}.${change.operation}`,
    timestamp: change.changedAt,
    data: {
      collection: change.collection,
      id: toGlobalId(target.type, change.docId, target.qualifier),
      operation: change.operation,
      locales: change.locales,
      seq: change.seq,
    },
  }
}
