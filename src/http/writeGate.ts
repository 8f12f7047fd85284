// Saves through Payload are let in a few at a time. Payload 3.90 checks a document's edit lock
// during an update on a second connection while the update's transaction holds the first
// (`checkDocumentLockStatus` calls `payload.db.find` without `req`; payloadcms/payload#8412). With
// as many saves at once as the pool has connections, each holds one and waits for another, and
// Payload stops answering (the soak found it at 50 requests/s). At most half the pool in writes
// always leaves a connection for the check; the others wait their turn, in order.
import pLimit from 'p-limit'

import { env } from '../env'

/** Beyond this many waiting, a save is refused at once (503) rather than queued. */
const MAX_WAITING = 200

const writes = pLimit(Math.max(1, Math.floor(env.HUB_DB_POOL_SIZE / 2)))

/**
 * Runs a request that writes through Payload when its turn comes, or `busy()` at once when too
 * many are already waiting.
 */
export const admitWrite = <T>(run: () => Promise<T>, busy: () => T): Promise<T> =>
  writes.pendingCount >= MAX_WAITING ? Promise.resolve(busy()) : writes(run)
