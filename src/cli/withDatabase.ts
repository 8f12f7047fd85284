// `tsx src/cli/withDatabase.ts <command…>`: runs a command (payload CLI, a script) against the
// local database, starting the embedded server first when DATABASE_URL is unset.
import { localSetupOrExit } from './localDatabase'
import { run } from './run'

const [command, ...args] = process.argv.slice(2)
if (!command) {
  console.error('Usage: tsx src/cli/withDatabase.ts <command> [args…]')
  process.exit(2)
}

const { secret, db } = await localSetupOrExit()
let code = 1
try {
  code = await run(command, args, { ...process.env, DATABASE_URL: db.url, PAYLOAD_SECRET: secret })
} finally {
  await db.stop()
}
process.exit(code)
