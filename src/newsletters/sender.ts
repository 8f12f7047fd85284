// Sends editions, one message at a time at NEWSLETTER_RATE a second, from the deliveries a "Send"
// made (src/newsletters/sendEndpoint.ts). One hub sends at a time: the holder of an advisory lock
// (src/ops/leadership.ts), so a second hub, or a restarted one, takes over where a stopped one
// left off.
//
// Nobody is mailed an edition twice: a delivery is unique per edition × subscriber, and is marked
// sent in the statement after SMTP took it. What a crash can leave is the delivery that was being
// handed over at that moment (one, as messages go one at a time): it is sent again with the same
// Message-ID, which mailbox providers use to drop a copy, and counted as "in doubt" on its send.
import { setTimeout as sleep } from 'node:timers/promises'
import type pg from 'pg'

import type { LocaleCode } from '../locales'
import { createLeadership, type Leadership } from '../ops/leadership'
import { DELIVERIES_TABLE } from './deliveries'
import { preferencesToken, unsubscribeToken } from './subscriptions'

/** The advisory lock whose holder sends newsletters ("MAIL"). */
export const SENDER_LOCK: [number, number] = [0x4d41494c, 1]

/** Tries of a delivery that fails for a reason that may pass (a 4xx reply, a lost connection). */
export const MAX_ATTEMPTS = 5
/** The wait before the next try: one minute, doubled at each failure. */
const RETRY_BASE_MS = 60_000
/** Deliveries claimed at a time. */
const BATCH = 20

/** Stand for the subscriber's own links in an edition rendered once per locale. */
export const PERSONAL_PLACEHOLDERS = {
  unsubscribeUrl: 'https://unsubscribe.invalid/placeholder',
  preferencesUrl: 'https://preferences.invalid/placeholder',
}

export type RenderedEdition = { subject: string; html: string; text: string }

export type SenderOptions = {
  /** The primary (deliveries and sends are written there). */
  pool: pg.Pool
  /** Where the sending hubs decide which one sends (a session, never PgBouncer in transaction mode). */
  sessionUrl: string
  /** The edition in a locale, along the hub's fallback chain, its unsubscribe link the placeholder. */
  render: (editionId: number, locale: LocaleCode) => Promise<RenderedEdition>
  /** Hands a message to SMTP (or the .eml folder). */
  deliver: (message: {
    to: string
    subject: string
    html: string
    text: string
    messageId: string
    headers: Record<string, string>
  }) => Promise<unknown>
  /** The site's address, for the unsubscribe links. */
  siteUrl: string
  /** Messages per second. */
  rate: number
  onEvent: (level: 'info' | 'warn', text: string, fields?: Record<string, number>) => void
}

type Delivery = {
  id: number
  send_id: number
  edition_id: number
  subscriber_id: number | null
  email: string
  locale: LocaleCode
  attempts: number
  message_id: string
}

/** What an SMTP failure means for the delivery: try later, give up, or the address does not exist. */
export const classify = (error: unknown): 'temporary' | 'permanent' | 'bounced' => {
  const { responseCode, code } = error as { responseCode?: number; code?: string }
  if (typeof responseCode !== 'number') return 'temporary'
  if (responseCode >= 500)
    return code === 'EENVELOPE' && [550, 551, 553].includes(responseCode) ? 'bounced' : 'permanent'
  return 'temporary'
}

export const startSender = (options: SenderOptions) => {
  const { pool } = options
  const stopped = new AbortController()
  const leadership: Leadership = createLeadership(options.sessionUrl, SENDER_LOCK)
  const rendered = new Map<string, Promise<RenderedEdition>>()
  let led = false
  let nextAt = 0

  const editionIn = (delivery: Delivery) => {
    const key = `${delivery.send_id}:${delivery.locale}`
    let edition = rendered.get(key)
    if (!edition) {
      edition = options.render(delivery.edition_id, delivery.locale)
      edition.catch(() => rendered.delete(key))
      rendered.set(key, edition)
    }
    return edition
  }

  /** Deliveries a stopped sender was handing over: sent again, counted as in doubt. */
  const recover = async () => {
    const { rowCount } = await pool.query(
      `UPDATE ${DELIVERIES_TABLE} SET status = 'pending', in_doubt = in_doubt + 1, next_at = now()
       WHERE status = 'sending'`,
    )
    if (rowCount) {
      options.onEvent(
        'warn',
        `Newsletter: ${rowCount} message(s) were being sent when the last sender stopped; sending them again with the same Message-ID`,
      )
    }
  }

  const updateCounts = (sendId: number) =>
    pool.query(
      `UPDATE newsletter_sends s SET
         sent = c.sent, failed = c.failed, bounced = c.bounced, in_doubt = c.in_doubt, updated_at = now()
       FROM (SELECT count(*) FILTER (WHERE status = 'sent')::int AS sent,
                    count(*) FILTER (WHERE status = 'failed')::int AS failed,
                    count(*) FILTER (WHERE status = 'bounced')::int AS bounced,
                    count(*) FILTER (WHERE in_doubt > 0)::int AS in_doubt
             FROM ${DELIVERIES_TABLE} WHERE send_id = $1) c
       WHERE s.id = $1`,
      [sendId],
    )

  /** The message for one subscriber: the edition in their locale, with their own unsubscribe link. */
  const messageFor = async (delivery: Delivery) => {
    const edition = await editionIn(delivery)
    const site = options.siteUrl.replace(/\/+$/, '')
    const subscriber = delivery.subscriber_id
      ? { id: delivery.subscriber_id, email: delivery.email }
      : undefined
    const link = async (step: 'unsubscribe' | 'preferences', token: typeof unsubscribeToken) =>
      `${site}/${delivery.locale}/newsletter/${step}?token=${subscriber ? await token(pool, subscriber) : 'test'}`
    const unsubscribeUrl = await link('unsubscribe', unsubscribeToken)
    const preferencesUrl = await link('preferences', preferencesToken)
    const personal = (text: string) =>
      text
        .split(PERSONAL_PLACEHOLDERS.unsubscribeUrl)
        .join(unsubscribeUrl)
        .split(PERSONAL_PLACEHOLDERS.preferencesUrl)
        .join(preferencesUrl)
    return { edition, unsubscribeUrl, personal }
  }

  const deliverOne = async (
    delivery: Delivery,
    { edition, unsubscribeUrl, personal }: Awaited<ReturnType<typeof messageFor>>,
  ) => {
    // Paced: at most `rate` a second, however long each takes.
    const wait = nextAt - Date.now()
    if (wait > 0) await sleep(wait)
    nextAt = Math.max(Date.now(), nextAt) + 1000 / options.rate
    try {
      await options.deliver({
        to: delivery.email,
        subject: edition.subject,
        html: personal(edition.html),
        text: personal(edition.text),
        messageId: delivery.message_id,
        headers: {
          // RFC 2369 and RFC 8058: mail programs show an "Unsubscribe" that posts to it.
          'List-Unsubscribe': `<${unsubscribeUrl}>`,
          'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
          'List-Id': 'The Alliance’s newsletter <newsletter.alliancecpha>',
          Precedence: 'bulk',
        },
      })
    } catch (error) {
      const kind = classify(error)
      const message = (error as Error).message.slice(0, 500)
      if (kind === 'temporary' && delivery.attempts < MAX_ATTEMPTS) {
        await pool.query(
          `UPDATE ${DELIVERIES_TABLE} SET status = 'pending', last_error = $2,
             next_at = now() + ($3 || ' milliseconds')::interval WHERE id = $1`,
          [delivery.id, message, String(RETRY_BASE_MS * 2 ** (delivery.attempts - 1))],
        )
        return
      }
      await pool.query(
        `UPDATE ${DELIVERIES_TABLE} SET status = $2, last_error = $3 WHERE id = $1`,
        [delivery.id, kind === 'bounced' ? 'bounced' : 'failed', message],
      )
      if (kind === 'bounced' && delivery.subscriber_id) {
        await pool.query(
          `UPDATE subscribers SET status = 'bounced', updated_at = now() WHERE id = $1`,
          [delivery.subscriber_id],
        )
      }
      options.onEvent(
        'warn',
        `Newsletter: delivery ${delivery.id} ${kind === 'bounced' ? 'bounced' : 'failed'}: ${message}`,
        { delivery: delivery.id },
      )
      return
    }
    await pool.query(
      `UPDATE ${DELIVERIES_TABLE} SET status = 'sent', sent_at = now(), last_error = NULL WHERE id = $1`,
      [delivery.id],
    )
  }

  /** Sends a batch of the oldest send under way; false when there is nothing to send now. */
  const step = async (): Promise<boolean> => {
    const { rows: sends } = await pool.query<{ id: number; status: string }>(
      `SELECT id, status FROM newsletter_sends WHERE status IN ('queued', 'sending')
       ORDER BY (kind = 'test') DESC, id LIMIT 1`,
    )
    const send = sends[0]
    if (!send) return false
    if (send.status === 'queued') {
      await pool.query(
        `UPDATE newsletter_sends SET status = 'sending', started_at = coalesce(started_at, now()) WHERE id = $1`,
        [send.id],
      )
    }
    // The next few due, in order. Only the lock's holder sends, so nobody else takes them.
    const { rows: due } = await pool.query<Delivery>(
      `SELECT id, send_id, edition_id, subscriber_id, email, locale, attempts, message_id
       FROM ${DELIVERIES_TABLE}
       WHERE send_id = $1 AND status = 'pending' AND next_at <= now()
       ORDER BY id LIMIT $2`,
      [send.id, BATCH],
    )
    for (const delivery of due) {
      if (stopped.signal.aborted) break
      // Made first: a failure to render leaves the delivery pending, to be tried again.
      const message = await messageFor(delivery)
      // Marked before it is handed over: a crash leaves this one, and only this one, "sending".
      await pool.query(
        `UPDATE ${DELIVERIES_TABLE} SET status = 'sending', attempts = attempts + 1 WHERE id = $1`,
        [delivery.id],
      )
      await deliverOne({ ...delivery, attempts: delivery.attempts + 1 }, message)
    }
    await updateCounts(send.id)
    if (due.length) return true
    const { rows } = await pool.query<{ open: number }>(
      `SELECT count(*)::int AS open FROM ${DELIVERIES_TABLE}
       WHERE send_id = $1 AND status IN ('pending', 'sending')`,
      [send.id],
    )
    if (rows[0]!.open === 0) {
      await pool.query(
        `UPDATE newsletter_sends SET status = 'done', finished_at = now(), updated_at = now() WHERE id = $1`,
        [send.id],
      )
      for (const key of rendered.keys()) if (key.startsWith(`${send.id}:`)) rendered.delete(key)
      options.onEvent('info', `Newsletter: send ${send.id} finished`, { send: send.id })
      return true
    }
    // Only retries remain, not yet due.
    return false
  }

  const loop = (async () => {
    while (!stopped.signal.aborted) {
      let worked = false
      try {
        if (await leadership.holds()) {
          if (!led) {
            await recover()
            led = true
          }
          worked = await step()
        } else {
          led = false
        }
      } catch (error) {
        // A delivery may be left "sending": recovered (as in doubt) before the next try.
        led = false
        options.onEvent('warn', `Newsletter: sending paused: ${(error as Error).message}`)
      }
      if (!worked) await sleep(1000, undefined, { signal: stopped.signal }).catch(() => undefined)
    }
  })()

  return {
    /** Finishes the message in hand, puts the rest of its batch back, and gives up the lock. */
    stop: async () => {
      stopped.abort()
      await loop
      await leadership.release()
    },
  }
}
