// Every role × collection × operation, allowed or denied, through Payload's access rules
// (overrideAccess: false). Each attempt runs in a transaction that is rolled back, so nothing
// a test tries is left behind. Loosening any rule turns a "denied" row red.
import {
  type CollectionSlug,
  createLocalReq,
  initTransaction,
  killTransaction,
  type Payload,
  type PayloadRequest,
} from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { hub, makeUser, type TestUser, unique } from '../helpers/hub'

type Actor = 'admin' | 'editor' | 'groupEditor' | 'translator' | 'anonymous'
const ACTORS: Actor[] = ['admin', 'editor', 'groupEditor', 'translator', 'anonymous']

let payload: Payload
const users: Partial<Record<Actor, TestUser>> = {}
let groupA: number // the group editor's group
let groupB: number

const isDenial = (error: unknown) => {
  const status = (error as { status?: number }).status
  return status === 403 || status === 404 || (error as Error).name === 'Forbidden'
}

/** Runs `operation` as `actor` in a rolled-back transaction: true when access let it through. */
const attempt = async (actor: Actor, operation: (req: PayloadRequest) => Promise<unknown>) => {
  const req = await createLocalReq({ user: users[actor]?.user ?? undefined }, payload)
  await initTransaction(req)
  try {
    await operation(req)
    return true
  } catch (error) {
    if (isDenial(error)) return false
    throw error
  } finally {
    await killTransaction(req)
  }
}

const as = (actor: Actor, req: PayloadRequest) => ({
  req,
  user: users[actor]?.user ?? null,
  overrideAccess: false,
  depth: 0,
})

/** A document created by the system (not by the actor), in group A unless told otherwise. */
const seedDoc = async (collection: CollectionSlug, data: Record<string, unknown>) =>
  (await payload.create({ collection, data, depth: 0 } as never)) as { id: number }

type Case = { data: (group: number) => Record<string, unknown>; localizedField?: string }

const eventData = (group: number) => ({
  title: unique('Event'),
  kind: 'webinar',
  startsAt: '2030-01-01T10:00:00.000Z',
  startsAt_tz: 'Europe/Zurich',
  precision: 'exact',
  format: 'online',
  languages: ['en'],
  workingGroups: [group],
})

const CASES: Record<string, Case> = {
  resources: {
    data: (g) => ({ title: unique('Resource'), workingGroups: [g] }),
    localizedField: 'title',
  },
  events: { data: eventData, localizedField: 'title' },
  news: {
    data: (g) => ({ title: unique('News'), date: '2030-01-01', workingGroups: [g] }),
    localizedField: 'title',
  },
}

// y = allowed, n = denied. Columns: create in A, create in B, read a draft in A, update A in
// English, update B in English, update A in French, delete A, delete B.
const GROUP_CONTENT: Record<Actor, string> = {
  admin: 'yyyyyyyy',
  editor: 'yyyyyyyy',
  groupEditor: 'ynyynyyn',
  translator: 'nnynnynn',
  anonymous: 'nnnnnnnn',
}

beforeAll(async () => {
  payload = await hub()
  groupA = (await seedDoc('working-groups', { name: unique('Group A'), kind: 'working-group' })).id
  groupB = (await seedDoc('working-groups', { name: unique('Group B'), kind: 'task-force' })).id
  users.admin = await makeUser('admin')
  users.editor = await makeUser('editor')
  users.groupEditor = await makeUser('group-editor', [groupA])
  users.translator = await makeUser('translator')
})

describe.each(Object.entries(CASES))(
  '%s (content of working groups)',
  (collection, { data, localizedField }) => {
    const slug = collection as CollectionSlug
    it.each(ACTORS)('gives %s exactly the expected rights', async (actor) => {
      const inA = await seedDoc(slug, data(groupA))
      const inB = await seedDoc(slug, data(groupB))
      const field = localizedField!
      const results = [
        await attempt(actor, (req) =>
          payload.create({ collection: slug, data: data(groupA), ...as(actor, req) } as never),
        ),
        await attempt(actor, (req) =>
          payload.create({ collection: slug, data: data(groupB), ...as(actor, req) } as never),
        ),
        await attempt(actor, (req) =>
          payload.findByID({ collection: slug, id: inA.id, draft: true, ...as(actor, req) }),
        ),
        await attempt(actor, (req) =>
          payload.update({
            collection: slug,
            id: inA.id,
            locale: 'en',
            data: { [field]: 'New' },
            ...as(actor, req),
          } as never),
        ),
        await attempt(actor, (req) =>
          payload.update({
            collection: slug,
            id: inB.id,
            locale: 'en',
            data: { [field]: 'New' },
            ...as(actor, req),
          } as never),
        ),
        await attempt(actor, (req) =>
          payload.update({
            collection: slug,
            id: inA.id,
            locale: 'fr',
            data: { [field]: 'Nouveau' },
            ...as(actor, req),
          } as never),
        ),
        await attempt(actor, (req) =>
          payload.delete({ collection: slug, id: inA.id, ...as(actor, req) }),
        ),
        await attempt(actor, (req) =>
          payload.delete({ collection: slug, id: inB.id, ...as(actor, req) }),
        ),
      ]
      expect(results.map((r) => (r ? 'y' : 'n')).join('')).toBe(GROUP_CONTENT[actor])
    })
  },
)

// Columns: create, read, update in English, update in French, delete.
type Shared = {
  data: () => Record<string, unknown>
  field: string
  readsDraft?: boolean
  expected: Record<Actor, string>
}
const taxonomy: Record<Actor, string> = {
  admin: 'yyyyy',
  editor: 'yyyyy',
  groupEditor: 'nynnn',
  translator: 'nynyn',
  anonymous: 'nynnn',
}
const SHARED: Record<string, Shared> = {
  topics: { data: () => ({ name: unique('Topic') }), field: 'name', expected: taxonomy },
  themes: { data: () => ({ name: unique('Theme') }), field: 'name', expected: taxonomy },
  audiences: { data: () => ({ name: unique('Audience') }), field: 'name', expected: taxonomy },
  'publication-types': {
    data: () => ({ name: unique('Type') }),
    field: 'name',
    expected: taxonomy,
  },
  organisations: {
    data: () => ({ name: unique('Org'), kind: 'ngo' }),
    field: 'name',
    expected: {
      admin: 'yyyyy',
      editor: 'yyyyy',
      groupEditor: 'yyyyn',
      translator: 'nynyn',
      anonymous: 'nynnn',
    },
  },
  people: {
    data: () => ({ name: unique('Person') }),
    field: 'jobTitle',
    expected: {
      admin: 'yyyyy',
      editor: 'yyyyy',
      groupEditor: 'yyyyn',
      translator: 'nynyn',
      anonymous: 'nynnn',
    },
  },
  'working-groups': {
    // The group editor's own group is tested below; this is someone else's group.
    data: () => ({ name: unique('Group'), kind: 'initiative' }),
    field: 'name',
    expected: {
      admin: 'yyyyy',
      editor: 'yyyyy',
      groupEditor: 'nynnn',
      translator: 'nynyn',
      anonymous: 'nynnn',
    },
  },
  newsletters: {
    data: () => ({
      title: unique('Newsletter'),
      issueDate: '2030-01-01',
      sections: [{ kind: 'other', heading: 'News', items: [{ type: 'free', title: 'An item' }] }],
    }),
    field: 'title',
    readsDraft: true,
    expected: {
      admin: 'yyyyy',
      editor: 'yyyyy',
      groupEditor: 'nynnn',
      translator: 'nynyn',
      anonymous: 'nnnnn',
    },
  },
}

describe.each(Object.entries(SHARED))('%s', (collection, { data, field, readsDraft, expected }) => {
  const slug = collection as CollectionSlug
  it.each(ACTORS)('gives %s exactly the expected rights', async (actor) => {
    const doc = await seedDoc(slug, data())
    const results = [
      await attempt(actor, (req) =>
        payload.create({ collection: slug, data: data(), ...as(actor, req) } as never),
      ),
      await attempt(actor, (req) =>
        payload.findByID({ collection: slug, id: doc.id, draft: readsDraft, ...as(actor, req) }),
      ),
      await attempt(actor, (req) =>
        payload.update({
          collection: slug,
          id: doc.id,
          locale: 'en',
          data: { [field]: 'New' },
          ...as(actor, req),
        } as never),
      ),
      await attempt(actor, (req) =>
        payload.update({
          collection: slug,
          id: doc.id,
          locale: 'fr',
          data: { [field]: 'Nouveau' },
          ...as(actor, req),
        } as never),
      ),
      await attempt(actor, (req) =>
        payload.delete({ collection: slug, id: doc.id, ...as(actor, req) }),
      ),
    ]
    expect(results.map((r) => (r ? 'y' : 'n')).join('')).toBe(expected[actor])
  })
})

describe('CPMS standards', () => {
  // Columns: read, update in English, update in French, delete. (All 28 exist, so no create.)
  const expected: Record<Actor, string> = {
    admin: 'yyyy',
    editor: 'yyyy',
    groupEditor: 'ynnn',
    translator: 'ynyn',
    anonymous: 'ynnn',
  }
  it.each(ACTORS)('gives %s exactly the expected rights', async (actor) => {
    const { docs } = await payload.find({
      collection: 'standards',
      where: { number: { equals: 18 } },
      depth: 0,
    })
    const id = docs[0]!.id
    const results = [
      await attempt(actor, (req) =>
        payload.findByID({ collection: 'standards', id, ...as(actor, req) }),
      ),
      await attempt(actor, (req) =>
        payload.update({
          collection: 'standards',
          id,
          locale: 'en',
          data: { title: 'New' },
          ...as(actor, req),
        }),
      ),
      await attempt(actor, (req) =>
        payload.update({
          collection: 'standards',
          id,
          locale: 'fr',
          data: { title: 'Gestion de cas' },
          ...as(actor, req),
        }),
      ),
      await attempt(actor, (req) =>
        payload.delete({ collection: 'standards', id, ...as(actor, req) }),
      ),
    ]
    expect(results.map((r) => (r ? 'y' : 'n')).join('')).toBe(expected[actor])
  })
})

describe('translations (language editions)', () => {
  // Columns: create for a resource of group A, create for group B, read a draft, update (A),
  // update (B), delete.
  const expected: Record<Actor, string> = {
    admin: 'yyyyyy',
    editor: 'yyyyyy',
    groupEditor: 'ynyynn',
    translator: 'yyyyyn',
    anonymous: 'nnnnnn',
  }
  const edition = (resource: number) => ({
    resource,
    language: 'pl',
    format: 'full',
    progress: 'in-progress',
    title: unique('Wydanie'),
  })
  it.each(ACTORS)('gives %s exactly the expected rights', async (actor) => {
    const resourceA = await seedDoc('resources', {
      title: unique('Source A'),
      workingGroups: [groupA],
    })
    const resourceB = await seedDoc('resources', {
      title: unique('Source B'),
      workingGroups: [groupB],
    })
    const inA = await seedDoc('translations', edition(resourceA.id))
    const inB = await seedDoc('translations', edition(resourceB.id))
    const fresh = async (group: number) =>
      (await seedDoc('resources', { title: unique('Source'), workingGroups: [group] })).id
    const freshA = await fresh(groupA)
    const freshB = await fresh(groupB)
    const results = [
      await attempt(actor, (req) =>
        payload.create({
          collection: 'translations',
          data: edition(freshA),
          ...as(actor, req),
        } as never),
      ),
      await attempt(actor, (req) =>
        payload.create({
          collection: 'translations',
          data: edition(freshB),
          ...as(actor, req),
        } as never),
      ),
      await attempt(actor, (req) =>
        payload.findByID({
          collection: 'translations',
          id: inA.id,
          draft: true,
          ...as(actor, req),
        }),
      ),
      await attempt(actor, (req) =>
        payload.update({
          collection: 'translations',
          id: inA.id,
          data: { progress: 'complete' },
          ...as(actor, req),
        }),
      ),
      await attempt(actor, (req) =>
        payload.update({
          collection: 'translations',
          id: inB.id,
          data: { progress: 'complete' },
          ...as(actor, req),
        }),
      ),
      await attempt(actor, (req) =>
        payload.delete({ collection: 'translations', id: inA.id, ...as(actor, req) }),
      ),
    ]
    expect(results.map((r) => (r ? 'y' : 'n')).join('')).toBe(expected[actor])
  })
})

describe('media', () => {
  // Columns: upload, read, update, delete — of a file someone else uploaded that no published
  // document uses (tests/int/mediaAccess.test.ts covers files in use and uploaders' own files).
  const expected: Record<Actor, string> = {
    admin: 'yyyy',
    editor: 'yyyy',
    groupEditor: 'yynn',
    translator: 'yynn',
    anonymous: 'nnnn',
  }
  // A real 1×1 PNG: uploads are checked by their content, not their name.
  const png = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
    'base64',
  )
  const file = () => ({
    data: png,
    mimetype: 'image/png',
    name: `${unique('cover')}.png`,
    size: png.length,
  })
  it.each(ACTORS)('gives %s exactly the expected rights', async (actor) => {
    const doc = await payload.create({
      collection: 'media',
      data: { alt: 'A flyer' },
      file: file(),
    })
    const results = [
      await attempt(actor, (req) =>
        payload.create({
          collection: 'media',
          data: { alt: 'x' },
          file: file(),
          ...as(actor, req),
        }),
      ),
      await attempt(actor, (req) =>
        payload.findByID({ collection: 'media', id: doc.id, ...as(actor, req) }),
      ),
      await attempt(actor, (req) =>
        payload.update({
          collection: 'media',
          id: doc.id,
          data: { alt: 'New' },
          ...as(actor, req),
        }),
      ),
      await attempt(actor, (req) =>
        payload.delete({ collection: 'media', id: doc.id, ...as(actor, req) }),
      ),
    ]
    expect(results.map((r) => (r ? 'y' : 'n')).join('')).toBe(expected[actor])
  })
})

describe('users', () => {
  // Columns: create, read another user, read oneself, update another, update oneself, delete another.
  const expected: Record<Actor, string> = {
    admin: 'yyyyyy',
    editor: 'nnyny' + 'n',
    groupEditor: 'nnyny' + 'n',
    translator: 'nnyny' + 'n',
    anonymous: 'nnnnnn',
  }
  it.each(ACTORS)('gives %s exactly the expected rights', async (actor) => {
    const other = await makeUser('editor')
    const self = users[actor]?.user.id ?? other.user.id
    const results = [
      await attempt(actor, (req) =>
        payload.create({
          collection: 'users',
          data: {
            email: `${unique('new')}@test.example`,
            password: 'a long test password',
            name: 'New',
            role: 'editor',
          },
          ...as(actor, req),
        }),
      ),
      await attempt(actor, (req) =>
        payload.findByID({ collection: 'users', id: other.user.id, ...as(actor, req) }),
      ),
      await attempt(actor, (req) =>
        payload.findByID({ collection: 'users', id: self, ...as(actor, req) }),
      ),
      await attempt(actor, (req) =>
        payload.update({
          collection: 'users',
          id: other.user.id,
          data: { name: 'Changed' },
          ...as(actor, req),
        }),
      ),
      await attempt(actor, (req) =>
        payload.update({ collection: 'users', id: self, data: { name: 'Me' }, ...as(actor, req) }),
      ),
      await attempt(actor, (req) =>
        payload.delete({ collection: 'users', id: other.user.id, ...as(actor, req) }),
      ),
    ]
    expect(results.map((r) => (r ? 'y' : 'n')).join('')).toBe(expected[actor])
  })
})

describe('rules inside a document', () => {
  it('lets a group editor update the page of their own group', async () => {
    const ok = await attempt('groupEditor', (req) =>
      payload.update({
        collection: 'working-groups',
        id: groupA,
        locale: 'en',
        data: { summary: 'Ours' },
        ...as('groupEditor', req),
      }),
    )
    expect(ok).toBe(true)
  })

  it('keeps a translator from changing what all locales share', async () => {
    const doc = await seedDoc('resources', { title: unique('Shared'), workingGroups: [groupA] })
    const before = await payload.findByID({
      collection: 'resources',
      id: doc.id,
      draft: true,
      depth: 0,
    })
    const req = await createLocalReq({ user: users.translator!.user }, payload)
    const updated = await payload.update({
      collection: 'resources',
      id: doc.id,
      locale: 'fr',
      data: { title: 'Titre français', slug: 'renamed-by-translator', workingGroups: [groupB] },
      ...as('translator', req),
    })
    expect(updated.title).toBe('Titre français')
    expect(updated.slug).toBe(before.slug)
    expect(updated.workingGroups).toEqual([groupA])
  })

  it('keeps a user from giving themselves another role or groups', async () => {
    const me = await makeUser('translator')
    const req = await createLocalReq({ user: me.user }, payload)
    const updated = await payload.update({
      collection: 'users',
      id: me.user.id,
      data: { role: 'admin', groups: [groupA] },
      ...as('translator', req),
      user: me.user,
    })
    expect(updated.role).toBe('translator')
    expect(updated.groups ?? []).toEqual([])
  })

  it('tells a group editor which groups they may choose', async () => {
    const req = await createLocalReq({ user: users.groupEditor!.user }, payload)
    await expect(
      payload.create({
        collection: 'resources',
        data: { title: unique('Mixed'), workingGroups: [groupA, groupB] },
        ...as('groupEditor', req),
      }),
    ).rejects.toThrow(/not allowed|working groups you belong to/i)
  })
})

describe('newsletter subscribers and their consent records (personal data)', () => {
  // Columns: create a subscriber, read one, update one, delete one; create a consent record, read
  // one, update one, delete one. Nobody creates either by hand: a subscription exists only with
  // its reader's own consent (src/newsletters/subscriptions.ts), and its records are never changed.
  const expected: Record<Actor, string> = {
    admin: 'nyyynyny',
    editor: 'nnnnnnnn',
    groupEditor: 'nnnnnnnn',
    translator: 'nnnnnnnn',
    anonymous: 'nnnnnnnn',
  }
  const subscriber = () => ({
    email: `${unique('reader')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '.')}@example.org`,
    locale: 'fr',
    interests: ['newsletter'],
  })
  const record = (id: number) => ({
    subscriber: id,
    event: 'asked',
    at: new Date().toISOString(),
    source: 'sign-up',
  })
  it.each(ACTORS)('gives %s exactly the expected rights', async (actor) => {
    const doc = await seedDoc('subscribers', subscriber())
    const consent = await seedDoc('consents', record(doc.id))
    const results = [
      await attempt(actor, (req) =>
        payload.create({
          collection: 'subscribers',
          data: subscriber(),
          ...as(actor, req),
        } as never),
      ),
      await attempt(actor, (req) =>
        payload.findByID({ collection: 'subscribers', id: doc.id, ...as(actor, req) }),
      ),
      await attempt(actor, (req) =>
        payload.update({
          collection: 'subscribers',
          id: doc.id,
          data: { status: 'unsubscribed' },
          ...as(actor, req),
        }),
      ),
      await attempt(actor, (req) =>
        payload.delete({ collection: 'subscribers', id: doc.id, ...as(actor, req) }),
      ),
      await attempt(actor, (req) =>
        payload.create({
          collection: 'consents',
          data: record(doc.id),
          ...as(actor, req),
        } as never),
      ),
      await attempt(actor, (req) =>
        payload.findByID({ collection: 'consents', id: consent.id, ...as(actor, req) }),
      ),
      await attempt(actor, (req) =>
        payload.update({
          collection: 'consents',
          id: consent.id,
          data: { source: 'forged' },
          ...as(actor, req),
        }),
      ),
      await attempt(actor, (req) =>
        payload.delete({ collection: 'consents', id: consent.id, ...as(actor, req) }),
      ),
    ]
    expect(results.map((r) => (r ? 'y' : 'n')).join('')).toBe(expected[actor])
  })
})
