// A change to what anonymous readers can see, as the change log holds it (src/changes/table.ts):
// written by src/changes/record.ts, announced by webhooks (src/webhooks/) and read by sync.

export type Change = {
  collection: string
  docId: number
  operation: 'upsert' | 'delete'
  /** Locales whose texts changed; null for all of them. */
  locales: string[] | null
}

/** A change as written: its sequence number and time. */
export type LoggedChange = Change & { seq: number; changedAt: string }
