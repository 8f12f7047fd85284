// `npm run restore -- FILE [--force]`: brings a hub back from a file made by `npm run backup`, into
// an empty database and media folder; `--force` replaces them (see src/ops/backup.ts).
// `npm run restore` starts the embedded database when DATABASE_URL is unset. With files in a bucket
// (S3_BUCKET), they go back into the bucket.
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { z } from 'zod'

import { env } from '../env'
import { abortOnSignals, BackupError, PgToolsError, restoreBackup } from '../ops/backup'
import { bucketFromEnv, copyFolderToBucket, listKeys } from '../ops/bucket'

// `npm run` runs in the project folder; paths given are taken from where it was typed.
const INVOKED_FROM = env.INIT_CWD ?? process.cwd()

const USAGE = 'Usage: npm run restore -- FILE [--force]'

const argsSchema = z.object({
  positionals: z
    .array(z.string().trim().min(1))
    .length(1, 'FILE (the backup to restore) is required, and only one'),
  force: z.boolean().default(false),
})

const readArgs = () => {
  try {
    const { values, positionals } = parseArgs({
      options: { force: { type: 'boolean' } },
      allowPositionals: true,
    })
    const { positionals: files, force } = argsSchema.parse({ positionals, force: values.force })
    return { file: files[0]!, force }
  } catch (error) {
    const message =
      error instanceof z.ZodError ? error.issues[0]?.message : (error as Error).message
    console.error(`${message}\n${USAGE}`)
    process.exit(2)
  }
}

const { file, force } = readArgs()
if (!env.DATABASE_URL) {
  console.error(
    'DATABASE_URL is not set: `npm run restore` sets it (and starts the local database).',
  )
  process.exit(2)
}
// Files in a bucket (S3_BUCKET): restored to an empty folder, then put into the bucket, which must be
// empty unless --force (then it ends up holding the backup's files only).
const bucket = env.S3_BUCKET ? bucketFromEnv(env.S3_BUCKET) : undefined
const staged = bucket ? await fs.mkdtemp(path.join(os.tmpdir(), 'hub-bucket-')) : undefined
try {
  if (bucket && !force && (await listKeys(bucket)).length) {
    throw new BackupError(
      `The bucket ${bucket.name} is not empty: restore into an empty bucket, or add --force to replace its files.`,
    )
  }
  await restoreBackup({
    file: path.resolve(INVOKED_FROM, file),
    databaseUrl: env.DATABASE_URL,
    mediaDir: staged ?? env.MEDIA_DIR,
    force,
    pgBinDir: env.PG_BIN_DIR,
    signal: abortOnSignals(),
  })
  if (bucket && staged) await copyFolderToBucket(staged, bucket, { replace: force })
} catch (error) {
  const known = error instanceof BackupError || error instanceof PgToolsError
  console.error(known ? `Restore failed: ${error.message}` : error)
  process.exitCode = 1
} finally {
  if (staged) await fs.rm(staged, { recursive: true, force: true })
}
process.exit(process.exitCode ?? 0)
