// Issue 23, item 4: what the secretariat sees of the partner API's use. Per partner (and anonymous
// readers together) per day: requests, cost, errors, p95 and top operations, written by every
// process into one table and read by the admin's Usage page and its CSV export (admins only).
// Aggregates are deleted after 13 months and rate-limit counters (the only rows holding client
// addresses) once their window has ended; no address, key or query text is kept or logged.
import type { Payload } from 'payload'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest'

import { hub, makeUser, restResponse, unique } from '../helpers/hub'
import { partnerApi } from '../helpers/partner'
import { usageReport } from '../../src/partners/usage'
import { latencyBucket, percentile, USAGE_TABLE } from '../../src/partners/usageTable'
import { RATE_LIMITS_TABLE } from '../../src/db/rateLimits'

let payload: Payload
let db: pg.Client
const one = partnerApi({ responseCache: true })
const other = partnerApi({ responseCache: true })
let partner: number
let key: string

const today = () => new Date().toISOString().slice(0, 10)
const auth = (secret: string) => ({ Authorization: `Bearer ${secret}` })
/** A name no other test uses: its rows in the table are this test's alone. */
const operation = () => unique('Usage').replace('-', '_')
const listing = (name: string) =>
  `query ${name} { resources(first: 2) { totalCount edges { node { slug } } } }`
const costOf = (body: unknown) =>
  (body as { extensions: { cost: { requested: number } } }).extensions.cost.requested

const rowsOf = async (name: string) =>
  (
    await db.query<{
      caller: string
      requests: number
      errors: number
      cost: string
      latency: number[]
    }>(
      `SELECT caller, requests, errors, cost, latency FROM ${USAGE_TABLE} WHERE operation = $1 AND day = $2`,
      [name, today()],
    )
  ).rows

const flushAll = async () => {
  await one.flush()
  await other.flush()
}

beforeAll(async () => {
  payload = await hub()
  db = new pg.Client({ connectionString: inject('databaseUrl') })
  await db.connect()
  partner = (
    await payload.create({ collection: 'partners', data: { organisation: unique('UNICEF') } })
  ).id
  key = (
    (await payload.create({
      collection: 'api-keys',
      data: { partner, label: 'Usage' } as never,
    })) as unknown as { key: string }
  ).key
})

afterAll(async () => {
  await db.end()
  await one.close()
  await other.close()
})

describe('each answer is counted', () => {
  it('per partner, day and operation: requests, cost, errors and latency', async () => {
    const name = operation()
    let cost = 0
    for (let i = 0; i < 3; i++) {
      // An alias each time: never an answer from the response cache.
      const answer = await one.post(
        listing(name).replace('resources(', `r${i}: resources(`),
        {},
        auth(key),
      )
      expect(answer.status).toBe(200)
      cost += costOf(answer.body)
    }
    const failed = await one.post(`query ${name} { resources { nothing } }`, {}, auth(key))
    expect(failed.status).toBe(400)
    await flushAll()

    const rows = await rowsOf(name)
    expect(rows).toHaveLength(1)
    const [row] = rows
    expect(row!.caller).toBe(`partner:${partner}`)
    expect(row!.requests).toBe(4)
    expect(row!.errors).toBe(1)
    // The refused one is counted as 1 point, as budgets count it.
    expect(Number(row!.cost)).toBe(cost + 1)
    expect(row!.latency.reduce((a, b) => a + b, 0)).toBe(4)

    const report = await usageReport(db, { from: today(), to: today() })
    const total = report.totals.find((t) => t.caller === `partner:${partner}`)!
    expect(total.name).toMatch(/^UNICEF-/)
    expect(total.requests).toBeGreaterThanOrEqual(4)
    expect(total.top.map((t) => t.operation)).toContain(name)
    expect(total.p95).toBeGreaterThan(0)
    const day = report.rows.find((r) => r.caller === `partner:${partner}` && r.day === today())!
    expect(day.top.find((t) => t.operation === name)).toEqual({
      operation: name,
      requests: 4,
      errors: 1,
    })
  })

  it('anonymous readers together, under no address', async () => {
    const name = operation()
    const address = `203.0.113.${Math.floor(Math.random() * 250) + 1}`
    await one.post(listing(name), {}, { 'X-Forwarded-For': address })
    await other.post(
      listing(name).replace('resources(', 'again: resources('),
      {},
      { 'X-Forwarded-For': '198.51.100.7' },
    )
    await flushAll()
    const rows = await rowsOf(name)
    // Two processes, two addresses: one row.
    expect(rows).toEqual([expect.objectContaining({ caller: 'anonymous', requests: 2, errors: 0 })])
    const { rows: holding } = await db.query(
      `SELECT 1 FROM ${USAGE_TABLE} u WHERE u::text LIKE $1 OR u::text LIKE $2`,
      [`%${address}%`, `%${key.slice(17)}%`],
    )
    expect(holding).toEqual([])
  })

  it('from the response cache: named, and 1 point', async () => {
    const name = operation()
    const first = await one.post(listing(name), {}, auth(key))
    const cached = await one.post(listing(name), {}, auth(key))
    expect(cached.body).toEqual(first.body)
    await flushAll()
    const [row] = await rowsOf(name)
    expect(row).toMatchObject({ requests: 2, errors: 0 })
    expect(Number(row!.cost)).toBe(costOf(first.body) + 1)
  })

  it('refused keys count as anonymous errors, before any operation is read', async () => {
    const before = await db.query<{ errors: number }>(
      `SELECT coalesce(sum(errors), 0)::int AS errors FROM ${USAGE_TABLE}
       WHERE day = $1 AND caller = 'anonymous' AND operation = '(refused)'`,
      [today()],
    )
    const refused = await one.post(
      listing(operation()),
      {},
      {
        ...auth(`akh_${'0'.repeat(12)}_${'A'.repeat(43)}`),
        'X-Forwarded-For': `198.18.7.${Math.floor(Math.random() * 250) + 1}`,
      },
    )
    expect(refused.status).toBe(401)
    await flushAll()
    const after = await db.query<{ errors: number }>(
      `SELECT coalesce(sum(errors), 0)::int AS errors FROM ${USAGE_TABLE}
       WHERE day = $1 AND caller = 'anonymous' AND operation = '(refused)'`,
      [today()],
    )
    expect(after.rows[0]!.errors).toBeGreaterThan(before.rows[0]!.errors)
  })

  it('keeps at most 100 operation names per caller and day in a process; more count as "(other)"', async () => {
    const theirs = (
      await payload.create({ collection: 'partners', data: { organisation: unique('Flood') } })
    ).id
    const flooding = (
      (await payload.create({
        collection: 'api-keys',
        data: { partner: theirs, label: 'Flood' } as never,
      })) as unknown as { key: string }
    ).key
    const api = partnerApi({ responseCache: false })
    try {
      for (let i = 0; i < 105; i++) {
        await api.post(`query Flood${i} { topics { slug } }`, {}, auth(flooding))
      }
      await api.flush()
    } finally {
      await api.close()
    }
    const { rows } = await db.query<{ operation: string; requests: number }>(
      `SELECT operation, requests FROM ${USAGE_TABLE} WHERE caller = $1 ORDER BY operation`,
      [`partner:${theirs}`],
    )
    expect(rows).toHaveLength(101)
    expect(rows.find((r) => r.operation === '(other)')?.requests).toBe(5)
  })
})

describe('what is kept, and for how long', () => {
  it('deletes aggregates older than 13 months and rate-limit counters whose window has ended', async () => {
    const caller = `partner:${900_000 + Math.floor(Math.random() * 90_000)}`
    await db.query(
      `INSERT INTO ${USAGE_TABLE} (day, caller, operation, requests, latency) VALUES
       (current_date - interval '13 months' - interval '2 days', $1, 'Old', 1, '{1}'),
       (current_date - interval '12 months', $1, 'Kept', 1, '{1}')`,
      [caller],
    )
    const address = `192.0.2.${Math.floor(Math.random() * 250) + 1}`
    const now = Date.now()
    await db.query(
      `INSERT INTO ${RATE_LIMITS_TABLE} (key, points, expire) VALUES ($1, 1, $2), ($3, 1, $4)`,
      [`test-ended:${address}`, now - 1000, `test-live:${address}`, now + 600_000],
    )
    await one.usage!.purge()
    const { rows: usage } = await db.query<{ operation: string }>(
      `SELECT operation FROM ${USAGE_TABLE} WHERE caller = $1`,
      [caller],
    )
    expect(usage.map((r) => r.operation)).toEqual(['Kept'])
    const { rows: counters } = await db.query<{ key: string }>(
      `SELECT key FROM ${RATE_LIMITS_TABLE} WHERE key LIKE $1`,
      [`test-%:${address}`],
    )
    expect(counters.map((r) => r.key)).toEqual([`test-live:${address}`])
    await db.query(`DELETE FROM ${RATE_LIMITS_TABLE} WHERE key = $1`, [`test-live:${address}`])
  })

  it('logs no address, key or query text', async () => {
    const address = `203.0.113.${Math.floor(Math.random() * 250) + 1}`
    const name = operation()
    const lines: string[] = []
    const spies = (['log', 'info', 'warn', 'error'] as const).map((method) =>
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
        lines.push(args.map(String).join(' '))
      }),
    )
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      lines.push(String(chunk))
      return true
    })
    try {
      await one.post(listing(name), {}, { ...auth(key), 'X-Forwarded-For': address })
      await one.post(`query ${name} { nothing }`, {}, { ...auth(key), 'X-Forwarded-For': address })
      await one.post(listing(name), {}, { ...auth(`${key}x`), 'X-Forwarded-For': address })
      await flushAll()
    } finally {
      for (const spy of spies) spy.mockRestore()
      stdout.mockRestore()
    }
    const logged = lines.join('\n')
    expect(logged).not.toContain(address)
    expect(logged).not.toContain(key.slice(17))
    expect(logged).not.toContain('edges { node')
  })
})

describe('the CSV export', () => {
  it('is for admins: 401 signed out, 403 for editors, a file for admins', async () => {
    const name = operation()
    await one.post(listing(name), {}, auth(key))
    await flushAll()
    const path = `/usage.csv?from=${today()}&to=${today()}`
    expect((await restResponse('GET', path)).status).toBe(401)
    const editor = await makeUser('editor')
    const refused = await restResponse('GET', path, { token: editor.token })
    expect(refused.status).toBe(403)
    expect(await refused.text()).toContain('Only admins')

    const admin = await makeUser('admin')
    const file = await restResponse('GET', path, { token: admin.token })
    expect(file.status).toBe(200)
    expect(file.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(file.headers.get('content-disposition')).toBe(
      `attachment; filename="hub-usage-${today()}-to-${today()}.csv"`,
    )
    const [header, ...lines] = (await file.text()).trim().split('\n')
    expect(header).toBe('day,caller,caller_id,requests,cost_points,errors,p95_ms,top_operations')
    const line = lines.find((l) => l.includes(`partner:${partner}`))!
    expect(line.startsWith(`${today()},UNICEF-`)).toBe(true)
    expect(line).toContain(`${name} (1)`)
  })

  it('refuses a bad range by name', async () => {
    const admin = await makeUser('admin')
    const ask = async (query: string) => {
      const answer = await restResponse('GET', `/usage.csv?${query}`, { token: admin.token })
      return {
        status: answer.status,
        body: (await answer.json()) as { errors: { message: string }[] },
      }
    }
    const bad = await ask('from=2026-02-30')
    expect(bad.status).toBe(400)
    expect(bad.body.errors[0]!.message).toBe('from is not a real day.')
    expect((await ask('to=yesterday')).body.errors[0]!.message).toBe(
      'to must be a day written YYYY-MM-DD.',
    )
    expect((await ask('from=2026-12-01&to=2026-11-01')).body.errors[0]!.message).toBe(
      'from must not be after to.',
    )
    expect((await ask('from=2020-01-01&to=2026-01-01')).body.errors[0]!.message).toMatch(
      /^The range may cover at most \d+ days/,
    )
  })

  it('never hands a spreadsheet a formula', async () => {
    const theirs = (
      await payload.create({
        collection: 'partners',
        data: { organisation: `=HYPERLINK("http://x.test","${unique('a')}")` },
      })
    ).id
    const secret = (
      (await payload.create({
        collection: 'api-keys',
        data: { partner: theirs, label: 'Formula' } as never,
      })) as unknown as { key: string }
    ).key
    await one.post(listing(operation()), {}, auth(secret))
    await flushAll()
    const admin = await makeUser('admin')
    const file = await restResponse('GET', `/usage.csv?from=${today()}&to=${today()}`, {
      token: admin.token,
    })
    const line = (await file.text()).split('\n').find((l) => l.includes(`partner:${theirs}`))!
    expect(line).toContain(`,"'=HYPERLINK(`)
  })
})

describe('percentiles from latency buckets', () => {
  it('read within 19 % above the true figure', () => {
    const histogram = new Array<number>(65).fill(0)
    // 100 requests: 1 ms … 100 ms; the true p95 is 95 ms.
    for (let ms = 1; ms <= 100; ms++) histogram[latencyBucket(ms)]!++
    const p95 = percentile(histogram)!
    expect(p95).toBeGreaterThanOrEqual(95)
    expect(p95).toBeLessThanOrEqual(95 * 1.19)
    expect(percentile(new Array<number>(65).fill(0))).toBeNull()
  })
})
