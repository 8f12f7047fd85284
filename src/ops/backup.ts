// Backups of a hub in one file, and the way back. A backup is a tar archive:
//
//   manifest.json     what the file holds, with a SHA-256 of everything else (see `manifestSchema`)
//   database.pgdump   pg_dump's custom format, without owners or privileges
//   media/…           every file under MEDIA_DIR, as Payload stored them
//
// Nothing is left half-done. A backup is written beside its name, read back and checked, then
// renamed. A restore checks every checksum, and that the database and the media folder are empty
// (unless `force`), before it changes either; it then moves what they hold aside (schemas renamed,
// files moved), puts the backup's files in place and restores the database in one transaction. If
// anything fails, what was moved aside is put back; only a finished restore deletes it.
//
// The database's connection reaches pg_dump and pg_restore through PG* variables, never their
// arguments, which other users of the machine can read.
import { createHash, randomBytes } from 'node:crypto'
import { createReadStream } from 'node:fs'
import fs from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import * as tar from 'tar'
import { z } from 'zod'

import { type PgTool, type PgTools, pgTools, PgToolsError, runCollecting } from './pgTools'

export class BackupError extends Error {}

/**
 * For the CLIs: Ctrl-C or SIGTERM stops pg_dump or pg_restore and lets the clean-up run (a partial
 * file removed, a restore rolled back), instead of exiting at once.
 */
export const abortOnSignals = () => {
  const controller = new AbortController()
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    // Ctrl-C reaches this process more than once (from the terminal, and relayed by npm and
    // tsx): every one after the first is ignored, so that the clean-up runs to its end.
    process.on(signal, () => controller.abort(new BackupError(`stopped by ${signal}`)))
  }
  return controller.signal
}

type Log = (line: string) => void

const FORMAT = 'alliance-knowledge-hub-backup'
const FORMAT_VERSION = 1
const MANIFEST = 'manifest.json'
const DUMP = 'database.pgdump'
const MEDIA = 'media'

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 in hexadecimal')
const count = z.number().int().min(0)

/** A media file's path inside MEDIA_DIR: relative, `/`-separated, no `.` or `..` parts. */
const mediaPath = z
  .string()
  .min(1)
  .refine(
    (p) => p.split('/').every((part) => part !== '' && part !== '.' && part !== '..'),
    'must be a relative path inside the media folder',
  )

export const manifestSchema = z.object({
  format: z.literal(FORMAT, { error: `must be "${FORMAT}" (this is not a hub backup)` }),
  formatVersion: z.literal(FORMAT_VERSION, {
    error: `must be ${FORMAT_VERSION}: the backup was made by another version of the hub`,
  }),
  createdAt: z.iso.datetime(),
  hubVersion: z.string(),
  database: z.object({
    serverVersion: z.string(),
    serverVersionNum: z.number().int().positive(),
    pgDumpVersion: z.string(),
    /** The schemas the dump creates (a hub uses `public` only). */
    schemas: z.array(z.string().min(1)).min(1),
    size: count,
    sha256,
    /** Rows per table (`schema.table`), counted in the snapshot pg_dump dumped. */
    rowCounts: z.record(z.string(), count),
  }),
  media: z.object({
    files: z.array(z.object({ path: mediaPath, size: count, sha256 })),
  }),
})

export type Manifest = z.infer<typeof manifestSchema>

// ——— Small helpers ———

/** A path as people read it: relative when inside the working directory. */
const shown = (file: string) => {
  const relative = path.relative(process.cwd(), file)
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file
}

/** 1234567 → "1.2 MB" */
export const formatBytes = (bytes: number) => {
  const units = ['bytes', 'kB', 'MB', 'GB', 'TB']
  let value = bytes
  let unit = 0
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000
    unit++
  }
  return unit === 0 ? `${bytes} bytes` : `${value.toFixed(1)} ${units[unit]}`
}

const formatCount = (n: number) => n.toLocaleString('en-US')

const plural = (n: number, one: string, many = `${one}s`) =>
  `${formatCount(n)} ${n === 1 ? one : many}`

/** The major version in `server_version_num` (170010 → 17) or a pg_dump version line. */
const majorOf = (versionNum: number) => Math.floor(versionNum / 10000)
const toolMajorOf = (version: string) => Number(/\(PostgreSQL\) (\d+)/.exec(version)?.[1] ?? 0)

const describeTools = (tools: PgTools) =>
  `${tools.version.replace(' (PostgreSQL)', '')} from ${tools.source}`

const hashFile = (file: string): Promise<{ size: number; sha256: string }> =>
  new Promise((resolve, reject) => {
    const hash = createHash('sha256')
    let size = 0
    createReadStream(file)
      .on('data', (chunk) => {
        hash.update(chunk)
        size += chunk.length
      })
      .on('error', reject)
      .on('end', () => resolve({ size, sha256: hash.digest('hex') }))
  })

const hubVersion = async () => {
  const text = await fs.readFile(path.join(PROJECT_ROOT, 'package.json'), 'utf8')
  return z.object({ version: z.string() }).parse(JSON.parse(text)).version
}

const exists = (file: string) =>
  fs.stat(file).then(
    () => true,
    () => false,
  )

// ——— The database connection ———

/** Query parameters of DATABASE_URL that libpq's variables can carry. */
const URL_PARAMETERS: Record<string, string> = {
  host: 'PGHOST',
  sslmode: 'PGSSLMODE',
  sslrootcert: 'PGSSLROOTCERT',
  sslcert: 'PGSSLCERT',
  sslkey: 'PGSSLKEY',
  application_name: 'PGAPPNAME',
  options: 'PGOPTIONS',
}

/** DATABASE_URL as libpq's PG* variables, for pg_dump and pg_restore. */
export const connectionEnv = (databaseUrl: string): Record<string, string> => {
  let url: URL
  try {
    url = new URL(databaseUrl)
  } catch {
    throw new BackupError('DATABASE_URL: is not a postgres:// connection string.')
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new BackupError('DATABASE_URL: must start with postgres:// or postgresql://.')
  }
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''))
  if (!database) throw new BackupError('DATABASE_URL: names no database (postgres://…/name).')
  const env: Record<string, string> = { PGDATABASE: database }
  if (url.hostname) env.PGHOST = decodeURIComponent(url.hostname.replace(/^\[(.*)\]$/, '$1'))
  if (url.port) env.PGPORT = url.port
  if (url.username) env.PGUSER = decodeURIComponent(url.username)
  if (url.password) env.PGPASSWORD = decodeURIComponent(url.password)
  for (const [key, value] of url.searchParams) {
    const variable = URL_PARAMETERS[key]
    if (!variable) {
      throw new BackupError(
        `DATABASE_URL: the parameter "${key}" is not supported by backups and restores ` +
          `(supported: ${Object.keys(URL_PARAMETERS).join(', ')}).`,
      )
    }
    env[variable] = value
  }
  return env
}

const connect = async (databaseUrl: string) => {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect().catch((error: Error) => {
    throw new BackupError(`Cannot connect to the database (DATABASE_URL): ${error.message}`)
  })
  return client
}

const serverVersion = async (client: pg.Client) => {
  const { rows } = await client.query<{ version: string; num: string }>(
    `SELECT current_setting('server_version') AS version, current_setting('server_version_num') AS num`,
  )
  return { version: rows[0]!.version, num: Number(rows[0]!.num) }
}

/** The schemas that are the hub's: all but PostgreSQL's own. */
const userSchemas = async (client: pg.Client) => {
  const { rows } = await client.query<{ nspname: string }>(
    `SELECT nspname FROM pg_namespace
      WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema' ORDER BY nspname`,
  )
  return rows.map((r) => r.nspname)
}

/** Rows in every table of `schemas`, keyed `schema.table`. */
const rowCounts = async (client: pg.Client, schemas: string[]) => {
  const { rows: tables } = await client.query<{ schema: string; name: string }>(
    `SELECT n.nspname AS schema, c.relname AS name FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind = 'r' AND n.nspname = ANY($1) ORDER BY 1, 2`,
    [schemas],
  )
  const counts: Record<string, number> = {}
  for (const { schema, name } of tables) {
    const table = `${client.escapeIdentifier(schema)}.${client.escapeIdentifier(name)}`
    const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)
    counts[`${schema}.${name}`] = Number(rows[0]!.n)
  }
  return counts
}

const totalRows = (counts: Record<string, number>) =>
  Object.values(counts).reduce((sum, n) => sum + n, 0)

/** Runs pg_dump or pg_restore with the connection in its environment; fails with its messages. */
const runTool = async (tool: PgTool, args: string[], databaseUrl: string, signal?: AbortSignal) => {
  const result = await runCollecting(tool.command, [...tool.args, ...args], {
    env: { ...process.env, ...connectionEnv(databaseUrl) },
    signal,
  })
  if (result.code !== 0) {
    const messages = result.stderr.trim().split('\n').slice(-20).join('\n')
    throw new BackupError(`${tool.name} failed (exit ${result.code}):\n${messages}`)
  }
  return result
}

// ——— Media ———

/** Every file under `dir` (paths relative to it, `/`-separated, sorted); none when it is missing. */
const listMedia = async (dir: string, prefix = ''): Promise<string[]> => {
  const entries = await fs
    .readdir(path.join(dir, prefix), { withFileTypes: true })
    .catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT' && !prefix) return []
      throw error
    })
  const files: string[] = []
  for (const entry of entries) {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name
    if (entry.isDirectory()) files.push(...(await listMedia(dir, relative)))
    else if (entry.isFile()) files.push(relative)
    else {
      throw new BackupError(
        `MEDIA_DIR: ${path.join(shown(dir), relative)} is not a regular file (a link?): ` +
          'backups hold regular files only; replace it with the file itself.',
      )
    }
  }
  return files.sort()
}

/** How the media files on disk differ from the backup's list (empty: identical). */
const compareMedia = (expected: Manifest['media']['files'], actual: Manifest['media']['files']) => {
  const onDisk = new Map(actual.map((f) => [f.path, f]))
  const problems: string[] = []
  for (const want of expected) {
    const got = onDisk.get(want.path)
    if (!got) problems.push(`media file ${want.path} is missing`)
    else if (got.sha256 !== want.sha256) problems.push(`media file ${want.path} differs`)
    onDisk.delete(want.path)
  }
  for (const extra of onDisk.keys()) problems.push(`media file ${extra} is not in the backup`)
  return problems
}

// ——— Reading and checking a backup ———

type Digest = { size: number; sha256: string }

/** The manifest is read into memory: about 150 bytes a media file, so this is ~500,000 files. */
const MAX_MANIFEST_BYTES = 64 * 1024 * 1024

/** Reads the whole archive once: the manifest's text and a digest of every other entry. */
const readArchive = async (file: string) => {
  const digests = new Map<string, Digest>()
  const problems: string[] = []
  let manifestText: string | undefined
  const onReadEntry = (entry: tar.ReadEntry) => {
    const name = entry.path.replace(/\/$/, '')
    const inMedia =
      name.startsWith(`${MEDIA}/`) && mediaPath.safeParse(name.slice(MEDIA.length + 1)).success
    if (entry.type === 'Directory' && (name === MEDIA || inMedia)) return
    const known = name === MANIFEST || name === DUMP || inMedia
    if (!known || (entry.type !== 'File' && entry.type !== 'OldFile')) {
      problems.push(`it holds ${entry.type} "${entry.path}", which a hub backup never holds`)
      return
    }
    if (name === MANIFEST && entry.size > MAX_MANIFEST_BYTES) {
      problems.push(`its ${MANIFEST} is ${formatBytes(entry.size)}, far more than a manifest`)
      return
    }
    if (digests.has(name) || (name === MANIFEST && manifestText !== undefined)) {
      problems.push(`it holds "${name}" twice`)
      return
    }
    const hash = createHash('sha256')
    const chunks: Buffer[] = []
    let size = 0
    entry.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (name === MANIFEST) chunks.push(chunk)
      else hash.update(chunk)
    })
    entry.on('end', () => {
      if (name === MANIFEST) manifestText = Buffer.concat(chunks).toString('utf8')
      else digests.set(name, { size, sha256: hash.digest('hex') })
    })
  }
  try {
    await tar.t({ file, strict: true, onReadEntry })
  } catch (error) {
    throw new BackupError(
      `${shown(file)} is not a complete hub backup: ${(error as Error).message}. ` +
        'It may be truncated or damaged; nothing was changed.',
    )
  }
  return { manifestText, digests, problems }
}

const parseManifest = (file: string, text: string | undefined): Manifest => {
  if (text === undefined) {
    throw new BackupError(`${shown(file)} is not a hub backup: it has no ${MANIFEST}.`)
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    throw new BackupError(`${shown(file)}: ${MANIFEST} is not valid JSON.`)
  }
  const parsed = manifestSchema.safeParse(json)
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'} ${i.message}`)
    throw new BackupError(`${shown(file)}: ${MANIFEST}: ${issues.slice(0, 5).join('; ')}.`)
  }
  return parsed.data
}

/** What differs between the manifest and the archive's entries (empty: the backup is whole). */
const compareWithManifest = (manifest: Manifest, digests: Map<string, Digest>) => {
  const expected = new Map<string, Digest>([
    [DUMP, { size: manifest.database.size, sha256: manifest.database.sha256 }],
    ...manifest.media.files.map((f): [string, Digest] => [`${MEDIA}/${f.path}`, f]),
  ])
  const problems: string[] = []
  for (const [name, want] of expected) {
    const got = digests.get(name)
    if (!got) problems.push(`${name} is missing`)
    else if (got.size !== want.size)
      problems.push(`${name} has ${formatBytes(got.size)}, not ${formatBytes(want.size)}`)
    else if (got.sha256 !== want.sha256) problems.push(`${name} does not match its checksum`)
  }
  for (const name of digests.keys()) {
    if (!expected.has(name)) problems.push(`${name} is not listed in ${MANIFEST}`)
  }
  return problems
}

/**
 * Checks a backup end to end without changing anything: its manifest, and the size and SHA-256 of
 * the dump and of every media file. Throws a BackupError naming what is wrong.
 */
export const verifyBackup = async (file: string): Promise<Manifest> => {
  if (!(await exists(file))) throw new BackupError(`${shown(file)}: no such file.`)
  const { manifestText, digests, problems } = await readArchive(file)
  const manifest = parseManifest(file, manifestText)
  problems.push(...compareWithManifest(manifest, digests))
  if (problems.length) {
    const list = problems.slice(0, 10).map((p) => `  - ${p}`)
    if (problems.length > 10) list.push(`  - and ${problems.length - 10} more`)
    throw new BackupError(
      `${shown(file)} is damaged or is not a hub backup; nothing was changed:\n${list.join('\n')}`,
    )
  }
  return manifest
}

// ——— Whether a backup can run ———

/**
 * `npm run backup -- --check`: what a backup needs, checked without writing anything: the
 * database answers, pg_dump is there and new enough for its server, the media folder can be read.
 * One line per check; the problems, each with its fix, or none.
 */
export const checkBackup = async (options: {
  databaseUrl: string
  mediaDir: string
  pgBinDir?: string
}): Promise<{ lines: string[]; problems: string[] }> => {
  const lines: string[] = []
  const problems: string[] = []
  let minMajor: number | undefined
  try {
    const client = await connect(options.databaseUrl)
    try {
      const server = await serverVersion(client)
      minMajor = majorOf(server.num)
      lines.push(`Database: PostgreSQL ${server.version}`)
    } finally {
      await client.end()
    }
  } catch (error) {
    problems.push(`Database: ${(error as Error).message}`)
  }
  try {
    const tools = await pgTools({ minMajor: minMajor ?? 0, binDir: options.pgBinDir })
    lines.push(`Tools: ${describeTools(tools)}`)
  } catch (error) {
    if (!(error instanceof PgToolsError)) throw error
    problems.push(`Tools: ${error.message}`)
  }
  try {
    const files = (await exists(options.mediaDir)) ? await listMedia(options.mediaDir) : []
    lines.push(`Media: ${plural(files.length, 'file')} in ${shown(options.mediaDir)}`)
  } catch (error) {
    problems.push(`Media: ${shown(options.mediaDir)} cannot be read (${(error as Error).message})`)
  }
  return { lines, problems }
}

// ——— Backup ———

export type BackupOptions = {
  databaseUrl: string
  mediaDir: string
  /** The file to write (must not exist yet). */
  out: string
  /** PG_BIN_DIR, when set. */
  pgBinDir?: string
  log?: Log
  signal?: AbortSignal
}

/** `backups/hub-20261127T101502Z.tar` for a backup made now. */
export const defaultBackupFile = (now = new Date()) =>
  path.join(
    'backups',
    `hub-${now
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d+Z$/, 'Z')}.tar`,
  )

/** Hashes every media file, for the manifest. */
const describeMedia = async (mediaDir: string) => {
  const files: Manifest['media']['files'] = []
  for (const relative of await listMedia(mediaDir)) {
    files.push({ path: relative, ...(await hashFile(path.join(mediaDir, relative))) })
  }
  return files
}

/**
 * Dumps the database inside one snapshot, exported by a transaction that also counts every
 * table's rows, so the manifest's counts are exactly what the dump holds even on a live hub.
 */
const dumpDatabase = async (
  options: BackupOptions,
  dumpFile: string,
  log: Log,
): Promise<Manifest['database']> => {
  const client = await connect(options.databaseUrl)
  try {
    const server = await serverVersion(client)
    const tools = await pgTools({ minMajor: majorOf(server.num), binDir: options.pgBinDir })
    log(`  Server: PostgreSQL ${server.version}; ${describeTools(tools)}`)
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY')
    const { rows } = await client.query<{ id: string }>('SELECT pg_export_snapshot() AS id')
    const schemas = await userSchemas(client)
    const counts = await rowCounts(client, schemas)
    const tables = Object.keys(counts).length
    if (!tables) log('  Note: the database holds no tables (a hub not migrated yet?)')
    log(`  Dumping ${plural(tables, 'table')} (${plural(totalRows(counts), 'row')})…`)
    await runTool(
      tools.pgDump,
      [
        '--format=custom',
        '--no-owner',
        '--no-privileges',
        `--snapshot=${rows[0]!.id}`,
        '--file',
        dumpFile,
      ],
      options.databaseUrl,
      options.signal,
    )
    await client.query('COMMIT')
    const digest = await hashFile(dumpFile)
    log(`  Database dump: ${formatBytes(digest.size)}`)
    return {
      serverVersion: server.version,
      serverVersionNum: server.num,
      pgDumpVersion: tools.version,
      schemas,
      ...digest,
      rowCounts: counts,
    }
  } finally {
    await client.end()
  }
}

/** Writes the archive: manifest and dump from `work`, then the media files under `media/`. */
const writeArchive = async (archive: string, work: string, mediaDir: string, media: string[]) => {
  await tar.c({ file: archive, cwd: work, portable: true }, [MANIFEST, DUMP])
  if (media.length) {
    await tar.r({ file: archive, cwd: mediaDir, prefix: MEDIA, portable: true }, media)
  }
}

/**
 * Writes one file holding the database and the media. Returns the manifest; throws a BackupError
 * (and leaves no file behind) when anything fails.
 */
export const createBackup = async (options: BackupOptions): Promise<Manifest> => {
  const log = options.log ?? console.log
  const out = path.resolve(options.out)
  const mediaDir = path.resolve(options.mediaDir)
  connectionEnv(options.databaseUrl) // a DATABASE_URL pg_dump cannot take fails now, not midway
  if (await exists(out)) {
    throw new BackupError(`${shown(out)} already exists: choose another file with --out.`)
  }
  const started = Date.now()
  log(`Backing up the hub to ${shown(out)}`)
  await fs.mkdir(path.dirname(out), { recursive: true })
  const work = await fs.mkdtemp(`${out}.partial-`)
  try {
    const database = await dumpDatabase(options, path.join(work, DUMP), log)
    options.signal?.throwIfAborted()

    log(`  Reading the media in ${shown(mediaDir)}…`)
    const files = await describeMedia(mediaDir)
    const mediaBytes = files.reduce((sum, f) => sum + f.size, 0)
    log(`  Media: ${plural(files.length, 'file')}, ${formatBytes(mediaBytes)}`)

    const manifest: Manifest = {
      format: FORMAT,
      formatVersion: FORMAT_VERSION,
      createdAt: new Date().toISOString(),
      hubVersion: await hubVersion(),
      database,
      media: { files },
    }
    await fs.writeFile(path.join(work, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`)
    const archive = path.join(work, 'backup.tar')
    log('  Writing the archive…')
    await writeArchive(
      archive,
      work,
      mediaDir,
      files.map((f) => f.path),
    )
    options.signal?.throwIfAborted()

    // Read back what was written: a media file changed meanwhile fails here, not at restore.
    log('  Checking the archive…')
    await verifyBackup(archive).catch((error: Error) => {
      throw new BackupError(
        `The backup did not read back as written (did a media file change meanwhile? Run it again):\n${error.message}`,
      )
    })
    if (await exists(out)) throw new BackupError(`${shown(out)} appeared meanwhile: not replaced.`)
    await fs.rename(archive, out)
    const { size } = await fs.stat(out)
    const seconds = ((Date.now() - started) / 1000).toFixed(1)
    log(
      `Backup written: ${shown(out)} (${formatBytes(size)}: ` +
        `${plural(Object.keys(database.rowCounts).length, 'table')}, ${plural(totalRows(database.rowCounts), 'row')}, ` +
        `${plural(files.length, 'media file')}) in ${seconds} s.`,
    )
    return manifest
  } finally {
    await fs.rm(work, { recursive: true, force: true })
  }
}

// ——— Restore ———

export type RestoreOptions = {
  file: string
  databaseUrl: string
  mediaDir: string
  /** Replace a database and a media folder that are not empty. */
  force?: boolean
  pgBinDir?: string
  log?: Log
  signal?: AbortSignal
}

/** What the target database already holds in the schemas the dump creates (empty: nothing). */
const existingContent = async (client: pg.Client, schemas: string[]) => {
  const { rows } = await client.query<{ schema: string; tables: string[]; objects: number }>(
    `SELECT n.nspname AS schema,
            coalesce(array_agg(c.relname::text ORDER BY c.relname) FILTER (WHERE c.relkind IN ('r', 'p')), '{}'::text[]) AS tables,
            count(c.oid)::int
              + (SELECT count(*) FROM pg_type t WHERE t.typnamespace = n.oid AND t.typrelid = 0
                   AND t.typtype IN ('e', 'd', 'r', 'm') )::int
              + (SELECT count(*) FROM pg_proc p WHERE p.pronamespace = n.oid)::int AS objects
       FROM pg_namespace n LEFT JOIN pg_class c ON c.relnamespace = n.oid
      WHERE n.nspname = ANY($1)
      GROUP BY n.oid, n.nspname`,
    [schemas],
  )
  return rows.flatMap(({ schema, tables, objects }) => {
    if (schema === 'public' && objects === 0) return []
    if (tables.length) {
      const names = tables.slice(0, 3).join(', ') + (tables.length > 3 ? '…' : '')
      return [`schema ${schema} holds ${plural(tables.length, 'table')} (${names})`]
    }
    return [
      objects ? `schema ${schema} holds ${plural(objects, 'object')}` : `schema ${schema} exists`,
    ]
  })
}

type Aside = { schema: string; aside: string }[]

/**
 * Renames the schemas the dump creates out of the way and makes an empty `public`, in one
 * transaction: a failed restore can then put them back, and only a finished one drops them.
 */
const moveAside = async (client: pg.Client, schemas: string[]): Promise<Aside> => {
  const suffix = randomBytes(3).toString('hex')
  const { rows } = await client.query<{ nspname: string }>(
    'SELECT nspname FROM pg_namespace WHERE nspname = ANY($1) ORDER BY 1',
    [[...new Set([...schemas, 'public'])]],
  )
  const moved = rows.map(({ nspname }) => ({
    schema: nspname,
    aside: `${nspname.slice(0, 40)}_before_restore_${suffix}`,
  }))
  await client.query('BEGIN')
  try {
    for (const { schema, aside } of moved) {
      await client.query(
        `ALTER SCHEMA ${client.escapeIdentifier(schema)} RENAME TO ${client.escapeIdentifier(aside)}`,
      )
    }
    await client.query('CREATE SCHEMA public')
    await client.query('COMMIT')
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {})
    throw new BackupError(
      `Cannot move the current database aside (renaming a schema takes its owner, with the CREATE ` +
        `privilege on the database); nothing was changed: ${(error as Error).message}`,
    )
  }
  return moved
}

/** Undoes `moveAside` after a failed restore: the restored schemas go, the old ones come back. */
const putBack = async (client: pg.Client, moved: Aside, schemas: string[]) => {
  await client.query('BEGIN')
  try {
    for (const schema of new Set([...schemas, 'public'])) {
      await client.query(`DROP SCHEMA IF EXISTS ${client.escapeIdentifier(schema)} CASCADE`)
    }
    for (const { schema, aside } of moved) {
      await client.query(
        `ALTER SCHEMA ${client.escapeIdentifier(aside)} RENAME TO ${client.escapeIdentifier(schema)}`,
      )
    }
    await client.query('COMMIT')
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {})
    const sql = moved.map(({ schema, aside }) => {
      const [from, to] = [client.escapeIdentifier(aside), client.escapeIdentifier(schema)]
      return `DROP SCHEMA IF EXISTS ${to} CASCADE; ALTER SCHEMA ${from} RENAME TO ${to};`
    })
    throw new BackupError(
      `The restore failed, and putting the previous database back failed too ` +
        `(${(error as Error).message}). It is kept whole, renamed: to put it back, run\n  ${sql.join('\n  ')}`,
    )
  }
}

const dropAside = async (client: pg.Client, moved: Aside) => {
  for (const { aside } of moved) {
    await client.query(`DROP SCHEMA ${client.escapeIdentifier(aside)} CASCADE`)
  }
}

/** Entries in the media folder ([] when it does not exist); fails when it is not a folder. */
const mediaEntries = async (mediaDir: string) => {
  const stat = await fs.stat(mediaDir).catch(() => null)
  if (!stat) return []
  if (!stat.isDirectory()) throw new BackupError(`MEDIA_DIR: ${shown(mediaDir)} is not a folder.`)
  return fs.readdir(mediaDir)
}

/** Moves every entry of `from` (but `skip`) into `to`: renames, within one file system. */
const moveEntries = async (from: string, to: string, skip = '') => {
  for (const name of await fs.readdir(from)) {
    if (name !== skip) await fs.rename(path.join(from, name), path.join(to, name))
  }
}

/**
 * Puts the backup's files (unpacked in `staging/media`) in the media folder, its current entries
 * moved into `staging/previous`. `staging` is inside the media folder, so every move is a rename
 * on one file system (a mount point included); returns how to put everything back.
 */
const swapMedia = async (mediaDir: string, staging: string) => {
  const skip = path.basename(staging)
  const previous = path.join(staging, 'previous')
  const undo = async () => {
    const undone = await fs.mkdtemp(path.join(staging, 'undone-'))
    await moveEntries(mediaDir, undone, skip)
    await moveEntries(previous, mediaDir)
  }
  await fs.mkdir(previous)
  try {
    await moveEntries(mediaDir, previous, skip)
    await moveEntries(path.join(staging, MEDIA), mediaDir)
  } catch (error) {
    await undo()
    throw error
  }
  return undo
}

/** Counts in the restored database against the manifest; lines to print, and the mismatches. */
const compareCounts = (expected: Record<string, number>, actual: Record<string, number>) => {
  const names = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort()
  const width = Math.max(...names.map((n) => n.length), 5)
  const lines: string[] = []
  const mismatches: string[] = []
  for (const name of names) {
    const want = expected[name]
    const got = actual[name]
    if (want === got) {
      if (got) lines.push(`    ${name.padEnd(width)} ${formatCount(got).padStart(8)}`)
      continue
    }
    const what = `${name}: ${got === undefined ? 'missing' : formatCount(got)} (backup: ${want === undefined ? 'no such table' : formatCount(want)})`
    mismatches.push(what)
    lines.push(`  ✗ ${what}`)
  }
  return { lines, mismatches }
}

/** Refuses (throws) unless the database and the media folder are empty, or `force`. */
const checkTarget = async (
  client: pg.Client,
  manifest: Manifest,
  mediaDir: string,
  force: boolean,
) => {
  const server = await serverVersion(client)
  const from = manifest.database
  if (majorOf(server.num) < majorOf(from.serverVersionNum)) {
    throw new BackupError(
      `The backup comes from PostgreSQL ${from.serverVersion}; this server is ${server.version}. ` +
        `Restore it into PostgreSQL ${majorOf(from.serverVersionNum)} or newer; nothing was changed.`,
    )
  }
  const existing = await existingContent(client, from.schemas)
  const mediaBefore = await mediaEntries(mediaDir)
  if (!force && (existing.length || mediaBefore.length)) {
    const what = existing.map((e) => `the database is not empty: ${e}`)
    if (mediaBefore.length) {
      const entries = plural(mediaBefore.length, 'entry', 'entries')
      what.push(`MEDIA_DIR ${shown(mediaDir)} is not empty (${entries})`)
    }
    throw new BackupError(
      `Refusing to restore over an existing hub; nothing was changed:\n` +
        `${what.map((w) => `  - ${w}`).join('\n')}\n` +
        'Run the restore again with --force to replace them with the backup.',
    )
  }
  return { server, replacing: existing.length > 0 }
}

/** pg_restore into an empty database, in one transaction that any error rolls back. */
const restoreArgs = (database: string, dumpFile: string) => [
  '--no-owner',
  '--no-privileges',
  '--exit-on-error',
  '--single-transaction',
  '--dbname',
  database,
  dumpFile,
]

/** Unpacks the backup into `staging` and checks the unpacked dump and media against it. */
const unpack = async (file: string, staging: string, manifest: Manifest) => {
  await tar.x({ file, cwd: staging, strict: true, preserveOwner: false })
  await fs.mkdir(path.join(staging, MEDIA), { recursive: true })
  const dump = await hashFile(path.join(staging, DUMP))
  const problems = compareMedia(
    manifest.media.files,
    await describeMedia(path.join(staging, MEDIA)),
  )
  if (dump.sha256 !== manifest.database.sha256) problems.unshift(`${DUMP} differs`)
  if (problems.length) {
    throw new BackupError(
      `${shown(file)} changed while being restored (${problems.slice(0, 3).join('; ')}); nothing was changed.`,
    )
  }
}

/** The backup's tables and media files, as the log counts them. */
const contents = (manifest: Manifest) => ({
  tables: plural(Object.keys(manifest.database.rowCounts).length, 'table'),
  mediaFiles: plural(manifest.media.files.length, 'media file'),
})

/** Checks every checksum in the backup and says what it holds; returns its manifest. */
const verifiedManifest = async (file: string, log: Log): Promise<Manifest> => {
  log(`Checking ${shown(file)}…`)
  const manifest = await verifyBackup(file)
  const { database, media } = manifest
  const { tables, mediaFiles } = contents(manifest)
  const mediaBytes = formatBytes(media.files.reduce((sum, f) => sum + f.size, 0))
  log(
    `  Made ${manifest.createdAt} by hub ${manifest.hubVersion} from PostgreSQL ${database.serverVersion}: ` +
      `${tables}, ${plural(totalRows(database.rowCounts), 'row')}, ${mediaFiles} (${mediaBytes}); ` +
      'every checksum matches.',
  )
  const current = await hubVersion()
  if (manifest.hubVersion !== current) {
    log(
      `  Note: this is hub ${current}; \`npm start\` applies any newer migrations after the restore.`,
    )
  }
  return manifest
}

type Replacement = {
  client: pg.Client
  manifest: Manifest
  /** The database holds a hub already (--force): its schemas are moved aside first. */
  replacing: boolean
  pgRestore: PgTool
  file: string
  mediaDir: string
  databaseUrl: string
  /** The database's name, for pg_restore. */
  databaseName: string
  signal?: AbortSignal
  log: Log
}

/**
 * Unpacks the backup, then puts its media files and database in place of the current ones, which
 * are put back if that fails, and dropped once it is done.
 */
const replaceContent = async ({
  client,
  manifest,
  replacing,
  pgRestore,
  file,
  mediaDir,
  databaseUrl,
  databaseName,
  signal,
  log,
}: Replacement) => {
  const { database } = manifest
  // Unpacked inside the media folder: its files are then moved into place by renaming.
  const mediaExisted = await exists(mediaDir)
  await fs.mkdir(mediaDir, { recursive: true })
  const staging = await fs.mkdtemp(path.join(mediaDir, '.restoring-'))
  let moved: Aside = []
  let undoMedia: (() => Promise<void>) | undefined
  let restored = false
  let keepStaging = false
  try {
    log(`  Unpacking ${shown(file)}…`)
    await unpack(file, staging, manifest)
    signal?.throwIfAborted()
    if (replacing) {
      log('  Moving the current database aside (--force)…')
      moved = await moveAside(client, database.schemas)
    }
    try {
      log(`  Putting ${contents(manifest).mediaFiles} in ${shown(mediaDir)}…`)
      undoMedia = await swapMedia(mediaDir, staging)
      log('  Restoring the database…')
      await runTool(
        pgRestore,
        restoreArgs(databaseName, path.join(staging, DUMP)),
        databaseUrl,
        signal,
      )
    } catch (error) {
      if (replacing) await putBack(client, moved, database.schemas)
      await undoMedia?.().catch((undoError: Error) => {
        keepStaging = true // it holds the previous files
        throw new BackupError(
          `${(error as Error).message}\nThe database is as it was, but putting the media back failed ` +
            `(${undoError.message}): the previous files are in ${path.join(shown(staging), 'previous')}.`,
        )
      })
      throw new BackupError(
        `${(error as Error).message}\nThe restore was undone: the database and the media folder are as they were.`,
      )
    }
    await dropAside(client, moved)
    restored = true
  } finally {
    if (!keepStaging) await fs.rm(staging, { recursive: true, force: true })
    if (!mediaExisted && !restored) await fs.rmdir(mediaDir).catch(() => {})
  }
}

/** Logs the restored database's rows per table; throws when they differ from the backup's. */
const checkRowCounts = async (client: pg.Client, database: Manifest['database'], log: Log) => {
  const counts = compareCounts(database.rowCounts, await rowCounts(client, database.schemas))
  log('  Rows per table (empty tables not shown):')
  for (const line of counts.lines) log(line)
  if (counts.mismatches.length) {
    const list = counts.mismatches.map((m) => `  - ${m}`).join('\n')
    throw new BackupError(`The restored database differs from the backup:\n${list}`)
  }
}

/**
 * Brings a hub back from a backup: into an empty database and media folder, or replacing them with
 * `force`. Everything is checked before anything changes, and a failed restore puts the previous
 * database back; throws a BackupError saying what happened.
 */
export const restoreBackup = async (options: RestoreOptions) => {
  const log = options.log ?? console.log
  const file = path.resolve(options.file)
  const mediaDir = path.resolve(options.mediaDir)
  const { PGDATABASE } = connectionEnv(options.databaseUrl)
  const started = Date.now()

  const manifest = await verifiedManifest(file, log)
  const { database } = manifest
  const { tables, mediaFiles } = contents(manifest)

  const client = await connect(options.databaseUrl)
  try {
    const { server, replacing } = await checkTarget(client, manifest, mediaDir, !!options.force)
    // pg_restore reads archives of its own version and older; any server version will do.
    const tools = await pgTools({
      minMajor: toolMajorOf(database.pgDumpVersion),
      binDir: options.pgBinDir,
    })
    log(`  Server: PostgreSQL ${server.version}; ${describeTools(tools)}`)
    options.signal?.throwIfAborted()

    await replaceContent({
      client,
      manifest,
      replacing,
      pgRestore: tools.pgRestore,
      file,
      mediaDir,
      databaseUrl: options.databaseUrl,
      databaseName: PGDATABASE!,
      signal: options.signal,
      log,
    })
    await client.query('ANALYZE')

    await checkRowCounts(client, database, log)
    const seconds = ((Date.now() - started) / 1000).toFixed(1)
    log(
      `Restored ${shown(file)} in ${seconds} s: ${tables} and ${mediaFiles}, all as in the backup.`,
    )
    return manifest
  } finally {
    await client.end()
  }
}

export { PgToolsError }
