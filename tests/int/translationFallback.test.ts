// Issue 20, item 1: no English is ever stored as a translation because a client read it through
// the fallback and sent it back (what the admin's "Publish changes" did, payloadcms/payload#16303).
// REST and Payload's GraphQL here; the admin's form in tests/int/adminTranslations.test.ts.
import { spawnSync } from 'node:child_process'
import type { Payload } from 'payload'
import { beforeAll, describe, expect, it, inject } from 'vitest'

import type { Resource } from '../../src/payload-types'
import { findIdenticalTranslations } from '../../src/translations/identicalToEnglish'
import { graphql, hub, makeUser, rest, type TestUser, unique } from '../helpers/hub'

let payload: Payload
let editor: TestUser
let translator: TestUser

const richText = (text: string): NonNullable<Resource['body']> => ({
  root: {
    type: 'root',
    format: '',
    indent: 0,
    version: 1,
    direction: 'ltr' as const,
    children: [
      {
        type: 'paragraph',
        format: '',
        indent: 0,
        version: 1,
        direction: 'ltr',
        textFormat: 0,
        children: [
          { type: 'text', text, format: 0, detail: 0, mode: 'normal', style: '', version: 1 },
        ],
      },
    ],
  },
})

const englishResource = async () =>
  payload.create({
    collection: 'resources',
    locale: 'en',
    data: {
      title: unique('Inter-agency guidelines for case management'),
      summary: 'Guidance for caseworkers and supervisors.',
      body: richText('Case management is a way of organising and carrying out work.'),
      links: [{ kind: 'document', url: 'https://example.org/guide.pdf', label: 'Full guide' }],
      _status: 'published',
    },
  })

/** What is stored in French, with no fallback. */
const storedFrench = async (id: number) =>
  (
    await rest('GET', `/resources/${id}?locale=fr&fallback-locale=none&depth=0`, {
      token: editor.token,
    })
  ).body

beforeAll(async () => {
  payload = await hub()
  editor = await makeUser('editor')
  translator = await makeUser('translator')
})

describe('a write in French that sends back what it read through the fallback', () => {
  it('stores none of the English as French, and answers without fallback (REST)', async () => {
    const resource = await englishResource()
    // A client reads the French view (English comes through fallback) and saves it back whole.
    const read = await rest('GET', `/resources/${resource.id}?locale=fr&depth=0`, {
      token: editor.token,
    })
    expect(read.body.summary).toBe('Guidance for caseworkers and supervisors.')
    const { _status, id, createdAt, updatedAt, ...form } = read.body
    const saved = await rest('PATCH', `/resources/${resource.id}?locale=fr&depth=0`, {
      token: editor.token,
      body: { ...form, editorNotes: 'Checked the links', _status: 'published' },
    })
    expect(saved.status).toBe(200)
    // The answer a form reloads from shows the translation as missing.
    expect(saved.body.doc.summary ?? null).toBeNull()
    expect(saved.body.doc.title ?? null).toBeNull()
    const french = await storedFrench(resource.id)
    expect(french.title ?? null).toBeNull()
    expect(french.summary ?? null).toBeNull()
    expect(french.body ?? null).toBeNull()
    expect(french.links[0].label ?? null).toBeNull()
    expect(french.editorNotes).toBe('Checked the links')
    // English is untouched, and French readers still get it through the fallback.
    const english = await rest('GET', `/resources/${resource.id}?locale=en`)
    expect(english.body.summary).toBe('Guidance for caseworkers and supervisors.')
  })

  it('keeps a translator’s own French and drops the English sent beside it', async () => {
    const resource = await englishResource()
    const draft = await rest('PATCH', `/resources/${resource.id}?locale=fr&draft=true&depth=0`, {
      token: translator.token,
      body: { title: 'Lignes directrices inter-agences', _status: 'draft' },
    })
    expect(draft.status).toBe(200)
    // The editor's form after "Publish changes" used to hold the English summary: publishing
    // again from it sent that summary as French.
    const published = await rest('PATCH', `/resources/${resource.id}?locale=fr&depth=0`, {
      token: editor.token,
      body: {
        title: 'Lignes directrices inter-agences',
        summary: 'Guidance for caseworkers and supervisors.',
        editorNotes: 'Published the French title',
        _status: 'published',
      },
    })
    expect(published.status).toBe(200)
    const french = await storedFrench(resource.id)
    expect(french.title).toBe('Lignes directrices inter-agences')
    expect(french.summary ?? null).toBeNull()
  })

  it('stores a French text once the translator writes one', async () => {
    const resource = await englishResource()
    await rest('PATCH', `/resources/${resource.id}?locale=fr&draft=true`, {
      token: translator.token,
      body: { summary: 'Orientations pour les travailleurs sociaux.', _status: 'draft' },
    })
    const french = await rest(
      'GET',
      `/resources/${resource.id}?locale=fr&fallback-locale=none&draft=true&depth=0`,
      { token: editor.token },
    )
    expect(french.body.summary).toBe('Orientations pour les travailleurs sociaux.')
  })

  it('stores none of the English as French through Payload’s GraphQL either', async () => {
    const resource = await englishResource()
    const { body: answer } = await graphql(
      `
        mutation ($id: Int!, $data: mutationResourceUpdateInput!) {
          updateResource(id: $id, data: $data, locale: fr) {
            title
            summary
          }
        }
      `,
      {
        id: resource.id,
        data: { title: resource.title, summary: 'Guidance for caseworkers and supervisors.' },
      },
      editor.token,
    )
    expect(answer.errors).toBeUndefined()
    expect(answer.data.updateResource).toEqual({ title: null, summary: null })
    const french = await storedFrench(resource.id)
    expect(french.title ?? null).toBeNull()
    expect(french.summary ?? null).toBeNull()
  })
})

describe('copies and earlier versions', () => {
  it('a duplicate made in the French view has no French the original did not have', async () => {
    const resource = await englishResource()
    const copy = await rest('POST', `/resources/${resource.id}/duplicate?locale=fr&depth=0`, {
      token: editor.token,
      body: {},
    })
    expect(copy.status).toBe(200)
    const french = await storedFrench(copy.body.doc.id)
    expect(french.title ?? null).toBeNull()
    expect(french.summary ?? null).toBeNull()
  })

  it('restoring a version in the French view stores no fallback as French', async () => {
    const resource = await englishResource()
    await rest('PATCH', `/resources/${resource.id}?locale=en&depth=0`, {
      token: editor.token,
      body: { summary: 'A newer English summary.', _status: 'published' },
    })
    const versions = await rest(
      'GET',
      `/resources/versions?where[parent][equals]=${resource.id}&sort=createdAt&depth=0`,
      { token: editor.token },
    )
    const first = versions.body.docs[0]
    const restored = await rest('POST', `/resources/versions/${first.id}?locale=fr&depth=0`, {
      token: editor.token,
      body: {},
    })
    expect(restored.status).toBe(200)
    const french = await storedFrench(resource.id)
    expect(french.title ?? null).toBeNull()
    expect(french.summary ?? null).toBeNull()
    const english = await rest('GET', `/resources/${resource.id}?locale=en&depth=0&draft=true`, {
      token: editor.token,
    })
    expect(english.body.summary).toBe('Guidance for caseworkers and supervisors.')
  })
})

describe('finding translations identical to their English source', () => {
  it('lists a text stored as French with the English words, and not a real translation', async () => {
    const corrupted = await englishResource()
    const translated = await englishResource()
    // As the admin stored them before the guard: a French value first, then the English words.
    await payload.update({
      collection: 'resources',
      id: corrupted.id,
      locale: 'fr',
      data: { summary: 'provisoire' },
    })
    await payload.update({
      collection: 'resources',
      id: corrupted.id,
      locale: 'fr',
      data: { summary: 'Guidance for caseworkers and supervisors.' },
    })
    await payload.update({
      collection: 'resources',
      id: translated.id,
      locale: 'fr',
      data: { summary: 'Orientations pour les travailleurs sociaux.' },
    })
    const found = await findIdenticalTranslations(payload, { collections: ['resources'] })
    const mine = found.filter((item) => [corrupted.id, translated.id].includes(item.id as number))
    expect(mine).toEqual([
      {
        collection: 'resources',
        id: corrupted.id,
        title: corrupted.title,
        path: 'summary',
        locale: 'fr',
        text: 'Guidance for caseworkers and supervisors.',
      },
    ])
  })

  it('is a command: npm run check:translations names the record and exits 1', () => {
    const once = () =>
      spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/checkTranslations.ts'], {
        env: {
          ...process.env,
          DATABASE_URL: inject('databaseUrl'),
          PAYLOAD_SECRET: inject('payloadSecret'),
        },
        encoding: 'utf8',
        timeout: 120_000,
      })
    let run = once()
    // Exit 13: Node 20's module loader under tsx stalled on an import; npm run retries it too.
    if (run.status === 13) run = once()
    expect(run.status, run.stderr).toBe(1)
    expect(run.stdout).toMatch(/translated text\(s\) identical to their English source/)
    expect(run.stdout).toMatch(/resources\/\d+ ".*" · summary \[fr\]: Guidance for caseworkers/)
  }, 130_000)
})
