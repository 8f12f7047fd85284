// What an anonymous visitor gets from Payload's REST and GraphQL APIs: published content only,
// never private fields (people's e-mails, editors' notes) or user records.
import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

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

describe('GraphQL (/api/graphql) for anonymous visitors', () => {
  it('hides drafts, even when asked for them', async () => {
    const { body } = await graphql(
      `
        query ($slug: String) {
          Resources(where: { slug: { equals: $slug } }, draft: true) {
            totalDocs
            docs {
              title
            }
          }
        }
      `,
      { slug: draft.slug },
    )
    expect(body.errors).toBeUndefined()
    expect(body.data.Resources.totalDocs).toBe(0)
    const byId = await graphql(
      `
        query ($id: Int!) {
          Resource(id: $id, draft: true) {
            title
          }
        }
      `,
      { id: draft.id },
    )
    expect(byId.body.data?.Resource ?? null).toBeNull()
  })

  it('never returns private fields or users', async () => {
    const notes = await graphql(
      `
        query ($id: Int!) {
          Resource(id: $id) {
            title
            editorNotes
          }
        }
      `,
      { id: published.id },
    )
    expect(notes.body.data.Resource.title).toBeTruthy()
    expect(notes.body.data.Resource.editorNotes ?? null).toBeNull()
    const email = await graphql(
      `
        query ($id: Int!) {
          Person(id: $id) {
            name
            email
          }
        }
      `,
      { id: person.id },
    )
    expect(email.body.data.Person.email ?? null).toBeNull()
    const users = await graphql(`
      {
        Users {
          docs {
            email
          }
        }
      }
    `)
    expect(users.body.data?.Users ?? null).toBeNull()
    expect(users.body.errors?.[0]?.message).toMatch(/not allowed/i)
  })

  it('gives an editor the draft', async () => {
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
