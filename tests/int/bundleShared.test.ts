// The offline bundle with several processes (issue 24): each bundle is built by one process, under
// a claim in `hub_bundles`, and every process serves the bytes it stored (one ETag behind a load
// balancer). Each "process" here is a createBundles with a store (its own claim id) and a pool of
// its own, on the suite's database; what the bundle holds comes from the partner API's schema as in
// production. Which builds are current is decided by `heldBack` (graphql/sql/sync.ts in production):
// here a set of tokens the test marks as overtaken, because other test files write to the same
// database all the time and would make every bundle look out of date.
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { type Bundle, createBundles } from '../../graphql/bundle'
import { databaseBundleStore } from '../../graphql/bundleStore'
import { createPartnerYoga, type TrustedExecute } from '../../graphql/server'
import { PATIENCE } from '../helpers/poll'

const LOCALE = 'ar'
let trusted: TrustedExecute
let closeYoga: () => Promise<void>
let db: pg.Client
const pools: pg.Pool[] = []
/** Tokens of builds a later change has overtaken. */
const overtaken = new Set<string>()
const tokens: string[] = []

/** A process: its bundles, and how many builds it made. */
const newProcess = () => {
  const pool = new pg.Pool({ connectionString: inject('databaseUrl'), max: 2 })
  pools.push(pool)
  const counted = { builds: 0 }
  const run: TrustedExecute = async (query, variables) => {
    if (variables?.token === undefined) counted.builds++ // a build's first page
    const result = await trusted(query, variables)
    const sync = (result.data as { sync?: { hasMore: boolean; token: string } } | undefined)?.sync
    if (sync && !sync.hasMore) tokens.push(sync.token)
    return result
  }
  const bundles = createBundles(
    run,
    async (token) => overtaken.has(token),
    10,
    databaseBundleStore(() => pool),
  )
  return Object.assign(counted, bundles)
}

/** A change every process has heard of: every build so far is out of date. */
const change = (...processes: ReturnType<typeof newProcess>[]) => {
  for (const token of tokens) overtaken.add(token)
  for (const each of processes) each.changed()
}

const stored = async () =>
  (
    await db.query<{
      etag: string | null
      checked_token: string | null
      lease_owner: string | null
    }>(`SELECT etag, checked_token, lease_owner FROM hub_bundles WHERE locale = $1`, [LOCALE])
  ).rows[0]

const same = (a: Bundle, b: Bundle) => {
  expect(a.etag).toBe(b.etag)
  expect(a.body.equals(b.body)).toBe(true)
  expect(a.builtAt).toEqual(b.builtAt)
}

beforeAll(async () => {
  ;({ trusted, close: closeYoga } = createPartnerYoga({ responseCache: false, listen: false }))
  db = new pg.Client({ connectionString: inject('databaseUrl') })
  await db.connect()
  // This file's locale starts with nothing stored.
  await db.query(`DELETE FROM hub_bundles WHERE locale = $1`, [LOCALE])
})

afterAll(async () => {
  await db.query(`DELETE FROM hub_bundles WHERE locale = $1`, [LOCALE])
  await db.end()
  await Promise.all(pools.map((pool) => pool.end()))
  await closeYoga()
})

describe('offline bundles shared by several processes', () => {
  const one = newProcess()
  const two = newProcess()

  it('is built by one process when both are asked at once, and both serve the same bytes', async () => {
    const [first, second] = await Promise.all([one.bundle(LOCALE), two.bundle(LOCALE)])
    expect(one.builds + two.builds).toBe(1)
    same(first, second)
    // Stored with the claim given back.
    expect(await stored()).toMatchObject({ etag: first.etag, lease_owner: null })
  })

  it('is rebuilt once after a change, by whichever process claims it, and served by both', async () => {
    const before = one.builds + two.builds
    change(one, two)
    await expect.poll(() => one.builds + two.builds, PATIENCE).toBe(before + 1)
    // The claim is given back once the new build is stored.
    await expect.poll(async () => (await stored())?.lease_owner, PATIENCE).toBeNull()
    const latest = tokens.at(-1)
    expect((await stored())?.checked_token).toBe(latest)
    same(await one.bundle(LOCALE), await two.bundle(LOCALE))
    // The other process, its own timer done, found the stored bundle current and built nothing.
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(one.builds + two.builds).toBe(before + 1)
  })

  it('serves the stored bundle at once while another process holds the claim', async () => {
    const kept = await one.bundle(LOCALE)
    change() // no process hears of it: only a process's first request compares
    await db.query(
      `UPDATE hub_bundles SET lease_owner = 'another', lease_until = now() + interval '10 minutes'
       WHERE locale = $1`,
      [LOCALE],
    )
    try {
      const three = newProcess()
      // Its first request finds the stored bundle out of date but claimed: it serves it as it is.
      same(await three.bundle(LOCALE), kept)
      expect(three.builds).toBe(0)
    } finally {
      await db.query(
        `UPDATE hub_bundles SET lease_owner = NULL, lease_until = NULL WHERE locale = $1`,
        [LOCALE],
      )
    }
  })

  it('takes over a build whose process died with the claim', async () => {
    change()
    await db.query(
      `UPDATE hub_bundles SET lease_owner = 'killed', lease_until = now() - interval '1 second'
       WHERE locale = $1`,
      [LOCALE],
    )
    const four = newProcess()
    const served = await four.bundle(LOCALE)
    expect(four.builds).toBe(1)
    expect(await stored()).toMatchObject({ checked_token: tokens.at(-1), lease_owner: null })
    // A process already serving sees the claim run out on its next request and builds in the
    // background.
    change()
    await db.query(
      `UPDATE hub_bundles SET lease_owner = 'killed', lease_until = now() - interval '1 second'
       WHERE locale = $1`,
      [LOCALE],
    )
    expect((await four.bundle(LOCALE)).etag).toBe(served.etag)
    await expect.poll(() => four.builds, PATIENCE).toBe(2)
    await expect.poll(async () => (await stored())?.lease_owner, PATIENCE).toBeNull()
  })
})
