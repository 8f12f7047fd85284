// The admin's Usage page (/admin/usage, admins only): how partners, anonymous readers and the hub's
// own site used the partner API per day over a range (30 days unless asked), in charts and a table,
// with the same figures as CSV (src/partners/usageEndpoint.ts).
import type { AdminViewServerProps } from 'payload'
import { DefaultTemplate } from '@payloadcms/next/templates'
import { Gutter } from '@payloadcms/ui'
import type pg from 'pg'

import { hasRole } from '../../access/roles'
import { parseRange, usageReport, type UsageRange } from '../../partners/usage'
import { USAGE_MONTHS } from '../../partners/usageTable'
import { UsageCharts } from './UsageCharts'

const DAY_MS = 86_400_000
const number = new Intl.NumberFormat('en')
const cell = { padding: '4px 12px', textAlign: 'right' as const }

const daysBack = (days: number): UsageRange => {
  const to = new Date().toISOString().slice(0, 10)
  return { from: new Date(Date.parse(to) - (days - 1) * DAY_MS).toISOString().slice(0, 10), to }
}
const QUICK = [
  ['Last 7 days', 7],
  ['Last 30 days', 30],
  ['Last 90 days', 90],
  [`Last ${USAGE_MONTHS} months`, 396],
] as const

const query = (range: UsageRange) => `from=${range.from}&to=${range.to}`

export const UsageView = async ({ initPageResult, params, searchParams }: AdminViewServerProps) => {
  const { req, permissions, visibleEntities, locale } = initPageResult
  const template = (children: React.ReactNode) => (
    <DefaultTemplate
      i18n={req.i18n}
      locale={locale}
      params={params}
      payload={req.payload}
      permissions={permissions}
      searchParams={searchParams}
      user={req.user ?? undefined}
      visibleEntities={visibleEntities}
    >
      <Gutter>
        <h1 style={{ marginTop: 24 }}>Partner API usage</h1>
        {children}
      </Gutter>
    </DefaultTemplate>
  )
  if (!hasRole(req.user, 'admin')) {
    return template(<p role="alert">Only admins can see how the partner API is used.</p>)
  }
  const asked = parseRange(searchParams ?? {})
  const range = 'range' in asked ? asked.range : daysBack(30)
  const report = await usageReport((req.payload.db as unknown as { pool: pg.Pool }).pool, range)
  const series = report.totals.map(({ caller, name }) => ({ caller, name }))
  const api = req.payload.config.routes.api
  const admin = req.payload.config.routes.admin

  return template(
    <>
      <p>
        Requests to the partner API per day (UTC), by partner (all of a partner’s keys together),
        anonymous readers (together: no address is kept) and the Alliance’s site served by this hub.
        Cost is in query cost points, as budgets count it; an answer from the response cache costs
        1. Errors are answers with an error (refused keys, spent budgets, invalid operations). p95:
        95 % of requests were answered within it (read from latency buckets, at most 19 % above the
        true figure). Kept {USAGE_MONTHS} months.
      </p>
      {'error' in asked ? (
        <p role="alert" className="usage-error">
          {asked.error} Showing the last 30 days.
        </p>
      ) : null}
      <form method="get" action={`${admin}/usage`} className="usage-range">
        <label>
          From <input type="date" name="from" defaultValue={range.from} required />
        </label>{' '}
        <label>
          To <input type="date" name="to" defaultValue={range.to} required />
        </label>{' '}
        <button type="submit" className="btn btn--style-secondary btn--size-small">
          Show
        </button>
      </form>
      <p className="usage-quick">
        {QUICK.map(([label, days]) => (
          <a
            key={days}
            href={`${admin}/usage?${query(daysBack(days))}`}
            style={{ marginInlineEnd: 16 }}
          >
            {label}
          </a>
        ))}
        <a href={`${api}/usage.csv?${query(range)}`} download className="usage-csv">
          Download CSV ({range.from} to {range.to})
        </a>
      </p>
      {report.totals.length ? (
        <>
          <UsageCharts days={report.days} rows={report.rows} series={series} />
          <h2>
            By caller, {range.from} to {range.to}
          </h2>
          <table className="usage-table">
            <thead>
              <tr>
                <th style={{ textAlign: 'start' }}>Caller</th>
                <th style={cell}>Requests</th>
                <th style={cell}>Cost</th>
                <th style={cell}>Errors</th>
                <th style={cell}>p95 (ms)</th>
                <th style={{ textAlign: 'start' }}>Top operations (requests)</th>
              </tr>
            </thead>
            <tbody>
              {report.totals.map((total) => (
                <tr key={total.caller} data-caller={total.caller}>
                  <td>{total.name}</td>
                  <td style={cell}>{number.format(total.requests)}</td>
                  <td style={cell}>{number.format(total.cost)}</td>
                  <td style={cell}>
                    {number.format(total.errors)}
                    {total.requests
                      ? ` (${((100 * total.errors) / total.requests).toFixed(1)} %)`
                      : ''}
                  </td>
                  <td style={cell}>{total.p95 ?? '–'}</td>
                  <td>
                    {total.top
                      .map((one) => `${one.operation} (${number.format(one.requests)})`)
                      .join(', ')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : (
        <p className="usage-empty">
          No requests to the partner API from {range.from} to {range.to}.
        </p>
      )}
    </>,
  )
}
