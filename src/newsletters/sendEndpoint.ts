// "Send" on a published edition: POST /api/newsletters/<id>/send with {"to": "me"} sends a test to
// the editor who asks (in the locale given, default English); {"to": "everyone"} then queues one
// delivery per subscriber who wants the newsletter, in their language. Editors and admins only.
// Sending to everyone needs a test of the edition as it is now (one sent after its last change),
// and never mails a subscriber an edition twice (src/newsletters/sender.ts).
import { randomUUID } from 'node:crypto'
import type { Endpoint, PayloadRequest } from 'payload'
import type pg from 'pg'
import { z } from 'zod'

import { hasRole } from '../access/roles'
import { LOCALE_CODES } from '../locales'
import { mailGoesTo, mailSender } from '../mail/transport'
import { DELIVERIES_TABLE } from './deliveries'

const Body = z.object({
  to: z.enum(['me', 'everyone'], { error: 'must be "me" (a test to yourself) or "everyone"' }),
  locale: z
    .enum(LOCALE_CODES, { error: `must be one of ${LOCALE_CODES.join(', ')}` })
    .default('en'),
})

const answer = (status: number, body: Record<string, unknown>) =>
  Response.json(body, { status, headers: { 'Cache-Control': 'no-store' } })
const refuse = (status: number, message: string) => answer(status, { errors: [{ message }] })

/** The domain of the hub's Message-IDs: the sender's. */
const messageDomain = () => mailSender().address.split('@')[1] ?? 'hub.invalid'

/**
 * A send and its deliveries, in the caller's transaction: one to `to`, a test in its locale, or
 * one per subscriber who is confirmed and wants the newsletter and was not sent this edition
 * (each delivery's Message-ID the same on every attempt).
 */
export const queueSend = async (
  client: pg.PoolClient,
  {
    edition,
    requestedBy,
    to,
  }: {
    edition: number
    requestedBy: number | null
    to: 'everyone' | { email: string; locale: string }
  },
) => {
  const { rows } = await client.query<{ id: number }>(
    `INSERT INTO newsletter_sends (edition_id, kind, status, requested_by_id)
     VALUES ($1, $2, 'queued', $3) RETURNING id`,
    [edition, to === 'everyone' ? 'everyone' : 'test', requestedBy],
  )
  const send = rows[0]!.id
  const { rowCount } =
    to === 'everyone'
      ? await client.query(
          `INSERT INTO ${DELIVERIES_TABLE} (send_id, edition_id, subscriber_id, email, locale, message_id)
           SELECT $1::int, $2::int, s.id, s.email, s.locale::text,
                  '<edition-' || $2::int || '.subscriber-' || s.id || '@' || $3::text || '>'
           FROM subscribers s
           WHERE s.status = 'subscribed'
             AND EXISTS (SELECT 1 FROM subscribers_interests i WHERE i.parent_id = s.id AND i.value = 'newsletter')
           ON CONFLICT (edition_id, subscriber_id) DO NOTHING`,
          [send, edition, messageDomain()],
        )
      : await client.query(
          `INSERT INTO ${DELIVERIES_TABLE} (send_id, edition_id, subscriber_id, email, locale, message_id)
           VALUES ($1, $2, NULL, $3, $4, $5)`,
          [
            send,
            edition,
            to.email,
            to.locale,
            `<edition-${edition}.test-${randomUUID()}@${messageDomain()}>`,
          ],
        )
  await client.query('UPDATE newsletter_sends SET total = $2 WHERE id = $1', [send, rowCount])
  return { send, recipients: rowCount ?? 0 }
}

const poolOf = (req: PayloadRequest) => (req.payload.db as unknown as { pool: pg.Pool }).pool

/** The edition as published (null when there is none). */
const editionOf = (req: PayloadRequest, id: number) =>
  req.payload
    .findByID({ collection: 'newsletters', id, depth: 0, draft: false, overrideAccess: true })
    .catch(() => null)

/** Whether a test of the edition went out after its last change. */
const testedSince = async (db: pg.Pool | pg.PoolClient, edition: number, updatedAt: string) =>
  (
    await db.query(
      `SELECT 1 FROM newsletter_sends WHERE edition_id = $1 AND kind = 'test' AND sent > 0
         AND created_at > $2 LIMIT 1`,
      [edition, updatedAt],
    )
  ).rows.length > 0

export const sendEndpoint: Endpoint = {
  path: '/:id/send',
  method: 'post',
  handler: async (req) => {
    if (!req.user) return refuse(401, 'Sign in to the admin to send an edition.')
    if (!hasRole(req.user, 'admin', 'editor')) {
      return refuse(403, 'Only editors and admins send editions of the newsletter.')
    }
    const id = z.coerce.number().int().positive().safeParse(req.routeParams?.id)
    if (!id.success) return refuse(400, 'id: is not the id of an edition')
    let raw: unknown
    try {
      raw = await req.json?.()
    } catch {
      return refuse(400, 'The body must be JSON, such as {"to": "me"}.')
    }
    const body = Body.safeParse(raw ?? {})
    if (!body.success) {
      const issue = body.error.issues[0]!
      return refuse(400, `${issue.path.join('.') || 'body'}: ${issue.message}`)
    }
    const edition = await editionOf(req, id.data)
    if (!edition || edition._status !== 'published') {
      return refuse(409, 'Only a published edition can be sent: publish it first.')
    }
    const pool = poolOf(req)
    const client = await pool.connect()
    try {
      await client.query('BEGIN')
      // One send at a time per edition: two clicks on "Send" queue one.
      await client.query('SELECT pg_advisory_xact_lock($1, $2)', [0x53454e44, id.data])
      if (body.data.to === 'everyone') {
        if (!(await testedSince(client, id.data, edition.updatedAt))) {
          await client.query('ROLLBACK')
          return refuse(
            409,
            'Send a test to yourself first: none was sent since the edition last changed.',
          )
        }
        const { rows: running } = await client.query(
          `SELECT id FROM newsletter_sends WHERE edition_id = $1 AND kind = 'everyone'
             AND status IN ('queued', 'sending') LIMIT 1`,
          [id.data],
        )
        if (running.length) {
          await client.query('ROLLBACK')
          return refuse(409, `This edition is being sent already (send ${running[0].id}).`)
        }
      }
      const { send, recipients } = await queueSend(client, {
        edition: id.data,
        requestedBy: req.user.id as number,
        to:
          body.data.to === 'me' ? { email: req.user.email, locale: body.data.locale } : 'everyone',
      })
      await client.query('COMMIT')
      return answer(202, { send, recipients })
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined)
      throw error
    } finally {
      client.release()
    }
  },
}

/** The last sends of an edition as the admin's "Send by e-mail" shows them. */
export type SendStatus = {
  /** Where e-mail goes: an SMTP server, or .eml files in a folder of the hub's machine. */
  mail: { smtp: true } | { smtp: false; folder: string }
  /** Subscribers who would receive it now (confirmed, wanting the newsletter, not sent it yet). */
  recipients: number
  /** A test was sent since the edition last changed: sending to everyone is open. */
  tested: boolean
  published: boolean
  last: {
    id: number
    kind: 'test' | 'everyone'
    status: 'queued' | 'sending' | 'done'
    total: number
    sent: number
    failed: number
    bounced: number
    createdAt: string
  }[]
}

/** GET /api/newsletters/<id>/send: what "Send by e-mail" shows, for editors and admins. */
export const sendStatusEndpoint: Endpoint = {
  path: '/:id/send',
  method: 'get',
  handler: async (req) => {
    if (!hasRole(req.user, 'admin', 'editor')) {
      return refuse(
        req.user ? 403 : 401,
        'Only editors and admins send editions of the newsletter.',
      )
    }
    const id = z.coerce.number().int().positive().safeParse(req.routeParams?.id)
    if (!id.success) return refuse(400, 'id: is not the id of an edition')
    const edition = await editionOf(req, id.data)
    if (!edition) return refuse(404, `There is no edition ${id.data}.`)
    const pool = poolOf(req)
    const [recipients, tested, last] = await Promise.all([
      pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM subscribers s
         WHERE s.status = 'subscribed'
           AND EXISTS (SELECT 1 FROM subscribers_interests i WHERE i.parent_id = s.id AND i.value = 'newsletter')
           AND NOT EXISTS (SELECT 1 FROM ${DELIVERIES_TABLE} d WHERE d.edition_id = $1 AND d.subscriber_id = s.id)`,
        [id.data],
      ),
      testedSince(pool, id.data, edition.updatedAt),
      pool.query<SendStatus['last'][number]>(
        `SELECT id, kind::text, status::text, total::int, sent::int, failed::int, bounced::int,
                created_at AS "createdAt"
         FROM newsletter_sends WHERE edition_id = $1 ORDER BY id DESC LIMIT 5`,
        [id.data],
      ),
    ])
    const status: SendStatus = {
      mail: mailGoesTo(),
      recipients: recipients.rows[0]!.n,
      tested,
      published: edition._status === 'published',
      last: last.rows,
    }
    return answer(200, status)
  },
}
