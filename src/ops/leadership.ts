// One process at a time, among every hub on a database: the holder of a PostgreSQL session advisory
// lock. Payload's job runner claims jobs by reading them and then marking each (no row lock), so two
// hubs whose timers fire in the same second can both run a scheduled publication; its autoRun asks
// `shouldAutoRun` first (src/ops/jobs.ts), and only the holder says yes. The lock lives as long as
// the holder's connection: a hub that stops, or is killed, hands it to the next one that asks.
//
// A session lock needs a session of its own: it is taken on DATABASE_SESSION_URL (src/env.ts), which
// reaches PostgreSQL directly or through PgBouncer in session mode (never transaction mode, where
// sessions are shared).
import pg from 'pg'

export type Leadership = {
  /** Whether this process holds the lock, taking it if it is free (one statement). */
  holds: () => Promise<boolean>
  /** Gives the lock up and closes the connection. */
  release: () => Promise<void>
}

export const createLeadership = (connectionString: string, lock: [number, number]): Leadership => {
  let client: pg.Client | undefined
  let held = false
  const drop = () => {
    held = false
    const old = client
    client = undefined
    void old?.end().catch(() => undefined)
  }
  return {
    holds: async () => {
      try {
        if (!client) {
          const fresh = new pg.Client({ connectionString, connectionTimeoutMillis: 5000 })
          // A broken connection has lost the lock with its session.
          fresh.on('error', () => {
            if (client === fresh) drop()
          })
          client = fresh
          await fresh.connect()
          // A holder whose machine vanishes keeps the lock until PostgreSQL drops its session:
          // with these, about 25 s after it stops answering, not hours (the system's default).
          await fresh.query(
            'SET tcp_keepalives_idle = 10; SET tcp_keepalives_interval = 5; SET tcp_keepalives_count = 3',
          )
        }
        if (held) {
          // Still ours while the session lives.
          await client.query('SELECT 1')
          return true
        }
        const { rows } = await client.query<{ locked: boolean }>(
          'SELECT pg_try_advisory_lock($1, $2) AS locked',
          lock,
        )
        held = rows[0]!.locked
        return held
      } catch {
        drop()
        return false
      }
    },
    release: async () => {
      held = false
      const old = client
      client = undefined
      await old?.end().catch(() => undefined)
    },
  }
}
