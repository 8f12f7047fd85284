// Planned operations (graphql/plan): the common shapes run as one SQL statement, and answer exactly
// as the resolvers do. Each query below goes to the partner API twice, planned and not, on the
// seeded content plus records made here for the cases that differ (a French title, an outdated
// French summary, draft and published editions, upcoming and past webinars of a group).
import type { Payload } from 'payload'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { closePartnerPool, partnerPool, partnerSessionOptions } from '../../graphql/db'
import { env } from '../../src/env'
import { hub, makeUser, rest, unique, type TestUser } from '../helpers/hub'
import { partnerApi } from '../helpers/partner'

let payload: Payload
let editor: TestUser
const planned = partnerApi({ plan: true })
const resolved = partnerApi({ plan: false })
const marker = unique('plan')
let slug = ''
let groupSlug = ''

beforeAll(async () => {
  payload = await hub()
  editor = await makeUser('editor')
  const [group] = (await payload.find({ collection: 'working-groups', limit: 1, depth: 0 })).docs
  const topics = (await payload.find({ collection: 'topics', limit: 2, depth: 0 })).docs
  const [org] = (await payload.find({ collection: 'organisations', limit: 1, depth: 0 })).docs
  const standards = (await payload.find({ collection: 'standards', limit: 2, depth: 0 })).docs
  const [type] = (await payload.find({ collection: 'publication-types', limit: 1, depth: 0 })).docs
  groupSlug = group!.slug as string
  const created = await rest('POST', '/resources?locale=en', {
    token: editor.token,
    body: {
      title: `${marker} English title`,
      summary: 'English summary',
      publicationDate: '2031-03-01T00:00:00.000Z',
      languages: ['en', 'ar'],
      workingGroups: [group!.id],
      topics: topics.map((t) => t.id).reverse(),
      publishers: [org!.id],
      standards: standards.map((x) => x.id).reverse(),
      publicationType: type!.id,
      countries: ['SY', 'LB'],
      links: [
        { kind: 'video', url: 'https://example.org/video', language: 'ar', label: 'Recording' },
        { kind: 'website', url: 'https://example.org/' },
      ],
      _status: 'published',
    },
  })
  expect(created.status).toBe(201)
  const id = created.body.doc.id as number
  slug = created.body.doc.slug as string
  const fr = await rest('PATCH', `/resources/${id}?locale=fr`, {
    token: editor.token,
    body: { title: `${marker} titre`, summary: 'Résumé français', _status: 'published' },
  })
  expect(fr.status).toBe(200)
  // The English summary changes after the French one: the French summary is outdated.
  const en = await rest('PATCH', `/resources/${id}?locale=en`, {
    token: editor.token,
    body: { summary: 'A newer English summary', _status: 'published' },
  })
  expect(en.status).toBe(200)
  for (const [language, status] of [
    ['pl', 'published'],
    ['ar', 'published'],
    ['sw', 'draft'],
  ] as const) {
    await payload.create({
      collection: 'translations',
      data: {
        resource: id,
        language,
        title: `${language} edition`,
        format: 'full',
        progress: 'complete',
        _status: status,
      },
    })
  }
  const hour = 3_600_000
  for (const [i, offset] of [30 * 24 * hour, -30 * 24 * hour, 31 * 24 * hour].entries()) {
    await payload.create({
      collection: 'events',
      data: {
        title: `${marker} webinar ${i}`,
        startsAt: new Date(Date.now() + offset).toISOString(),
        startsAt_tz: 'Europe/Paris',
        durationMinutes: 90,
        kind: 'webinar',
        precision: 'exact',
        format: 'online',
        languages: ['en'],
        workingGroups: [group!.id],
        _status: 'published',
      } as never,
    })
  }
})

/** Sends `query` to both; they must answer the same, and the planned one with `statements` SQL. */
const same = async (
  query: string,
  {
    variables = {},
    headers = {},
    statements,
  }: {
    variables?: Record<string, unknown>
    headers?: Record<string, string>
    statements?: number
  } = {},
) => {
  // Other test files publish beside this one: a listing can change between the two requests. A
  // difference the plan makes stays; one a concurrent publish makes is gone on a second try.
  let a = await planned.post(query, variables, headers)
  let b = await resolved.post(query, variables, headers)
  for (let retry = 0; retry < 3 && JSON.stringify(a.body) !== JSON.stringify(b.body); retry++) {
    a = await planned.post(query, variables, headers)
    b = await resolved.post(query, variables, headers)
  }
  expect(a.status).toBe(b.status)
  expect(a.body).toEqual(b.body)
  // Key order too: partners' clients may print or hash the JSON.
  expect(JSON.stringify(a.body)).toBe(JSON.stringify(b.body))
  if (statements !== undefined)
    expect(
      a.statements,
      `statements of the planned answer to ${query} ${JSON.stringify(a.body).slice(0, 300)}`,
    ).toBe(statements)
  return a
}

const RESOURCE_FIELDS = `__typename id slug publicationDate
  title { text locale outdated __typename } summary { text locale outdated }
  workingGroups { __typename id slug name { text locale } }
  topics { id slug name { text locale outdated } } themes { slug } audiences { slug }
  publishers { id slug n: name { text } } availableLanguages { code __typename }
  publicationType { id slug name { text locale } } countries { code name }`

/** What a detail page shows: every field the plan builds. */
const DETAIL_FIELDS = `${RESOURCE_FIELDS.replace('availableLanguages { code __typename }', 'availableLanguages { code name nativeName }')}
  standards { __typename id number pillar title { text locale outdated } }
  translations { __typename id language { code name nativeName } title url progress format date outdated isStale }
  links { __typename kind url label { text locale outdated } language { code name nativeName } }`

describe('planned operations', () => {
  it('answer a listing page as the resolvers do, in one statement', async () => {
    const { body } = await same(
      `query @inContext(locale: FR, fallback: [EN]) { resources(first: 20) { __typename totalCount
        pageInfo { __typename hasNextPage hasPreviousPage startCursor endCursor }
        edges { __typename cursor node { ${RESOURCE_FIELDS} } } } }`,
      { statements: 1 },
    )
    const mine = body.data.resources.edges.find((e: any) => e.node.slug === slug).node
    // The cases made above, as the resolvers give them.
    expect(mine.title).toEqual({
      text: `${marker} titre`,
      locale: 'FR',
      outdated: false,
      __typename: 'Translated',
    })
    expect(mine.summary).toEqual({ text: 'Résumé français', locale: 'FR', outdated: true })
    expect(mine.availableLanguages.map((l: any) => l.code)).toEqual(['en', 'ar', 'pl'])
  })

  it('follow the next page, the locale chain from variables or Accept-Language, and aliases', async () => {
    const first = await same(
      `{ resources(first: 3) { pageInfo { endCursor } edges { node { slug } } } }`,
      {
        statements: 1,
      },
    )
    await same(
      `query Next($after: String, $locale: Locale!) @inContext(locale: $locale, fallback: [ES, EN]) {
        list: resources(first: 5, after: $after) { edges { c: cursor n: node { s: slug t: title { x: text l: locale } } }
          info: pageInfo { hasPreviousPage hasNextPage } } }`,
      {
        variables: { after: first.body.data.resources.pageInfo.endCursor, locale: 'AR' },
        statements: 1,
      },
    )
    await same(`{ __typename resources(first: 4) { edges { node { title { text locale } } } } }`, {
      headers: { 'Accept-Language': 'es-MX, fr;q=0.5' },
      statements: 1,
    })
  })

  it('answer filters, sorts, empty pages and page sizes 0, 1 and 100', async () => {
    for (const args of [
      'first: 0',
      'first: 1',
      'first: 10, sort: OLDEST',
      'first: 10, sort: TITLE',
      'first: 10, filter: { languages: ["ar"] }',
      `first: 10, filter: { workingGroups: ["${groupSlug}"], publishedFrom: "2030-01-01" }`,
      'first: 10, filter: { topics: ["no-such-topic"] }',
    ]) {
      await same(
        `query @inContext(locale: FR) { resources(${args}) { totalCount pageInfo { hasNextPage endCursor startCursor }
          edges { cursor node { ${RESOURCE_FIELDS} } } } }`,
        { statements: 1 },
      )
    }
    // A page of up to 100 (all there are, here), within the cost limit, is one statement too.
    const { body } = await same(
      `{ resources(first: 100) { edges { node { slug title { text } topics { name { text } } } } } }`,
      { statements: 1 },
    )
    expect(body.data.resources.edges.length).toBeGreaterThan(50)
  })

  it('answer a resource by slug, and null for one that is not published or does not exist', async () => {
    await same(
      `query @inContext(locale: FR) { resource(slug: "${slug}") { ${RESOURCE_FIELDS} } }`,
      {
        statements: 1,
      },
    )
    await same(`{ resource(slug: "no-such-resource") { slug } }`, { statements: 1 })
  })

  it('answer webinars upcoming, past and all, of a group', async () => {
    for (const when of ['UPCOMING', 'PAST', 'ALL']) {
      await same(
        `query @inContext(locale: FR, fallback: [EN]) { webinars(first: 20, when: ${when}, workingGroup: "${groupSlug}") {
          totalCount pageInfo { hasNextPage endCursor } edges { cursor node {
            __typename id slug title { text locale } summary { text } startsAt durationMinutes timeZone } } } }`,
        { statements: 1 },
      )
    }
  })

  it('answer several root fields, facets among them, in one statement', async () => {
    const topic = (await payload.find({ collection: 'topics', limit: 1, depth: 0 })).docs[0]!
      .slug as string
    for (const locale of ['FR', 'AR']) {
      const { body } = await same(
        `query @inContext(locale: ${locale}, fallback: [EN]) {
          resources(first: 20, filter: { topics: ["${topic}"] }) { totalCount edges { node { slug title { text } topics { name { text } } } } }
          resourceFacets(filter: { topics: ["${topic}"] }) { __typename total topics { __typename value label count } } }`,
        { statements: 1 },
      )
      expect(body.data.resourceFacets.total).toBe(body.data.resources.totalCount)
    }
    await same(
      `query @inContext(locale: AR) { all: resourceFacets { total types { value label count } topics { value label count }
        themes { value label count } audiences { value label count } workingGroups { value label count }
        standards { value label count } languages { value label count } countries { value label count } }
        french: resourceFacets(filter: { languages: ["fr"] }) { total c: countries { v: value n: count } }
        w: webinars(first: 3, when: PAST) { edges { node { slug } } } __typename
        r: resource(slug: "${slug}") { slug } }`,
      { statements: 1 },
    )
  })

  it('are cached like any other answer, behind the response cache', async () => {
    const cached = partnerApi({ plan: true, responseCache: true })
    const warnings: unknown[] = []
    const warn = console.warn
    console.warn = (...args: unknown[]) => void warnings.push(args)
    try {
      const query = `query @inContext(locale: FR) { resources(first: 5) { edges { node { id slug title { text } topics { id name { text } } } } } }`
      const first = await cached.post(query)
      const again = await cached.post(query)
      expect(first.statements).toBe(1)
      expect(again.statements).toBe(0)
      const { body } = await resolved.post(query)
      expect(JSON.stringify(first.body)).toBe(JSON.stringify(body))
      expect(JSON.stringify(again.body)).toBe(JSON.stringify(body))
      // The response cache's own execute ran (it warns when another plugin bypasses it).
      expect(warnings).toEqual([])
    } finally {
      console.warn = warn
      await cached.close()
    }
  })

  it('reuse a plan only for the same operation, variables and language', async () => {
    // Plans are kept by document: each answer below must still be its own.
    const [another] = (
      await payload.find({
        collection: 'resources',
        where: { slug: { not_equals: slug }, _status: { equals: 'published' } },
        limit: 1,
        depth: 0,
      })
    ).docs
    const other = another!.slug as string
    const bySlug = `query Detail($slug: String!, $locale: Locale!) @inContext(locale: $locale) {
      resource(slug: $slug) { slug title { text locale } } }`
    const seen = new Set<string>()
    for (const variables of [
      { slug, locale: 'FR' },
      { slug: other, locale: 'FR' },
      { slug, locale: 'EN' },
      { slug, locale: 'FR' },
    ]) {
      const { body } = await same(bySlug, { variables, statements: 1 })
      seen.add(JSON.stringify(body))
    }
    expect(seen.size).toBe(3)
    const mine = `{ resource(slug: "${slug}") { slug title { text locale } } }`
    const locales: string[] = []
    for (const language of ['fr', 'ar', 'fr']) {
      const { body } = await same(mine, { headers: { 'Accept-Language': language }, statements: 1 })
      locales.push(body.data.resource.title.locale)
    }
    expect(locales).toEqual(['FR', 'EN', 'FR'])
    // One document, two operations: the name sent picks the plan.
    const twoOperations = `query Group { webinars(first: 2, when: ALL, workingGroup: "${groupSlug}") { edges { node { slug } } } }
      query Newest { resources(first: 2) { edges { node { slug } } } }`
    for (const operationName of ['Group', 'Newest', 'Group']) {
      const ask = (api: typeof planned) =>
        api.yoga.fetch('http://hub.test/graphql', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ query: twoOperations, operationName }),
        })
      const [a, b] = await Promise.all([ask(planned), ask(resolved)])
      const answer = (await a.json()) as { data: Record<string, unknown> }
      expect(answer).toEqual(await b.json())
      expect(Object.keys(answer.data)).toEqual([
        operationName === 'Group' ? 'webinars' : 'resources',
      ])
      expect(a.headers.get('x-sql-statements')).toBe('1')
    }
  })

  it('leave other shapes, and every error, to the resolvers, with the same answer', async () => {
    const after = (await planned.post(`{ resources(first: 2) { pageInfo { endCursor } } }`)).body
      .data.resources.pageInfo.endCursor
    for (const query of [
      // Not planned: fragments, directives, fields not in the plan, two root fields, a count past page one.
      `{ resources(first: 3) { edges { node { ...on Resource { slug } } } } }`,
      `{ resources(first: 3) { edges { node { slug title @include(if: true) { text } } } } }`,
      `{ resources(first: 3) { edges { node { slug body { text } cover { url } } } } }`,
      `{ resources(first: 3, search: "child") { edges { searchMatch { in } node { slug } } } }`,
      `{ resources(first: 2) { edges { node { slug } } } topics { slug } }`,
      `{ resourceFacets { topics { ...on FacetValue { value } } } }`,
      // The same connection field under two keys, each selecting differently.
      `{ resources(first: 2) { a: edges { cursor } b: edges { node { slug } } p: pageInfo { hasNextPage } q: pageInfo { endCursor } } }`,
      `{ resources(first: 2) { edges { a: node { slug } b: node { title { text } } } } }`,
      `{ resources(first: 2, after: "${after}") { totalCount edges { node { slug } } } }`,
      // Errors: a bad page size, cursor, filter, slug.
      `{ resources(first: 101) { edges { node { slug } } } }`,
      `{ resources(first: 2, after: "bm90IGEgY3Vyc29y") { edges { node { slug } } } }`,
      `{ resources(first: 2, filter: { publishedFrom: "2021-13-01" }) { edges { node { slug } } } }`,
      `{ resource(slug: "Not A Slug") { slug } }`,
      `{ webinars(from: "2030-01-01T00:00:00Z", to: "2020-01-01T00:00:00Z") { edges { node { slug } } } }`,
    ]) {
      await same(query)
    }
  })
})

type PlanNode = {
  'Node Type': string
  'Relation Name'?: string
  'Index Name'?: string
  'Index Cond'?: string
  'Plan Rows': number
  Plans?: PlanNode[]
}
/** `node` and every node below it, subplans included. */
const allNodes = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(allNodes)]
const findNode = (node: PlanNode, type: string) =>
  allNodes(node).find((n) => n['Node Type'] === type)

/** The node that reads `table`, whatever its kind of scan. */
const findScan = (node: PlanNode, table: string) =>
  allNodes(node).find((n) => n['Relation Name'] === table)

describe('prepared statements', () => {
  // One connection, so that its prepared statements can be read through the same pool.
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 1 })
  const api = partnerApi({ pool })
  const prepared = async () =>
    (
      await pool.query<{ name: string }>(
        `SELECT name FROM pg_prepared_statements WHERE name LIKE 'hub\\_%'`,
      )
    ).rows.length
  afterAll(() => pool.end())

  it('are made for a statement sent a second time, and not for a one-off', async () => {
    // A selection of its own (the key is in the statement), so that no other test sent it before.
    const key = `t_${Date.now()}`
    const query = (n: number) =>
      `{ resources(first: ${n}) { edges { node { slug ${key}: title { text } } } } }`
    expect((await api.post(query(3))).statements).toBe(1)
    expect(await prepared()).toBe(0)
    const { body } = await api.post(query(3))
    expect(body.data.resources.edges).toHaveLength(3)
    expect(await prepared()).toBe(1)
    // Another size is another statement (the limit is in its text, below), a one-off so far.
    expect((await api.post(query(4))).body.data.resources.edges).toHaveLength(4)
    expect(await prepared()).toBe(1)
  })

  it('keep one plan for all of a listing’s executions instead of planning it each time', async () => {
    const key = `g_${Date.now()}`
    // A card as listing (a) shows it: each record's texts and relations are subqueries.
    const query = `{ resources(first: 1) { edges { node { slug ${key}: title { text locale }
      summary { text } workingGroups { name { text } } topics { name { text } }
      publishers { name { text } } availableLanguages { code } } } } }`
    // PostgreSQL plans the first five executions for their values, then keeps one generic plan
    // if it costs no more. With the limit bound as `$n` it assumed a tenth of the table and kept
    // planning each execution afresh.
    for (let i = 0; i < 10; i++) await api.post(query)
    const { rows } = await pool.query<{ generic: string; statement: string }>(
      `SELECT generic_plans AS generic, statement FROM pg_prepared_statements
       WHERE name LIKE 'hub\\_%' AND statement LIKE $1`,
      [`%${key}%`],
    )
    expect(rows).toHaveLength(1)
    expect(Number(rows[0]!.generic)).toBeGreaterThan(0)
    // The plan kept for every execution expects the page's 2 rows (1 and one to see if there is
    // a next page), not a tenth of the resources, which made it look too dear to keep.
    const explained = await pool.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
      `EXPLAIN (GENERIC_PLAN, FORMAT JSON) ${rows[0]!.statement}`,
    )
    const limit = findNode(explained.rows[0]!['QUERY PLAN'][0].Plan, 'Limit')
    expect(limit?.['Plan Rows']).toBe(2)
  })

  it('keep their generic plan on the partner API’s connections, a facets listing’s included', async () => {
    // The partner API's own pool asks for it when its connections open.
    try {
      const { rows } = await partnerPool().query<{ plan_cache_mode: string }>(
        'SHOW plan_cache_mode',
      )
      expect(rows[0]!.plan_cache_mode).toBe('force_generic_plan')
    } finally {
      await closePartnerPool()
    }
    // Scenario (d) of the bench: PostgreSQL's default planned it afresh at each run (2.3 ms of 8).
    const own = new pg.Pool({
      connectionString: process.env.DATABASE_URL,
      max: 1,
      ...partnerSessionOptions(),
    })
    try {
      const facets = partnerApi({ pool: own })
      const key = `f_${Date.now()}`
      const query = `{ resources(first: 5, filter: { topics: ["capacity-strengthening"] }) { totalCount edges { node {
        slug ${key}: title { text } topics { name { text } } } } }
        resourceFacets(filter: { topics: ["capacity-strengthening"] }) { total topics { value count } } }`
      for (let i = 0; i < 8; i++) expect((await facets.post(query)).statements).toBe(1)
      const { rows } = await own.query<{ generic: string; custom: string }>(
        `SELECT generic_plans AS generic, custom_plans AS custom FROM pg_prepared_statements
         WHERE name LIKE 'hub\\_%' AND statement LIKE $1`,
        [`%${key}%`],
      )
      expect(rows).toHaveLength(1)
      expect({ generic: Number(rows[0]!.generic), custom: Number(rows[0]!.custom) }).toEqual({
        generic: 7,
        custom: 0,
      })
    } finally {
      await own.end()
    }
  })

  it('know how many values a filter gives, though their plan is made without them', async () => {
    // With `slug = ANY($1)` PostgreSQL assumed ten slugs, most of the eight topics: at 100,000
    // resources the kept plan read every topic's links (160 ms where planning for the value took
    // 47). Each slug bound as its own placeholder tells it how many there are.
    const query = (topics: string[], key: string) =>
      `{ resources(first: 2, filter: { topics: ${JSON.stringify(topics)} }) { edges { node { ${key}: slug } } } }`
    const topics = (await payload.find({ collection: 'topics', limit: 3, depth: 0 })).docs.map(
      (t) => t.slug as string,
    )
    expect(topics).toHaveLength(3)
    await pool.query('ANALYZE topics')
    const topicsPlanned = async (given: string[]) => {
      const key = unique('n').replace(/\W/g, '_')
      for (let i = 0; i < 2; i++) expect((await api.post(query(given, key))).statements).toBe(1)
      const { rows } = await pool.query<{ statement: string }>(
        `SELECT statement FROM pg_prepared_statements
         WHERE name LIKE 'hub\\_%' AND statement LIKE $1`,
        [`%${key}%`],
      )
      expect(rows).toHaveLength(1)
      const explained = await pool.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
        `EXPLAIN (GENERIC_PLAN, FORMAT JSON) ${rows[0]!.statement}`,
      )
      return findScan(explained.rows[0]!['QUERY PLAN'][0].Plan, 'topics')?.['Plan Rows']
    }
    expect(await topicsPlanned(topics.slice(0, 1))).toBe(1)
    expect(await topicsPlanned(topics.slice(0, 3))).toBe(3)
    // The same slug twice is one value.
    expect(await topicsPlanned([topics[0]!, topics[0]!])).toBe(1)
    // A long list is bound as one array, and finds what its slugs name.
    const many = [...topics, ...Array.from({ length: 9 }, (_, i) => `no-such-topic-${i}`)]
    const edges = async (given: string[]) =>
      (await api.post(query(given, 'found'))).body.data.resources.edges
    expect(await edges(many)).toEqual(await edges(topics))
    expect(await edges(many)).toHaveLength(2)
  })

  it('find a text in each locale of the chain with one probe of its table’s (locale, parent) index', async () => {
    // Listing (a)'s card in French then English. With the locale compared as text
    // (`l._locale::text = $1[1]`) no index held the pair: each lookup read all of the record's
    // locale rows and filtered them, a sixth of PostgreSQL's time for the listing.
    const key = `l_${Date.now()}`
    const query = `query @inContext(locale: FR, fallback: [EN]) { resources(first: 2) { edges { node {
      ${key}: title { text locale } summary { text } workingGroups { name { text } }
      topics { name { text } } publishers { name { text } } } } } }`
    for (let i = 0; i < 2; i++) expect((await api.post(query)).statements).toBe(1)
    const { rows } = await pool.query<{ statement: string }>(
      `SELECT statement FROM pg_prepared_statements WHERE name LIKE 'hub\\_%' AND statement LIKE $1`,
      [`%${key}%`],
    )
    expect(rows).toHaveLength(1)
    // The test's tables are small enough for a scan to look as cheap: only index probes are let
    // through, to see which index each lookup can use.
    const client = await pool.connect()
    try {
      await client.query('SET enable_seqscan = off; SET enable_bitmapscan = off')
      const explained = await client.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
        `EXPLAIN (GENERIC_PLAN, FORMAT JSON) ${rows[0]!.statement}`,
      )
      const lookups = allNodes(explained.rows[0]!['QUERY PLAN'][0].Plan).filter((node) =>
        node['Relation Name']?.endsWith('_locales'),
      )
      const tables = [
        'resources_locales',
        'working_groups_locales',
        'topics_locales',
        'organisations_locales',
      ]
      // Two lookups (French, then English) for each text: title, summary and three names.
      expect(lookups).toHaveLength(10)
      for (const node of lookups) {
        expect(tables).toContain(node['Relation Name'])
        expect([node['Node Type'], node['Index Name']]).toEqual([
          'Index Scan',
          `${node['Relation Name']}_locale_parent_id_unique`,
        ])
      }
      for (const node of lookups) expect(node['Index Cond']).toMatch(/_locale = .*_parent_id = /)
    } finally {
      await client.query('RESET enable_seqscan; RESET enable_bitmapscan')
      client.release()
    }
  })

  it('are not made with PARTNER_PREPARE=false', async () => {
    // Read once per process (src/env.ts): this test sets the parsed value, as the variable would.
    env.PARTNER_PREPARE = 'false'
    try {
      const before = await prepared()
      const query = `{ webinars(first: 2) { edges { node { slug w_${Date.now()}: title { text } } } } }`
      for (let i = 0; i < 3; i++) await api.post(query)
      expect(await prepared()).toBe(before)
    } finally {
      env.PARTNER_PREPARE = 'true'
    }
  })
})
