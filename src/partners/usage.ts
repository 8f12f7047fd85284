// The partner API's use as the secretariat reads it: per day and caller (each partner, anonymous
// readers together, the hub's own site), requests, cost, errors, p95 latency and top operations,
// from the aggregates graphql/usage.ts writes. The admin's Usage page and its CSV export read this;
// four statements per report, whatever the range.
import { stringify } from 'csv-stringify/sync'
import type pg from 'pg'
import { z } from 'zod'

import {
  ANONYMOUS,
  addHistogram,
  emptyHistogram,
  HUB_SITE,
  partnerIdOf,
  percentile,
  USAGE_MONTHS,
  USAGE_TABLE,
} from './usageTable'

const DAY_MS = 86_400_000
const DEFAULT_DAYS = 30
/** The longest range a report covers: the 13 months kept. */
const MAX_DAYS = Math.ceil(USAGE_MONTHS * 30.5)
const TOP = 5

const DAY = /^\d{4}-\d{2}-\d{2}$/
/** February 30th parses as March 2nd: a real day reads back as itself. */
const realDay = (value: string) => {
  const time = Date.parse(`${value}T00:00:00Z`)
  return !Number.isNaN(time) && new Date(time).toISOString().startsWith(value)
}
const isoDay = (name: string) =>
  z
    .string()
    .regex(DAY, `${name} must be a day written YYYY-MM-DD.`)
    // Checked only once the shape is right: one sentence per field.
    .refine((value) => !DAY.test(value) || realDay(value), `${name} is not a real day.`)

const rangeSchema = z
  .object({ from: isoDay('from').optional(), to: isoDay('to').optional() })
  .transform(({ from, to }) => {
    const end = to ?? new Date().toISOString().slice(0, 10)
    const start =
      from ?? new Date(Date.parse(end) - (DEFAULT_DAYS - 1) * DAY_MS).toISOString().slice(0, 10)
    return { from: start, to: end }
  })
  .refine(({ from, to }) => from <= to, { message: 'from must not be after to.', path: ['from'] })
  .refine(({ from, to }) => (Date.parse(to) - Date.parse(from)) / DAY_MS < MAX_DAYS, {
    message: `The range may cover at most ${MAX_DAYS} days (usage is kept ${USAGE_MONTHS} months).`,
    path: ['from'],
  })

export type UsageRange = { from: string; to: string }

/** The range a page or export asks for (`from`, `to`: YYYY-MM-DD), or the sentence refusing it. */
export const parseRange = (
  input: Record<string, unknown>,
): { range: UsageRange } | { error: string } => {
  const parsed = rangeSchema.safeParse({
    from: typeof input.from === 'string' && input.from ? input.from : undefined,
    to: typeof input.to === 'string' && input.to ? input.to : undefined,
  })
  return parsed.success
    ? { range: parsed.data }
    : { error: parsed.error.issues.map((issue) => issue.message).join(' ') }
}

export type UsageFigures = {
  requests: number
  cost: number
  errors: number
  /** ms, read from the latency buckets (at most 19 % above the true figure); null: no requests. */
  p95: number | null
}
export type UsageDay = UsageFigures & {
  day: string
  caller: string
  name: string
  top: TopOperation[]
}
export type UsageTotal = UsageFigures & { caller: string; name: string; top: TopOperation[] }
export type UsageReport = UsageRange & { days: string[]; rows: UsageDay[]; totals: UsageTotal[] }

type Queryable = Pick<pg.Pool, 'query'>

const DAYS_SQL = `SELECT u.day::text AS day, u.caller,
  sum(u.requests)::int AS requests, sum(u.errors)::int AS errors, sum(u.cost)::float8 AS cost,
  (SELECT array_agg(t.n ORDER BY t.i) FROM (
    SELECT h.i, sum(h.n)::int AS n
    FROM ${USAGE_TABLE} v, unnest(v.latency) WITH ORDINALITY AS h(n, i)
    WHERE v.day = u.day AND v.caller = u.caller GROUP BY h.i) t) AS latency
FROM ${USAGE_TABLE} u WHERE u.day BETWEEN $1 AND $2
GROUP BY u.day, u.caller ORDER BY u.day, u.caller`

/** Each caller's most asked operations over the range, or on each day (`by` "day, caller"). */
const topSql = (
  by: 'caller' | 'day, caller',
) => `SELECT day, caller, operation, requests, errors FROM (
  SELECT ${by === 'caller' ? 'NULL::text' : 'day::text'} AS day, caller, operation,
    sum(requests)::int AS requests, sum(errors)::int AS errors,
    row_number() OVER (PARTITION BY ${by} ORDER BY sum(requests) DESC, operation) AS rank
  FROM ${USAGE_TABLE} WHERE day BETWEEN $1 AND $2 GROUP BY ${by}, operation) t
WHERE rank <= ${TOP} ORDER BY day, caller, rank`

type TopRow = {
  day: string | null
  caller: string
  operation: string
  requests: number
  errors: number
}
export type TopOperation = { operation: string; requests: number; errors: number }

const NAMES_SQL = `SELECT id, organisation FROM partners WHERE id = ANY($1::int[])`

/** Each day of a range, in order. */
const daysOf = ({ from, to }: UsageRange) => {
  const days: string[] = []
  for (let t = Date.parse(from); t <= Date.parse(to); t += DAY_MS) {
    days.push(new Date(t).toISOString().slice(0, 10))
  }
  return days
}

export const usageReport = async (db: Queryable, range: UsageRange): Promise<UsageReport> => {
  const values = [range.from, range.to]
  const [days, top, topByDay] = await Promise.all([
    db.query<{
      day: string
      caller: string
      requests: number
      errors: number
      cost: number
      latency: number[]
    }>(DAYS_SQL, values),
    db.query<TopRow>(topSql('caller'), values),
    db.query<TopRow>(topSql('day, caller'), values),
  ])
  const dayTops = new Map<string, TopOperation[]>()
  for (const { day, caller, ...operation } of topByDay.rows) {
    const key = `${day}\t${caller}`
    dayTops.set(key, [...(dayTops.get(key) ?? []), operation])
  }
  const partnerIds = [...new Set(days.rows.map((row) => partnerIdOf(row.caller)))].filter(
    (id): id is number => id !== undefined,
  )
  const names = new Map<number, string>(
    partnerIds.length
      ? (await db.query<{ id: number; organisation: string }>(NAMES_SQL, [partnerIds])).rows.map(
          (row) => [row.id, row.organisation],
        )
      : [],
  )
  const nameOf = (caller: string) => {
    if (caller === ANONYMOUS) return 'Anonymous readers'
    if (caller === HUB_SITE) return 'The Alliance’s site (this hub)'
    const id = partnerIdOf(caller)
    return (id !== undefined && names.get(id)) || `Partner ${id ?? caller} (deleted)`
  }

  const totals = new Map<string, UsageTotal & { latency: number[] }>()
  const rows: UsageDay[] = days.rows.map((row) => {
    const name = nameOf(row.caller)
    let total = totals.get(row.caller)
    if (!total) {
      total = {
        caller: row.caller,
        name,
        requests: 0,
        cost: 0,
        errors: 0,
        p95: null,
        top: [],
        latency: emptyHistogram(),
      }
      totals.set(row.caller, total)
    }
    total.requests += row.requests
    total.cost += row.cost
    total.errors += row.errors
    addHistogram(total.latency, row.latency)
    return {
      day: row.day,
      caller: row.caller,
      name,
      requests: row.requests,
      cost: row.cost,
      errors: row.errors,
      p95: percentile(row.latency),
      top: dayTops.get(`${row.day}\t${row.caller}`) ?? [],
    }
  })
  for (const { caller, operation, requests, errors } of top.rows) {
    totals.get(caller)?.top.push({ operation, requests, errors })
  }
  return {
    ...range,
    days: daysOf(range),
    rows,
    totals: [...totals.values()]
      .map(({ latency, ...total }) => ({ ...total, p95: percentile(latency) }))
      .sort((a, b) => b.requests - a.requests),
  }
}

/** The report as CSV: one line per day and caller, with that day's top operations. */
export const usageCsv = (report: UsageReport): string =>
  stringify(
    report.rows.map((row) => ({
      ...row,
      p95: row.p95 ?? '',
      top: row.top.map((one) => `${one.operation} (${one.requests})`).join('; '),
    })),
    {
      header: true,
      columns: [
        { key: 'day', header: 'day' },
        { key: 'name', header: 'caller' },
        { key: 'caller', header: 'caller_id' },
        { key: 'requests', header: 'requests' },
        { key: 'cost', header: 'cost_points' },
        { key: 'errors', header: 'errors' },
        { key: 'p95', header: 'p95_ms' },
        { key: 'top', header: 'top_operations' },
      ],
      // An organisation's name is typed by an admin: never a formula in a spreadsheet.
      escape_formulas: true,
    },
  )
