// The delivery worker: sends what src/webhooks/queue.ts put in the outbox (webhook_deliveries). It
// runs in the hub process that runs jobs (src/cli/serve.ts, HUB_RUN_JOBS) or alone
// (src/webhooks/standalone.ts), over a small pool of its own: it needs no Payload, only SQL.
//
// - Prompt: it LISTENs on the change log's channel (a NOTIFY arrives when a change commits, its
//   deliveries with it) and also looks every second, for retries that fall due.
// - Never the same row twice at once: rows are claimed in a short transaction with
//   `FOR UPDATE SKIP LOCKED` and marked with a lease (locked_by, locked_until); several hub processes
//   can run it side by side. The HTTP request is made after that transaction has committed: an open
//   transaction during a 10 s send would hold back the partner API's sync horizon (the oldest running
//   transaction, graphql/sql/sync.ts).
// - No claim outlives its process: `locked_by` is a number this worker holds a session advisory lock
//   on, over its LISTEN connection. When the process dies, PostgreSQL drops the connection and the
//   lock, and any worker may take the row back at once (with its original webhook-id); the lease time
//   (`locked_until`) only covers a process that is alive but stuck.
// - At least once: a receiver may see a message twice (a crash after its 2xx, before the row was
//   marked) and should skip a webhook-id it has already handled.
import { setTimeout as sleep } from 'node:timers/promises'
import { randomInt } from 'node:crypto'
import pg from 'pg'

import { CHANGES_CHANNEL } from '../changes/record'
import { survivePoolErrors } from '../db/outage'
import { logEvent } from '../ops/log'
import { allowPrivateTargets } from './addresses'
import { DEFAULT_SCHEDULE, givesUp, retryDelay, type RetrySchedule } from './schedule'
import { unsealSecret } from './secret'
import { SEND_TIMEOUT_MS, sendSigned, type SendResult } from './send'

/** The first key of the worker's advisory locks ("WHK"); the second is the worker's number. */
export const WORKER_LOCK_CLASS = 0x57484b

export type WorkerOptions = {
  databaseUrl: string
  /** Unseals the webhooks' signing secrets (src/webhooks/secret.ts). */
  payloadSecret: string
  allowPrivate?: boolean
  schedule?: Partial<RetrySchedule>
  /** Requests in flight at once. */
  concurrency?: number
  /** How often due retries are looked for (changes wake the worker at once). */
  pollMs?: number
  /** How long a claim lasts when its process is alive but does not finish. */
  leaseMs?: number
  timeoutMs?: number
  /** Delivered and given-up rows older than this are deleted. */
  keepMs?: number
}

export type WebhookWorker = {
  /** Look for due deliveries now. */
  wake: () => void
  /** Stop claiming; wait up to `graceMs` for requests in flight; close the connections. */
  stop: (graceMs?: number) => Promise<void>
  /** This worker's number (locked_by of the rows it has claimed). */
  id: () => number
}

type Claimed = {
  id: number
  message_id: string
  body: unknown
  attempts: number
  age_ms: number
  webhook_id: number
  url: string
  signing_secret: string | null
}

/**
 * Rows due now and not held by a live claim, oldest first, claimed as $1 for $3 ms. A claim's owner
 * is alive while it holds its advisory lock in this database (`live`, read once per claim).
 */
const CLAIM = `
  WITH live AS MATERIALIZED (
    SELECT l.objid::bigint AS worker FROM pg_locks l
     WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
       AND l.classid = ${WORKER_LOCK_CLASS}::oid
       AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())),
  due AS (
    SELECT d.id FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id
     WHERE d.status IN ('pending', 'failed') AND d.next_attempt_at <= now() AND w.active
       AND (d.locked_by IS NULL OR d.locked_until < now()
         OR d.locked_by NOT IN (SELECT worker FROM live))
     ORDER BY d.next_attempt_at, d.id
     LIMIT $2
     FOR UPDATE OF d SKIP LOCKED)
  UPDATE webhook_deliveries d
     SET locked_by = $1, locked_until = now() + $3::float8 * interval '1 millisecond',
         updated_at = now()
    FROM due, webhooks w
   WHERE d.id = due.id AND w.id = d.webhook_id
  RETURNING d.id, d.message_id, d.body, d.attempts::int AS attempts,
    (extract(epoch FROM now() - d.created_at) * 1000)::float8 AS age_ms,
    w.id AS webhook_id, w.url, w.signing_secret`

const DELIVERED = `
  UPDATE webhook_deliveries
     SET status = 'delivered', attempts = attempts + 1, delivered_at = now(), next_attempt_at = NULL,
         last_status = $3, last_duration_ms = $4, last_error = NULL,
         locked_by = NULL, locked_until = NULL, updated_at = now()
   WHERE id = $1 AND locked_by = $2`

const FAILED = `
  UPDATE webhook_deliveries
     SET status = 'failed', attempts = attempts + 1,
         next_attempt_at = now() + $6::float8 * interval '1 millisecond',
         last_status = $3, last_duration_ms = $4, last_error = $5,
         locked_by = NULL, locked_until = NULL, updated_at = now()
   WHERE id = $1 AND locked_by = $2`

const GAVE_UP = `
  UPDATE webhook_deliveries
     SET status = 'gave-up', attempts = attempts + 1, next_attempt_at = NULL,
         last_status = $3, last_duration_ms = $4, last_error = $5,
         locked_by = NULL, locked_until = NULL, updated_at = now()
   WHERE id = $1 AND locked_by = $2
  RETURNING id`

/** The webhook is switched off with its notice; what it still had to send is given up too. */
const DISABLE = `
  WITH off AS (
    UPDATE webhooks SET active = false, disabled_notice = $2, updated_at = now()
     WHERE id = $1 AND active RETURNING id)
  UPDATE webhook_deliveries
     SET status = 'gave-up', next_attempt_at = NULL, last_error = 'not sent: the webhook was disabled',
         locked_by = NULL, locked_until = NULL, updated_at = now()
   WHERE webhook_id IN (SELECT id FROM off) AND status IN ('pending', 'failed')`

const HOUSEKEEPING = [
  // A deleted webhook's deliveries lost their webhook (ON DELETE SET NULL): nothing to send them to.
  `UPDATE webhook_deliveries
      SET status = 'gave-up', next_attempt_at = NULL, last_error = 'not sent: the webhook was deleted',
          locked_by = NULL, locked_until = NULL, updated_at = now()
    WHERE webhook_id IS NULL AND status IN ('pending', 'failed')`,
  `DELETE FROM webhook_deliveries
    WHERE status IN ('delivered', 'gave-up') AND updated_at < now() - $1::float8 * interval '1 millisecond'`,
]

const when = (date: Date) => `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`

export const disabledNotice = (date: Date, error: string) =>
  `Disabled after repeated failures on ${when(date)}: ${error}`

type Settings = Required<Omit<WorkerOptions, 'schedule'>> & { schedule: RetrySchedule }

const settingsOf = (options: WorkerOptions): Settings => ({
  ...options,
  schedule: { ...DEFAULT_SCHEDULE, ...options.schedule },
  concurrency: options.concurrency ?? 8,
  pollMs: options.pollMs ?? 1000,
  leaseMs: options.leaseMs ?? 60_000,
  timeoutMs: options.timeoutMs ?? SEND_TIMEOUT_MS,
  keepMs: options.keepMs ?? 30 * 24 * 60 * 60_000,
  allowPrivate: options.allowPrivate ?? allowPrivateTargets(),
})

const newWorkerId = () => randomInt(1, 2 ** 31 - 1)

/** Takes the advisory lock of a free worker number on `client`, starting from `id`. */
const lockWorkerId = async (client: pg.Client, id: number) => {
  for (;;) {
    const { rows } = await client.query<{ locked: boolean }>(
      'SELECT pg_try_advisory_lock($1, $2) AS locked',
      [WORKER_LOCK_CLASS, id],
    )
    if (rows[0]!.locked) return id
    id = newWorkerId()
  }
}

/** Gives the delivery up and, in the same transaction, switches its webhook off. */
const giveUp = async (pool: pg.Pool, row: Claimed, me: number, sent: SendResult) => {
  const client = await pool.connect()
  try {
    await client.query('BEGIN')
    const values = [row.id, me, sent.status, sent.durationMs, sent.error]
    const { rowCount } = await client.query(GAVE_UP, values)
    if (rowCount) {
      await client.query(DISABLE, [row.webhook_id, disabledNotice(new Date(), sent.error ?? '')])
    }
    await client.query('COMMIT')
    if (rowCount) {
      logEvent('warn', 'webhook-disabled', `Webhook ${row.webhook_id} disabled: ${sent.error}`, {
        webhook: row.webhook_id,
        error: sent.error,
      })
    }
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {})
    throw error
  } finally {
    client.release()
  }
}

/** Signs and sends one claimed delivery; whatever goes wrong is a failed attempt. */
const send = async (row: Claimed, settings: Settings): Promise<SendResult> => {
  try {
    if (!row.signing_secret) throw new Error('the webhook has no signing secret')
    const secret = unsealSecret(row.signing_secret, settings.payloadSecret)
    return await sendSigned(
      { url: row.url, secret, messageId: row.message_id, body: JSON.stringify(row.body) },
      { timeoutMs: settings.timeoutMs, allowPrivate: settings.allowPrivate },
    )
  } catch (error) {
    return { ok: false, status: null, durationMs: 0, error: (error as Error).message }
  }
}

/** One worker: its connections, its claims in flight, and when it last did what. */
class Worker {
  readonly pool: pg.Pool
  workerId = newWorkerId()
  private owner: pg.Client | undefined
  private stopped = false
  private claiming = false
  private wakeAgain = false
  private lastHousekeeping = 0
  private readonly inFlight = new Set<Promise<void>>()
  private readonly lastWarned = new Map<string, number>()
  private readonly timer: NodeJS.Timeout

  constructor(private readonly settings: Settings) {
    this.pool = new pg.Pool({
      connectionString: settings.databaseUrl,
      max: 2,
      connectionTimeoutMillis: 5000,
      application_name: 'hub-webhooks',
    })
    survivePoolErrors(this.pool, 'Webhook deliveries')
    this.timer = setInterval(() => this.wake(), settings.pollMs)
    this.timer.unref()
    void this.connectOwner()
  }

  /**
   * One line a minute per kind of trouble: a database that is away (or not migrated yet) would
   * otherwise write one every second.
   */
  private warn(msg: string, text: string, error: unknown) {
    if (Date.now() - (this.lastWarned.get(msg) ?? 0) < 60_000) return
    this.lastWarned.set(msg, Date.now())
    logEvent('warn', msg, `${text} (${(error as Error).message})`, {
      error: (error as Error).message,
    })
  }

  /** The LISTEN connection, holding the lock that keeps this worker's claims its own. */
  private async connectOwner(): Promise<void> {
    while (!this.stopped) {
      const client = new pg.Client({
        connectionString: this.settings.databaseUrl,
        application_name: 'hub-webhooks-listen',
      })
      client.on('error', () => {}) // 'end' follows: reconnect there
      try {
        await client.connect()
        this.workerId = await lockWorkerId(client, this.workerId)
        await client.query(`LISTEN ${client.escapeIdentifier(CHANGES_CHANNEL)}`)
        if (this.stopped) return void (await client.end().catch(() => {}))
        client.on('notification', () => this.wake())
        client.once('end', () => {
          if (this.owner === client) this.owner = undefined
          if (!this.stopped) void sleep(1000).then(() => this.connectOwner())
        })
        this.owner = client
        return this.wake()
      } catch (error) {
        await client.end().catch(() => {})
        this.warn('webhooks-listen', 'Webhook deliveries: cannot reach the database yet', error)
        await sleep(2000)
      }
    }
  }

  /** Writes the outcome, if the row is still claimed as `me` (the number it was claimed under). */
  private async record(row: Claimed, me: number, sent: SendResult) {
    if (sent.ok) {
      await this.pool.query(DELIVERED, [row.id, me, sent.status, sent.durationMs])
      return
    }
    const attempts = row.attempts + 1
    if (givesUp(attempts, row.age_ms, this.settings.schedule)) {
      return giveUp(this.pool, row, me, sent)
    }
    const delay = retryDelay(attempts, this.settings.schedule)
    await this.pool.query(FAILED, [row.id, me, sent.status, sent.durationMs, sent.error, delay])
  }

  private async housekeeping() {
    if (Date.now() - this.lastHousekeeping < 60_000) return
    this.lastHousekeeping = Date.now()
    await this.pool.query(HOUSEKEEPING[0]!)
    await this.pool.query(HOUSEKEEPING[1]!, [this.settings.keepMs])
  }

  private async claimAndSend() {
    await this.housekeeping()
    const room = this.settings.concurrency - this.inFlight.size
    if (room <= 0) return // each request that ends wakes the worker again
    const me = this.workerId
    const { rows } = await this.pool.query<Claimed>(CLAIM, [me, room, this.settings.leaseMs])
    for (const row of rows) {
      const sending: Promise<void> = send(row, this.settings)
        .then((sent) => this.record(row, me, sent))
        .catch((error) => this.warn('webhook-record', `Webhook delivery ${row.message_id}`, error))
        .finally(() => {
          this.inFlight.delete(sending)
          this.wake()
        })
      this.inFlight.add(sending)
    }
    if (rows.length === room) this.wakeAgain = true
  }

  /** One claim at a time per worker; a wake during it runs another right after. */
  wake() {
    if (this.stopped || !this.owner) return
    if (this.claiming) {
      this.wakeAgain = true
      return
    }
    this.claiming = true
    this.wakeAgain = false
    void this.claimAndSend()
      .catch((error) => this.warn('webhook-claim', 'Webhook deliveries: could not claim', error))
      .finally(() => {
        this.claiming = false
        if (this.wakeAgain) this.wake()
      })
  }

  async stop(graceMs = this.settings.timeoutMs + 1000) {
    this.stopped = true
    clearInterval(this.timer)
    await Promise.race([Promise.allSettled([...this.inFlight]), sleep(graceMs)])
    const client = this.owner
    this.owner = undefined
    await Promise.allSettled([client?.end(), this.pool.end()])
  }
}

export const startWebhookWorker = (options: WorkerOptions): WebhookWorker => {
  const worker = new Worker(settingsOf(options))
  return {
    wake: () => worker.wake(),
    id: () => worker.workerId,
    stop: (graceMs) => worker.stop(graceMs),
  }
}
