// `npm run backup:tools`: installs the project's own pg_dump and pg_restore (PostgreSQL 17, from
// Debian's packages, into .tools/), once, so that backups need no network (src/ops/pgTools.ts).
import { installPgTools, PgToolsError } from '../ops/pgTools'

try {
  await installPgTools()
} catch (error) {
  console.error(`✖ ${error instanceof PgToolsError ? error.message : String(error)}`)
  process.exit(1)
}
process.exit(0)
