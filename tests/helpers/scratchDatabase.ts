// An empty database of a test file's own on the suite's PostgreSQL server, made afresh (one left by
// an interrupted run is dropped first) and dropped when the file is done.
import pg from 'pg'
import { inject } from 'vitest'

export type ScratchDatabase = { url: string; drop: () => Promise<void> }

export const scratchDatabase = async (name: string): Promise<ScratchDatabase> => {
  const server = new pg.Client({ connectionString: inject('adminDatabaseUrl') })
  await server.connect()
  await server.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
  await server.query(`CREATE DATABASE ${name}`)
  const address = new URL(inject('adminDatabaseUrl'))
  address.pathname = `/${name}`
  return {
    url: address.toString(),
    drop: async () => {
      await server.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await server.end()
    },
  }
}
