// Hubs on several machines started together (a deploy) each apply the migrations at start: on one
// empty database, two `npm run migrate` at once both succeed and every migration is applied once
// (src/db/applyMigrations.ts takes a lock on the primary while migrating).
import pg from 'pg'
import { afterAll, beforeAll, expect, it } from 'vitest'

import { migrations } from '../../src/migrations'
import { runCli } from '../helpers/cli'
import { type ScratchDatabase, scratchDatabase } from '../helpers/scratchDatabase'

let scratch: ScratchDatabase
let url: string

beforeAll(async () => {
  scratch = await scratchDatabase(`hub_migrate_together_${process.pid}`)
  url = scratch.url
})

afterAll(async () => {
  await scratch?.drop()
})

it('applies each migration once when two hubs migrate at the same time', async () => {
  const results = await Promise.all([
    runCli('migrate', [], { DATABASE_URL: url, DATABASE_SESSION_URL: undefined }),
    runCli('migrate', [], { DATABASE_URL: url, DATABASE_SESSION_URL: undefined }),
  ])
  for (const result of results) expect(result.code, result.output).toBe(0)
  const db = new pg.Client({ connectionString: url })
  await db.connect()
  try {
    const { rows } = await db.query<{ name: string; n: number }>(
      `SELECT name, count(*)::int AS n FROM payload_migrations GROUP BY name ORDER BY name`,
    )
    expect(rows).toEqual(
      migrations.map((m) => ({ name: m.name, n: 1 })).sort((a, b) => a.name.localeCompare(b.name)),
    )
  } finally {
    await db.end()
  }
}, 180_000)
