// `npm run backup [-- --out FILE]`: one file holding the database and the uploaded media, by
// default backups/hub-<UTC time>.tar (see src/ops/backup.ts). `npm run backup -- --check` says
// whether a backup can run, and what to do if not. `npm run backup` starts the embedded database
// when DATABASE_URL is unset. With files in a bucket (S3_BUCKET), the backup holds the bucket's.
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { z } from 'zod'

import { env } from '../env'
import {
  abortOnSignals,
  BackupError,
  checkBackup,
  createBackup,
  defaultBackupFile,
  PgToolsError,
} from '../ops/backup'
import { bucketFromEnv, copyBucketTo } from '../ops/bucket'

// `npm run` runs in the project folder; paths given are taken from where it was typed.
const INVOKED_FROM = env.INIT_CWD ?? process.cwd()

const USAGE = 'Usage: npm run backup [-- --out FILE | --check]'

const readArgs = () => {
  try {
    const { values } = parseArgs({
      options: { out: { type: 'string' }, check: { type: 'boolean' } },
    })
    return z
      .object({
        out: z.string().trim().min(1, '--out names no file').optional(),
        check: z.boolean().optional(),
      })
      .refine((a) => !(a.out && a.check), '--check writes no file: leave out --out')
      .parse(values)
  } catch (error) {
    const message =
      error instanceof z.ZodError ? error.issues[0]?.message : (error as Error).message
    console.error(`${message}\n${USAGE}`)
    process.exit(2)
  }
}

const args = readArgs()
if (!env.DATABASE_URL) {
  console.error(
    'DATABASE_URL is not set: `npm run backup` sets it (and starts the local database).',
  )
  process.exit(2)
}
if (args.check) {
  const { lines, problems } = await checkBackup({
    databaseUrl: env.DATABASE_URL,
    mediaDir: env.MEDIA_DIR,
    pgBinDir: env.PG_BIN_DIR,
  })
  for (const line of lines) console.log(`✔ ${line}`)
  for (const problem of problems) console.error(`✖ ${problem}`)
  console.log(problems.length ? 'A backup cannot run yet.' : 'A backup can run.')
  process.exit(problems.length ? 1 : 0)
}
// Files in a bucket (S3_BUCKET): copied to a folder first, which the backup holds as MEDIA_DIR.
const staged = env.S3_BUCKET ? await fs.mkdtemp(path.join(os.tmpdir(), 'hub-bucket-')) : undefined
try {
  if (staged) await copyBucketTo(bucketFromEnv(env.S3_BUCKET!), staged)
  await createBackup({
    databaseUrl: env.DATABASE_URL,
    mediaDir: staged ?? env.MEDIA_DIR,
    out: args.out ? path.resolve(INVOKED_FROM, args.out) : defaultBackupFile(),
    pgBinDir: env.PG_BIN_DIR,
    signal: abortOnSignals(),
  })
} catch (error) {
  const known = error instanceof BackupError || error instanceof PgToolsError
  console.error(known ? `Backup failed: ${error.message}` : error)
  console.error('No backup file was written.')
  process.exitCode = 1
} finally {
  if (staged) await fs.rm(staged, { recursive: true, force: true })
}
process.exit(process.exitCode ?? 0)
