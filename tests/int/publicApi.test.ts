// What an anonymous visitor gets from Payload's REST and GraphQL APIs: published content only,
// never private fields (people's e-mails, editors' notes) or user records.
import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { nestedFragments } from '../helpers/hostile'
import { graphql, hub, makeUser, rest, type TestUser, unique } from '../helpers/hub'

let payload: Payload
let editor: TestUser
let draft: { id: number; slug: string; title: string }
let published: { id: number; slug: string }
let person: { id: number }

beforeAll(async () => {
  payload = await hub()
  editor = await makeUser('editor')
  const title = unique('Unpublished guidance')
  const d = await payload.create({
    collection: 'resources',
    data: { title, editorNotes: 'check with legal' },
  })
  draft = { id: d.id, slug: d.slug!, title }
  const p = await payload.create({
    collection: 'resources',
    data: {
      title: unique('Published guidance'),
      _status: 'published',
      editorNotes: 'internal only',
    },
  })
  published = { id: p.id, slug: p.slug! }
  // A published resource whose newer draft must not leak either.
  await payload.update({
    collection: 'resources',
    id: p.id,
    draft: true,
    data: { title: 'Secret new title' },
  })
  person = await payload.create({
    collection: 'people',
    data: { name: unique('Speaker'), email: 'speaker@private.example' },
  })
})

describe('REST for anonymous visitors', () => {
  it('hides drafts from listings and by id', async () => {
    const list = await rest('GET', `/resources?where[slug][equals]=${draft.slug}`)
    expect(list.status).toBe(200)
    expect(list.body.totalDocs).toBe(0)
    expect((await rest('GET', `/resources/${draft.id}`)).status).toBe(404)
    expect((await rest('GET', `/resources/${draft.id}?draft=true`)).status).toBe(404)
  })

  it('serves the published version, not a newer draft', async () => {
    const res = await rest('GET', `/resources/${published.id}?draft=true`)
    expect(res.status).toBe(200)
    expect(res.body.title).not.toBe('Secret new title')
  })

  it('never shows editors’ notes, e-mail addresses or version history', async () => {
    const res = await rest('GET', `/resources/${published.id}`)
    expect(res.body).not.toHaveProperty('editorNotes')
    const who = await rest('GET', `/people/${person.id}`)
    expect(who.status).toBe(200)
    expect(who.body).not.toHaveProperty('email')
    expect((await rest('GET', '/resources/versions')).status).toBe(403)
  })

  it('refuses user records', async () => {
    expect((await rest('GET', '/users')).status).toBe(403)
  })

  it('shows drafts and notes to a signed-in editor', async () => {
    const res = await rest('GET', `/resources/${draft.id}`, { token: editor.token })
    expect(res.status).toBe(200)
    expect(res.body.editorNotes).toBe('check with legal')
    const who = await rest('GET', `/people/${person.id}`, { token: editor.token })
    expect(who.body.email).toBe('speaker@private.example')
  })
})

describe("Payload's GraphQL (/api/graphql)", () => {
  it('refuses anonymous visitors, who use the partner API instead', async () => {
    const { status, body } = await graphql(`
      {
        Resources {
          docs {
            title
          }
        }
      }
    `)
    expect(status).toBe(401)
    expect(body.errors?.[0]?.message).toMatch(/partner sites use \/graphql/)
    expect(body.data).toBeUndefined()
  })

  it('refuses a hostile query from an anonymous visitor before parsing it', async () => {
    const fragments = nestedFragments('Resource', 'title')
    const { status } = await graphql(`
      {
        Resources {
          docs {
            ...F29
          }
        }
      }
      ${fragments}
    `)
    expect(status).toBe(401)
  })

  it('gives a signed-in editor the draft and its notes, but never user passwords', async () => {
    const { body } = await graphql(
      `
        query ($id: Int!) {
          Resource(id: $id, draft: true) {
            title
            editorNotes
          }
        }
      `,
      { id: draft.id },
      editor.token,
    )
    expect(body.data.Resource).toEqual({ title: draft.title, editorNotes: 'check with legal' })
    const users = await graphql(
      `
        {
          Users {
            docs {
              email
            }
          }
        }
      `,
      {},
      editor.token,
    )
    expect(users.body.data?.Users?.docs ?? []).toHaveLength(1) // only the editor's own record
  })
})

describe('scheduled publishing', () => {
  it('keeps a scheduled document hidden until its job publishes it', async () => {
    const doc = await payload.create({
      collection: 'news',
      data: { title: unique('Scheduled news'), date: '2030-01-01' },
    })
    await payload.jobs.queue({
      task: 'schedulePublish',
      input: { type: 'publish', doc: { relationTo: 'news', value: doc.id } },
      waitUntil: new Date(Date.now() - 1000),
    })
    expect((await rest('GET', `/news/${doc.id}`)).status).toBe(404)
    await payload.jobs.run()
    const after = await rest('GET', `/news/${doc.id}`)
    expect(after.status).toBe(200)
    expect(after.body._status).toBe('published')
  })
})
