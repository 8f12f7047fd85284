// What a local hub needs before Payload starts: a database (embedded when DATABASE_URL is unset)
// and a secret (made once and kept in .data/ when PAYLOAD_SECRET is unset).
import { createHash, randomBytes } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'

import { env } from '../env'

import {
  type EmbeddedServer,
  postmasterRunning,
  reachableByServer,
  startEmbeddedPostgres,
  stopServersOnlyWhenAsked,
} from '../db/embeddedPostgres'

const DATA_DIR = path.resolve(process.cwd(), '.data')

/** Where the embedded server keeps its data when the project's own folder is out of its reach. */
export const SHARED_DATA_ROOT = '/var/lib/alliance-knowledge-hub'

/**
 * Where the embedded server keeps its data when EMBEDDED_PG_DIR is unset: `.data/postgres`, unless
 * we are root in a folder other users cannot enter (a clone in /root), where the server, which runs
 * as the `postgres` user, could not reach it. Then one folder per project under `sharedRoot`, named
 * after the project's path, so that every run of the project finds the same data.
 */
export const defaultDataDir = async (dataRoot = DATA_DIR, sharedRoot = SHARED_DATA_ROOT) => {
  await fs.mkdir(dataRoot, { recursive: true })
  if (await reachableByServer(dataRoot)) return path.join(dataRoot, 'postgres')
  const key = createHash('sha256').update(path.resolve(dataRoot)).digest('hex').slice(0, 12)
  await fs.mkdir(sharedRoot, { recursive: true, mode: 0o755 })
  return path.join(
    sharedRoot,
    `${path.basename(path.dirname(path.resolve(dataRoot)))}-${key}`,
    'postgres',
  )
}

export type LocalDatabase = { url: string; embedded: boolean; stop: () => Promise<void> }

export const ensureSecret = async (): Promise<string> => {
  if (env.PAYLOAD_SECRET) return env.PAYLOAD_SECRET
  const file = path.join(DATA_DIR, 'payload-secret')
  const existing = await fs.readFile(file, 'utf8').catch(() => '')
  if (existing.trim().length >= 32) return existing.trim()
  const secret = randomBytes(32).toString('hex')
  await fs.mkdir(DATA_DIR, { recursive: true })
  await fs.writeFile(file, secret, { mode: 0o600 })
  console.log(`Made a PAYLOAD_SECRET for this machine in ${path.relative(process.cwd(), file)}.`)
  return secret
}

export const ensureDatabase = async (): Promise<LocalDatabase> => {
  if (env.DATABASE_URL) {
    return { url: env.DATABASE_URL, embedded: false, stop: async () => {} }
  }
  // The superuser's random password is kept beside the data: `.data/postgres-password`, or
  // `<EMBEDDED_PG_DIR>-password` (mode 0600; see src/db/embeddedPostgres.ts).
  const dataDir = env.EMBEDDED_PG_DIR ? path.resolve(env.EMBEDDED_PG_DIR) : await defaultDataDir()
  // Its own process group: Ctrl-C or a SIGTERM to ours reaches the hub, which finishes its requests
  // first; the server is stopped last (stop below), not by the package's own signal listeners.
  const server = await startEmbeddedPostgres({
    dataDir,
    passwordFile: `${dataDir}-password`,
    ownProcessGroup: true,
  })
  stopServersOnlyWhenAsked()
  await server.createDatabase('hub')
  const shown = (file: string) => {
    const relative = path.relative(process.cwd(), file)
    return relative && !relative.startsWith('..') ? relative : file
  }
  console.log(
    `Embedded PostgreSQL is running on 127.0.0.1:${server.port} (data in ${shown(dataDir)}, superuser password in ${shown(server.passwordFile)}).`,
  )
  const supervisor = superviseEmbedded(server, () =>
    startEmbeddedPostgres({
      dataDir,
      port: server.port,
      passwordFile: server.passwordFile,
      ownProcessGroup: true,
    }),
  )
  return { url: server.url('hub'), embedded: true, stop: supervisor.stop }
}

/**
 * The secret and the database, for a command line: what keeps them from starting (a folder the
 * server cannot enter, a port in use) is said in one line, without a stack trace, and ends the process.
 */
export const localSetupOrExit = async (): Promise<{ secret: string; db: LocalDatabase }> => {
  try {
    return { secret: await ensureSecret(), db: await ensureDatabase() }
  } catch (error) {
    console.error(`✖ ${error instanceof Error ? error.message : String(error)}`)
    process.exit(1)
  }
}

/** How often the hub looks at its embedded server (a restart takes about 2 s more). */
const SUPERVISE_EVERY_MS = 1000

/**
 * The hub owns its embedded server: when it dies (its postmaster killed, the machine short of
 * memory), it is started again on the same port with the same data, and the hub's connections
 * find it there. PostgreSQL's crash recovery replays its log: committed work is kept, work in
 * flight was never committed (each save is one transaction).
 */
const superviseEmbedded = (first: EmbeddedServer, restart: () => Promise<EmbeddedServer>) => {
  let current = first
  let stopping = false
  let restarting: Promise<void> | undefined
  let failures = 0
  const check = async () => {
    if (stopping || restarting || (await postmasterRunning(current.dataDir))) return
    const began = Date.now()
    console.warn('Embedded PostgreSQL stopped unexpectedly: starting it again…')
    restarting = restart()
      .then((server) => {
        current = server
        failures = 0
        console.warn(`Embedded PostgreSQL is back (${Date.now() - began} ms).`)
      })
      .catch((error: unknown) => {
        // Tried again on the next turns (its dying backends may still hold shared memory).
        if (failures++ % 10 === 0)
          console.error(`Embedded PostgreSQL did not start again: ${(error as Error).message}`)
      })
      .finally(() => {
        restarting = undefined
      })
  }
  const timer = setInterval(() => void check(), SUPERVISE_EVERY_MS)
  timer.unref()
  // Ctrl-C reaches the server too (one process group): a server stopping on request stays stopped.
  const halt = () => {
    stopping = true
    clearInterval(timer)
  }
  process.once('SIGINT', halt)
  process.once('SIGTERM', halt)
  return {
    stop: async () => {
      stopping = true
      clearInterval(timer)
      await restarting
      await current.stop()
    },
  }
}
