// What a local hub needs before Payload starts: a database (embedded when DATABASE_URL is unset)
// and a secret (made once and kept in .data/ when PAYLOAD_SECRET is unset).
import { randomBytes } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'

import { startEmbeddedPostgres } from '../db/embeddedPostgres'

const DATA_DIR = path.resolve(process.cwd(), '.data')

export type LocalDatabase = { url: string; embedded: boolean; stop: () => Promise<void> }

export const ensureSecret = async (): Promise<string> => {
  if (process.env.PAYLOAD_SECRET) return process.env.PAYLOAD_SECRET
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
  if (process.env.DATABASE_URL) {
    return { url: process.env.DATABASE_URL, embedded: false, stop: async () => {} }
  }
  // The superuser's random password is kept beside the data: `.data/postgres-password`, or
  // `<EMBEDDED_PG_DIR>-password` (mode 0600; see src/db/embeddedPostgres.ts).
  const dataDir = process.env.EMBEDDED_PG_DIR
    ? path.resolve(process.env.EMBEDDED_PG_DIR)
    : path.join(DATA_DIR, 'postgres')
  const server = await startEmbeddedPostgres({ dataDir, passwordFile: `${dataDir}-password` })
  await server.createDatabase('hub')
  const shown = (file: string) => path.relative(process.cwd(), file) || file
  console.log(
    `Embedded PostgreSQL is running on 127.0.0.1:${server.port} (data in ${shown(dataDir)}, superuser password in ${shown(server.passwordFile)}).`,
  )
  return { url: server.url('hub'), embedded: true, stop: server.stop }
}
