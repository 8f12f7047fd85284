// The admin's Usage page as CSV: GET /api/usage.csv?from=YYYY-MM-DD&to=YYYY-MM-DD, for admins only
// (the page links here with its range). One line per day and caller (src/partners/usage.ts).
import type { Endpoint } from 'payload'
import type pg from 'pg'

import { hasRole } from '../access/roles'
import { parseRange, usageCsv, usageReport } from './usage'

const answer = (status: number, message: string) =>
  Response.json({ errors: [{ message }] }, { status, headers: { 'Cache-Control': 'no-store' } })

export const usageExportEndpoint: Endpoint = {
  path: '/usage.csv',
  method: 'get',
  handler: async (req) => {
    if (!req.user) return answer(401, 'Sign in to the admin as an admin to export usage.')
    if (!hasRole(req.user, 'admin')) return answer(403, 'Only admins may export usage.')
    const parsed = parseRange(Object.fromEntries(new URL(req.url ?? '', 'http://hub').searchParams))
    if ('error' in parsed) return answer(400, parsed.error)
    const { from, to } = parsed.range
    const report = await usageReport(
      (req.payload.db as unknown as { pool: pg.Pool }).pool,
      parsed.range,
    )
    return new Response(usageCsv(report), {
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="hub-usage-${from}-to-${to}.csv"`,
        'Cache-Control': 'private, no-store',
      },
    })
  },
}
