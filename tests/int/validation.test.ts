// Bad input over REST gets a 400 that names the field and the problem, and changes nothing.
import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { hub, makeUser, rest, type TestUser, unique } from '../helpers/hub'

let payload: Payload
let editor: TestUser

beforeAll(async () => {
  payload = await hub()
  editor = await makeUser('editor')
})

const fieldErrors = (body: Record<string, any>) =>
  (body.errors?.[0]?.data?.errors ?? []) as { path: string; message: string }[]

describe('validation errors', () => {
  it('names a missing required field', async () => {
    const res = await rest('POST', '/resources', {
      token: editor.token,
      body: { summary: 'No title' },
    })
    expect(res.status).toBe(400)
    expect(fieldErrors(res.body)).toContainEqual(expect.objectContaining({ path: 'title' }))
  })

  it('explains a bad web address', async () => {
    const res = await rest('POST', '/resources', {
      token: editor.token,
      body: { title: unique('Linked'), links: [{ kind: 'video', url: 'javascript:alert(1)' }] },
    })
    expect(res.status).toBe(400)
    expect(fieldErrors(res.body)).toContainEqual({
      label: expect.anything(),
      path: 'links.0.url',
      message: expect.stringMatching(/https:\/\//),
    })
  })

  it('explains a malformed slug and an unknown language', async () => {
    const res = await rest('POST', '/resources', {
      token: editor.token,
      body: { title: unique('Slugged'), slug: 'Not A Slug!', languages: ['xx'] },
    })
    expect(res.status).toBe(400)
    const paths = fieldErrors(res.body).map((e) => e.path)
    expect(paths).toEqual(expect.arrayContaining(['languages']))
    // A slug is normalised rather than refused: spaces and capitals become a clean slug.
    const ok = await rest('POST', '/resources', {
      token: editor.token,
      body: { title: unique('Slugged'), slug: 'A Clean Slug Please' },
    })
    expect(ok.body.doc.slug).toBe('a-clean-slug-please')
  })

  it('refuses an event in an unknown time zone and leaves nothing behind', async () => {
    const title = unique('Webinar on Mars')
    const res = await rest('POST', '/events', {
      token: editor.token,
      body: {
        title,
        startsAt: '2030-03-01T10:00:00Z',
        startsAt_tz: 'Mars/Olympus_Mons',
        languages: ['en'],
      },
    })
    expect(res.status).toBe(400)
    expect(fieldErrors(res.body).map((e) => e.path)).toContain('startsAt_tz')
    const { totalDocs } = await payload.count({
      collection: 'events',
      where: { title: { equals: title } },
    })
    expect(totalDocs).toBe(0)
  })

  it('refuses a duplicate slug without touching the first document', async () => {
    const first = await rest('POST', '/news', {
      token: editor.token,
      body: { title: unique('Once'), date: '2030-01-01' },
    })
    const res = await rest('POST', '/news', {
      token: editor.token,
      body: { title: 'Another', slug: first.body.doc.slug, date: '2030-01-01' },
    })
    expect(res.status).toBe(400)
    expect(fieldErrors(res.body).map((e) => e.path)).toContain('slug')
    // It names the record that holds the slug, so the editor can find it.
    expect(JSON.stringify(res.body)).toContain(
      `The slug \\"${first.body.doc.slug}\\" is already used by the news post \\"${first.body.doc.title}\\" (id ${first.body.doc.id})`,
    )
    const again = await payload.findByID({ collection: 'news', id: first.body.doc.id, draft: true })
    expect(again.title).toBe(first.body.doc.title)
  })

  it('asks for the title of a free newsletter item', async () => {
    const res = await rest('POST', '/newsletters', {
      token: editor.token,
      body: {
        title: unique('Edition'),
        issueDate: '2030-01-01',
        sections: [{ kind: 'other', heading: 'News', items: [{ type: 'free' }] }],
      },
    })
    expect(res.status).toBe(400)
    expect(fieldErrors(res.body)).toContainEqual(
      expect.objectContaining({
        path: 'sections.0.items.0.title',
        message: 'A free item needs a title.',
      }),
    )
  })
})

describe('uploads', () => {
  it('refuses a file type the media library does not take', async () => {
    const html = Buffer.from('<html><body>not a document</body></html>')
    await expect(
      payload.create({
        collection: 'media',
        data: { alt: 'page' },
        file: { data: html, mimetype: 'text/html', name: 'page.html', size: html.length },
        overrideAccess: false,
        user: editor.user,
      }),
    ).rejects.toThrow(/invalid: file|file type|is not a PDF/i)
  })
})
