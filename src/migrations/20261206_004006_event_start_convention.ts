import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

// Moves events whose start is known only to the day, month or approximately to the one rule of
// src/events/knownStart.ts: midnight, on the organiser's clock, of the day it names (the 1st for a
// month). The seed had stored UTC midnight of the date (the date is then the UTC date); the admin,
// the organiser's midnight (the date is the organiser's). A start at UTC midnight that is not the
// organiser's midnight is read the seed's way; any other, on the organiser's clock. Published rows
// and every version alike.
const convention = (table: string, column: (name: string) => string) => {
  const startsAt = column('starts_at')
  const zone = `coalesce(${column('startsat_tz')}::text, 'UTC')`
  const precision = column('precision')
  return sql.raw(`UPDATE ${table} e SET ${startsAt} = (
      CASE WHEN d.precision = 'month' THEN date_trunc('month', d.day::timestamp) ELSE d.day::timestamp END
    ) AT TIME ZONE d.zone
    FROM (SELECT id, ${precision}::text AS precision, ${zone} AS zone,
        CASE WHEN ${startsAt} = date_trunc('day', ${startsAt} AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'
              AND ${startsAt} <> date_trunc('day', ${startsAt} AT TIME ZONE ${zone}) AT TIME ZONE ${zone}
          THEN (${startsAt} AT TIME ZONE 'UTC')::date
          ELSE (${startsAt} AT TIME ZONE ${zone})::date END AS day
      FROM ${table} WHERE ${precision} <> 'exact' AND ${startsAt} IS NOT NULL) d
    WHERE d.id = e.id`)
}

export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(convention('events', (name) => name))
  await db.execute(convention('_events_v', (name) => `version_${name}`))
}

export async function down(_: MigrateDownArgs): Promise<void> {
  // Nothing to undo: the seed's convention cannot be told from the rule's once moved, and both
  // name the same days.
}
