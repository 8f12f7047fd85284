// Each process reads its environment once (src/env.ts, site/env.ts): a bad value stops it with one
// line naming the variable and the fix, and no stack trace; the partner API alone runs without the
// hub's PAYLOAD_SECRET.
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { describe, expect, inject, it } from 'vitest'

import { ensurePartnerApi, partnerApiArgs } from '../../src/cli/buildApi'
import { startServer } from '../helpers/servers'

/** Runs a process to its end with these variables on top of a clean set. */
const runWith = (args: string[], env: Record<string, string | undefined>) => {
  const { NODE_ENV: _mode, VITEST: _vitest, ...inherited } = process.env
  const result = spawnSync(process.execPath, args, {
    env: { ...inherited, HUB_RUN_JOBS: 'false', ...env } as unknown as NodeJS.ProcessEnv,
    encoding: 'utf8',
    timeout: 60_000,
  })
  return { status: result.status, stdout: result.stdout, stderr: result.stderr.trim() }
}

const tsx = (file: string) => ['--import', 'tsx', file]

describe('a bad environment stops a process with one line naming the variable and the fix', () => {
  it('the partner API alone (npm run start:api)', async () => {
    await ensurePartnerApi()
    const poolSize = runWith(partnerApiArgs(), { PARTNER_DB_POOL_SIZE: 'ten' })
    expect(poolSize.status).toBe(2)
    expect(poolSize.stderr).toBe(
      'Environment: PARTNER_DB_POOL_SIZE="ten" must be a whole number of connections. Fix: set it to a number of connections from 1 to 200 (default 10), or unset it.',
    )
    const noDatabase = runWith(partnerApiArgs(), { DATABASE_URL: undefined })
    expect(noDatabase.status).toBe(2)
    expect(noDatabase.stderr).toBe(
      'Environment: DATABASE_URL is not set, and the partner API needs it. Fix: set it to postgres://user:password@host:5432/database, or unset it for the embedded server.',
    )
  })

  it('npm run start:api, before it builds or starts anything', () => {
    const heap = runWith(tsx('src/cli/startApi.ts'), { PARTNER_API_HEAP_MB: 'lots' })
    expect(heap.status).toBe(2)
    expect(heap.stderr).toBe(
      'Environment: PARTNER_API_HEAP_MB="lots" must be a whole number of megabytes. Fix: set it to a number of megabytes from 96 to 16384, or unset it for the default.',
    )
    expect(heap.stdout).not.toMatch(/bundled|Embedded PostgreSQL/)
  })

  it('the hub’s server: a missing secret, and a secret’s bad value never echoed', () => {
    const missing = runWith(tsx('src/cli/serve.ts'), { PAYLOAD_SECRET: undefined })
    expect(missing.status).toBe(2)
    expect(missing.stderr).toBe(
      'Environment: PAYLOAD_SECRET is not set, and the hub needs it. Fix: set it to 32 or more random characters, e.g. the output of `openssl rand -hex 32`.',
    )
    const short = runWith(tsx('src/cli/serve.ts'), {
      PAYLOAD_SECRET: 'hunter2',
      PARTNER_ORIGINS: 'https://ok.example.org, not an origin',
    })
    expect(short.status).toBe(2)
    expect(short.stderr.split('\n')).toEqual([
      'Environment: PAYLOAD_SECRET (value hidden) must be at least 32 characters. Fix: set it to 32 or more random characters, e.g. the output of `openssl rand -hex 32`.',
      'Environment: PARTNER_ORIGINS="https://ok.example.org, not an origin" must list http(s) origins separated by commas. Fix: list origins such as https://a.example.org,https://b.example.org, or unset it.',
    ])
    expect(short.stderr).not.toContain('hunter2')
  })

  it('npm start’s launcher, before it starts any database', () => {
    const result = runWith(tsx('src/cli/hub.ts'), { PORT: 'eighty', DATABASE_URL: undefined })
    expect(result.status).toBe(2)
    expect(result.stderr).toBe(
      'Environment: PORT="eighty" must be a port number. Fix: set it to a free port such as 3000, or unset it.',
    )
    expect(result.stdout).not.toMatch(/PostgreSQL/)
  })
})

describe('the partner API alone', () => {
  it('runs without PAYLOAD_SECRET, and says why it takes no previews', async () => {
    const api = await startServer('api', {
      databaseUrl: inject('databaseUrl'),
      payloadSecret: '',
    })
    try {
      const answer = await fetch(new URL('/graphql', api.base), {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-preview-token': 'a.b' },
        body: JSON.stringify({ query: '{ preview(id: "UmVzb3VyY2U6MQ") { __typename } }' }),
      })
      const body = (await answer.json()) as {
        errors?: { message: string; extensions?: { code?: string } }[]
      }
      expect(body.errors?.[0]).toMatchObject({
        message: 'This server takes no previews: it was started without PAYLOAD_SECRET.',
        extensions: { code: 'PREVIEW_TOKEN_INVALID' },
      })
      const listing = await fetch(
        new URL('/graphql?query=%7Bresources(first%3A1)%7BtotalCount%7D%7D', api.base),
      )
      expect(
        ((await listing.json()) as { data: { resources: { totalCount: number } } }).data.resources
          .totalCount,
      ).toBeGreaterThan(0)
    } finally {
      await api.stop()
    }
  })
})

describe('.env.example', () => {
  it('lists every variable a person may set, read from the declarations', async () => {
    const { VARIABLES } = await import('../../src/env')
    const { SITE_VARIABLES } = await import('../../site/env')
    const example = readFileSync('.env.example', 'utf8')
    const listed = [...example.matchAll(/^# ([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1])
    const people = Object.entries(VARIABLES)
      .filter(([, v]) => !('internal' in v && v.internal))
      .map(([name]) => name)
    expect(listed).toEqual([...people, ...Object.keys(SITE_VARIABLES)])
    expect(listed).toContain('PARTNER_DB_POOL_SIZE')
  })
})
