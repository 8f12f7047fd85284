// Translation freshness (issue 12, item 3): a translation is outdated when the English text of its
// field (or, for an edition, the resource's English summary or body) changed after it did, and only
// then. Saves go through Payload's REST handlers as the admin sends them, and the Local API.
import { sql } from '@payloadcms/db-postgres/drizzle'
import type { Payload, PayloadRequest } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { renderToStaticMarkup } from 'react-dom/server'

import { TranslationStatus } from '../../src/components/admin/TranslationStatus'
import { translationStatus } from '../../src/freshness/status'
import { hub, makeUser, rest, unique, type TestUser } from '../helpers/hub'
import { partnerApi } from '../helpers/partner'

let payload: Payload
let editor: TestUser
let translator: TestUser
const { post } = partnerApi()

/** A published resource with English and French title and summary, and a Polish edition. */
const setUp = async (name: string) => {
  const created = await rest('POST', '/resources?locale=en', {
    token: editor.token,
    body: { title: unique(name), summary: 'English summary', _status: 'published' },
  })
  expect(created.status).toBe(201)
  const id = created.body.doc.id as number
  const fr = await rest('PATCH', `/resources/${id}?locale=fr`, {
    token: editor.token,
    body: { title: 'Titre français', summary: 'Résumé français', _status: 'published' },
  })
  expect(fr.status).toBe(200)
  const edition = await rest('POST', '/translations', {
    token: editor.token,
    body: {
      resource: id,
      language: 'pl',
      title: 'Tytuł polski',
      format: 'full',
      progress: 'complete',
      _status: 'published',
    },
  })
  expect(edition.status).toBe(201)
  return { id, slug: created.body.doc.slug as string, editionId: edition.body.doc.id as number }
}

const inFrench = async (id: number) =>
  (await rest('GET', `/resources/${id}?locale=fr&depth=0`, { token: translator.token })).body

const edition = async (id: number) =>
  (await rest('GET', `/translations/${id}?depth=0`, { token: editor.token })).body

const publishEnglish = (id: number, data: Record<string, unknown>) =>
  rest('PATCH', `/resources/${id}?locale=en`, {
    token: editor.token,
    body: { ...data, _status: 'published' },
  })

const partner = async (slug: string, locale = 'FR') => {
  const { body } = await post(`query @inContext(locale: ${locale}, fallback: [EN]) {
    resource(slug: "${slug}") {
      title { text locale outdated } summary { text locale outdated } body { locale outdated }
      translations { language { code } title outdated isStale }
    } }`)
  expect(body.errors).toBeUndefined()
  return body.data.resource
}

beforeAll(async () => {
  payload = await hub()
  editor = await makeUser('editor')
  translator = await makeUser('translator')
})

describe('what does not make a translation outdated', () => {
  it('ignores edits of other fields, relations, re-publishing and English drafts', async () => {
    const { id, slug, editionId } = await setUp('False alarm')
    const [topic] = (await payload.find({ collection: 'topics', limit: 1, depth: 0 })).docs
    // The case: an unrelated edit moved the resource's updatedAt minutes after translating.
    expect((await publishEnglish(id, { publicationDate: '2020-05-01' })).status).toBe(200)
    expect((await publishEnglish(id, { topics: [topic!.id] })).status).toBe(200)
    expect((await publishEnglish(id, {})).status).toBe(200)
    const draft = await rest('PATCH', `/resources/${id}?locale=en&draft=true`, {
      token: editor.token,
      body: { summary: 'An English draft nobody published yet' },
    })
    expect(draft.status).toBe(200)

    expect(await inFrench(id)).toMatchObject({ needsUpdate: false })
    expect((await inFrench(id)).changedInEnglish ?? null).toBeNull()
    expect(await edition(editionId)).toMatchObject({ needsUpdate: false })
    const resource = await partner(slug)
    expect(resource.summary).toEqual({ text: 'Résumé français', locale: 'FR', outdated: false })
    expect(resource.title.outdated).toBe(false)
    expect(resource.translations).toEqual([
      { language: { code: 'pl' }, title: 'Tytuł polski', outdated: false, isStale: false },
    ])
  })
})

describe('an English change', () => {
  it('makes the French summary outdated, with the date, and the edition too', async () => {
    const { id, slug, editionId } = await setUp('Summary changed')
    const before = Date.now()
    expect((await publishEnglish(id, { summary: 'A better English summary' })).status).toBe(200)

    const french = await inFrench(id)
    expect(french.needsUpdate).toBe(true)
    const [line, ...others] = String(french.changedInEnglish).split('\n')
    expect(others).toEqual([])
    const when = /^Summary: the English changed on (\d{4}-\d\d-\d\d \d\d:\d\d) UTC$/.exec(line!)
    expect(when).not.toBeNull()
    expect(Date.parse(`${when![1]!.replace(' ', 'T')}:00Z`)).toBeGreaterThan(before - 60_000)

    const { rows } = await (payload.db as any).drizzle.execute(
      sql`SELECT locale, changed_at FROM hub_text_changes
          WHERE collection = 'resources' AND doc_id = ${id} AND field = 'summary' ORDER BY locale`,
    )
    const at = Object.fromEntries(rows.map((r: any) => [r.locale, new Date(r.changed_at)]))
    expect(at.en.getTime()).toBeGreaterThan(at.fr.getTime())

    // Partners following changes learn that the edition's `outdated` changed.
    const logged = await (payload.db as any).drizzle.execute(
      sql`SELECT 1 FROM hub_changes WHERE collection = 'translations' AND doc_id = ${editionId}
          AND changed_at > to_timestamp(${before / 1000})`,
    )
    expect(logged.rows).toHaveLength(1)

    // The list's filter, for the current locale only.
    const listed = await rest(
      'GET',
      `/resources?locale=fr&depth=0&limit=100&where[needsUpdate][equals]=true&where[id][equals]=${id}`,
      { token: translator.token },
    )
    expect(listed.status).toBe(200)
    expect(listed.body.docs.map((d: any) => d.id)).toEqual([id])
    const inEnglish = await rest(
      'GET',
      `/resources?locale=en&depth=0&where[needsUpdate][equals]=true&where[id][equals]=${id}`,
      { token: translator.token },
    )
    expect(inEnglish.body.docs).toEqual([])
    const current = await rest(
      'GET',
      `/resources?locale=fr&depth=0&where[needsUpdate][equals]=false&where[id][equals]=${id}`,
      { token: translator.token },
    )
    expect(current.body.docs).toEqual([])

    expect(await edition(editionId)).toMatchObject({ needsUpdate: true })
    const editions = await rest(
      'GET',
      `/translations?depth=0&where[needsUpdate][equals]=true&where[resource][equals]=${id}`,
      { token: editor.token },
    )
    expect(editions.body.docs.map((d: any) => d.id)).toEqual([editionId])

    const resource = await partner(slug)
    expect(resource.summary).toEqual({ text: 'Résumé français', locale: 'FR', outdated: true })
    expect(resource.title).toEqual({ text: 'Titre français', locale: 'FR', outdated: false })
    expect(resource.translations[0]).toMatchObject({ outdated: true, isStale: true })
    // English itself, and a fallback to English, are never outdated.
    const english = await partner(slug, 'EN')
    expect(english.summary).toEqual({
      text: 'A better English summary',
      locale: 'EN',
      outdated: false,
    })
    expect((await partner(slug, 'ES')).summary).toMatchObject({ locale: 'EN', outdated: false })
  })

  it('is cleared by editing the French text (once published), and by remaking the edition', async () => {
    const { id, slug, editionId } = await setUp('Cleared')
    await publishEnglish(id, { summary: 'Changed again in English' })
    expect((await inFrench(id)).needsUpdate).toBe(true)

    // A translator's draft: partners still read the old French, so it is still outdated.
    const draft = await rest('PATCH', `/resources/${id}?locale=fr&draft=true`, {
      token: translator.token,
      body: { summary: 'Résumé révisé' },
    })
    expect(draft.status).toBe(200)
    expect((await partner(slug)).summary.outdated).toBe(true)

    // The editor publishes it: current again.
    const published = await rest('PATCH', `/resources/${id}?locale=fr`, {
      token: editor.token,
      body: { summary: 'Résumé révisé', _status: 'published' },
    })
    expect(published.status).toBe(200)
    expect(await inFrench(id)).toMatchObject({ needsUpdate: false })
    expect((await partner(slug)).summary).toEqual({
      text: 'Résumé révisé',
      locale: 'FR',
      outdated: false,
    })

    // The edition: a new link is a new making of it (Local API, as a script would).
    await payload.update({
      collection: 'translations',
      id: editionId,
      data: { url: 'https://example.org/pl.pdf', _status: 'published' },
    })
    expect(await edition(editionId)).toMatchObject({ needsUpdate: false })
    expect((await partner(slug)).translations[0]).toMatchObject({ outdated: false })
  })
})

describe('editions', () => {
  it('are outdated only when the source text they translate changed', async () => {
    const { id, slug, editionId } = await setUp('Edition source')
    const summaryOnly = await rest('POST', '/translations', {
      token: editor.token,
      body: {
        resource: id,
        language: 'ru',
        title: 'Краткое изложение',
        format: 'summary',
        progress: 'complete',
        _status: 'published',
      },
    })
    expect(summaryOnly.status).toBe(201)
    const summaryId = summaryOnly.body.doc.id as number

    // A new English title: not what an edition translates.
    await publishEnglish(id, { title: unique('Edition source renamed') })
    expect(await edition(editionId)).toMatchObject({ needsUpdate: false })
    const body = {
      root: {
        type: 'root',
        version: 1,
        direction: 'ltr',
        format: '',
        indent: 0,
        children: [
          {
            type: 'paragraph',
            version: 1,
            direction: 'ltr',
            format: '',
            indent: 0,
            textFormat: 0,
            children: [
              {
                type: 'text',
                version: 1,
                text: 'A new body',
                detail: 0,
                format: 0,
                mode: 'normal',
                style: '',
              },
            ],
          },
        ],
      },
    }
    // The body: the full edition follows it, the summary edition does not.
    expect((await publishEnglish(id, { body })).status).toBe(200)
    expect(await edition(editionId)).toMatchObject({ needsUpdate: true })
    expect(await edition(summaryId)).toMatchObject({ needsUpdate: false })
    // In French, the title is outdated (its English changed); the body never existed: missing, not
    // outdated.
    expect((await inFrench(id)).changedInEnglish).toMatch(/^Title: the English changed on [^\n]+$/)
    const translations = (await partner(slug)).translations
    expect(Object.fromEntries(translations.map((t: any) => [t.language.code, t.outdated]))).toEqual(
      { pl: true, ru: false },
    )
  })
})

describe('translation status per language', () => {
  it('counts missing, outdated and current texts and editions', async () => {
    const { id, editionId } = await setUp('Counted')
    const req = { payload, context: {} } as unknown as PayloadRequest
    const of = async () =>
      Object.fromEntries(
        (await translationStatus(req, { resources: [id] })).map((s) => [s.language, s]),
      )
    let status = await of()
    // English title and summary; French title and summary; nothing in Spanish or Arabic.
    expect(status.fr!.texts).toEqual({ missing: 0, outdated: 0, current: 2 })
    expect(status.es!.texts).toEqual({ missing: 2, outdated: 0, current: 0 })
    expect(status.pl!.editions).toEqual({ outdated: 0, current: 1 })

    await publishEnglish(id, { summary: 'Counted, changed' })
    status = await of()
    expect(status.fr!.texts).toEqual({ missing: 0, outdated: 1, current: 1 })
    expect(status.pl!.editions).toEqual({ outdated: 1, current: 0 })
    expect(editionId).toBeGreaterThan(0)
  })
})

describe('the dashboard', () => {
  it('shows the counts per language, linking to the lists that need an update', async () => {
    const html = renderToStaticMarkup(await TranslationStatus({ payload }))
    expect(html).toContain('Translation status')
    for (const language of ['French', 'Spanish', 'Arabic', 'Polish'])
      expect(html).toContain(language)
    for (const state of ['missing', 'outdated', 'current'])
      expect(html).toContain(`/admin/collections/resources?locale=fr&amp;translation=${state}`)
    expect(html).toContain(
      '/admin/collections/translations?where%5Blanguage%5D%5Bequals%5D=pl&amp;translation=outdated',
    )
  })
})

describe('the partner API stays batched', () => {
  it('costs the same statements for 1, 20 or 100 resources with outdated flags', async () => {
    const counts: number[] = []
    for (const first of [1, 20, 100]) {
      const res = await post(`query @inContext(locale: FR, fallback: [EN]) {
        resources(first: ${first}) { edges { node {
          title { text outdated } summary { text outdated } body { outdated }
          translations { title outdated isStale } } } } }`)
      expect(res.body.errors).toBeUndefined()
      counts.push(res.statements)
    }
    expect(counts[0]).toBeLessThanOrEqual(3)
    expect(counts).toEqual([counts[0], counts[0], counts[0]])
  })
})
