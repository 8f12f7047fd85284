// `node --import tsx tests/helpers/queuePublish.ts <resource id> <ISO time> <user id>`: schedules
// the publication of a resource as the admin's "Schedule publish" does (Payload's schedulePublish
// job), against DATABASE_URL. For tests of a hub that runs in another process.
import { getPayload } from 'payload'

import config from '../../payload.config'

const [id, at, user] = process.argv.slice(2)
if (!id || !at || !user || Number.isNaN(Date.parse(at))) {
  console.error('Usage: queuePublish.ts <resource id> <ISO time> <user id>')
  process.exit(2)
}
const payload = await getPayload({ config })
await payload.jobs.queue({
  task: 'schedulePublish',
  input: {
    type: 'publish',
    doc: { relationTo: 'resources', value: id },
    user: { relationTo: 'users', value: Number(user) },
  },
  waitUntil: new Date(at),
} as never)
process.exit(0)
