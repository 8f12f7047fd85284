// The embedded server stops with the hub, and a server orphaned by a killed run is recovered.
import { spawn } from 'node:child_process'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startEmbeddedPostgres } from '../../src/db/embeddedPostgres'

let dir: string

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'hub-pg-'))
  await fs.chmod(dir, 0o755)
})
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true })
})

/** Pids of processes whose command line names this data directory, postgres or the held command. */
const processesFor = async (dataDir: string, postgres: boolean) => {
  const pids: number[] = []
  for (const entry of await fs.readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    const argv = (await fs.readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '')).split('\0')
    const isPostgres = (argv[0] ?? '').endsWith('/postgres')
    if (argv.includes(dataDir) && isPostgres === postgres) pids.push(Number(entry))
  }
  return pids
}
const postgresFor = (dataDir: string) => processesFor(dataDir, true)
const postmasterPid = async (dataDir: string) =>
  Number((await fs.readFile(path.join(dataDir, 'postmaster.pid'), 'utf8')).split('\n')[0])
const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}
const commandsFor = (dataDir: string) => processesFor(dataDir, false)

/**
 * Starts `npm run db`'s runner (one node process) holding the database while a long command
 * runs; the command carries the data dir as an argument so that the test can find it.
 */
const startHolder = (dataDir: string) => {
  const args = [
    '--import',
    'tsx',
    'src/cli/withDatabase.ts',
    'node',
    '-e',
    'setTimeout(() => {}, 120000)',
    dataDir,
  ]
  const child = spawn(process.execPath, args, {
    env: { ...process.env, DATABASE_URL: '', EMBEDDED_PG_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const ready = new Promise<void>((resolve, reject) => {
    let output = ''
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      if (output.includes('Embedded PostgreSQL is running')) resolve()
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', onData)
    child.on('exit', (code) => reject(new Error(`holder exited early (${code}):\n${output}`)))
  })
  return { child, ready }
}

/** A holder that is up; one more try when Node's loader under tsx exits 13 at start (see tests/setup). */
const holding = async (dataDir: string) => {
  const first = startHolder(dataDir)
  try {
    await first.ready
    return first.child
  } catch (error) {
    if (!/early \(13\)/.test(String(error))) throw error
    const second = startHolder(dataDir)
    await second.ready
    return second.child
  }
}

const exited = (child: ReturnType<typeof spawn>) =>
  new Promise((resolve) => child.once('exit', resolve))

describe('embedded PostgreSQL', () => {
  it('stops its server when the hub is stopped with SIGTERM', async () => {
    const dataDir = path.join(dir, 'sigterm')
    const child = await holding(dataDir)
    expect(await postgresFor(dataDir)).toHaveLength(1)
    const done = exited(child)
    child.kill('SIGTERM')
    await done
    expect(await postgresFor(dataDir)).toEqual([])
  })

  it('recovers the data directory from a server orphaned by SIGKILL', async () => {
    const dataDir = path.join(dir, 'sigkill')
    const child = await holding(dataDir)
    const done = exited(child)
    // The hub dies without a chance to stop its server, which lives on with no parent.
    child.kill('SIGKILL')
    await done
    for (const pid of await commandsFor(dataDir)) process.kill(pid, 'SIGKILL')
    const orphan = await postmasterPid(dataDir)
    expect(isAlive(orphan)).toBe(true)

    const server = await startEmbeddedPostgres({ dataDir })
    const fresh = await postmasterPid(dataDir)
    try {
      expect(fresh).not.toBe(orphan)
      expect(isAlive(orphan)).toBe(false)
      expect(isAlive(fresh)).toBe(true)
    } finally {
      await server.stop()
    }
    expect(isAlive(fresh)).toBe(false)
    expect(await postgresFor(dataDir)).toEqual([])
  })
})
