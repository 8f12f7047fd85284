// Applies the committed migrations (src/migrations) and fails loudly if any is left pending: for
// `npm run migrate`, and for the seed, which needs the tables (a fresh clone's `npm run seed`).
import pg from 'pg'
import type { Payload } from 'payload'

import { sessionDatabaseUrl } from '../env'
import { migrations } from '../migrations'

/** Held while migrating or seeding at start ('MIGR', 1). */
export const MIGRATIONS_LOCK: [number, number] = [0x4d494752, 1]

/**
 * Runs `work` holding a session lock on the primary: hubs started together on several machines (a
 * deploy) migrate (and seed an empty database) one after the other, and the later ones find nothing
 * to do. Without it both would run the same migration, and one would fail half-way.
 */
export const oneAtATime = async <T>(work: () => Promise<T>): Promise<T> => {
  const connectionString = sessionDatabaseUrl()
  if (!connectionString) return work()
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: 5000 })
  await client.connect()
  try {
    await client.query('SELECT pg_advisory_lock($1, $2)', MIGRATIONS_LOCK)
    return await work()
  } finally {
    // The lock goes with the session.
    await client.end().catch(() => undefined)
  }
}

/** Applies what is pending; returns how many migrations the database has. */
export const applyMigrations = async (payload: Payload): Promise<number> => {
  await oneAtATime(() => payload.db.migrate({ migrations: migrations as never }))
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
