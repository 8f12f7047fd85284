// The partner API's answers on the seeded content: locales and fallbacks, time zones, search,
// pagination, facets, and what must never appear (drafts, scheduled items, private fields).
import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { hub, unique } from '../helpers/hub'
import { partnerApi } from '../helpers/partner'

let payload: Payload
const { post } = partnerApi()
const marker = unique('zq').replace('-', '')

beforeAll(async () => {
  payload = await hub()
  // Enough published resources that a page of 100 is full, all carrying groups, topics and publishers.
  const [group] = (await payload.find({ collection: 'working-groups', limit: 1, depth: 0 })).docs
  const [topic] = (await payload.find({ collection: 'topics', limit: 1, depth: 0 })).docs
  const [org] = (await payload.find({ collection: 'organisations', limit: 1, depth: 0 })).docs
  for (let i = 0; i < 40; i++) {
    const resource = await payload.create({
      collection: 'resources',
      data: {
        _status: 'published',
        title: `${marker} volume resource ${i}`,
        workingGroups: [group!.id],
        topics: [topic!.id],
        publishers: [org!.id],
      },
    })
    await payload.create({
      collection: 'translations',
      data: {
        _status: 'published',
        resource: resource.id,
        language: 'fr',
        title: `Ressource ${i}`,
        format: 'full',
        progress: 'complete',
      },
    })
  }
})

describe('the example partners asked for', () => {
  it('gives the CPMS Working Group in French with fallback: two lead agencies and both leads', async () => {
    const { body } = await post(`query @inContext(locale: FR, fallback: [EN]) {
      workingGroup(slug: "cpms-working-group") {
        name { text locale }
        leadOrganisations { name { text locale } }
        leads { person { name organisation { shortName name { text } } } }
      }
    }`)
    expect(body.errors).toBeUndefined()
    const group = body.data.workingGroup
    expect(group.name).toEqual({
      text: 'Child Protection Minimum Standards Working Group',
      locale: 'EN',
    })
    expect(group.leadOrganisations.map((o: any) => o.name.text)).toEqual([
      'International Rescue Committee',
      'Plan International',
    ])
    expect(group.leads.map((l: any) => l.person.name)).toEqual(['Wajahat Ali', 'Ilenia de Marino'])
  })

  it('gives the coaching webinar of 20 February 2018 in UTC and in Nairobi', async () => {
    const { body } = await post(`{
      webinar(slug: "${(await payload.find({ collection: 'events', where: { title: { like: 'Defining coaching' } }, depth: 0 })).docs[0]!.slug}") {
        startsAt endsAt
        start(timeZone: "Africa/Nairobi") { local dateTime offset timeZone }
        end(timeZone: "Africa/Nairobi") { local }
      }
    }`)
    expect(body.data.webinar).toEqual({
      startsAt: '2018-02-20T11:00:00.000Z',
      endsAt: '2018-02-20T12:15:00.000Z',
      start: {
        local: '2018-02-20T14:00',
        dateTime: '2018-02-20T14:00:00+03:00',
        offset: '+03:00',
        timeZone: 'Africa/Nairobi',
      },
      end: { local: '2018-02-20T15:15' },
    })
  })
})

describe('locales', () => {
  it('says which locale each text came from, and follows the chain in order', async () => {
    const doc = await payload.create({
      collection: 'resources',
      locale: 'en',
      data: { _status: 'published', title: unique('English title'), summary: 'English summary' },
    })
    await payload.update({
      collection: 'resources',
      id: doc.id,
      locale: 'es',
      data: { title: 'Título en español' },
    })
    const query = (chain: string) =>
      `query @inContext(${chain}) { resource(slug: "${doc.slug}") { title { text locale } summary { text locale } } }`
    const fr = await post(query('locale: FR, fallback: [ES, EN]'))
    expect(fr.body.data.resource).toEqual({
      title: { text: 'Título en español', locale: 'ES' },
      summary: { text: 'English summary', locale: 'EN' },
    })
    const none = await post(query('locale: FR, fallback: []'))
    expect(none.body.data.resource.summary).toEqual({ text: null, locale: null })
  })

  it('takes the chain from Accept-Language when the query does not say', async () => {
    const doc = await payload.create({
      collection: 'resources',
      locale: 'en',
      data: { _status: 'published', title: unique('Accept title') },
    })
    await payload.update({
      collection: 'resources',
      id: doc.id,
      locale: 'ar',
      data: { title: 'عنوان عربي' },
    })
    const res = await post(
      `{ resource(slug: "${doc.slug}") { title { text locale } } }`,
      {},
      { 'Accept-Language': 'ar-SY, fr;q=0.8' },
    )
    expect(res.body.data.resource.title).toEqual({ text: 'عنوان عربي', locale: 'AR' })
  })

  it('finds in French a resource whose title exists only in English', async () => {
    await payload.create({
      collection: 'resources',
      locale: 'en',
      data: { _status: 'published', title: `Guidance on ${marker} safeguarding` },
    })
    const { body } = await post(
      `query @inContext(locale: FR) { resources(search: "${marker} safeguarding") { edges { node { title { text locale } } } } }`,
    )
    expect(body.data.resources.edges).toEqual([
      { node: { title: { text: `Guidance on ${marker} safeguarding`, locale: 'EN' } } },
    ])
  })

  it('stems French, Spanish and Arabic words', async () => {
    const doc = await payload.create({
      collection: 'resources',
      locale: 'en',
      data: { _status: 'published', title: unique('Stemming') },
    })
    await payload.update({
      collection: 'resources',
      id: doc.id,
      locale: 'fr',
      data: { title: `Protéger les enfants déplacés ${marker}` },
    })
    await payload.update({
      collection: 'resources',
      id: doc.id,
      locale: 'es',
      data: { title: `Protección de las niñas refugiadas ${marker}` },
    })
    await payload.update({
      collection: 'resources',
      id: doc.id,
      locale: 'ar',
      data: { title: `حماية الأطفال اللاجئين ${marker}` },
    })
    const find = async (locale: string, words: string) =>
      (
        await post(
          `query @inContext(locale: ${locale}) { resources(search: "${words}") { edges { node { slug } } } }`,
        )
      ).body.data.resources.edges.map((e: any) => e.node.slug)
    expect(await find('FR', 'enfant déplacé')).toContain(doc.slug)
    expect(await find('ES', 'niña refugiada')).toContain(doc.slug)
    expect(await find('AR', 'الأطفال')).toContain(doc.slug)
    expect(await find('FR', 'adulte')).not.toContain(doc.slug)
  })
})

describe('listings', () => {
  const listing = (first: number) => `{
    resources(first: ${first}, filter: { topics: [] }) {
      totalCount
      edges { cursor node { title { text } workingGroups { name { text } } topics { name { text } } publishers { name { text } }
        translations { language { code } title } availableLanguages { code } body { locale } } }
      pageInfo { hasNextPage endCursor }
    }
  }`

  it('costs the same few SQL statements for 1, 20 or 100 resources with their relations', async () => {
    const counts: number[] = []
    for (const first of [1, 20, 100]) {
      const res = await post(listing(first))
      expect(res.body.errors).toBeUndefined()
      expect(res.body.data.resources.edges).toHaveLength(first)
      counts.push(res.statements)
    }
    expect(counts[0]).toBeLessThanOrEqual(3)
    expect(counts).toEqual([counts[0], counts[0], counts[0]])
  })

  it('pages with cursors, without gaps or repeats', async () => {
    const all = (
      await post(`{ resources(first: 100) { edges { node { slug } } } }`)
    ).body.data.resources.edges.map((e: any) => e.node.slug)
    const seen: string[] = []
    let after: string | null = null
    for (let i = 0; i < 5; i++) {
      const { body } = await post(
        `query ($after: String) { resources(first: 7, after: $after) { edges { node { slug } } pageInfo { endCursor } } }`,
        { after },
      )
      seen.push(...body.data.resources.edges.map((e: any) => e.node.slug))
      after = body.data.resources.pageInfo.endCursor
    }
    expect(seen).toEqual(all.slice(0, 35))
  })

  it('counts facets that agree with the filtered listing', async () => {
    const { body } = await post(`{
      resources(filter: { standards: [18] }) { totalCount }
      resourceFacets(filter: { standards: [18] }) { total standards { value count } }
    }`)
    expect(body.data.resourceFacets.total).toBe(body.data.resources.totalCount)
    expect(body.data.resourceFacets.standards).toContainEqual({
      value: '18',
      count: body.data.resources.totalCount,
    })
  })

  it('filters by a language a resource is available in, through its translations', async () => {
    const { body } = await post(
      `{ resources(first: 100, filter: { languages: ["pl"] }) { edges { node { slug translations { language { code } } } } } }`,
    )
    const slugs = body.data.resources.edges.map((e: any) => e.node.slug)
    expect(slugs).toContain('minimum-standards-for-child-protection-in-humanitarian-action')
  })

  it('lists events of one kind (the annual meeting a home page shows)', async () => {
    const { body } = await post(
      '{ meetings: webinars(kind: ANNUAL_MEETING) { edges { node { kind title { text } } } } all: webinars { totalCount } }',
    )
    const meetings = body.data.meetings.edges.map((e: { node: { kind: string } }) => e.node)
    expect(meetings.length).toBeGreaterThan(0)
    expect(meetings.length).toBeLessThan(body.data.all.totalCount)
    expect(meetings.every((m: { kind: string }) => m.kind === 'ANNUAL_MEETING')).toBe(true)
    expect(meetings[0].title.text).toContain('2019 Annual Meeting')
  })

  it('finds a node again by its global id', async () => {
    const { body } = await post(`{ resources(first: 1) { edges { node { id slug } } } }`)
    const { id, slug } = body.data.resources.edges[0].node
    const again = await post(`query ($id: ID!) { node(id: $id) { id ... on Resource { slug } } }`, {
      id,
    })
    expect(again.body.data.node).toEqual({ id, slug })
  })

  it('finds a node of every type by its global id, typed as the type it came from', async () => {
    const { body } = await post(`{
      resources(first: 50) { edges { node { __typename id
        publishers { __typename id } topics { __typename id } standards { __typename id }
        translations { __typename id } } } }
      workingGroup(slug: "cpms-working-group") { __typename id leads { person { __typename id } } }
      webinars(first: 1) { edges { node { __typename id } } }
      newsPosts(first: 1) { edges { node { __typename id } } }
      newsletters(first: 1) { edges { node { __typename id } } }
    }`)
    expect(body.errors).toBeUndefined()
    const found = new Map<string, string>()
    JSON.stringify(body.data, (key, value) => {
      if (value && typeof value === 'object' && typeof value.__typename === 'string') {
        found.set(value.__typename, value.id)
      }
      return value
    })
    expect([...found.keys()].sort()).toEqual([
      'NewsPost',
      'Newsletter',
      'Organisation',
      'Person',
      'Resource',
      'Standard',
      'Term',
      'Translation',
      'Webinar',
      'WorkingGroup',
    ])
    for (const [type, id] of found) {
      const again = await post(`query ($id: ID!) { node(id: $id) { __typename id } }`, { id })
      expect(again.body.errors, type).toBeUndefined()
      expect(again.body.data, type).toEqual({ node: { __typename: type, id } })
    }
  })
})

describe('what partners never see', () => {
  it('hides drafts, newer drafts of published resources, and scheduled items', async () => {
    const draft = await payload.create({
      collection: 'resources',
      data: { title: `${marker} secret draft`, editorNotes: 'internal' },
    })
    const published = await payload.create({
      collection: 'resources',
      data: { _status: 'published', title: `${marker} public title` },
    })
    await payload.update({
      collection: 'resources',
      id: published.id,
      draft: true,
      data: { title: `${marker} unpublished change` },
    })
    const scheduled = await payload.create({
      collection: 'news',
      data: { title: `${marker} scheduled news`, date: '2030-01-01' },
    })
    await payload.jobs.queue({
      task: 'schedulePublish',
      input: { type: 'publish', doc: { relationTo: 'news', value: scheduled.id } },
      waitUntil: new Date(Date.now() + 3_600_000),
    })
    const { body } = await post(`{
      draftSearch: resources(first: 100, search: "${marker} secret") { edges { node { slug } } }
      newerDraftSearch: resources(first: 100, search: "${marker} unpublished") { edges { node { slug } } }
      draft: resource(slug: "${draft.slug}") { slug }
      published: resource(slug: "${published.slug}") { title { text } }
      scheduled: newsPost(slug: "${scheduled.slug}") { slug }
      news: newsPosts(first: 100) { edges { node { slug } } }
    }`)
    expect(body.data.draftSearch.edges).toEqual([])
    expect(body.data.newerDraftSearch.edges).toEqual([])
    expect(body.data.draft).toBeNull()
    expect(body.data.published.title.text).toBe(`${marker} public title`)
    expect(body.data.scheduled).toBeNull()
    expect(body.data.news.edges.map((e: any) => e.node.slug)).not.toContain(scheduled.slug)
    const byId = await post(
      `{ node(id: "${Buffer.from(`Resource:${draft.id}`).toString('base64url')}") { id } }`,
    )
    expect(byId.body.data.node).toBeNull()
  })

  it('leaves out a newsletter item whose target is a draft', async () => {
    const draft = await payload.create({
      collection: 'resources',
      data: { title: `${marker} draft target` },
    })
    const edition = await payload.create({
      collection: 'newsletters',
      data: {
        _status: 'published',
        title: unique('Edition'),
        issueDate: '2030-01-01',
        sections: [
          {
            kind: 'other',
            heading: 'News',
            items: [{ type: 'reference', reference: { relationTo: 'resources', value: draft.id } }],
          },
        ],
      },
    })
    const { body } = await post(
      `{ newsletter(slug: "${edition.slug}") { sections { items { target { __typename } } } } }`,
    )
    expect(body.data.newsletter.sections[0].items).toEqual([{ target: null }])
  })

  it('has no field for e-mails of people, editors’ notes or users', async () => {
    const { body } = await post(`{ __schema { types { name fields { name } } } }`)
    const fields = body.data.__schema.types.flatMap((t: any) =>
      (t.fields ?? []).map((f: any) => `${t.name}.${f.name}`),
    )
    expect(fields.filter((f: string) => /email|editorNotes|password|user/i.test(f))).toEqual([
      'WorkingGroup.contactEmail',
    ])
  })
})

describe('bad input', () => {
  it('names the argument and the problem, with BAD_USER_INPUT', async () => {
    const cases: [string, string, RegExp][] = [
      ['{ resources(first: 101) { totalCount } }', 'first', /at most 100/],
      ['{ resources(after: "nonsense") { totalCount } }', 'after', /not a cursor/],
      [
        '{ resources(filter: { languages: ["xx"] }) { totalCount } }',
        'filter.languages.0',
        /ISO 639-1/,
      ],
      [
        '{ resources(filter: { publishedFrom: "2021-13-01" }) { totalCount } }',
        'filter.publishedFrom',
        /date/,
      ],
      ['{ resources(sort: RELEVANCE) { totalCount } }', 'sort', /search/],
      ['{ webinars(from: "yesterday") { totalCount } }', 'from', /ISO 8601/],
      ['{ resource(slug: "Not a slug") { id } }', 'slug', /slug/],
      ['{ node(id: "garbage") { id } }', 'id', /not an id/],
    ]
    for (const [query, argument, message] of cases) {
      const { body } = await post(query)
      expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument })
      expect(body.errors?.[0]?.message).toMatch(message)
    }
    const zone = await post(
      `{ webinars(first: 1) { edges { node { start(timeZone: "Mars/Olympus") { local } } } } }`,
    )
    expect(zone.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'timeZone',
    })
  })
})
