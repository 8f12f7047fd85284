// The committed migrations build an empty database to exactly what the config describes.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs/promises'
import path from 'node:path'
import getPort from 'get-port'
import pg from 'pg'
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { readPublicRules } from '../../src/access/publicRules'
import { checkPartnerSql } from '../../graphql/sql/check'
import { ensurePartnerApi, partnerApiArgs } from '../../src/cli/buildApi'
import { migrations } from '../../src/migrations'
import { hub } from '../helpers/hub'

const migrationsDir = path.resolve('src/migrations')
const name = `hub_migrations_${process.pid}`
let url: string
let payload: Payload
let admin: pg.Client

/** Runs a script with tsx; once more when Node 20 exits 13 at start (see tests/setup/globalSetup.ts). */
/** Runs Node with `args` (a TypeScript file through tsx, or start:api's bundle), to its end. */
const runNode = (args: string[], env: Record<string, string>) => {
  const run = () =>
    spawnSync(process.execPath, args, {
      encoding: 'utf8',
      timeout: 120_000,
      env: { ...process.env, ...env },
    })
  const first = run()
  return first.status === 13 && !first.stdout && !first.stderr ? run() : first
}

/** A client on the empty database this file migrates. */
const onDatabase = async <T>(work: (db: pg.Client) => Promise<T>) => {
  const db = new pg.Client({ connectionString: url })
  await db.connect()
  try {
    return await work(db)
  } finally {
    await db.end()
  }
}

beforeAll(async () => {
  admin = new pg.Client({ connectionString: inject('adminDatabaseUrl') })
  await admin.connect()
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
  await admin.query(`CREATE DATABASE ${name}`)
  const address = new URL(inject('adminDatabaseUrl'))
  address.pathname = `/${name}`
  url = address.toString()
  // The config as the suite loads it (on the shared database): only its schema is compared here.
  // The migrations run as `npm run migrate` runs them, in a process of their own on the empty database.
  payload = await hub()
})

afterAll(async () => {
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
  await admin.end()
})

describe('migrations', () => {
  it('apply to an empty database and are all recorded', async () => {
    const run = runNode(['--import', 'tsx', 'src/cli/migrate.ts'], { DATABASE_URL: url })
    expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0)
    const { rows } = await onDatabase((db) =>
      db.query<{ name: string }>('SELECT name FROM payload_migrations'),
    )
    expect(rows.map((r) => r.name).sort()).toEqual(migrations.map((m) => m.name).sort())
  })

  it('match the config: no schema change is missing a migration', async () => {
    // What `payload migrate:create` would write: the diff from the last committed snapshot.
    const { generateDrizzleJson, generateMigration } = payload.db.requireDrizzleKit()
    const snapshots = (await fs.readdir(migrationsDir)).filter((f) => f.endsWith('.json')).sort()
    const last = JSON.parse(await fs.readFile(path.join(migrationsDir, snapshots.at(-1)!), 'utf8'))
    const current = await generateDrizzleJson(payload.db.schema)
    expect(await generateMigration(last, current)).toEqual([])
  })

  it('hold every column the partner API reads: each statement it can send plans', async () => {
    expect(await onDatabase((db) => checkPartnerSql(db, readPublicRules()))).toEqual([])
  })

  it('keep start:api from starting when a column its SQL reads is gone, and say which', async () => {
    // As if the field had been renamed in its collection and migrated, the SQL left as it was.
    await onDatabase((db) =>
      db.query('ALTER TABLE resources RENAME COLUMN publication_type_id TO kind_id'),
    )
    await ensurePartnerApi()
    const run = runNode(partnerApiArgs(), {
      DATABASE_URL: url,
      PORT: String(await getPort()),
      LOG_FORMAT: 'text',
      PARTNER_DATABASE_URL: '',
    })
    const output = `${run.stdout}\n${run.stderr}`
    expect(run.status, output).toBe(1)
    expect(output).toContain("The partner API's SQL (graphql/sql/) does not fit the database")
    expect(output).toMatch(
      /resources \(sort NEWEST\): page: column t\.publication_type_id does not exist/,
    )
    expect(output).toMatch(/resourceFacets: column t\.publication_type_id does not exist/)
    expect(output).not.toContain('Partner API at http')
  })
})
