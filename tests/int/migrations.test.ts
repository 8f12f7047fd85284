// The committed migrations build an empty database to exactly what the config describes.
import { getPayload, type Payload } from 'payload'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest'

import config from '../../payload.config'
import { migrations } from '../../src/migrations'

const name = `hub_migrations_${process.pid}`
let payload: Payload
let admin: pg.Client

beforeAll(async () => {
  admin = new pg.Client({ connectionString: inject('adminDatabaseUrl') })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${name}`)
  const url = new URL(inject('adminDatabaseUrl'))
  url.pathname = `/${name}`
  // A separate Payload instance on the empty database (the key keeps it apart from the shared one).
  const sanitized = await config
  payload = await getPayload({
    config: { ...sanitized, db: { ...sanitized.db } } as typeof sanitized,
    key: name,
    disableOnInit: true,
  } as never)
  await payload.db.destroy?.()
  ;(payload.db as unknown as { poolOptions: { connectionString: string } }).poolOptions.connectionString = url.toString()
  await payload.db.connect?.()
})

afterAll(async () => {
  await payload?.db.destroy?.()
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
  await admin.end()
})

describe('migrations', () => {
  it('apply to an empty database and are all recorded', async () => {
    await payload.db.migrate({ migrations: migrations as never })
    const { docs } = await payload.find({ collection: 'payload-migrations', limit: 100 })
    expect(docs.map((d) => d.name).sort()).toEqual(migrations.map((m) => m.name).sort())
  })

  it('leave nothing between the database and the config (no migration forgotten)', async () => {
    const { pushSchema } = payload.db.requireDrizzleKit()
    const { statementsToExecute } = (await pushSchema(
      payload.db.schema,
      payload.db.drizzle,
      ['public'],
      undefined,
      undefined,
    )) as unknown as { statementsToExecute: string[] }
    expect(statementsToExecute).toEqual([])
  })
})
