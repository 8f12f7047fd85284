// What a webhook announces: one event per change of the change log, named after the partner API's
// type (`resource.upsert`, `webinar.delete`, `term.upsert`…) and carrying the record's global id
// in that API, so that a receiver can fetch it with `node(id:)`. The body is fixed when the delivery
// is queued: every retry sends the same JSON under the same webhook-id.
import { type NodeType, toGlobalId } from '../../graphql/ids'
import type { LoggedChange } from '../changes/record'

type Target = { type: NodeType; qualifier?: string; label: string }

/**
 * The collections a webhook can follow, as the partner API serves them. Media is not here: a
 * replaced file is announced through the published records that use it (the change log logs
 * those with it).
 */
export const WEBHOOK_COLLECTIONS: Record<string, Target> = {
  resources: { type: 'Resource', label: 'Resources' },
  translations: { type: 'Translation', label: 'Translations (language editions)' },
  'working-groups': { type: 'WorkingGroup', label: 'Working groups' },
  events: { type: 'Webinar', label: 'Events and webinars' },
  news: { type: 'NewsPost', label: 'News' },
  newsletters: { type: 'Newsletter', label: 'Newsletters' },
  organisations: { type: 'Organisation', label: 'Organisations' },
  people: { type: 'Person', label: 'People' },
  standards: { type: 'Standard', label: 'CPMS standards' },
  topics: { type: 'Term', qualifier: 'topic', label: 'Topics' },
  themes: { type: 'Term', qualifier: 'theme', label: 'Themes' },
  audiences: { type: 'Term', qualifier: 'audience', label: 'Audiences' },
  'publication-types': { type: 'Term', qualifier: 'publicationType', label: 'Publication types' },
}

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
  const target = WEBHOOK_COLLECTIONS[change.collection]
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
