// Fresh answers in every process: each process serving the partner API listens for the change log's
// announcements (PostgreSQL LISTEN/NOTIFY, sent on commit) and empties its response cache, so an edit
// is served by the hub and every `start:api` within moments, not after the cache's minute.
//
// The whole cache goes, not just the answers naming the record: a newly published resource belongs
// in listings that held no resource at all, and a record shown inside another (a publisher inside a
// resource) is named only if the partner asked for its id. Changes come a few an hour; answers are
// rebuilt in milliseconds.
import { setTimeout as sleep } from 'node:timers/promises'
import pg from 'pg'

import { CHANGES_CHANNEL, type ChangeNotice, parseNotice } from './channel'
import { logEvent } from '../ops/log'

export type ChangeListener = {
  /** Settles once the first LISTEN is in place (or the listener is closed before). */
  listening: Promise<void>
  close: () => Promise<void>
}

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
  /** Where the primary's write-ahead log is now (asked on the connection that heard the change). */
  const lsnOn = (connection: pg.Client) => async () => {
    const { rows } = await connection.query<{ lsn: string }>(
      'SELECT pg_current_wal_lsn()::text AS lsn',
    )
    return rows[0]!.lsn
  }
  const deliver = (notice: ChangeNotice, connection: pg.Client) =>
    Promise.resolve()
      .then(() => onChange(notice, lsnOn(connection)))
      .catch((error: unknown) =>
        logEvent('error', 'changes', `${label}: acting on a change failed`, {
          error: String(error),
        }),
      )

  const connect = async (reconnecting: boolean): Promise<void> => {
    while (!closed) {
      const next = new pg.Client({ connectionString, connectionTimeoutMillis: 5000 })
      next.on('notification', (message) => {
        if (message.channel === CHANGES_CHANNEL) void deliver(parseNotice(message.payload), next)
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
          void deliver({ all: true }, next)
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
  const listening = connect(false)

  return {
    listening,
    close: async () => {
      closed = true
      const current = client
      client = undefined
      await current?.end().catch(() => {})
    },
  }
}

/** `0/16B3748` → a number that orders like the position it names. */
const lsnValue = (lsn: string) => {
  const [high = '0', low = '0'] = lsn.split('/')
  return (BigInt(`0x${high}`) << 32n) + BigInt(`0x${low}`)
}

/**
 * Waits until a streaming replica has replayed the primary's log up to an LSN, so that an answer
 * read there after a purge holds the change (purged earlier, the replica's old answer would be
 * cached again for a minute). One polling loop for all waiters, however many changes come at once;
 * a waiter gives up after `timeoutMs`, saying so.
 */
export const createReplayWaiter = (replica: pg.Pool, timeoutMs = 30_000) => {
  const waiting: { target: bigint; deadline: number; done: (replayed: boolean) => void }[] = []
  let polling = false
  const poll = async () => {
    polling = true
    try {
      while (waiting.length) {
        const { rows } = await replica
          .query<{ replayed: string | null; standby: boolean }>(
            `SELECT pg_last_wal_replay_lsn()::text AS replayed, pg_is_in_recovery() AS standby`,
          )
          .catch(() => ({ rows: [] as { replayed: string | null; standby: boolean }[] }))
        const row = rows[0]
        const replayed = row && (!row.standby ? undefined : lsnValue(row.replayed ?? '0/0'))
        const now = Date.now()
        for (let i = waiting.length - 1; i >= 0; i--) {
          const waiter = waiting[i]!
          const reached = row !== undefined && (replayed === undefined || replayed >= waiter.target)
          if (reached || now > waiter.deadline) {
            waiting.splice(i, 1)
            if (!reached) {
              logEvent(
                'warn',
                'changes',
                `The read replica has not replayed the change after ${timeoutMs / 1000} s: purging anyway`,
              )
            }
            waiter.done(reached)
          }
        }
        if (waiting.length) await sleep(25)
      }
    } finally {
      polling = false
    }
  }
  return (lsn: string) =>
    new Promise<boolean>((done) => {
      waiting.push({ target: lsnValue(lsn), deadline: Date.now() + timeoutMs, done })
      if (!polling) void poll()
    })
}
