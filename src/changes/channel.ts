// What the change log announces on commit (src/changes/record.ts), for processes that listen
// (src/changes/listener.ts, src/ops/cdnPurge.ts). Kept apart from the writer so that listeners load
// nothing of Payload.
import { servedAs } from '../servedKinds'

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
    const served = servedAs(collection)
    if (!served) continue
    tags.add(served.type)
    tags.add(recordTag(served.type, id, served.qualifier))
  }
  return [...tags]
}
