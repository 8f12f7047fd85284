// Keys every process of a hub shares through its database: made once (by a migration, or by the
// first process to need one on a database pushed without migrations), then read by hubs and
// `start:api` alike, a replica's readers included, with nothing to configure. They sign what is
// public anyway (a sync's position in the change log): they keep it from being altered, not secret.
import { randomBytes } from 'node:crypto'
import type pg from 'pg'

export const SIGNING_KEYS_TABLE = 'hub_signing_keys'
export type KeyPurpose = 'sync-token' | 'newsletter-link'

/** A new key's statement: the first writer wins, every later one keeps it. */
const insertKeyStatement = (purpose: KeyPurpose) => ({
  text: `INSERT INTO ${SIGNING_KEYS_TABLE} (purpose, key) VALUES ($1, $2) ON CONFLICT (purpose) DO NOTHING`,
  values: [purpose, randomBytes(32).toString('hex')],
})

const select = (pool: pg.Pool, purpose: KeyPurpose) =>
  pool
    .query<{ key: string }>(`SELECT key FROM ${SIGNING_KEYS_TABLE} WHERE purpose = $1`, [purpose])
    .then(({ rows }) => (rows[0] ? Buffer.from(rows[0].key, 'hex') : undefined))

const read = async (pool: pg.Pool, purpose: KeyPurpose): Promise<Buffer> => {
  const found = await select(pool, purpose)
  if (found) return found
  await pool.query(insertKeyStatement(purpose))
  const made = await select(pool, purpose)
  if (!made) throw new Error(`The ${purpose} key could not be made in ${SIGNING_KEYS_TABLE}.`)
  return made
}

const known = new WeakMap<pg.Pool, Map<KeyPurpose, Promise<Buffer>>>()

/** The key for `purpose`, read once per pool (a failed read is tried again next time). */
export const signingKey = (pool: pg.Pool, purpose: KeyPurpose): Promise<Buffer> => {
  let keys = known.get(pool)
  if (!keys) known.set(pool, (keys = new Map()))
  let key = keys.get(purpose)
  if (!key) {
    key = read(pool, purpose)
    keys.set(purpose, key)
    key.catch(() => keys.delete(purpose))
  }
  return key
}
