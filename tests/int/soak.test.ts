// The soak harness works end to end in its one-minute form: every kind of request is sent and
// answered without error, and each process's memory is sampled. Timings and the memory verdict are
// printed, never asserted: a minute on a shared CI machine says nothing about them.
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

type Report = {
  requests: { sent: number; errors: number; interrupted: boolean }
  kinds: Record<string, { count: number; errors: number }>
  errors: unknown[]
  servers: Record<string, { alive: boolean }>
  samples: { t: number; memory: Record<string, { mb: number; processes: number }> }[]
  memory: Record<string, { series: { mb: number }[] }>
}

describe('npm run soak -- --ci', () => {
  it('sends every kind of request without an error and samples each process’s memory', () => {
    const out = 'test-results/soak-ci.json'
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'bench/soak.ts', '--ci', '--skip-build', '--out', out],
      { encoding: 'utf8', env: { ...process.env, DATABASE_URL: '' } },
    )
    expect(run.status, `${run.stdout.slice(-3000)}\n${run.stderr}`).toBe(0)
    const report = JSON.parse(readFileSync(out, 'utf8')) as Report
    expect(report.requests.errors, JSON.stringify(report.errors, null, 2)).toBe(0)
    expect(report.requests.interrupted).toBe(false)
    expect(report.servers).toMatchObject({ hub: { alive: true }, api: { alive: true } })
    expect(Object.keys(report.kinds).sort()).toEqual(['graphqlApi', 'graphqlHub', 'rest', 'save'])
    for (const [kind, { count, errors }] of Object.entries(report.kinds)) {
      expect(count, kind).toBeGreaterThan(0)
      expect(errors, kind).toBe(0)
    }
    expect(report.samples.length).toBeGreaterThanOrEqual(3)
    for (const name of ['hub', 'api', 'postgres']) {
      expect(report.memory[name]?.series.length, name).toBe(report.samples.length)
      for (const sample of report.samples) {
        expect(sample.memory[name]!.mb, `${name} at ${sample.t} s`).toBeGreaterThan(0)
        expect(sample.memory[name]!.processes, `${name} at ${sample.t} s`).toBeGreaterThan(0)
      }
    }
  }, 600_000)
})
