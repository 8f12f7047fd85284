// A server whose output nobody reads any more (its log collector or parent went away) stops cleanly.
// The hub used to keep running at full CPU: each failed write was an uncaught error that Next's
// handler logged to the same broken stream.
import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, describe, expect, inject, it } from 'vitest'

import { type RunningServer, startServer, stopAllServers } from '../helpers/servers'

afterAll(() => stopAllServers())

describe.each(['prod', 'api'] as const)('the %s server, its output closed', (kind) => {
  it('stops by itself with exit 0 once it can no longer write a log line', async () => {
    const server: RunningServer = await startServer(kind, {
      databaseUrl: inject('databaseUrl'),
      payloadSecret: inject('payloadSecret'),
      extra: { LOG_FORMAT: 'json' },
    })
    server.closeOutput()
    // Each request writes a log line, which now fails.
    for (let i = 0; i < 3 && server.alive(); i++) {
      await fetch(new URL('/graphql?query=%7B__typename%7D', server.base)).catch(() => undefined)
      await sleep(200)
    }
    expect(await server.exited(20_000)).toBe(0)
  })
})
