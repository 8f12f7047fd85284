// The committed migrations build an empty database to exactly what the config describes.
import fs from 'node:fs/promises'
import path from 'node:path'
import pg from 'pg'
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { migrations } from '../../src/migrations'

const migrationsDir = path.resolve('src/migrations')
const name = `hub_migrations_${process.pid}`
let payload: Payload
let admin: pg.Client

beforeAll(async () => {
  admin = new pg.Client({ connectionString: inject('adminDatabaseUrl') })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${name}`)
  const url = new URL(inject('adminDatabaseUrl'))
  url.pathname = `/${name}`
  // This file runs in its own process: point the config at the empty database before loading it.
  process.env.DATABASE_URL = url.toString()
  const [{ getPayload }, { default: config }] = await Promise.all([
    import('payload'),
    import('../../payload.config'),
  ])
  payload = await getPayload({ config })
})

// The database is dropped by the next run's global setup: Payload keeps its pool open until the
// process ends, so it cannot be dropped from here.
afterAll(async () => {
  await admin.end()
})

describe('migrations', () => {
  it('apply to an empty database and are all recorded', async () => {
    await payload.db.migrate({ migrations: migrations as never })
    const { docs } = await payload.find({ collection: 'payload-migrations', limit: 100 })
    expect(docs.map((d) => d.name).sort()).toEqual(migrations.map((m) => m.name).sort())
  })

  it('match the config: no schema change is missing a migration', async () => {
    // What `payload migrate:create` would write: the diff from the last committed snapshot.
    const { generateDrizzleJson, generateMigration } = payload.db.requireDrizzleKit()
    const snapshots = (await fs.readdir(migrationsDir)).filter((f) => f.endsWith('.json')).sort()
    const last = JSON.parse(await fs.readFile(path.join(migrationsDir, snapshots.at(-1)!), 'utf8'))
    const current = await generateDrizzleJson(payload.db.schema)
    expect(await generateMigration(last, current)).toEqual([])
  })
})
