// Applies the committed migrations (src/migrations) and fails loudly if any is left pending: for
// `npm run migrate`, and for the seed, which needs the tables (a fresh clone's `npm run seed`).
import type { Payload } from 'payload'

import { migrations } from '../migrations'

/** Applies what is pending; returns how many migrations the database has. */
export const applyMigrations = async (payload: Payload): Promise<number> => {
  await payload.db.migrate({ migrations: migrations as never })
  const { docs } = await payload.find({
    collection: 'payload-migrations',
    limit: 0,
    pagination: false,
  })
  const applied = new Set(docs.map((d) => d.name))
  const pending = migrations.filter((m) => !applied.has(m.name)).map((m) => m.name)
  if (pending.length)
    throw new Error(`Migrations still pending after migrate: ${pending.join(', ')}`)
  return migrations.length
}
