// `npm run start:api`: bundles the partner API (src/cli/buildApi.ts), then runs the bundle with
// its heap's ceiling derived from the caches' budgets, against the embedded PostgreSQL when
// DATABASE_URL is unset. Ctrl-C / SIGTERM go to the server, which stops cleanly.
import path from 'node:path'

import { checkEnv } from '../env'
import { buildPartnerApi, PARTNER_API_BUNDLE, partnerApiArgs } from './buildApi'
import { localSetupOrExit } from './localDatabase'
import { run } from './run'

// A mistyped variable is named before anything is built or started.
checkEnv('api')
const { ms } = await buildPartnerApi()
console.log(`Partner API bundled in ${ms} ms: ${path.relative(process.cwd(), PARTNER_API_BUNDLE)}`)

const { secret, db } = await localSetupOrExit()
let code = 1
try {
  code = await run(process.execPath, partnerApiArgs(), {
    ...process.env,
    DATABASE_URL: db.url,
    PAYLOAD_SECRET: secret,
  })
} finally {
  await db.stop()
}
process.exit(code)
