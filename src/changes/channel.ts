// What the change log announces on commit (src/changes/record.ts), for processes that listen
// (graphql/freshness.ts, src/ops/cdnPurge.ts). Kept apart from the writer so that listeners load
// nothing of Payload.

/** The PostgreSQL NOTIFY channel every change is announced on. */
export const CHANGES_CHANNEL = 'hub_changes'

/** One change: collection slug, document id, operation. */
export type AnnouncedChange = [collection: string, id: number, operation: 'upsert' | 'delete']

/** A notification's payload: the changes of one transaction, or "everything" when they were too many to list. */
export type ChangeNotice = { seq: number[]; changes: AnnouncedChange[] } | { all: true }

export const parseNotice = (payload: string | undefined): ChangeNotice => {
  try {
    const value = JSON.parse(payload ?? '') as Partial<{
      seq: number[]
      changes: AnnouncedChange[]
    }>
    if (Array.isArray(value.changes) && Array.isArray(value.seq)) {
      return { seq: value.seq, changes: value.changes }
    }
  } catch {
    // not ours: treated as "everything changed"
  }
  return { all: true }
}

/** The partner API's type for each collection whose records it serves. */
export const TYPE_OF_COLLECTION: Record<string, string> = {
  resources: 'Resource',
  translations: 'Translation',
  'working-groups': 'WorkingGroup',
  events: 'Webinar',
  news: 'NewsPost',
  newsletters: 'Newsletter',
  organisations: 'Organisation',
  people: 'Person',
  topics: 'Term',
  themes: 'Term',
  audiences: 'Term',
  'publication-types': 'Term',
  standards: 'Standard',
}

/** Terms of the four taxonomies share one type; their ids say which (as global ids do). */
const TERM_QUALIFIER: Record<string, string> = {
  topics: 'topic',
  themes: 'theme',
  audiences: 'audience',
  'publication-types': 'publicationType',
}

/** Tag naming every answer of the partner API (a purge of everything). */
export const ALL_TAG = 'hub'

/** The cache tag of one record, as answers carry it and purges name it: `Resource-12`, `Term-topic-3`. */
export const recordTag = (type: string, id: number | string, qualifier?: string) =>
  qualifier ? `${type}-${qualifier}-${id}` : `${type}-${id}`

/** The tags a change purges: the record's own, and its type's (listings that may now hold it). */
export const tagsOfNotice = (notice: ChangeNotice): string[] => {
  if ('all' in notice) return [ALL_TAG]
  const tags = new Set<string>()
  for (const [collection, id] of notice.changes) {
    const type = TYPE_OF_COLLECTION[collection]
    if (!type) continue
    tags.add(type)
    tags.add(recordTag(type, id, TERM_QUALIFIER[collection]))
  }
  return [...tags]
}
