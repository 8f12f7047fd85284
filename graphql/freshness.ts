// Fresh answers in every process: each process serving the partner API listens for the change log's
// announcements (PostgreSQL LISTEN/NOTIFY, sent on commit) and empties its response cache, so an edit
// is served by the hub and every `start:api` within moments, not after the cache's minute.
//
// The whole cache goes, not just the answers naming the record: a newly published resource belongs
// in listings that held no resource at all, and a record shown inside another (a publisher inside a
// resource) is named only if the partner asked for its id. Changes come a few an hour; answers are
// rebuilt in milliseconds.
import pg from 'pg'

import { CHANGES_CHANNEL, type ChangeNotice, parseNotice } from '../src/changes/channel'
import { logEvent } from '../src/ops/log'

export type ChangeListener = { close: () => Promise<void> }

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Calls `onChange` for each announcement on `connectionString` (the primary: a replica cannot
 * LISTEN). A lost connection is opened again (1 s, then up to 10 s apart), and since announcements
 * made meanwhile are lost, `onChange` then hears "everything changed".
 */
export const listenForChanges = (
  connectionString: string,
  onChange: (notice: ChangeNotice, primaryLsn: () => Promise<string>) => void | Promise<void>,
  label = 'Partner API',
): ChangeListener => {
  let client: pg.Client | undefined
  let closed = false
  let delay = 1000
  /** Where the primary's write-ahead log is now: past every change announced so far. */
  const primaryLsn = async () => {
    if (client) {
      const { rows } = await client.query<{ lsn: string }>(
        'SELECT pg_current_wal_lsn()::text AS lsn',
      )
      return rows[0]!.lsn
    }
    throw new Error('not connected to the primary')
  }
  const deliver = (notice: ChangeNotice) =>
    Promise.resolve()
      .then(() => onChange(notice, primaryLsn))
      .catch((error: unknown) =>
        logEvent('error', 'changes', `${label}: acting on a change failed`, {
          error: String(error),
        }),
      )

  const connect = async (reconnecting: boolean): Promise<void> => {
    while (!closed) {
      const next = new pg.Client({ connectionString, connectionTimeoutMillis: 5000 })
      next.on('notification', (message) => {
        if (message.channel === CHANGES_CHANNEL) void deliver(parseNotice(message.payload))
      })
      // After connecting, an error or an unexpected end means the connection is lost.
      const lost = () => {
        if (closed || client !== next) return
        client = undefined
        logEvent('warn', 'changes', `${label}: lost the change announcements; reconnecting`)
        void connect(true)
      }
      next.on('error', lost)
      next.on('end', lost)
      try {
        await next.connect()
        await next.query(`LISTEN ${next.escapeIdentifier(CHANGES_CHANNEL)}`)
        if (closed) {
          await next.end().catch(() => {})
          return
        }
        client = next
        delay = 1000
        if (reconnecting) {
          logEvent('info', 'changes', `${label}: listening for changes again`)
          void deliver({ all: true })
        }
        return
      } catch {
        next.removeAllListeners('end')
        await next.end().catch(() => {})
        await sleep(delay)
        delay = Math.min(delay * 2, 10_000)
        reconnecting = true
      }
    }
  }
  void connect(false)

  return {
    close: async () => {
      closed = true
      const current = client
      client = undefined
      await current?.end().catch(() => {})
    },
  }
}

/**
 * Waits until a streaming replica has replayed the primary's log up to `lsn`, so that an answer
 * read there after a purge holds the change (purged earlier, the replica's old answer would be
 * cached again for a minute). Gives up after `timeoutMs`, saying so.
 */
export const waitForReplay = async (replica: pg.Pool, lsn: string, timeoutMs = 30_000) => {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const { rows } = await replica.query<{ done: boolean }>(
      `SELECT NOT pg_is_in_recovery() OR pg_last_wal_replay_lsn() >= $1::pg_lsn AS done`,
      [lsn],
    )
    if (rows[0]?.done) return true
    if (Date.now() > deadline) {
      logEvent(
        'warn',
        'changes',
        `The read replica has not replayed ${lsn} after ${timeoutMs / 1000} s: purging anyway`,
      )
      return false
    }
    await sleep(25)
  }
}
