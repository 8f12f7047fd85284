// One place for each title (issue 12, item 4): an edition in English, French, Spanish or Arabic has
// no title of its own; it shows its resource's title in that locale, so the two cannot drift,
// whatever the admin's REST paths send. Editions in other languages keep their own, optional title.
import { sql } from '@payloadcms/db-postgres/drizzle'
import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { hub, makeUser, rest, unique, type TestUser } from '../helpers/hub'
import { partnerApi } from '../helpers/partner'

let payload: Payload
let editor: TestUser
let translator: TestUser
const { post } = partnerApi()

const storedTitle = async (id: number) => {
  const { rows } = await (payload.db as any).drizzle.execute(
    sql`SELECT title FROM translations WHERE id = ${id}`,
  )
  return rows[0]?.title ?? null
}

const partnerTitles = async (slug: string) => {
  const { body } = await post(
    `{ resource(slug: "${slug}") { translations { language { code } title } } }`,
  )
  expect(body.errors).toBeUndefined()
  return Object.fromEntries(
    body.data.resource.translations.map((t: any) => [t.language.code, t.title]),
  )
}

const resource = async (titles: Record<string, string>) => {
  const created = await rest('POST', '/resources?locale=en', {
    token: editor.token,
    body: { title: titles.en, _status: 'published' },
  })
  expect(created.status).toBe(201)
  const id = created.body.doc.id as number
  for (const [locale, title] of Object.entries(titles)) {
    if (locale === 'en') continue
    const res = await rest('PATCH', `/resources/${id}?locale=${locale}`, {
      token: editor.token,
      body: { title, _status: 'published' },
    })
    expect(res.status).toBe(200)
  }
  return { id, slug: created.body.doc.slug as string }
}

/** Whether the admin's edit form lets the editor change an edition's title (sanitized permissions). */
const titleEditable = async (id: number) => {
  const { body } = await rest('POST', `/translations/access/${id}`, {
    token: editor.token,
    body: {},
  })
  const title = body.fields === true ? true : body.fields?.title
  if (title === true) return true
  const update = title?.update
  return Boolean(typeof update === 'object' ? update?.permission : update)
}

beforeAll(async () => {
  payload = await hub()
  editor = await makeUser('editor')
  translator = await makeUser('translator')
})

describe('an edition in a hub locale', () => {
  it('takes its title from the resource, whatever REST sends, and follows it', async () => {
    const { id, slug } = await resource({ en: unique('Drift'), fr: 'Titre du document' })
    const created = await rest('POST', '/translations', {
      token: editor.token,
      body: {
        resource: id,
        language: 'fr',
        title: 'Un autre titre',
        format: 'full',
        progress: 'complete',
        _status: 'published',
      },
    })
    expect(created.status).toBe(201)
    const editionId = created.body.doc.id as number
    expect(await storedTitle(editionId)).toBeNull()
    const read = async () =>
      (await rest('GET', `/translations/${editionId}?depth=0`, { token: translator.token })).body
        .title
    expect(await read()).toBe('Titre du document')

    // An edit of the edition's title, as the admin's form or a script would send it.
    for (const [token, query] of [
      [editor.token, ''],
      [translator.token, '?draft=true'],
    ] as const) {
      const res = await rest('PATCH', `/translations/${editionId}${query}`, {
        token,
        body: { title: 'Titre divergent' },
      })
      expect(res.status).toBe(200)
    }
    expect(await storedTitle(editionId)).toBeNull()
    expect(await read()).toBe('Titre du document')
    expect((await partnerTitles(slug)).fr).toBe('Titre du document')

    // The one place to change it: the resource, in French.
    await rest('PATCH', `/resources/${id}?locale=fr`, {
      token: editor.token,
      body: { title: 'Nouveau titre', _status: 'published' },
    })
    expect(await read()).toBe('Nouveau titre')
    expect((await partnerTitles(slug)).fr).toBe('Nouveau titre')

    // The admin shows the title read-only for this edition, editable for a Polish one.
    const polish = await rest('POST', '/translations', {
      token: editor.token,
      body: { resource: id, language: 'pl', title: 'Tytuł', _status: 'published' },
    })
    expect(await titleEditable(editionId)).toBe(false)
    expect(await titleEditable(polish.body.doc.id)).toBe(true)
  })

  it('shows the English title while the resource has none in its language', async () => {
    const { id, slug } = await resource({ en: unique('No Spanish title') })
    const created = await rest('POST', '/translations', {
      token: editor.token,
      body: {
        resource: id,
        language: 'es',
        format: 'full',
        progress: 'complete',
        _status: 'published',
      },
    })
    expect(created.status).toBe(201)
    expect((await partnerTitles(slug)).es).toMatch(/^No Spanish title/)
  })

  it('drops the title of its own when its language becomes a hub locale', async () => {
    const { id } = await resource({ en: unique('Switched'), ar: 'عنوان' })
    const created = await rest('POST', '/translations', {
      token: editor.token,
      body: { resource: id, language: 'fa', title: 'عنوان فارسی', _status: 'published' },
    })
    expect(created.status).toBe(201)
    const editionId = created.body.doc.id as number
    expect(await storedTitle(editionId)).toBe('عنوان فارسی')
    const switched = await rest('PATCH', `/translations/${editionId}`, {
      token: editor.token,
      body: { language: 'ar' },
    })
    expect(switched.status).toBe(200)
    expect(
      (await rest('GET', `/translations/${editionId}?depth=0`, { token: editor.token })).body.title,
    ).toBe('عنوان')
  })
})

describe('an edition in another language', () => {
  it('keeps its own title, and may be saved before its title is known', async () => {
    const { id, slug } = await resource({ en: unique('Known editions') })
    const titled = await rest('POST', '/translations', {
      token: editor.token,
      body: { resource: id, language: 'pl', title: 'Tytuł', _status: 'published' },
    })
    expect(titled.status).toBe(201)
    const untitled = await rest('POST', '/translations', {
      token: translator.token,
      body: { resource: id, language: 'ru', format: 'full', progress: 'in-progress' },
    })
    expect(untitled.status).toBe(201)
    expect(untitled.body.doc.title ?? null).toBeNull()
    await payload.update({
      collection: 'translations',
      id: untitled.body.doc.id,
      data: { _status: 'published' },
    })
    const titles = await partnerTitles(slug)
    expect(titles.pl).toBe('Tytuł')
    // Partners always get a title: the resource's English one until the edition's is known.
    expect(titles.ru).toMatch(/^Known editions/)
  })
})
