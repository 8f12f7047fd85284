// `npm start` as a newcomer runs it: its own PostgreSQL (embedded), migrations, the real records,
// then the production server. One SIGTERM to its process group, or Ctrl-C (SIGINT to the group),
// stops everything in order: the server finishes, then its database, with exit 0 and no error on
// the way; a second start finds the records and stops as cleanly.
import { type ChildProcess, spawn } from 'node:child_process'
import { chmod, mkdtemp, rm } from 'node:fs/promises'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import getPort from 'get-port'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { postmasterRunning } from '../../src/db/embeddedPostgres'

let dir: string
let dataDir: string
const started: ChildProcess[] = []

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'hub-launcher-'))
  await chmod(dir, 0o755) // as root, the embedded server runs as `postgres`, which must enter it
  dataDir = path.join(dir, 'postgres')
})
afterAll(async () => {
  for (const child of started) {
    try {
      if (child.pid) process.kill(-child.pid, 'SIGKILL')
    } catch {
      // gone
    }
  }
  await rm(dir, { recursive: true, force: true })
}, 60_000)

/** `npm start -- --production` (the launcher itself, in its own process group). */
const launch = async (extra: Record<string, string> = {}) => {
  const port = await getPort({ host: '127.0.0.1' })
  const { NODE_ENV: _mode, DATABASE_URL: _url, VITEST: _vitest, ...inherited } = process.env
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/hub.ts', '--production'], {
    env: {
      ...inherited,
      EMBEDDED_PG_DIR: dataDir,
      PAYLOAD_SECRET: inject('payloadSecret'),
      PORT: String(port),
      NEXT_TELEMETRY_DISABLED: '1',
      ...extra,
    } as unknown as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  started.push(child)
  let output = ''
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  const base = `http://127.0.0.1:${port}`
  for (const deadline = Date.now() + 240_000; !/Ready on/.test(output); await sleep(250)) {
    if (Date.now() > deadline || child.exitCode !== null)
      throw new Error(`npm start did not get ready:\n${output.slice(-3000)}`)
  }
  return {
    base,
    output: () => output,
    signal: (signal: NodeJS.Signals) => process.kill(-child.pid!, signal),
    exited: (ms: number) => Promise.race([exit, sleep(ms).then(() => 'running' as const)]),
  }
}

/**
 * What the server's start line says of its memory settings: the JavaScript heap's ceiling (its old
 * generation is HUB_HEAP_MB; the young one adds some 50 MB) and source maps, off in production.
 */
const memorySettings = (output: string) => {
  const line = /JavaScript heap up to (\d+) MB, source maps (on|off)/.exec(output)
  expect(line, output.slice(-2000)).not.toBeNull()
  return { heapMb: Number(line![1]), sourceMaps: line![2] }
}

describe('npm start, stopped by a signal to its process group', () => {
  it('stops the server, then its PostgreSQL, on one SIGTERM, and again on Ctrl-C after a second start', async () => {
    const first = await launch()
    expect(first.output()).toMatch(/Seeding the Alliance’s records/)
    const settled = memorySettings(first.output())
    expect(settled.sourceMaps).toBe('off')
    expect(settled.heapMb).toBeGreaterThanOrEqual(512)
    expect(settled.heapMb).toBeLessThan(512 + 100)
    const home = await fetch(`${first.base}/en/`)
    expect(home.status).toBe(200)
    expect(await home.text()).toContain('Alliance')
    // A client that connected and sent nothing does not hold the stop.
    const silent = connect(Number(new URL(first.base).port), '127.0.0.1')
    silent.on('error', () => undefined)
    await new Promise((resolve) => silent.once('connect', resolve))

    first.signal('SIGTERM')
    expect(await first.exited(20_000)).toBe(0)
    silent.destroy()
    const stopping = first.output().slice(first.output().indexOf('Stopping (SIGTERM)'))
    expect(first.output().match(/Stopping \(SIGTERM\)/g)).toHaveLength(1)
    // The database outlived the server: nothing after the stop complains about it.
    expect(stopping).not.toMatch(/ERROR|cannot reach the database|connection broke|ECONNREFUSED/)
    expect(await postmasterRunning(dataDir)).toBe(false)

    const second = await launch({ HUB_HEAP_MB: '320' })
    expect(second.output()).toMatch(/seed skipped/)
    const asked = memorySettings(second.output())
    expect(asked.heapMb).toBeGreaterThanOrEqual(320)
    expect(asked.heapMb).toBeLessThan(320 + 100)
    expect((await fetch(`${second.base}/en/`)).status).toBe(200)
    second.signal('SIGINT')
    expect(await second.exited(20_000)).toBe(0)
    expect(second.output().match(/Stopping \(SIGINT\)/g)).toHaveLength(1)
    expect(await postmasterRunning(dataDir)).toBe(false)
  }, 420_000)
})
