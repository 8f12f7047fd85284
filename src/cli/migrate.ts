// Applies the committed migrations (src/migrations) and fails loudly if any is left pending.
// Used by `npm start` and the tests instead of the CLI so that the outcome is checked.
import { getPayload } from 'payload'

import config from '../../payload.config'
import { migrations } from '../migrations'

const payload = await getPayload({ config })
try {
  await payload.db.migrate({ migrations: migrations as never })
  const { docs } = await payload.find({
    collection: 'payload-migrations',
    limit: 0,
    pagination: false,
  })
  const applied = new Set(docs.map((d) => d.name))
  const pending = migrations.filter((m) => !applied.has(m.name)).map((m) => m.name)
  if (pending.length)
    throw new Error(`Migrations still pending after migrate: ${pending.join(', ')}`)
  console.log(`Database schema is up to date (${migrations.length} migration(s) applied).`)
} finally {
  await payload.destroy()
}
process.exit(0)
