// `npm run backup` and `npm run restore`, run as the commands they are: a hub with the seed, a new
// resource and its files is backed up, restored into a new database and media folder, and found
// identical, row for row, sequence for sequence and byte for byte. A restore refuses a non-empty
// target (unless --force) and a damaged backup, before it changes anything.
import { createHash, randomUUID } from 'node:crypto'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import type { Payload } from 'payload'
import * as tar from 'tar'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { runCli as runScript } from '../helpers/cli'
import { installPgTools } from '../../src/ops/pgTools'

const id = `${process.pid}_${randomUUID().slice(0, 6)}`
// `hub_test_…`: whatever is left behind is dropped by the next run's global setup.
const databaseName = (role: string) => `hub_test_backup_${id}_${role}`

let admin: pg.Client
let payload: Payload
let tempDir: string
let sourceUrl: string
let sourceMedia: string
let backupFile: string

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
)
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n' +
    'xref\n0 3\n0000000000 65535 f \ntrailer << /Size 3 /Root 1 0 R >>\nstartxref\n0\n%%EOF\n',
)

const createDatabase = async (role: string) => {
  const name = databaseName(role)
  await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(name)}`)
  const url = new URL(inject('adminDatabaseUrl'))
  url.pathname = `/${name}`
  return url.toString()
}

/** One of the CLIs, as `npm run backup`/`restore` runs it once the database is there. */
const runCli = (
  script: 'backup' | 'restore',
  args: string[],
  env: { DATABASE_URL: string; MEDIA_DIR: string; PG_BIN_DIR?: string },
) => runScript(script, args, { PG_BIN_DIR: undefined, ...env })

/**
 * Everything a database holds, comparably: every table of `public` (rows as JSON, in a fixed
 * order), every sequence's position, and the definitions of columns, indexes and constraints.
 */
const contents = async (url: string) => {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const { rows: tables } = await client.query<{ name: string }>(
      `SELECT relname AS name FROM pg_class
        WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace ORDER BY 1`,
    )
    const rows: Record<string, unknown[]> = {}
    for (const { name } of tables) {
      const table = `public.${client.escapeIdentifier(name)}`
      const result = await client.query<{ rows: unknown[] }>(
        `SELECT coalesce(json_agg(t ORDER BY t::text), '[]') AS rows FROM ${table} t`,
      )
      rows[name] = result.rows[0]!.rows
    }
    const sequences = await client.query(
      `SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public' ORDER BY 1`,
    )
    const columns = await client.query(
      `SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default
         FROM information_schema.columns WHERE table_schema = 'public' ORDER BY 1, 2`,
    )
    const indexes = await client.query(
      `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1`,
    )
    const constraints = await client.query(
      `SELECT conrelid::regclass::text AS on, conname, pg_get_constraintdef(oid) AS def
         FROM pg_constraint WHERE connamespace = 'public'::regnamespace ORDER BY 1, 2`,
    )
    return {
      rows,
      sequences: sequences.rows,
      schema: { columns: columns.rows, indexes: indexes.rows, constraints: constraints.rows },
    }
  } finally {
    await client.end()
  }
}

/** Every file under `dir` with its bytes (empty when the folder does not exist). */
const filesIn = async (dir: string): Promise<Record<string, Buffer>> => {
  const names = await fs.readdir(dir, { recursive: true }).catch(() => [] as string[])
  const files: Record<string, Buffer> = {}
  for (const name of names.sort()) {
    const file = path.join(dir, name)
    if ((await fs.stat(file)).isFile()) files[name] = await fs.readFile(file)
  }
  return files
}

/** Where an entry's bytes start in an (uncompressed) tar archive. */
const entryOffset = (archive: Buffer, entry: string) => {
  let offset = 0
  while (offset + 512 <= archive.length && archive[offset] !== 0) {
    const name = archive
      .subarray(offset, offset + 100)
      .toString('utf8')
      .replace(/\0.*$/s, '')
    const size = parseInt(archive.subarray(offset + 124, offset + 136).toString('utf8'), 8)
    if (name === entry) return { start: offset + 512, size }
    offset += 512 + Math.ceil(size / 512) * 512
  }
  throw new Error(`${entry} not found in the archive`)
}

const copyWith = async (name: string, change: (bytes: Buffer) => Buffer) => {
  const file = path.join(tempDir, name)
  await fs.writeFile(file, change(await fs.readFile(backupFile)))
  return file
}

beforeAll(async () => {
  admin = new pg.Client({ connectionString: inject('adminDatabaseUrl') })
  await admin.connect()
  tempDir = await fs.mkdtemp(path.join(os.tmpdir(), 'hub-backup-test-'))
  sourceMedia = path.join(tempDir, 'source-media')
  backupFile = path.join(tempDir, 'hub.tar')
  sourceUrl = await createDatabase('source')
  // As the README says to, once per machine: backups themselves fetch nothing.
  await installPgTools(() => undefined)

  // This file runs in its own process: a hub of its own (database and media folder), so that
  // other test files writing meanwhile cannot make the two sides differ.
  process.env.DATABASE_URL = sourceUrl
  process.env.MEDIA_DIR = sourceMedia
  const [{ getPayload }, { default: config }, { migrations }, { runSeed }, { seedData }] =
    await Promise.all([
      import('payload'),
      import('../../payload.config'),
      import('../../src/migrations'),
      import('../../seed/seed'),
      import('../../seed/data'),
    ])
  payload = await getPayload({ config })
  await payload.db.migrate({ migrations: migrations as never })
  await runSeed(payload, seedData)

  const upload = (data: Buffer, name: string, mimetype: string) =>
    payload.create({
      collection: 'media',
      data: { alt: 'Cover' },
      file: { data, name, mimetype, size: data.length },
    })
  const cover = await upload(PNG, 'backup-cover.png', 'image/png')
  const attachment = await upload(PDF, 'backup-guide.pdf', 'application/pdf')
  const resource = await payload.create({
    collection: 'resources',
    data: {
      title: 'Backed-up guide',
      _status: 'published',
      cover: cover.id,
      files: [attachment.id],
    },
  })
  await payload.update({
    collection: 'resources',
    id: resource.id,
    locale: 'fr',
    data: { title: 'Guide sauvegardé' },
  })
  await payload.create({
    collection: 'users',
    data: {
      email: 'backup@test.example',
      password: 'a long test password',
      name: 'Backup',
      role: 'editor',
    },
  })
  // Backups take whatever is in the folder, at any depth.
  await fs.mkdir(path.join(sourceMedia, 'notes'), { recursive: true })
  await fs.writeFile(path.join(sourceMedia, 'notes', 'kept.txt'), 'kept as is\n')
}, 180_000)

// The source database is left to the next run's global setup: Payload keeps its pool open until
// the process ends.
afterAll(async () => {
  for (const role of ['restored', 'refused', 'damaged']) {
    await admin
      .query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(databaseName(role))} WITH (FORCE)`)
      .catch(() => {}) // left to the next run's global setup
  }
  await admin?.end()
  if (tempDir) await fs.rm(tempDir, { recursive: true, force: true })
})

describe('backup and restore', () => {
  let restoredUrl: string
  let restoredMedia: string

  it('uploads into MEDIA_DIR', async () => {
    expect(Object.keys(await filesIn(sourceMedia)).sort()).toEqual([
      'backup-cover.png',
      'backup-guide.pdf',
      path.join('notes', 'kept.txt'),
    ])
  })

  it('brings back every table, sequence and file', async () => {
    const backup = await runCli('backup', ['--out', backupFile], {
      DATABASE_URL: sourceUrl,
      MEDIA_DIR: sourceMedia,
    })
    expect(backup.output).toContain('Backup written')
    expect(backup.code).toBe(0)

    restoredUrl = await createDatabase('restored')
    restoredMedia = path.join(tempDir, 'restored-media')
    const restore = await runCli('restore', [backupFile], {
      DATABASE_URL: restoredUrl,
      MEDIA_DIR: restoredMedia,
    })
    expect(restore.output).toContain('all as in the backup')
    expect(restore.code).toBe(0)

    const [source, restored] = await Promise.all([contents(sourceUrl), contents(restoredUrl)])
    expect(Object.keys(restored.rows).length).toBeGreaterThan(50)
    expect(restored.rows.media).toHaveLength(2)
    expect(restored.rows.users).toHaveLength(1)
    expect(JSON.stringify(restored.rows.resources_locales)).toContain('Guide sauvegardé')
    for (const table of Object.keys(source.rows)) {
      expect(restored.rows[table], table).toEqual(source.rows[table])
    }
    expect(restored).toEqual(source)
    expect(await filesIn(restoredMedia)).toEqual(await filesIn(sourceMedia))
  }, 180_000)

  it('refuses a database or a media folder that is not empty, unless --force', async () => {
    const before = await contents(restoredUrl)
    const emptyMedia = path.join(tempDir, 'never-written')
    const overDatabase = await runCli('restore', [backupFile], {
      DATABASE_URL: restoredUrl,
      MEDIA_DIR: emptyMedia,
    })
    expect(overDatabase.code).not.toBe(0)
    expect(overDatabase.output).toMatch(/database is not empty[\s\S]*--force/)
    expect(await contents(restoredUrl)).toEqual(before)
    expect(await filesIn(emptyMedia)).toEqual({})

    const emptyUrl = await createDatabase('refused')
    const busyMedia = path.join(tempDir, 'busy-media')
    await fs.mkdir(busyMedia)
    await fs.writeFile(path.join(busyMedia, 'own.pdf'), PDF)
    const overMedia = await runCli('restore', [backupFile], {
      DATABASE_URL: emptyUrl,
      MEDIA_DIR: busyMedia,
    })
    expect(overMedia.code).not.toBe(0)
    expect(overMedia.output).toMatch(/MEDIA_DIR .*busy-media is not empty[\s\S]*--force/)
    expect((await contents(emptyUrl)).rows).toEqual({})
    expect(Object.keys(await filesIn(busyMedia))).toEqual(['own.pdf'])

    // --force replaces both: a changed database and a stray file are gone afterwards.
    const client = new pg.Client({ connectionString: restoredUrl })
    await client.connect()
    await client.query(`DELETE FROM resources_locales WHERE title = 'Guide sauvegardé'`)
    await client.query('CREATE TABLE stray (id int)')
    await client.end()
    await fs.writeFile(path.join(restoredMedia, 'stray.png'), PNG)
    const forced = await runCli('restore', [backupFile, '--force'], {
      DATABASE_URL: restoredUrl,
      MEDIA_DIR: restoredMedia,
    })
    expect(forced.output).toContain('all as in the backup')
    expect(forced.code).toBe(0)
    expect(await contents(restoredUrl)).toEqual(await contents(sourceUrl))
    expect(await filesIn(restoredMedia)).toEqual(await filesIn(sourceMedia))
  }, 180_000)

  it('refuses a damaged or truncated backup before changing anything', async () => {
    const archive = await fs.readFile(backupFile)
    const dump = entryOffset(archive, 'database.pgdump')
    const media = entryOffset(archive, 'media/backup-guide.pdf')
    const flip = (at: number) => (bytes: Buffer) => {
      const copy = Buffer.from(bytes)
      copy[at] = copy[at]! ^ 0xff
      return copy
    }
    const cases = [
      {
        file: await copyWith('flipped-dump.tar', flip(dump.start + Math.floor(dump.size / 2))),
        says: /database\.pgdump does not match its checksum/,
      },
      {
        file: await copyWith('flipped-media.tar', flip(media.start + 3)),
        says: /media\/backup-guide\.pdf does not match its checksum/,
      },
      {
        file: await copyWith('truncated.tar', (bytes) => bytes.subarray(0, dump.start + 1000)),
        says: /truncated\.tar is not a complete hub backup/,
      },
      {
        file: await copyWith('foreign.tar', () => Buffer.from('not a backup at all\n')),
        says: /foreign\.tar is not a complete hub backup/,
      },
    ]
    const targetUrl = await createDatabase('damaged')
    const targetMedia = path.join(tempDir, 'damaged-media')
    for (const { file, says } of cases) {
      const result = await runCli('restore', [file, '--force'], {
        DATABASE_URL: targetUrl,
        MEDIA_DIR: targetMedia,
      })
      expect(result.code, file).not.toBe(0)
      expect(result.output, file).toMatch(says)
      expect(result.output, file).toContain('nothing was changed')
      expect((await contents(targetUrl)).rows, file).toEqual({})
      expect(await fs.readdir(tempDir), file).not.toContain('damaged-media')
    }
  }, 180_000)

  it('undoes a restore that fails midway: the previous hub is kept', async () => {
    // A backup whose checksums match but whose dump has a damaged table near its end (as a faulty
    // disk could make it before the backup was hashed): pg_restore fails after creating tables.
    const unpacked = path.join(tempDir, 'damaged-inside')
    await fs.mkdir(unpacked)
    await tar.x({ file: backupFile, cwd: unpacked })
    const dumpFile = path.join(unpacked, 'database.pgdump')
    const dump = await fs.readFile(dumpFile)
    for (let at = dump.length - 3000; at < dump.length - 2990; at++) dump[at] = dump[at]! ^ 0xff
    await fs.writeFile(dumpFile, dump)
    const manifest = JSON.parse(await fs.readFile(path.join(unpacked, 'manifest.json'), 'utf8'))
    manifest.database.sha256 = createHash('sha256').update(dump).digest('hex')
    await fs.writeFile(path.join(unpacked, 'manifest.json'), JSON.stringify(manifest))
    const damagedInside = path.join(tempDir, 'damaged-inside.tar')
    await tar.c({ file: damagedInside, cwd: unpacked }, [
      'manifest.json',
      'database.pgdump',
      'media',
    ])

    // The hub has changed since the backup: those changes must survive the failed restore.
    const client = new pg.Client({ connectionString: restoredUrl })
    await client.connect()
    await client.query(
      `UPDATE resources_locales SET title = 'Changed since' WHERE title = 'Guide sauvegardé'`,
    )
    await fs.writeFile(path.join(restoredMedia, 'since.pdf'), PDF)
    const before = await contents(restoredUrl)
    const files = await filesIn(restoredMedia)
    expect(JSON.stringify(before.rows.resources_locales)).toContain('Changed since')
    expect(Object.keys(files)).toContain('since.pdf')

    const result = await runCli('restore', [damagedInside, '--force'], {
      DATABASE_URL: restoredUrl,
      MEDIA_DIR: restoredMedia,
    })
    expect(result.code).not.toBe(0)
    expect(result.output).toMatch(/pg_restore failed[\s\S]*could not uncompress data/)
    expect(result.output).toContain('the database and the media folder are as they were')
    expect(await contents(restoredUrl)).toEqual(before)
    expect(await filesIn(restoredMedia)).toEqual(files)
    const { rows } = await client.query(
      `SELECT nspname FROM pg_namespace WHERE nspname LIKE '%before\\_restore%'`,
    )
    await client.end()
    expect(rows).toEqual([])
    expect(await fs.readdir(restoredMedia)).not.toContainEqual(expect.stringMatching(/restoring/))
  }, 180_000)

  it('says beforehand whether a backup can run, and the fix for each thing that keeps it from running', async () => {
    const ready = await runCli('backup', ['--check'], {
      DATABASE_URL: sourceUrl,
      MEDIA_DIR: sourceMedia,
    })
    expect(ready.code, ready.output).toBe(0)
    expect(ready.output).toMatch(/✔ Database: PostgreSQL 1\d/)
    expect(ready.output).toMatch(/✔ Tools: pg_dump 17\.\d+ .*from \.tools\//)
    expect(ready.output).toMatch(/✔ Media: \d+ files? in /)
    expect(ready.output).toContain('A backup can run.')

    const closed = new URL(sourceUrl)
    closed.port = '1'
    const broken = await runCli('backup', ['--check'], {
      DATABASE_URL: closed.toString(),
      MEDIA_DIR: sourceMedia,
      PG_BIN_DIR: path.join(tempDir, 'no-such-tools'),
    })
    expect(broken.code).toBe(1)
    expect(broken.output).toMatch(/✖ Database: .*ECONNREFUSED/)
    expect(broken.output).toMatch(/✖ Tools: .*no-such-tools.*PG_BIN_DIR/s)
    expect(broken.output).toContain('A backup cannot run yet.')
  })

  it('leaves no file behind when a backup fails, and says why', async () => {
    // Client tools older than the server, as an old system package would be.
    const oldTools = path.join(tempDir, 'old-tools')
    await fs.mkdir(oldTools)
    for (const name of ['pg_dump', 'pg_restore']) {
      await fs.writeFile(
        path.join(oldTools, name),
        '#!/bin/sh\necho "pg_dump (PostgreSQL) 15.8"\n',
        {
          mode: 0o755,
        },
      )
    }
    const outDir = path.join(tempDir, 'failed-backups')
    const result = await runCli('backup', ['--out', path.join(outDir, 'hub.tar')], {
      DATABASE_URL: sourceUrl,
      MEDIA_DIR: sourceMedia,
      PG_BIN_DIR: oldTools,
    })
    expect(result.code).not.toBe(0)
    expect(result.output).toMatch(
      /15\.8 \(from PG_BIN_DIR=.*old-tools\) is too old for PostgreSQL 1\d/,
    )
    expect(await fs.readdir(outDir)).toEqual([])
  })
})
