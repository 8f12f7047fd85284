// The delivery worker alone, without the hub's server: for a separate process next to hubs that
// run with HUB_RUN_JOBS=false, and for tests that kill it mid-send.
//   node --import tsx src/webhooks/standalone.ts    (DATABASE_URL, PAYLOAD_SECRET)
import { env, sessionDatabaseUrl } from '../env'
import { logEvent } from '../ops/log'
import { startWebhookWorker } from './worker'

if (!env.DATABASE_URL || !env.PAYLOAD_SECRET) {
  console.error('DATABASE_URL and PAYLOAD_SECRET must be set.')
  process.exit(2)
}

const worker = startWebhookWorker({
  // Its claims and LISTEN need a session of their own: the primary directly when DATABASE_URL is pooled.
  databaseUrl: sessionDatabaseUrl() ?? env.DATABASE_URL,
  payloadSecret: env.PAYLOAD_SECRET,
})
logEvent('info', 'webhooks-start', `Webhook deliveries started (pid ${process.pid})`, {
  pid: process.pid,
})

const stop = (signal: NodeJS.Signals) => {
  logEvent('info', 'stop', `Stopping (${signal})`, { signal })
  void worker.stop().then(() => process.exit(0))
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
