// The short form of `npm run fuzz` (tests/fuzz): about 180 hostile requests against /graphql on
// the production build, the development server and the partner API alone, and against /api on
// both Next servers. No answer ≥ 500 (503 excepted), no stack trace or file path, no hang over
// 5 s, the statuses the cases expect, and every server healthy after.
import { connect } from 'node:net'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { type RunningServer, type ServerKind, stopAllServers } from '../helpers/servers'
import { shortCases } from '../fuzz/cases'
import { formatFailure, formatTable, runTarget, type Target } from '../fuzz/engine'
import { secretsOf, startFuzzServer } from '../fuzz/run'

const KINDS: ServerKind[] = ['prod', 'dev', 'api']
const cases = shortCases()
const servers: RunningServer[] = []
const targets = new Map<ServerKind, Target>()
const startErrors = new Map<ServerKind, string>()
const database = { url: inject('databaseUrl'), secret: inject('payloadSecret') }

beforeAll(async () => {
  // `npm test` has built the hub (next build) before vitest. The production build and the partner
  // API start in seconds; next dev compiles /graphql and /api first (up to a minute or two).
  await Promise.all(
    KINDS.map(async (kind) => {
      try {
        const { server, target } = await startFuzzServer(kind, database)
        servers.push(server)
        targets.set(kind, target)
      } catch (error) {
        startErrors.set(kind, error instanceof Error ? error.message : String(error))
      }
    }),
  )
}, 300_000)

afterAll(async () => {
  await Promise.all(servers.map((server) => server.stop()))
  await stopAllServers() // any still starting when beforeAll gave up
}, 60_000)

describe('hostile input (short form of npm run fuzz)', () => {
  it('has at least 80 cases for /graphql, 30 for /api and 10 for the site', () => {
    expect(cases.filter((c) => c.endpoint === 'graphql').length).toBeGreaterThanOrEqual(80)
    expect(cases.filter((c) => c.endpoint === 'rest').length).toBeGreaterThanOrEqual(30)
    expect(cases.filter((c) => c.endpoint === 'site').length).toBeGreaterThanOrEqual(10)
  })

  for (const kind of KINDS) {
    it(`${kind}: no 500, leak or hang, the expected statuses, healthy after`, async () => {
      const target = targets.get(kind)
      if (!target) throw new Error(`${kind} did not start:\n${startErrors.get(kind)}`)
      const { verdicts, tallies } = await runTarget(target, cases, { secrets: secretsOf(database) })
      const failing = verdicts.filter((v) => v.failures.length)
      const unhealthy = tallies.filter((t) => t.healthy === false).map((t) => t.endpoint)
      const report = [
        formatTable(tallies),
        ...(unhealthy.length ? [`Not healthy after the cases: ${unhealthy.join(', ')}`] : []),
        ...failing.map(formatFailure),
      ].join('\n')
      expect(failing.length === 0 && unhealthy.length === 0, report).toBe(true)
    }, 240_000)
  }

  // After all that, each stops on the first SIGTERM to its process group (as `kill -TERM -<pgid>`
  // or a process manager sends it), although a client holds a connection on which it never sent a
  // request: such a connection once kept the development hub running for minutes.
  for (const kind of KINDS) {
    it(`${kind}: stops within 3 s of one SIGTERM, exit 0, a connection held open notwithstanding`, async () => {
      const server = servers.find((s) => s.kind === kind)
      if (!server) throw new Error(`${kind} did not start:\n${startErrors.get(kind)}`)
      const silent = connect(Number(server.base.port), '127.0.0.1')
      silent.on('error', () => undefined)
      await new Promise((resolve) => silent.once('connect', resolve))
      server.signalGroup('SIGTERM')
      const code = await server.exited(3000)
      silent.destroy()
      expect(code, server.output().split('\n').slice(-20).join('\n')).toBe(0)
      expect(server.output().match(/Stopping \(SIGTERM\)/g)).toHaveLength(1)
    }, 30_000)
  }
})
