// Behind a load balancer (STOP_DRAIN_SECONDS): a hub or `start:api` asked to stop says so on /readyz
// at once but serves on for those seconds, so that the balancer has taken it out before it closes.
// Then it stops as always (exit 0). Without a drain it stops at once (tests/int/fuzz.test.ts).
import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, describe, expect, inject, it } from 'vitest'

import { type RunningServer, type ServerKind, startServer } from '../helpers/servers'

const servers: RunningServer[] = []
afterAll(() => Promise.all(servers.map((server) => server.stop())))

describe.each<ServerKind>(['prod', 'api'])('%s asked to stop with STOP_DRAIN_SECONDS=2', (kind) => {
  it('answers 503 on /readyz at once, serves requests for 2 s more, then exits 0', async () => {
    const server = await startServer(kind, {
      databaseUrl: inject('databaseUrl'),
      payloadSecret: inject('payloadSecret'),
      extra: { STOP_DRAIN_SECONDS: '2' },
    })
    servers.push(server)
    const ask = (path: string) => fetch(new URL(path, server.base))
    expect((await ask('/readyz')).status).toBe(200)

    const signalled = Date.now()
    server.signalGroup('SIGTERM')
    await sleep(300)
    const readiness = await ask('/readyz')
    expect(readiness.status).toBe(503)
    expect(JSON.stringify(await readiness.json())).toContain('stopping')
    // Still taking new connections and answering them.
    for (let i = 0; i < 3; i++) {
      const answer = await ask('/graphql?query=%7B__typename%7D')
      expect(answer.status).toBe(200)
      await answer.arrayBuffer()
      await sleep(300)
    }
    expect(server.alive()).toBe(true)
    expect(await server.exited(15_000)).toBe(0)
    expect(Date.now() - signalled).toBeGreaterThanOrEqual(2000)
    expect(server.output()).toContain(
      'serving 2 s more while the load balancer takes this process out',
    )
  }, 120_000)
})
