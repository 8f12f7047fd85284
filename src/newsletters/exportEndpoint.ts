// Subscribers as CSV for admins: GET /api/subscribers.csv (?status=subscribed for one status), linked
// from the Subscribers list. Made on request and sent, never stored: a file of addresses left on
// disk or in the bucket would be personal data nobody looks after. Each export is logged.
import { stringify } from 'csv-stringify/sync'
import type { Endpoint } from 'payload'
import type pg from 'pg'
import { z } from 'zod'

import { hasRole } from '../access/roles'
import { logEvent } from '../ops/log'

const STATUSES = ['pending', 'subscribed', 'unsubscribed', 'bounced'] as const
const Query = z.object({
  status: z
    .enum(STATUSES, { error: `must be one of ${STATUSES.join(', ')}, or left out for all` })
    .optional(),
})

const answer = (status: number, message: string) =>
  Response.json({ errors: [{ message }] }, { status, headers: { 'Cache-Control': 'no-store' } })

type Row = {
  email: string
  status: string
  locale: string
  interests: string
  signed_up_at: Date
  confirmed_at: Date | null
  unsubscribed_at: Date | null
  consent_wording: string | null
}

/** Every subscriber (or those of one status), oldest first, with the wording they last agreed to. */
export const subscribersCsv = async (pool: pg.Pool, status?: (typeof STATUSES)[number]) => {
  const { rows } = await pool.query<Row>(
    `SELECT s.email, s.status::text, s.locale::text,
            coalesce((SELECT string_agg(i.value::text, '; ' ORDER BY i."order")
                      FROM subscribers_interests i WHERE i.parent_id = s.id), '') AS interests,
            s.created_at AS signed_up_at, s.confirmed_at, s.unsubscribed_at,
            (SELECT c.wording FROM consents c
             WHERE c.subscriber_id = s.id AND c.wording IS NOT NULL AND c.event <> 'asked'
             ORDER BY c.at DESC LIMIT 1) AS consent_wording
     FROM subscribers s WHERE $1::text IS NULL OR s.status::text = $1
     ORDER BY s.created_at, s.id`,
    [status ?? null],
  )
  const csv = stringify(rows, {
    header: true,
    columns: [
      'email',
      'status',
      { key: 'locale', header: 'language' },
      'interests',
      'signed_up_at',
      'confirmed_at',
      'unsubscribed_at',
      'consent_wording',
    ],
    cast: { date: (value) => value.toISOString() },
    // A byte-order mark, so that spreadsheet programs read the addresses as UTF-8.
    bom: true,
    // Addresses are typed by strangers: never a formula in a spreadsheet.
    escape_formulas: true,
  })
  return { csv, count: rows.length }
}

export const subscribersExportEndpoint: Endpoint = {
  path: '/subscribers.csv',
  method: 'get',
  handler: async (req) => {
    if (!req.user) return answer(401, 'Sign in to the admin as an admin to export subscribers.')
    if (!hasRole(req.user, 'admin')) return answer(403, 'Only admins may export subscribers.')
    const parsed = Query.safeParse(
      Object.fromEntries(new URL(req.url ?? '', 'http://hub').searchParams),
    )
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!
      return answer(400, `\`${String(issue.path[0])}\` ${issue.message}.`)
    }
    const { status } = parsed.data
    const { csv, count } = await subscribersCsv(
      (req.payload.db as unknown as { pool: pg.Pool }).pool,
      status,
    )
    logEvent('info', 'newsletter', `${req.user.email} exported ${count} subscriber(s) as CSV`, {
      user: req.user.id,
      status: status ?? 'all',
    })
    const day = new Date().toISOString().slice(0, 10)
    return new Response(csv, {
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="subscribers-${status ?? 'all'}-${day}.csv"`,
        'Cache-Control': 'private, no-store',
      },
    })
  },
}
