// `npm run restore -- FILE [--force]`: brings a hub back from a file made by `npm run backup`, into
// an empty database and media folder; `--force` replaces them (see src/ops/backup.ts).
// `npm run restore` starts the embedded database when DATABASE_URL is unset.
import path from 'node:path'
import { parseArgs } from 'node:util'
import { z } from 'zod'

import { env } from '../env'
import { abortOnSignals, BackupError, PgToolsError, restoreBackup } from '../ops/backup'

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
try {
  await restoreBackup({
    file: path.resolve(INVOKED_FROM, file),
    databaseUrl: env.DATABASE_URL,
    mediaDir: env.MEDIA_DIR,
    force,
    pgBinDir: env.PG_BIN_DIR,
    signal: abortOnSignals(),
  })
} catch (error) {
  const known = error instanceof BackupError || error instanceof PgToolsError
  console.error(known ? `Restore failed: ${error.message}` : error)
  process.exit(1)
}
process.exit(0)
