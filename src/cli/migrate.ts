// `npm run migrate`: applies the committed migrations (src/migrations) and fails loudly if any is
// left pending. Used by `npm start` and the tests instead of Payload's CLI so that the outcome is checked.
import { getPayload } from 'payload'

import config from '../../payload.config'
import { applyMigrations } from '../db/applyMigrations'

const payload = await getPayload({ config })
try {
  const count = await applyMigrations(payload)
  console.log(`Database schema is up to date (${count} migration(s) applied).`)
} finally {
  await payload.destroy()
}
process.exit(0)
