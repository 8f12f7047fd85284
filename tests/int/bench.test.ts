// The benchmark harness works end to end, at a tiny scale. Timings are printed, never asserted:
// this proves every scenario runs against every baseline and that statements are counted.
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

describe('npm run bench -- --smoke', () => {
  it('measures every scenario against every baseline and writes the report', () => {
    const out = 'test-results/bench-smoke.json'
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'bench/run.ts', '--smoke', '--skip-build', '--out', out],
      {
        encoding: 'utf8',
        env: { ...process.env, DATABASE_URL: '' },
      },
    )
    expect(run.status, run.stderr).toBe(0)
    expect(run.stdout).toMatch(/\| scenario \| target \| req\/s/)
    const report = JSON.parse(readFileSync(out, 'utf8'))
    const rows = report.results.map(
      (r: { scenario: string; target: string }) => `${r.scenario}:${r.target}`,
    )
    expect(rows).toEqual([
      'a:partner',
      'a:floor',
      'a:partnerApi',
      'a:partnerApiKeyed',
      'a:payloadGraphql',
      'a:payloadRest',
      'b:partner',
      'b:floor',
      'b:partnerApi',
      'b:partnerApiKeyed',
      'b:payloadGraphql',
      'b:payloadRest',
      'c:partner',
      'c:floor',
      'c:partnerApi',
      'c:partnerApiKeyed',
      'c:payloadGraphql',
      'c:payloadRest',
      'd:partner',
      'd:floor',
      'd:partnerApi',
      'd:partnerApiKeyed',
      'd:payloadGraphql',
      'e:partner',
      'e:partnerCached',
      'e:partnerCachedKeyed',
      'e:partnerNotModified',
    ])
    // Scenario (a) directly and through HAProxy (deploy/haproxy.cfg) to one and to two start:api.
    expect(report.balancer.map((b: { label: string }) => b.label)).toEqual([
      'start:api, directly',
      'HAProxy → 1 start:api',
      'HAProxy → 2 start:api',
    ])
    expect(run.stdout).toMatch(/\| HAProxy → 2 start:api \| \d/)
    // The site's pages, each beside the partner API requests it makes.
    expect(run.stdout).toMatch(/\| site page \| req\/s/)
    expect(report.sitePages.map((p: { id: string }) => p.id)).toEqual([
      's1',
      's2',
      's3',
      's4',
      's5',
      's6',
    ])
    for (const page of report.sitePages) {
      expect(Object.keys(page.statuses)).toEqual(['200'])
      expect(page.apiRequests).toBeGreaterThan(0)
      expect(page.apiP95).toBeGreaterThan(0)
    }
    for (const row of report.results) {
      expect(Object.keys(row.statuses).every((s) => s === '200' || s === '304')).toBe(true)
      expect(row.requestsPerSecond).toBeGreaterThan(0)
    }
    const partner = report.results.filter((r: { target: string }) =>
      ['partner', 'partnerApi'].includes(r.target),
    )
    expect(
      partner.every((r: { sqlPerRequest: number }) => r.sqlPerRequest >= 1 && r.sqlPerRequest <= 3),
    ).toBe(true)
    expect(run.stdout).toMatch(/\| this ÷ floor, req\/s \(median of rounds\) \| p95 ÷ floor \|/)
    // The ratio to the floor is each round's (the floor measured beside the partner API), then
    // their median: with one round, that round's.
    for (const row of partner) {
      const floor = report.results.find(
        (r: { scenario: string; target: string }) =>
          r.scenario === row.scenario && r.target === 'floor',
      )
      if (!floor) continue
      expect(row.floorRatio, `${row.scenario}:${row.target}`).toBeCloseTo(
        row.requestsPerSecond / floor.requestsPerSecond,
        1,
      )
    }
    // What each server costs: CPU per request (its own and PostgreSQL's) and its peak memory.
    expect(run.stdout).toMatch(
      /\| server CPU ms\/req \| PostgreSQL CPU ms\/req \| server peak RSS MB \|/,
    )
    // /proc counts in 10 ms ticks: a smoke run's 40 requests may cost less than one on some rows.
    for (const row of report.results) {
      expect(row.serverCpuMs, `${row.scenario}:${row.target}`).toBeGreaterThanOrEqual(0)
      expect(row.postgresCpuMs, `${row.scenario}:${row.target}`).toBeGreaterThanOrEqual(0)
      expect(row.serverPeakRssMb, `${row.scenario}:${row.target}`).toBeGreaterThan(20)
    }
    const total = (key: string) =>
      report.results.reduce((sum: number, r: Record<string, number>) => sum + r[key]!, 0)
    expect(total('serverCpuMs')).toBeGreaterThan(0)
    expect(total('postgresCpuMs')).toBeGreaterThan(0)
    expect(report.startUp.median).toBeGreaterThan(0)
    expect(run.stdout).toMatch(/start:api, spawn to first answer: \d+ ms/)
    // Keys and budgets measured against the same start:api without them.
    expect(run.stdout).toMatch(
      /Keys and budgets \(start:api\): \(b\) p95 with a key ÷ without, [\d.]+ \(target ≤ 1\.05\); \(e\) from the response cache with a key, [\d.]+ req\/s, ÷ without, [\d.]+\./,
    )
    expect(
      report.results.find((r: { target: string }) => r.target === 'partnerCached').sqlPerRequest,
    ).toBe(0)
    expect(report.scale.map((s: { resources: number }) => s.resources)).toEqual([30, 60])
    // Following changes: every publish reached the webhook and every process, and a delta after
    // 10 changes costs less than the full copy.
    const { changes } = report
    expect(changes.webhook.samples).toBe(3)
    expect(Number.isFinite(changes.webhook.p95)).toBe(true)
    expect(changes.visible.processes).toBe(3)
    expect(changes.visible.p95).toBeLessThan(10_000)
    expect(changes.sync.delta.upserts).toBeGreaterThanOrEqual(10)
    expect(changes.sync.delta.bytes).toBeLessThan(changes.sync.full.bytes)
    expect(changes.sync.bundleBytes.en).toBeGreaterThan(0)
    expect(run.stdout).toMatch(/\| publish → webhook received \|/)
  }, 600_000)
})

describe('npm run bench:plans', () => {
  it('times every operation on generic plans and on plans made at each run, on a database of its own', () => {
    const out = 'test-results/bench-plans-smoke.json'
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'bench/plans.ts', '--scale', '100', '--runs', '1', '--out', out],
      { encoding: 'utf8', env: process.env },
    )
    expect(run.status, run.stderr).toBe(0)
    expect(run.stdout).toMatch(
      /\| operation \| generic plan, ms \| planned each run, ms \| generic ÷ each run \|/,
    )
    const report = JSON.parse(readFileSync(out, 'utf8'))
    expect(report.scale).toBe(100)
    // Filters by topics, groups, languages and dates, facets, search, webinars, sync and a cursor.
    expect(report.rows.map((r: { label: string }) => r.label)).toEqual([
      'listing, newest first',
      'a resource by slug',
      'one topic',
      'two topics',
      'facets of one topic',
      'a group, in Arabic',
      'the last week',
      'all time',
      'a search',
      'upcoming webinars',
      'past webinars',
      'sync, first page',
      'the next page',
    ])
    for (const row of report.rows) {
      expect(row.genericMs, row.label).toBeGreaterThan(0)
      expect(row.perRunMs, row.label).toBeGreaterThan(0)
      expect(row.ratio, row.label).toBeCloseTo(row.genericMs / row.perRunMs, 1)
    }
  }, 300_000)
})
