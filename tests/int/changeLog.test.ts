// The change log partners' sync, caches and webhooks follow: one entry for every change to what
// anonymous readers can see, written in the change's own transaction, and none for a draft.
import pg from 'pg'
import { createLocalReq, type Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { hub, makeUser, rest, type TestUser, unique } from '../helpers/hub'

let payload: Payload
let db: pg.Client
let editor: TestUser

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
)

type Entry = { collection: string; doc_id: number; operation: string; locales: string[] | null }

/** The records this file made: other files write to the change log at the same time. */
const ours = new Set<string>()
const mine = <T extends { id: number }>(collection: string, doc: T) => {
  ours.add(`${collection}:${doc.id}`)
  return doc
}

/** The entries about this file's records written after `since`, oldest first. */
const entriesAfter = async (since: number) =>
  (
    await db.query<Entry & { seq: string }>(
      `SELECT seq, collection, doc_id, operation, locales FROM hub_changes WHERE seq > $1 ORDER BY seq`,
      [since],
    )
  ).rows
    .filter((entry) => ours.has(`${entry.collection}:${entry.doc_id}`))
    .map(({ seq: _seq, ...entry }) => entry)

const lastSeq = async () =>
  Number((await db.query(`SELECT coalesce(max(seq), 0) AS seq FROM hub_changes`)).rows[0].seq)

/** What happened between two points, as entries. */
const during = async (action: () => Promise<unknown>) => {
  const since = await lastSeq()
  await action()
  return entriesAfter(since)
}

const resource = async (status: 'draft' | 'published') =>
  mine(
    'resources',
    await payload.create({
      collection: 'resources',
      data: { title: unique('Guidance'), summary: 'About', _status: status },
    }),
  ).id

beforeAll(async () => {
  payload = await hub()
  editor = await makeUser('editor')
  db = new pg.Client({ connectionString: inject('databaseUrl') })
  await db.connect()
})
afterAll(() => db.end())

describe('the change log', () => {
  it('records a publish, with every locale', async () => {
    let id = 0
    const entries = await during(async () => (id = await resource('published')))
    expect(entries).toEqual([
      { collection: 'resources', doc_id: id, operation: 'upsert', locales: null },
    ])
  })

  it('records nothing for a draft: a new one, or a draft saved beside the published version', async () => {
    const published = await resource('published')
    const entries = await during(async () => {
      await resource('draft')
      // The admin's "Save draft" on a published resource, in French.
      const { status } = await rest('PATCH', `/resources/${published}?locale=fr&draft=true`, {
        token: editor.token,
        body: { title: 'Brouillon', _status: 'draft' },
      })
      expect(status).toBe(200)
    })
    expect(entries).toEqual([])
  })

  it('records an edit of a published document with the locales whose texts changed', async () => {
    const id = await resource('published')
    const french = await during(() =>
      payload.update({
        collection: 'resources',
        id,
        locale: 'fr',
        data: { title: 'Orientation', _status: 'published' },
      }),
    )
    expect(french).toEqual([
      { collection: 'resources', doc_id: id, operation: 'upsert', locales: ['fr'] },
    ])
    // A field shared by every locale changes all of them.
    const shared = await during(() =>
      payload.update({
        collection: 'resources',
        id,
        data: { publicationDate: '2024-05-01T00:00:00.000Z', _status: 'published' },
      }),
    )
    expect(shared).toEqual([
      { collection: 'resources', doc_id: id, operation: 'upsert', locales: null },
    ])
  })

  it('records an unpublish and a delete as deletions', async () => {
    const unpublished = await resource('published')
    const deleted = await resource('published')
    const neverPublished = await resource('draft')
    const entries = await during(async () => {
      await payload.update({
        collection: 'resources',
        id: unpublished,
        data: { _status: 'draft' },
      })
      await payload.delete({ collection: 'resources', id: deleted })
      await payload.delete({ collection: 'resources', id: neverPublished })
    })
    expect(entries).toEqual([
      { collection: 'resources', doc_id: unpublished, operation: 'delete', locales: null },
      { collection: 'resources', doc_id: deleted, operation: 'delete', locales: null },
    ])
  })

  it('records a publish made by the job runner at its scheduled time', async () => {
    const id = await resource('draft')
    await payload.jobs.queue({
      task: 'schedulePublish',
      input: {
        type: 'publish',
        doc: { relationTo: 'resources', value: String(id) },
        user: { relationTo: 'users', value: editor.user.id },
      },
      waitUntil: new Date(Date.now() - 1000),
    } as never)
    const entries = await during(() => payload.jobs.run({ limit: 100 }))
    expect(entries).toContainEqual({
      collection: 'resources',
      doc_id: id,
      operation: 'upsert',
      locales: null,
    })
  })

  it('records a language edition with the resource it belongs to', async () => {
    const id = await resource('published')
    let edition = 0
    const entries = await during(
      async () =>
        (edition = mine(
          'translations',
          (await payload.create({
            collection: 'translations',
            data: { resource: id, language: 'pl', title: 'Standardy', _status: 'published' },
          } as never)) as { id: number },
        ).id),
    )
    expect(entries).toEqual([
      { collection: 'translations', doc_id: edition, operation: 'upsert', locales: null },
      { collection: 'resources', doc_id: id, operation: 'upsert', locales: null },
    ])
  })

  it('records a file replaced under published content, for the file and each document using it', async () => {
    const file = mine(
      'media',
      await payload.create({
        collection: 'media',
        data: { alt: 'Cover' },
        file: {
          data: PNG,
          name: `${unique('cover')}.png`,
          mimetype: 'image/png',
          size: PNG.length,
        },
      }),
    )
    const id = mine(
      'resources',
      await payload.create({
        collection: 'resources',
        data: { title: unique('Covered'), cover: file.id, _status: 'published' },
      }),
    ).id
    const unused = mine(
      'media',
      await payload.create({
        collection: 'media',
        data: { alt: 'Unused' },
        file: {
          data: PNG,
          name: `${unique('unused')}.png`,
          mimetype: 'image/png',
          size: PNG.length,
        },
      }),
    )
    const replace = (mediaId: number, name: string) =>
      payload.update({
        collection: 'media',
        id: mediaId,
        data: {},
        file: { data: PNG, name, mimetype: 'image/png', size: PNG.length },
        user: editor.user,
      })
    const entries = await during(async () => {
      await replace(file.id, `${unique('new-cover')}.png`)
      await replace(unused.id, `${unique('new-unused')}.png`)
    })
    expect(entries).toEqual([
      { collection: 'media', doc_id: file.id, operation: 'upsert', locales: null },
      { collection: 'resources', doc_id: id, operation: 'upsert', locales: null },
    ])
  })

  it('writes in the change’s own transaction: a change rolled back leaves no entry', async () => {
    const id = await resource('draft')
    const req = await createLocalReq({}, payload)
    const transaction = await payload.db.beginTransaction()
    req.transactionID = transaction!
    const since = await lastSeq()
    await payload.update({ collection: 'resources', id, data: { _status: 'published' }, req })
    // Not visible to others before commit…
    expect(await entriesAfter(since)).toEqual([])
    await payload.db.rollbackTransaction(transaction!)
    // …and gone with the change.
    expect(await entriesAfter(since)).toEqual([])
    expect((await payload.findByID({ collection: 'resources', id, depth: 0 }))._status).toBe(
      'draft',
    )
    // The same publish, committed, is logged once.
    const entries = await during(() =>
      payload.update({ collection: 'resources', id, data: { _status: 'published' } }),
    )
    expect(entries).toEqual([
      { collection: 'resources', doc_id: id, operation: 'upsert', locales: null },
    ])
  })

  it('announces each committed change on the hub_changes channel', async () => {
    const listener = new pg.Client({ connectionString: inject('databaseUrl') })
    await listener.connect()
    try {
      const heard: string[] = []
      listener.on('notification', (n) => heard.push(n.payload ?? ''))
      await listener.query('LISTEN hub_changes')
      const id = await resource('published')
      // Other files publish too: find this record's announcement among them.
      await expect
        .poll(() =>
          heard
            .map((text) => JSON.parse(text) as { changes?: [string, number, string][] })
            .find((notice) => notice.changes?.some(([c, doc]) => c === 'resources' && doc === id)),
        )
        .toEqual({ seq: [expect.any(Number)], changes: [['resources', id, 'upsert']] })
    } finally {
      await listener.end()
    }
  })
})
