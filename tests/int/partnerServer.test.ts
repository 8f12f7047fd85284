// The partner API on its own (`npm run start:api`: no admin, no Next), and the example partner
// program that uses the typed client against it.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import getPort from 'get-port'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { buildPartnerApi, ensurePartnerApi, partnerApiArgs } from '../../src/cli/buildApi'
import { hub, unique } from '../helpers/hub'

let server: ChildProcess
let url: string
const title = unique('Upcoming webinar')

beforeAll(async () => {
  await ensurePartnerApi()
  const payload = await hub()
  const webinar = await payload.create({
    collection: 'events',
    locale: 'en',
    data: {
      _status: 'published',
      title,
      kind: 'webinar',
      startsAt: '2030-05-01T09:00:00.000Z',
      startsAt_tz: 'Europe/Zurich',
      precision: 'exact',
      durationMinutes: 90,
      format: 'online',
      languages: ['ar', 'en'],
    },
  })
  await payload.update({
    collection: 'events',
    id: webinar.id,
    locale: 'ar',
    data: { title: 'ندوة عبر الإنترنت قادمة' },
  })

  const port = await getPort()
  url = `http://127.0.0.1:${port}/graphql`
  const start = () => {
    server = spawn(process.execPath, partnerApiArgs(), {
      env: {
        ...process.env,
        PORT: String(port),
        DATABASE_URL: inject('databaseUrl'),
        PAYLOAD_SECRET: inject('payloadSecret'),
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    return new Promise<number | null>((resolve) => {
      let output = ''
      server.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString()
        if (output.includes('Partner API at')) resolve(null)
      })
      server.on('exit', (code) => resolve(code))
    })
  }
  // Exit 13 at start: Node 20's module loader under tsx, now and then (see tests/setup).
  let exit = await start()
  if (exit === 13) exit = await start()
  if (exit !== null) throw new Error(`start:api exited early (${exit})`)
})

afterAll(async () => {
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server.once('exit', resolve))
    server.kill('SIGTERM')
    await exited
  }
})

describe('npm run start:api', () => {
  it('runs a bundle of the partner API alone, built from the sources before each start', async () => {
    const { scripts } = JSON.parse(readFileSync('package.json', 'utf8')) as {
      scripts: Record<string, string>
    }
    const bundle = partnerApiArgs().map((arg) => path.relative(process.cwd(), arg) || arg)
    expect(scripts['start:api']).toBe('tsx src/cli/startApi.ts')
    expect(readFileSync('src/cli/startApi.ts', 'utf8')).toMatch(
      /buildPartnerApi\(\)[\s\S]*run\(process\.execPath, partnerApiArgs\(\)/,
    )
    expect(bundle.at(-1)).toBe('.build/partner-api/standalone.mjs')
    // The server and its SQL, not the admin's configuration (Payload's config and collections).
    const { inputs } = await buildPartnerApi()
    expect(inputs).toContain('graphql/standalone.ts')
    expect(inputs).toContain('graphql/sql/check.ts')
    expect(
      inputs.filter((file) => file === 'payload.config.ts' || file.startsWith('collections/')),
    ).toEqual([])
  })

  it('caps its heap at 75 MB plus its caches’ budgets, or at PARTNER_API_HEAP_MB', async () => {
    // The start line says the ceiling V8 was given (the old generation plus 48 MB of young).
    const ceiling = async (variables: Record<string, string>) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/startApi.ts'], {
        env: {
          ...process.env,
          PORT: String(await getPort()),
          DATABASE_URL: inject('databaseUrl'),
          PAYLOAD_SECRET: inject('payloadSecret'),
          ...variables,
        },
        stdio: ['ignore', 'pipe', 'inherit'],
      })
      let output = ''
      child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()))
      await new Promise<void>((resolve, reject) => {
        child.stdout!.on('data', () => output.includes('Partner API at') && resolve())
        child.on('exit', (code) => reject(new Error(`start:api exited (${code}):\n${output}`)))
      })
      const exited = new Promise((resolve) => child.once('exit', resolve))
      child.kill('SIGTERM')
      expect(await exited).toBe(0)
      const line = /Starting the partner API \(JavaScript heap up to (\d+) MB\)/.exec(output)
      expect(line, output).not.toBeNull()
      return Number(line![1])
    }
    const byDefault = await ceiling({})
    expect(byDefault).toBeGreaterThanOrEqual(160)
    expect(byDefault).toBeLessThan(160 + 60)
    // A response cache of 128 MB instead of 32: 96 MB more.
    const largerCache = await ceiling({ PARTNER_RESPONSE_CACHE_BYTES: String(128 * 2 ** 20) })
    expect(largerCache - byDefault).toBeGreaterThanOrEqual(95)
    expect(largerCache - byDefault).toBeLessThanOrEqual(97)
    const asked = await ceiling({ PARTNER_API_HEAP_MB: '400' })
    expect(asked).toBeGreaterThanOrEqual(400)
    expect(asked).toBeLessThan(400 + 60)
  }, 120_000)

  it('serves the partner API alone, compressed', async () => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Accept-Encoding': 'gzip' },
      body: JSON.stringify({ query: '{ standards { number title { text } } }' }),
    })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-encoding')).toBe('gzip')
    expect((await response.json()).data.standards).toHaveLength(28)
  })
})

describe('the example partner program', () => {
  it('lists upcoming webinars in Arabic with their times in Nairobi', () => {
    const run = () =>
      spawnSync(process.execPath, ['--import', 'tsx', 'examples/upcoming-webinars.ts'], {
        env: { ...process.env, HUB_GRAPHQL_URL: url },
        encoding: 'utf8',
      })
    let result = run()
    if (result.status === 13) result = run() // Node 20's loader hiccup under tsx (see tests/setup)
    expect(result.stderr).toBe('')
    expect(result.stdout).toContain(
      '- 2030-05-01T12:00 (UTC+03:00) ندوة عبر الإنترنت قادمة [AR] · العربية, English',
    )
  })
})
