// Delta sync as a partner's nightly job uses it: an initial sync of everything published, then
// tokens that return only what changed (records whole, tombstones for what went), each record once,
// nothing missed while editors publish, whatever order their transactions commit in.
import { createHmac } from 'node:crypto'
import pg from 'pg'
import { createLocalReq, type Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { hub, unique } from '../helpers/hub'
import { partnerApi } from '../helpers/partner'
import { PATIENCE, pollUntil } from '../helpers/poll'
import { type LocalCopy, syncOnce } from '../../examples/nightly-sync'

const { post, yoga } = partnerApi()
let payload: Payload
let db: pg.Client

const SYNC = (
  locale = 'EN',
) => `query Sync($token: String, $first: Int) @inContext(locale: ${locale}) {
  sync(token: $token, first: $first) {
    initial hasMore token
    upserts {
      __typename
      ... on Node { id }
      ... on Resource { slug title { text locale } }
      ... on Translation { editionTitle: title }
    }
    tombstones { id typename }
  }
}`

type Page = {
  initial: boolean
  hasMore: boolean
  token: string
  upserts: { __typename: string; id: string; slug?: string; title?: any }[]
  tombstones: { id: string; typename: string }[]
}

const page = async (token?: string, first = 100, locale = 'EN') => {
  const { status, body, statements } = await post(SYNC(locale), { token, first })
  expect(body.errors).toBeUndefined()
  expect(status).toBe(200)
  return { ...(body.data.sync as Page), statements }
}

/** Every page of a sync, as a partner's job calls them. */
const syncAll = async (token?: string, first = 100, locale = 'EN') => {
  const pages: Page[] = []
  let current: Page
  do {
    current = await page(pages.at(-1)?.token ?? token, first, locale)
    pages.push(current)
  } while (current.hasMore)
  return {
    pages,
    upserts: pages.flatMap((p) => p.upserts),
    tombstones: pages.flatMap((p) => p.tombstones),
    token: current.token,
  }
}

/**
 * Syncs from `token` again and again until `done` holds of all it received, as a partner polling
 * would (tests/helpers/poll.ts: another file's open transaction delays changes, never loses them).
 */
const syncUntil = (token: string, done: (sync: Awaited<ReturnType<typeof syncAll>>) => boolean) =>
  pollUntil(async (all?: Awaited<ReturnType<typeof syncAll>>) => {
    if (!all) return syncAll(token)
    const next = await syncAll(all.token)
    return {
      pages: [...all.pages, ...next.pages],
      upserts: [...all.upserts, ...next.upserts],
      tombstones: [...all.tombstones, ...next.tombstones],
      token: next.token,
    }
  }, done)

/**
 * An initial sync that holds `ids`, asked again until it does: their changes are then below its
 * horizon, so no delta from its token carries them again.
 */
const initialWith = async (ids: number[], locale = 'EN') => {
  const holds = (sync: Awaited<ReturnType<typeof syncAll>>) =>
    ids.every((id) => sync.upserts.some((r) => r.id === globalId('Resource', id)))
  const sync = await pollUntil(() => syncAll(undefined, 100, locale), holds)
  expect(holds(sync)).toBe(true)
  return sync
}

/** A partner's local copy, kept by applying syncs. */
const applyTo = (
  copy: Map<string, Page['upserts'][number]>,
  sync: Awaited<ReturnType<typeof syncAll>>,
) => {
  for (const record of sync.upserts) copy.set(record.id, record)
  for (const gone of sync.tombstones) copy.delete(gone.id)
}

const globalId = (type: string, id: number) => Buffer.from(`${type}:${id}`).toString('base64url')

const resource = async (status: 'draft' | 'published', title = unique('Sync')) =>
  (await payload.create({ collection: 'resources', data: { title, _status: status } })).id

const publishedResourceIds = async () =>
  (await db.query<{ id: number }>(`SELECT id FROM resources WHERE _status = 'published'`)).rows.map(
    (r) => globalId('Resource', r.id),
  )

beforeAll(async () => {
  payload = await hub()
  db = new pg.Client({ connectionString: inject('databaseUrl') })
  await db.connect()
})
afterAll(() => db.end())

describe('delta sync', () => {
  it('an initial sync pages through everything published, each record once, no draft', async () => {
    const draft = await resource('draft')
    const before = await publishedResourceIds()
    const sync = await syncAll(undefined, 40)
    expect(sync.pages.length).toBeGreaterThan(1)
    expect(sync.pages.every((p) => p.initial && p.tombstones.length === 0)).toBe(true)
    const ids = sync.upserts.map((r) => r.id)
    expect(new Set(ids).size).toBe(ids.length)
    const resources = sync.upserts.filter((r) => r.__typename === 'Resource').map((r) => r.id)
    expect(resources).not.toContain(globalId('Resource', draft))
    // Everything published before it started is there (other files may publish meanwhile), or, when
    // another file's open transaction held the horizon back, in the delta that follows.
    const missing = (d: { upserts: Page['upserts'] }) => {
      const seen = new Set([...resources, ...d.upserts.map((r) => r.id)])
      return before.filter((id) => !seen.has(id))
    }
    const delta = await syncUntil(sync.token, (d) => missing(d).length === 0)
    expect(missing(delta)).toEqual([])
    // The real content's other kinds come along.
    const kinds = new Set(sync.upserts.map((r) => r.__typename))
    for (const kind of ['Resource', 'WorkingGroup', 'Organisation', 'Term', 'Standard']) {
      expect(kinds).toContain(kind)
    }
  })

  it('a later sync returns only what changed: upserts whole, tombstones for what went, each once', async () => {
    const edited = await resource('published')
    const unpublished = await resource('published')
    const deleted = await resource('published')
    const untouched = await resource('published')
    const start = await initialWith([edited, unpublished, deleted, untouched])
    const copy = new Map<string, Page['upserts'][number]>()
    applyTo(copy, start)

    const added = await resource('published')
    await resource('draft')
    for (const title of ['Edited once', 'Edited twice']) {
      await payload.update({
        collection: 'resources',
        id: edited,
        data: { title, _status: 'published' },
      })
    }
    // A draft saved beside the published version changes nothing partners see.
    await payload.update({
      collection: 'resources',
      id: untouched,
      data: { title: 'Draft only' },
      draft: true,
    })
    await payload.update({ collection: 'resources', id: unpublished, data: { _status: 'draft' } })
    await payload.delete({ collection: 'resources', id: deleted })
    const edition = await payload.create({
      collection: 'translations',
      data: { resource: added, language: 'pl', title: 'Wytyczne', _status: 'published' },
    } as never)

    const expected = [
      globalId('Resource', added),
      globalId('Resource', edited),
      globalId('Translation', edition.id as number),
    ]
    const gone = [unpublished, deleted].map((id) => globalId('Resource', id))
    const delta = await syncUntil(
      start.token,
      (d) =>
        expected.every((id) => d.upserts.some((r) => r.id === id)) &&
        gone.every((id) => d.tombstones.some((r) => r.id === id)),
    )
    expect(delta.pages.every((p) => !p.initial)).toBe(true)
    const upserted = delta.upserts.map((r) => r.id)
    // Ours once each (others' records may change between polls).
    const mine = [added, edited, unpublished, deleted, untouched].map((id) =>
      globalId('Resource', id),
    )
    const mineUpserted = upserted.filter((id) => mine.includes(id) || expected.includes(id))
    expect(new Set(mineUpserted).size).toBe(mineUpserted.length)
    expect(upserted).toEqual(
      expect.arrayContaining([
        globalId('Resource', added),
        globalId('Resource', edited),
        globalId('Translation', edition.id as number),
      ]),
    )
    expect(upserted).not.toContain(globalId('Resource', untouched))
    expect(delta.upserts.find((r) => r.id === globalId('Resource', edited))?.title.text).toBe(
      'Edited twice',
    )
    expect(delta.tombstones).toEqual(
      expect.arrayContaining([
        { id: globalId('Resource', unpublished), typename: 'Resource' },
        { id: globalId('Resource', deleted), typename: 'Resource' },
      ]),
    )
    applyTo(copy, delta)
    expect(copy.has(globalId('Resource', deleted))).toBe(false)
    expect(copy.get(globalId('Resource', edited))?.title.text).toBe('Edited twice')
    expect(copy.get(globalId('Resource', untouched))?.title.text).not.toBe('Draft only')

    // Nothing changed since: the same token again would repeat, the new one returns nothing of ours.
    const quiet = await syncAll(delta.token)
    const ours = [added, edited, unpublished, deleted, untouched].map((id) =>
      globalId('Resource', id),
    )
    expect(quiet.upserts.filter((r) => ours.includes(r.id))).toEqual([])
    expect(quiet.tombstones.filter((r) => ours.includes(r.id))).toEqual([])
  })

  it('misses nothing when a publish commits after a later one, and repeats nothing', async () => {
    const start = await syncAll()
    // A publish whose transaction is still open while a later one commits.
    const req = await createLocalReq({}, payload)
    const transaction = await payload.db.beginTransaction()
    req.transactionID = transaction!
    const slow = (
      await payload.create({
        collection: 'resources',
        data: { title: unique('Slow'), _status: 'published' },
        req,
      })
    ).id
    const fast = await resource('published')
    const during = await syncAll(start.token)
    expect(during.upserts.map((r) => r.id)).not.toContain(globalId('Resource', slow))
    await payload.db.commitTransaction(transaction!)

    const seen = [...during.upserts.map((r) => r.id)]
    let token = during.token
    await expect
      .poll(async () => {
        const next = await syncAll(token)
        token = next.token
        seen.push(...next.upserts.map((r) => r.id))
        return seen
      }, PATIENCE)
      .toEqual(expect.arrayContaining([globalId('Resource', slow), globalId('Resource', fast)]))
    // Each change came exactly once.
    expect(seen.filter((id) => id === globalId('Resource', slow))).toHaveLength(1)
    expect(seen.filter((id) => id === globalId('Resource', fast))).toHaveLength(1)
  })

  it('keeps a copy exact while publishes run concurrently with paging', async () => {
    const copy = new Map<string, Page['upserts'][number]>()
    // Publishing (and unpublishing) goes on while the partner pages, 10 records at a time.
    const mine: number[] = []
    let publishing = true
    const editors = (async () => {
      while (publishing) {
        const batch = await Promise.all(Array.from({ length: 4 }, () => resource('published')))
        mine.push(...batch)
        await payload.update({ collection: 'resources', id: batch[0]!, data: { _status: 'draft' } })
      }
    })()
    let token: string | undefined
    // Rounds of paging until several batches were published in between.
    for (let round = 0; round < 3 || (mine.length < 12 && round < 200); round++) {
      const sync = await syncAll(token, 10)
      const ids = sync.upserts.map((r) => r.id)
      expect(new Set(ids).size).toBe(ids.length)
      applyTo(copy, sync)
      token = sync.token
    }
    publishing = false
    await editors
    // Once publishing stops, one more sync makes the copy exactly what is published.
    await expect
      .poll(async () => {
        applyTo(copy, await syncAll(token).then((s) => ((token = s.token), s)))
        const published = new Set(await publishedResourceIds())
        return mine
          .map((id) => globalId('Resource', id))
          .filter((id) => copy.has(id) !== published.has(id))
      }, PATIENCE)
      .toEqual([])
    expect(mine.length).toBeGreaterThanOrEqual(12)
  })

  it('follows the locale chain: changes to texts outside it are left out', async () => {
    const id = await resource('published')
    const arabicStart = await initialWith([id], 'AR')
    const frenchStart = await initialWith([id], 'FR')
    await payload.update({
      collection: 'resources',
      id,
      locale: 'ar',
      data: { title: 'إرشادات', _status: 'published' },
    })
    // Arabic first, asked again until the change is there (another file's open transaction may
    // hold it back); a French delta over the same span must then leave it out.
    const arabic = await pollUntil(
      () => syncAll(arabicStart.token, 100, 'AR'),
      (sync) => sync.upserts.some((r) => r.id === globalId('Resource', id)),
    )
    expect(arabic.upserts.find((r) => r.id === globalId('Resource', id))?.title).toEqual({
      text: 'إرشادات',
      locale: 'AR',
    })
    const french = await syncAll(frenchStart.token, 100, 'FR')
    expect(french.upserts.map((r) => r.id)).not.toContain(globalId('Resource', id))
  })

  it('costs the same few statements per page at any page size', async () => {
    const start = await syncAll()
    // One after another: thirty saves at once would need sixty connections of the test's pool.
    for (let i = 0; i < 30; i++) await resource('published')
    for (const first of [1, 20, 100]) {
      const { statements } = await page(undefined, first)
      const delta = await page(start.token, first)
      expect(statements).toBeLessThanOrEqual(2)
      expect(delta.statements).toBeLessThanOrEqual(2)
    }
  })

  it('refuses bad, altered, foreign and other-language tokens with BAD_USER_INPUT', async () => {
    const { token } = await page(undefined, 1)
    const [body64, signature] = token.split('.') as [string, string]
    const decoded = JSON.parse(Buffer.from(body64, 'base64url').toString())
    // Signed as the hub signs, with the key its processes share: only the checks after it refuse.
    const { rows } = await db.query<{ key: string }>(
      `SELECT key FROM hub_signing_keys WHERE purpose = 'sync-token'`,
    )
    const key = Buffer.from(rows[0]!.key, 'hex')
    const sign = (value: unknown) => {
      const body = Buffer.from(JSON.stringify(value)).toString('base64url')
      return `${body}.${createHmac('sha256', key).update(body).digest('base64url').slice(0, 22)}`
    }
    const unsigned = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')
    const cases: [string, string, RegExp][] = [
      ['EN', 'not-a-token', /is not a sync token of this API/],
      ['EN', sign({ ...decoded, from: 'x' }), /is not a sync token of this API/],
      // Its position lowered, its signature kept: altered.
      ['EN', `${unsigned({ ...decoded, from: '1' })}.${signature}`, /or was altered/],
      ['EN', unsigned(decoded), /or was altered/],
      ['EN', sign({ ...decoded, db: 'another-hub0' }), /was issued by another hub or database/],
      [
        'EN',
        sign({ v: 2, db: decoded.db, loc: 'en', phase: 'delta', from: '999999999999' }),
        /points past the last change/,
      ],
      // Made under English alone, read under French then English.
      ['FR', token, /was made under the locale chain EN, and this sync asks for FR → EN/],
      ['EN', 'a'.repeat(5000), /is not a sync token/],
    ]
    for (const [locale, bad, message] of cases) {
      const { status, body } = await post(SYNC(locale), { token: bad })
      expect(status).toBe(200)
      expect(body.errors?.[0]?.message).toMatch(message)
      expect(body.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        argument: 'token',
      })
    }
  })

  it('refuses every page size below 1 with the same words, naming the argument', async () => {
    for (const first of [-1, 0, -1000]) {
      const { body } = await post(SYNC(), { first })
      expect(body.errors?.[0]?.message, String(first)).toMatch(/^first: must be 1 or more/)
      expect(body.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        argument: 'first',
      })
    }
  })

  it('keeps a partner’s copy current as the README’s nightly job does (examples/nightly-sync.ts)', async () => {
    const hubFetch = ((url: string, init?: RequestInit) => yoga.fetch(url, init)) as typeof fetch
    /** The job run again (as on the next night) until `done` holds of the copy; counts added up. */
    const runUntil = (copy: LocalCopy, done: (copy: LocalCopy) => boolean) =>
      pollUntil(
        async (previous?: { copy: LocalCopy; upserted: number; removed: number }) => {
          const result = await syncOnce('http://hub.test/graphql', previous?.copy ?? copy, hubFetch)
          return {
            copy: result.copy,
            upserted: result.upserted + (previous?.upserted ?? 0),
            removed: result.removed + (previous?.removed ?? 0),
          }
        },
        (result) => done(result.copy),
      )
    const kept = await resource('published')
    const first = await runUntil({ records: {} }, (c) => globalId('Resource', kept) in c.records)
    expect(first.copy.records[globalId('Resource', kept)]).toBeDefined()
    const added = await resource('published')
    await payload.update({ collection: 'resources', id: kept, data: { _status: 'draft' } })
    const copy: LocalCopy = JSON.parse(JSON.stringify(first.copy))
    const next = await runUntil(
      copy,
      (c) => globalId('Resource', added) in c.records && !(globalId('Resource', kept) in c.records),
    )
    expect(next.copy.records[globalId('Resource', added)]).toBeDefined()
    expect(next.copy.records[globalId('Resource', kept)]).toBeUndefined()
    expect(next.removed).toBeGreaterThanOrEqual(1)
    // Far fewer records came the second time than the first.
    expect(next.upserted).toBeLessThan(first.upserted)
  })

  it('is never cached, by the API or by shared caches', async () => {
    const query = encodeURIComponent('{ sync(first: 1) { token } }')
    const response = await yoga.fetch(`http://hub.test/graphql?query=${query}`)
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toBe('no-store')
  })
})
