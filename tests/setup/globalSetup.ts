// One PostgreSQL server for the whole run (embedded unless DATABASE_URL is set), with a test
// database migrated and seeded exactly as `npm start` does it.
import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import type { TestProject } from 'vitest/node'

import { buildPartnerApi, PARTNER_API_BUNDLE } from '../../src/cli/buildApi'
import { startEmbeddedPostgres, type EmbeddedServer } from '../../src/db/embeddedPostgres'

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string
    adminDatabaseUrl: string
    payloadSecret: string
    /**
     * A copy of the seeded database that no other test file changes: for tests that read the
     * Alliance's records exactly as seeded (the site's pages). Its admin is admin@hub.test.
     */
    seededDatabaseUrl: string
    /** The password of admin@hub.test, the first admin in both databases. */
    adminPassword: string
  }
}

let server: EmbeddedServer | undefined
let tempDir: string | undefined

const runOrThrow = (label: string, command: string, args: string[], env: NodeJS.ProcessEnv) => {
  let result = spawnSync(command, args, { env, encoding: 'utf8' })
  // Exit 13 with no output: Node 20's module loader, off-thread under tsx, occasionally leaves the
  // entry module unsettled (seen only right after a cluster starts). One more try clears it.
  for (let retry = 0; retry < 2 && result.status === 13; retry++) {
    console.warn(`${label}: exited 13 without output, trying again`)
    result = spawnSync(command, args, { env, encoding: 'utf8' })
  }
  if (result.status !== 0) {
    throw new Error(
      `${label} failed (exit ${result.status ?? result.signal}):\n${result.stdout}\n${result.stderr}`,
    )
  }
}

/** A fresh database per run on the given server (earlier runs' test databases dropped). */
const freshDatabase = async (adminUrl: string, name: string) => {
  const client = new pg.Client({ connectionString: adminUrl })
  await client.connect()
  const { rows } = await client.query<{ datname: string }>(
    `SELECT datname FROM pg_database WHERE datname LIKE 'hub\\_test\\_%' OR datname LIKE 'hub\\_migrations\\_%'`,
  )
  for (const { datname } of rows) {
    await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(datname)} WITH (FORCE)`)
  }
  await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`)
  await client.end()
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  return url.toString()
}

export default async function setup(project: TestProject) {
  let adminUrl = process.env.DATABASE_URL
  if (!adminUrl) {
    tempDir = await fs.mkdtemp(path.join(os.tmpdir(), 'hub-test-'))
    await fs.chmod(tempDir, 0o755) // the server runs as `postgres` when we are root
    server = await startEmbeddedPostgres({ dataDir: path.join(tempDir, 'pg') })
    adminUrl = server.url('postgres')
  }
  const databaseUrl = await freshDatabase(adminUrl, `hub_test_${process.pid}`)
  const payloadSecret = randomBytes(32).toString('hex')
  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    PAYLOAD_SECRET: payloadSecret,
    HUB_RUN_JOBS: 'false',
  }
  // A first admin, as `npm start` makes one: otherwise whichever test signs up first would be
  // made admin (the first account is), and its role-specific assertions would depend on timing.
  const seedEnv = {
    ...env,
    HUB_ADMIN_EMAIL: 'admin@hub.test',
    HUB_ADMIN_PASSWORD: randomBytes(18).toString('base64url'),
  }
  runOrThrow('migrations', process.execPath, ['--import', 'tsx', 'src/cli/migrate.ts'], env)
  runOrThrow('seed', process.execPath, ['--import', 'tsx', 'seed/run.ts'], seedEnv)
  // The pristine copy, made before any test file runs (a template must have no other connection).
  const seededName = `hub_test_${process.pid}_seeded`
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  await admin.query(
    `CREATE DATABASE ${admin.escapeIdentifier(seededName)} TEMPLATE ${admin.escapeIdentifier(`hub_test_${process.pid}`)}`,
  )
  await admin.end()
  const seededUrl = new URL(adminUrl)
  seededUrl.pathname = `/${seededName}`
  // start:api's bundle, once for every test file that starts it (the workers inherit the variable).
  await buildPartnerApi()
  process.env.HUB_PARTNER_API_BUILT = PARTNER_API_BUNDLE

  project.provide('databaseUrl', databaseUrl)
  project.provide('adminDatabaseUrl', adminUrl)
  project.provide('payloadSecret', payloadSecret)
  project.provide('seededDatabaseUrl', seededUrl.toString())
  project.provide('adminPassword', seedEnv.HUB_ADMIN_PASSWORD)

  return async () => {
    await server?.stop()
    if (tempDir) await fs.rm(tempDir, { recursive: true, force: true })
  }
}
