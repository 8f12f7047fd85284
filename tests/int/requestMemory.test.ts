// What a request leaves behind once it is answered: nothing that outlives V8's young generation,
// beyond what the caches it fills keep within their budgets. The request log's statement counter
// once wrapped each pooled connection's callback in an AsyncResource; V8 kept every such callback,
// and the rows it could reach, through its quick collections and moved them to the old generation,
// so start:api's heap grew by about 40 KB per request until a full collection (over 300 MB of RSS
// under the bench on Node 24).
import pg from 'pg'
import v8 from 'node:v8'
import { runInNewContext } from 'node:vm'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { PARSE_CACHE_BYTES, PLAN_CACHE_BYTES, SHORTCUT_CACHE_BYTES } from '../../src/cacheBudgets'
import { CountedPool, countStatements } from '../../src/db/countedPg'
import { partnerApi } from '../helpers/partner'

let pool: pg.Pool

beforeAll(() => {
  // Fewer connections than requests at once: callers also wait for a connection to be freed.
  pool = new CountedPool({ connectionString: inject('databaseUrl'), max: 2 })
})
afterAll(async () => {
  await pool.end()
})

/** About 40 KB of rows, like a listing's. */
const ROWS = `SELECT g AS n, repeat('x', 200) AS text FROM generate_series(1, 100) AS g`
const REQUESTS = 1500

/** Bytes moved to the old generation by V8's young-generation collections while `work` runs. */
const promotedDuring = async (work: () => Promise<void>) => {
  const profiler = new v8.GCProfiler()
  profiler.start()
  await work()
  const { statistics } = profiler.stop()
  const oldSpace = (heap: {
    heapSpaceStatistics: { spaceName: string; spaceUsedSize: number }[]
  }) => heap.heapSpaceStatistics.find((s) => s.spaceName === 'old_space')!.spaceUsedSize
  return statistics
    .filter((gc) => gc.gcType === 'Scavenge' || gc.gcType === 'MinorMarkSweep')
    .reduce((sum, gc) => sum + Math.max(0, oldSpace(gc.afterGC) - oldSpace(gc.beforeGC)), 0)
}

/** `REQUESTS` requests, eight at a time, each sent by `send`. */
const burst = (send: () => Promise<unknown>) => async () => {
  let next = 0
  const worker = async () => {
    while (next++ < REQUESTS) await send()
  }
  await Promise.all(Array.from({ length: 8 }, worker))
}

/** As a request the log counts: the statement sent from inside the counter's context. */
const counted = () =>
  new Promise<number>((resolve, reject) => {
    const counter = countStatements(() => {
      pool.query(ROWS).then(() => resolve(counter.statements), reject)
    })
  })

describe('a request’s memory', () => {
  it('counts each statement for the request that sent it', async () => {
    const counts = await Promise.all(Array.from({ length: 12 }, counted))
    expect(counts).toEqual(Array.from({ length: 12 }, () => 1))
  })

  it('dies young: counting its statements keeps nothing of it alive', async () => {
    await burst(counted)()
    const promoted = await promotedDuring(burst(counted))
    // 1,500 requests read about 60 MB of rows: about 40 MB of it was promoted before the fix,
    // under 0.3 MB after.
    expect(promoted).toBeLessThan(4 * 2 ** 20)
  })

  it('keeps at most its budgets of parsed queries and plans, each plan’s query counted', async () => {
    // Plans are kept by parsed query, and hold fields of it that the parse cache may have let go:
    // the plans' budget counts the query too. 2,000 distinct queries leave about 21 MB behind;
    // with no bound on the plans, about 60 MB. Each is also kept as a shortcut (graphql/shortcuts.ts),
    // within its own budget.
    v8.setFlagsFromString('--expose-gc')
    const gc = runInNewContext('gc') as () => void
    const api = partnerApi({ plan: true })
    const fields = `slug publicationDate title { text locale outdated } summary { text locale }
      workingGroups { slug name { text locale } } topics { slug name { text locale } }
      publishers { slug name { text } } availableLanguages { code name nativeName }`
    const send = (i: number) =>
      api.post(`query Distinct${i} { resources(first: 1) { edges { node { ${fields} } } } }`)
    const first = await send(0)
    expect(first.body.errors).toBeUndefined()
    expect(first.statements).toBe(1)
    gc()
    const before = process.memoryUsage().heapUsed
    for (let i = 1; i <= 2000; i += 8) {
      await Promise.all(Array.from({ length: 8 }, (_, j) => send(i + j)))
    }
    gc()
    const grown = process.memoryUsage().heapUsed - before
    await api.close()
    expect(grown).toBeLessThan(
      PARSE_CACHE_BYTES + PLAN_CACHE_BYTES + SHORTCUT_CACHE_BYTES + 16 * 2 ** 20,
    )
  }, 120_000)
})
