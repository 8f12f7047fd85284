// Webhook deliveries are queued here, in the transaction of the change they announce
// (src/changes/record.ts calls this right after writing the change log): a delivery exists exactly
// when its change does, and a crash before the send loses nothing (the outbox pattern). One row per
// active webhook that follows the change, with its webhook-id and body fixed now, so that every
// retry, and a send after a restart, carries the same id.
//
// One INSERT … SELECT whatever the number of changes and webhooks; with no active webhook it
// inserts nothing. The filters are Payload's `hasMany` select tables (webhooks_events, …): an
// empty list means everything.
import { sql, type SQL } from '@payloadcms/db-postgres/drizzle'

import type { LoggedChange } from '../changes/change'
import type { Execute } from '../db/transaction'
import { eventOf } from './events'

/** Whether the webhook `w` lists `value` in the hasMany select table `table`, or lists nothing. */
const follows = (table: string, value: SQL) =>
  sql`(NOT EXISTS (SELECT 1 FROM ${sql.identifier(table)} f WHERE f.parent_id = w.id)
    OR EXISTS (SELECT 1 FROM ${sql.identifier(table)} f WHERE f.parent_id = w.id AND ${value}))`

export const queueWebhookDeliveries = async (
  execute: Execute,
  changes: LoggedChange[],
): Promise<void> => {
  const rows = changes.flatMap((change) => {
    const event = eventOf(change)
    if (!event) return []
    const locales =
      change.locales === null
        ? sql`NULL::varchar[]`
        : sql`ARRAY[${sql.join(
            change.locales.map((l) => sql`${l}`),
            sql`, `,
          )}]::varchar[]`
    return [
      sql`(${change.seq}::bigint, ${change.collection}::varchar, ${change.operation}::varchar,
        ${locales}, ${event.type}::varchar, ${JSON.stringify(event)}::jsonb)`,
    ]
  })
  if (!rows.length) return
  await execute(sql`
    INSERT INTO webhook_deliveries
      (webhook_id, message_id, event_type, seq, body, status, attempts, next_attempt_at)
    SELECT w.id, 'msg_' || replace(gen_random_uuid()::text, '-', ''), c.event_type, c.seq, c.body,
      'pending', 0, now()
    FROM webhooks w
    CROSS JOIN (VALUES ${sql.join(rows, sql`, `)})
      AS c(seq, collection, operation, locales, event_type, body)
    WHERE w.active
      AND ${follows('webhooks_events', sql`f.value::text = c.operation`)}
      AND ${follows('webhooks_collections', sql`f.value::text = c.collection`)}
      AND (c.locales IS NULL OR ${follows('webhooks_languages', sql`f.value::text = ANY (c.locales)`)})
    ORDER BY c.seq, w.id`)
}
