// Issue 20, item 8: a resource that ships French, Spanish and Arabic packs (files with their
// language) or a link in another language can be read in those languages: `availableLanguages`
// lists them and the language filter and facet find them, planned or resolved alike.
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { pdf } from '../helpers/files'
import { hub, unique } from '../helpers/hub'
import { partnerApi } from '../helpers/partner'

let payload: Payload
let slug: string
let tag: string
const planned = partnerApi({ plan: true })
const resolved = partnerApi({ plan: false })

const pack = (language: 'fr' | 'ar', name: string) => {
  const data = pdf([`Guide (${language})`])
  return payload.create({
    collection: 'media',
    data: { alt: name, language },
    file: { data, name, mimetype: 'application/pdf', size: data.length },
  })
}

beforeAll(async () => {
  payload = await hub()
  const [french, arabic] = await Promise.all([
    pack('fr', `${unique('pack-fr')}.pdf`),
    pack('ar', `${unique('pack-ar')}.pdf`),
  ])
  // A topic of its own, so that the facet below counts this resource only.
  const topic = await payload.create({
    collection: 'topics',
    data: { name: unique('Language packs topic') },
  })
  tag = topic.slug!
  const resource = await payload.create({
    collection: 'resources',
    data: {
      title: unique('Toolkit with language packs'),
      _status: 'published',
      languages: ['en'],
      topics: [topic.id],
      files: [french.id, arabic.id],
      links: [{ kind: 'video', url: 'https://example.org/video-es', language: 'es' }],
    },
  })
  slug = resource.slug!
})

afterAll(async () => {
  await planned.close()
  await resolved.close()
})

describe.each([
  ['planned', planned],
  ['resolved', resolved],
])('a resource with files and links in other languages (%s)', (_, api) => {
  it('lists their languages among those it can be read in', async () => {
    const { body } = await api.post(
      `query ($slug: String!) { resource(slug: $slug) { availableLanguages { code nativeName } } }`,
      { slug },
    )
    expect(body.errors).toBeUndefined()
    expect(body.data.resource.availableLanguages).toEqual([
      { code: 'en', nativeName: 'English' },
      { code: 'fr', nativeName: 'Français' },
      { code: 'ar', nativeName: 'العربية' },
      { code: 'es', nativeName: 'Español' },
    ])
  })

  it('is found by the language filter for a file’s or a link’s language, and counted', async () => {
    for (const code of ['fr', 'ar', 'es']) {
      const { body } = await api.post(
        `query ($topic: String!, $code: String!) {
          resources(first: 5, filter: { topics: [$topic], languages: [$code] }) { edges { node { slug } } }
        }`,
        { topic: tag, code },
      )
      expect(body.errors).toBeUndefined()
      expect(body.data.resources.edges.map((e: { node: { slug: string } }) => e.node.slug)).toEqual(
        [slug],
      )
    }
    const { body } = await api.post(
      `query ($topic: String!) { resourceFacets(filter: { topics: [$topic] }) { languages { value count } } }`,
      { topic: tag },
    )
    expect(body.errors).toBeUndefined()
    const counts = Object.fromEntries(
      body.data.resourceFacets.languages.map((f: { value: string; count: number }) => [
        f.value,
        f.count,
      ]),
    )
    expect(counts).toEqual({ en: 1, fr: 1, ar: 1, es: 1 })
  })
})
