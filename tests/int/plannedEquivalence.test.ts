// The planner fenced by construction (graphql/plan): for random operations of the shapes it takes —
// any non-empty selection of the fields it can build (`plannableFields`, derived from its one table
// RECORDS and the schema), random aliases, a field twice under two keys, one to three root fields,
// several locale chains — the planned answer (one SQL statement) and the resolvers' answer must be
// byte-equal. On edge rows made here: empty and null texts, an outdated translation, draft and
// re-drafted editions, a draft resource, right-to-left titles, webinars without summary or
// duration. 1,000 operations by default; PLAN_PROPERTY_RUNS for more (`npm run test:planner:long`),
// PLAN_PROPERTY_SEED for another seed (fast-check prints the seed and the operation that failed).
import fc from 'fast-check'
import type { Payload } from 'payload'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { plannableFields, printSelection, type Selection } from '../../graphql/plan/records'
import type { Locale } from '../../src/localeChain'
import { hub, unique } from '../helpers/hub'
import { partnerApi } from '../helpers/partner'

const RUNS = Number(process.env.PLAN_PROPERTY_RUNS ?? 1000)
const SEED = Number(process.env.PLAN_PROPERTY_SEED ?? 20_260_611)

/** A pool that remembers the text of every statement sent through it. */
const recordingPool = () => {
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 })
  const texts: string[] = []
  const query = pool.query.bind(pool) as (...args: unknown[]) => unknown
  pool.query = ((...args: unknown[]) => {
    const [config] = args
    texts.push(typeof config === 'string' ? config : String((config as { text?: unknown }).text))
    return query(...args)
  }) as typeof pool.query
  return { pool, texts }
}

const plannedDb = recordingPool()
const resolvedDb = recordingPool()
const planned = partnerApi({ plan: true, pool: plannedDb.pool })
const resolved = partnerApi({ plan: false, pool: resolvedDb.pool })

/** Only the planner's SQL builds objects with json_build_object (graphql/plan/records.ts). */
const PLANNED_SQL = 'json_build_object('

let payload: Payload
const marker = unique('equiv')
/** The slugs `resource(slug:)` is asked for: the published edge rows, a draft, one that is not. */
const resourceSlugs: string[] = []
let topicSlug = ''
let groupSlug = ''

const at = (day: number) => new Date(Date.UTC(2061, 0, day)).toISOString()

beforeAll(async () => {
  payload = await hub()
  const made = async (collection: string, data: Record<string, unknown>, locale: Locale = 'en') =>
    (await payload.create({ collection: collection as 'topics', locale, data: data as never }))
      .id as number
  const translate = async (
    collection: string,
    id: number,
    locale: Locale,
    data: Record<string, unknown>,
    draft = false,
  ) => {
    await payload.update({
      collection: collection as 'topics',
      id,
      locale,
      draft,
      data: {
        ...(collection === 'resources' || collection === 'events'
          ? { _status: draft ? 'draft' : 'published' }
          : {}),
        ...data,
      } as never,
    })
  }

  // Relations of this file's own, so that no other file's edits change an answer between the two
  // requests: a topic (Arabic, empty French), a group (right-to-left, empty French), an organisation
  // (English only), a theme, an audience, a publication type (French only besides English).
  const topic = await made('topics', { name: `${marker} topic` })
  await translate('topics', topic, 'ar', { name: 'موضوع الاختبار' })
  await translate('topics', topic, 'fr', { name: '' })
  topicSlug = (await payload.findByID({ collection: 'topics', id: topic })).slug as string
  const group = await made('working-groups', { name: `${marker} group`, kind: 'task-force' })
  await translate('working-groups', group, 'ar', { name: 'فريق العمل' })
  await translate('working-groups', group, 'fr', { name: '' })
  groupSlug = (await payload.findByID({ collection: 'working-groups', id: group })).slug as string
  const otherGroup = await made('working-groups', { name: `${marker} second group` })
  await translate('working-groups', otherGroup, 'es', { name: 'Segundo grupo' })
  const org = await made('organisations', { name: `${marker} organisation`, kind: 'ngo' })
  const theme = await made('themes', { name: `${marker} theme` })
  await translate('themes', theme, 'es', { name: 'Tema' })
  const audience = await made('audiences', { name: `${marker} audience` })
  const type = await made('publication-types', { name: `${marker} type` })
  await translate('publication-types', type, 'fr', { name: 'Type' })
  const standards = (
    await payload.find({
      collection: 'standards',
      where: { number: { in: [3, 25] } },
      sort: '-number',
      depth: 0,
    })
  ).docs.map((s) => s.id)

  const resource = async (name: string, data: Record<string, unknown>) => {
    const id = await made('resources', {
      title: `${marker} ${name}`,
      topics: [topic],
      _status: 'published',
      ...data,
    })
    resourceSlugs.push((await payload.findByID({ collection: 'resources', id })).slug as string)
    return id
  }

  // An empty French title, a null Spanish summary, an empty Spanish title, an Arabic title.
  const empty = await resource('empty texts', {
    summary: 'English summary',
    publicationDate: at(1),
    languages: ['en', 'fr'],
    countries: ['FR', 'SY'],
  })
  await translate('resources', empty, 'fr', { title: '', summary: 'Résumé' })
  await translate('resources', empty, 'es', { title: '', summary: null })
  await translate('resources', empty, 'ar', { title: 'عنوان فارغ' })

  // A French and a Spanish summary made before the English one changed: both outdated; the
  // Arabic title, made after, is not.
  const outdated = await resource('outdated', {
    summary: 'First English summary',
    publicationDate: at(2),
    workingGroups: [group, otherGroup],
    publishers: [org],
  })
  await translate('resources', outdated, 'fr', { title: 'Titre périmé', summary: 'Résumé ancien' })
  await translate('resources', outdated, 'es', { summary: 'Resumen antiguo' })
  await translate('resources', outdated, 'en', { summary: 'A newer English summary' })
  await translate('resources', outdated, 'ar', { title: 'عنوان حديث' })

  // Editions: published (Arabic, Polish), draft only (Swahili), published then re-drafted (Spanish,
  // whose published form stays), one made before the English summary changed; links with a label
  // in Arabic only, an empty French label, none at all, with and without a language.
  const editions = await resource('editions', {
    summary: 'Summary before the editions',
    publicationDate: at(3),
    languages: ['en'],
    publicationType: type,
    standards,
    themes: [theme],
    audiences: [audience],
    countries: ['LB'],
    links: [
      { kind: 'video', url: 'https://example.org/video', language: 'ar', label: 'Recording' },
      { kind: 'website', url: 'https://example.org/' },
      { kind: 'course', url: 'https://example.org/course', language: 'es' },
    ],
  })
  const linkIds = (
    await payload.findByID({ collection: 'resources', id: editions, depth: 0 })
  ).links!.map((link) => ({ id: link.id, kind: link.kind, url: link.url, language: link.language }))
  await translate('resources', editions, 'ar', {
    title: 'الطبعات',
    links: linkIds.map((link, i) => ({ ...link, label: ['تسجيل', 'موقع', null][i] })),
  })
  await translate('resources', editions, 'fr', {
    links: linkIds.map((link, i) => ({ ...link, label: ['', null, 'Cours'][i] })),
  })
  const edition = async (language: string, status: 'published' | 'draft', extra = {}) =>
    (
      await payload.create({
        collection: 'translations',
        data: {
          resource: editions,
          language,
          title: `${language} edition`,
          format: 'full',
          progress: 'complete',
          _status: status,
          ...extra,
        } as never,
      })
    ).id
  await edition('ar', 'published', { url: 'https://example.org/ar.pdf', date: at(10) })
  await edition('pl', 'published', { progress: 'in-progress', format: 'summary' })
  await edition('sw', 'draft')
  const redrafted = await edition('es', 'published')
  await payload.update({
    collection: 'translations',
    id: redrafted,
    draft: true,
    data: { url: 'https://example.org/draft.pdf', _status: 'draft' } as never,
  })
  await translate('resources', editions, 'en', { summary: 'Summary after the editions' })

  // Right-to-left: Arabic title and summary; Spanish title only; no summary in French.
  const rtl = await resource('right to left', {
    summary: 'English',
    publicationDate: at(4),
    languages: ['ar'],
    workingGroups: [group],
    topics: [topic],
  })
  await translate('resources', rtl, 'ar', { title: 'دليل حماية الطفل', summary: 'ملخص عربي' })
  await translate('resources', rtl, 'es', { title: 'Guía' })

  // Bare: no summary, no date, no relations but the topic.
  await resource('bare', {})

  // Published, then edited as a draft: readers still see the published title.
  const redraftedResource = await resource('published then drafted', { publicationDate: at(5) })
  await translate(
    'resources',
    redraftedResource,
    'en',
    { title: `${marker} draft title`, summary: 'Draft summary' },
    true,
  )

  // Never published: absent from listings, null by slug.
  await resource('draft only', { _status: 'draft', publicationDate: at(6) })
  resourceSlugs.push(`${marker}-no-such-resource`)

  // Webinars of the group: an Arabic title, a French summary only (and an empty French title); no
  // summary nor duration; a Spanish title with an empty Spanish summary; a draft.
  const hour = 3_600_000
  const webinar = async (name: string, offsetHours: number, data: Record<string, unknown>) =>
    made('events', {
      title: `${marker} ${name}`,
      startsAt: new Date(Date.now() + offsetHours * hour).toISOString(),
      startsAt_tz: 'Asia/Beirut',
      durationMinutes: 60,
      kind: 'webinar',
      precision: 'exact',
      format: 'online',
      languages: ['en'],
      workingGroups: [group],
      _status: 'published',
      ...data,
    })
  const arabic = await webinar('arabic', 24 * 30, { languages: ['ar'], summary: 'Summary' })
  await translate('events', arabic, 'ar', { title: 'ندوة عبر الإنترنت' })
  await translate('events', arabic, 'fr', { summary: 'Résumé seul', title: '' })
  await webinar('no summary', -24 * 30, { durationMinutes: null, startsAt_tz: 'America/Bogota' })
  const past = await webinar('past', -24 * 60, { summary: 'Old summary', kind: 'training' })
  await translate('events', past, 'es', { title: 'Pasado', summary: '' })
  await webinar('draft', 24 * 10, { _status: 'draft' })

  // The edge rows are there as meant (Payload keeps an empty string as one).
  const { rows } = await plannedDb.pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM resources_locales l JOIN resources r ON r.id = l._parent_id
     WHERE r.slug = $1 AND l._locale = 'fr' AND l.title = ''`,
    [resourceSlugs[0]],
  )
  expect(rows[0]!.n).toBe(1)
})

afterAll(async () => {
  await planned.close()
  await resolved.close()
  await plannedDb.pool.end()
  await resolvedDb.pool.end()
})

// ---- Operations ----------------------------------------------------------------------------------

/** A GraphQL name for an alias (never `__…`, which is the schema's). */
const NAME = fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9_]{0,6}$/)

/** An alias: mostly none, else a random name or (to mix keys up) a sibling field's name. */
const aliasOf = (siblings: string[]) =>
  fc.oneof(
    { weight: 6, arbitrary: fc.constant(undefined) },
    { weight: 3, arbitrary: NAME },
    { weight: 1, arbitrary: fc.constantFrom(...siblings) },
  )

/**
 * Response keys made unique (graphql-js would merge a repeated key, which the planner leaves to the
 * resolvers): a second field under a taken key gets an alias of its own.
 */
const keyed = <S extends Selection>(fields: S[]): S[] => {
  const keys = new Set<string>()
  return fields.map((field, i) => {
    let alias = field.alias
    while (keys.has(alias ?? field.name)) alias = `k${i}_${alias ?? field.name.replace(/^_+/, '')}`
    keys.add(alias ?? field.name)
    return { ...field, alias }
  })
}

const shuffled = <T>(items: T[]) =>
  items.length < 2
    ? fc.constant(items)
    : fc.shuffledSubarray(items, { minLength: items.length, maxLength: items.length })

/** One field of `tree` asked for: its alias, and a selection of its own fields if it has some. */
const occurrence = (field: Selection, siblings: string[]): fc.Arbitrary<Selection> =>
  fc
    .record({
      alias: aliasOf(siblings),
      fields: field.fields ? selectionOf(field.fields) : fc.constant(undefined),
    })
    .map(({ alias, fields }) => ({ name: field.name, alias, fields }))

/**
 * A random selection of `tree`: each field absent, once or (rarely) twice under two keys, in a
 * random order; never empty unless `allowEmpty`.
 */
const selectionOf = (tree: Selection[], allowEmpty = false): fc.Arbitrary<Selection[]> => {
  const names = tree.map((f) => f.name)
  const each = tree.map((field) =>
    fc.oneof(
      { weight: 5, arbitrary: fc.constant([] as Selection[]) },
      { weight: 4, arbitrary: occurrence(field, names).map((f) => [f]) },
      { weight: 1, arbitrary: fc.tuple(occurrence(field, names), occurrence(field, names)) },
    ),
  )
  const fallback = fc.constantFrom(...tree).chain((field) => occurrence(field, names))
  return fc
    .tuple(fc.tuple(...each), fallback)
    .map(([chosen, one]) => {
      const all = chosen.flat()
      return all.length || allowEmpty ? all : [one]
    })
    .chain(shuffled)
    .map(keyed)
}

const leaves = (...names: string[]): Selection[] => names.map((name) => ({ name }))

/** A connection's selection: `edges { node }` once, pageInfo at most once, around `node`. */
const connectionOf = (node: fc.Arbitrary<Selection[]>): fc.Arbitrary<Selection[]> =>
  fc
    .record({
      top: selectionOf(leaves('__typename', 'totalCount'), true),
      edges: fc.record({
        alias: aliasOf(['edges', 'pageInfo']),
        extra: selectionOf(leaves('__typename', 'cursor'), true),
        node: fc.record({ alias: aliasOf(['node', 'cursor']), fields: node }),
      }),
      pageInfo: fc.option(
        fc.record({
          alias: aliasOf(['pageInfo', 'edges']),
          fields: selectionOf(
            leaves('__typename', 'hasNextPage', 'hasPreviousPage', 'startCursor', 'endCursor'),
          ),
        }),
        { nil: undefined },
      ),
    })
    .chain(({ top, edges, pageInfo }) =>
      fc
        .tuple(
          shuffled([...edges.extra, { name: 'node', ...edges.node }]),
          shuffled([
            ...top,
            { name: 'edges', alias: edges.alias },
            ...(pageInfo ? [{ name: 'pageInfo', ...pageInfo }] : []),
          ]),
        )
        .map(([edgeFields, fields]) =>
          keyed(
            fields.map((field) =>
              field.name === 'edges' ? { ...field, fields: keyed(edgeFields) } : field,
            ),
          ),
        ),
    )

/** A locale chain: @inContext (literal or from a variable), Accept-Language, or neither. */
type Chain = {
  directive: string
  headers?: Record<string, string>
  variables?: Record<string, unknown>
  definitions?: string
}
const CHAINS: Chain[] = [
  { directive: '@inContext(locale: FR, fallback: [EN])' },
  { directive: '@inContext(locale: AR, fallback: [FR, EN])' },
  { directive: '@inContext(locale: ES)' },
  { directive: '@inContext(locale: ES, fallback: [])' },
  { directive: '@inContext(locale: AR, fallback: [ES])' },
  { directive: '@inContext(locale: EN)' },
  { directive: '@inContext(locale: AR, fallback: [AR, EN, FR])' },
  { directive: '', headers: { 'Accept-Language': 'ar, fr;q=0.5' } },
  { directive: '', headers: { 'Accept-Language': 'es-MX' } },
  { directive: '', headers: { 'Accept-Language': 'de-CH, *;q=0.1' } },
  { directive: '' },
  // The directive wins over the header.
  { directive: '@inContext(locale: FR, fallback: [AR])', headers: { 'Accept-Language': 'es' } },
  {
    directive: '@inContext(locale: $locale, fallback: [AR, EN])',
    definitions: '$locale: Locale!',
    variables: { locale: 'FR' },
  },
]

/** A root field the planner takes, on this file's rows only (its topic, its group, its slugs). */
type Root = {
  field: string
  /** Its arguments; `$SLUG` stands for a variable whose value is `slug`. */
  args: string
  slug?: string
  selection: Selection[]
}

const RESOURCE = plannableFields('Resource')
const WEBINAR = plannableFields('Webinar')

const resourcesRoot: fc.Arbitrary<Root> = fc
  .record({
    first: fc.integer({ min: 0, max: 8 }),
    sort: fc.constantFrom('', 'NEWEST', 'OLDEST', 'TITLE', 'RELEVANCE'),
    // Words of the edge rows' texts, in English, French and Arabic.
    search: fc.constantFrom('', '', '', 'summary', 'editions', 'résumé', 'دليل'),
    languages: fc.constantFrom('', 'en', 'ar'),
    from: fc.boolean(),
    selection: connectionOf(selectionOf(RESOURCE)),
  })
  .map(({ first, sort, search, languages, from, selection }) => {
    const filter = [
      `topics: ["${topicSlug}"]`,
      languages && `languages: ["${languages}"]`,
      from && 'publishedFrom: "2061-01-02"',
    ].filter(Boolean)
    const args = [
      `first: ${first}`,
      `filter: { ${filter.join(', ')} }`,
      search && `search: ${JSON.stringify(search)}`,
      // RELEVANCE needs a search (else it is an error, which the plan leaves to the resolvers).
      sort && (sort !== 'RELEVANCE' || search) && `sort: ${sort}`,
    ]
    return { field: 'resources', args: args.filter(Boolean).join(', '), selection }
  })

const webinarsRoot: fc.Arbitrary<Root> = fc
  .record({
    first: fc.integer({ min: 0, max: 5 }),
    when: fc.constantFrom('', 'UPCOMING', 'PAST', 'ALL'),
    language: fc.constantFrom('', 'en', 'ar'),
    kind: fc.constantFrom('', 'WEBINAR', 'TRAINING'),
    selection: connectionOf(selectionOf(WEBINAR)),
  })
  .map(({ first, when, language, kind, selection }) => ({
    field: 'webinars',
    args: [
      `first: ${first}`,
      `workingGroup: "${groupSlug}"`,
      when && `when: ${when}`,
      language && `language: "${language}"`,
      kind && `kind: ${kind}`,
    ]
      .filter(Boolean)
      .join(', '),
    selection,
  }))

const resourceRoot: fc.Arbitrary<Root> = fc
  .record({
    slug: fc.nat(),
    asVariable: fc.boolean(),
    selection: selectionOf(RESOURCE),
  })
  .map(({ slug, asVariable, selection }) => {
    const value = resourceSlugs[slug % resourceSlugs.length]!
    return asVariable
      ? { field: 'resource', args: 'slug: $SLUG', slug: value, selection }
      : { field: 'resource', args: `slug: "${value}"`, selection }
  })

/** The partner API's limit of aliases per operation (armor, graphql/server.ts). */
const MAX_ALIASES = 15

const aliasesIn = (fields: Selection[]): number =>
  fields.reduce((n, f) => n + (f.alias ? 1 : 0) + aliasesIn(f.fields ?? []), 0)

/**
 * Within MAX_ALIASES: aliases no key needs dropped first (innermost, last first), then fields that
 * repeat a sibling under an alias (the sibling stays), until the operation is within the limit.
 */
const withinAliases = <S extends Selection>(fields: S[]): S[] => {
  let excess = aliasesIn(fields) - MAX_ALIASES
  const dropAliases = <T extends Selection>(set: T[]): T[] => {
    const fields = set.map((f) => (f.fields ? { ...f, fields: dropAliases(f.fields) } : f))
    for (let i = fields.length - 1; i >= 0 && excess > 0; i--) {
      const f = fields[i]!
      if (f.alias && !fields.some((o) => (o.alias ?? o.name) === f.name)) {
        fields[i] = { ...f, alias: undefined }
        excess--
      }
    }
    return fields
  }
  const dropRepeats = <T extends Selection>(set: T[]): T[] => {
    const fields = set.map((f) => (f.fields ? { ...f, fields: dropRepeats(f.fields) } : f))
    for (let i = fields.length - 1; i >= 0 && excess > 0; i--) {
      const f = fields[i]!
      if (f.alias && fields.some((o) => o !== f && o.name === f.name)) {
        fields.splice(i, 1)
        excess -= aliasesIn([f])
      }
    }
    return fields
  }
  const fewer = dropAliases(fields)
  return excess > 0 ? dropRepeats(fewer) : fewer
}

type Operation = {
  query: string
  variables: Record<string, unknown>
  headers: Record<string, string>
}

const operation: fc.Arbitrary<Operation> = fc
  .record({
    chain: fc.constantFrom(...CHAINS),
    roots: fc.array(
      fc.record({
        root: fc.oneof(
          { weight: 3, arbitrary: resourcesRoot },
          { weight: 2, arbitrary: resourceRoot },
          { weight: 2, arbitrary: webinarsRoot },
        ),
        alias: fc.option(NAME, { nil: undefined }),
      }),
      { minLength: 1, maxLength: 3 },
    ),
    typename: fc.boolean(),
    named: fc.boolean(),
  })
  .map(({ chain, roots, typename, named }) => {
    const variables: Record<string, unknown> = { ...chain.variables }
    const definitions = chain.definitions ? [chain.definitions] : []
    // Two roots of one field must be under two keys (else graphql-js would have them agree).
    const keyedRoots = keyed(
      roots.map(({ root, alias }, i) => ({
        name: root.field,
        alias,
        fields: root.selection,
        args: root.args.replace('$SLUG', `$slug${i}`),
        slug: root.slug === undefined ? undefined : { name: `slug${i}`, value: root.slug },
      })),
    )
    const fields = withinAliases(keyedRoots).map(({ args, slug, ...field }) => {
      if (slug) {
        definitions.push(`$${slug.name}: String!`)
        variables[slug.name] = slug.value
      }
      return { ...field, name: `${field.name}(${args})` }
    })
    const selection = printSelection(typename ? [{ name: '__typename' }, ...fields] : fields)
    const head = [
      named || definitions.length || chain.directive ? 'query' : '',
      named ? 'Equivalence' : '',
      definitions.length ? `(${definitions.join(', ')})` : '',
      chain.directive,
    ]
      .filter(Boolean)
      .join(' ')
    return { query: `${head} ${selection}`.trim(), variables, headers: chain.headers ?? {} }
  })

describe('planned and resolved answers', () => {
  it(
    `are byte-equal on ${RUNS} random operations (seed ${SEED})`,
    async () => {
      const began = performance.now()
      // What the answers held: each locale a text came from, right-to-left text, their bytes.
      const seen = new Set<string>()
      let bytes = 0
      await fc.assert(
        fc.asyncProperty(operation, async ({ query, variables, headers }) => {
          const ask = async () => {
            plannedDb.texts.length = 0
            resolvedDb.texts.length = 0
            const [a, b] = await Promise.all([
              planned.post(query, variables, headers),
              resolved.post(query, variables, headers),
            ])
            return {
              a,
              b,
              plannedTexts: [...plannedDb.texts],
              resolvedTexts: [...resolvedDb.texts],
            }
          }
          let answer = await ask()
          // A seeded standard edited by another file between the two requests: asked once more.
          if (JSON.stringify(answer.a.body) !== JSON.stringify(answer.b.body)) answer = await ask()
          const { a, b, plannedTexts, resolvedTexts } = answer
          const what = `${query}\n${JSON.stringify({ variables, headers })}`
          expect(b.body.errors, `the resolvers' errors for ${what}`).toBeUndefined()
          // Planned for real: one statement, the planner's own (else this compares resolvers with
          // resolvers); and the other side never planned.
          expect(a.statements, `statements of the planned answer to ${what}`).toBe(1)
          expect(
            plannedTexts.some((text) => text.includes(PLANNED_SQL)),
            `the planner's SQL for ${what}`,
          ).toBe(true)
          expect(
            resolvedTexts.some((text) => text.includes(PLANNED_SQL)),
            `the resolvers' SQL for ${what}`,
          ).toBe(false)
          const text = JSON.stringify(a.body)
          expect(text, `the planned answer to ${what}`).toBe(JSON.stringify(b.body))
          for (const [, locale] of text.matchAll(/:"(EN|FR|ES|AR)"/g)) seen.add(locale!)
          if (/[\u0600-\u06FF]/.test(text)) seen.add('right-to-left')
          bytes += text.length
        }),
        { numRuns: RUNS, seed: SEED, verbose: fc.VerbosityLevel.None },
      )
      console.log(
        `${RUNS} operations planned and resolved alike in ${((performance.now() - began) / 1000).toFixed(1)} s (seed ${SEED}; ${Math.round(bytes / 1024)} KB of answers)`,
      )
      // The edge rows were reached: texts from every locale of the chains, Arabic among them.
      if (RUNS >= 100) expect([...seen].sort()).toEqual(['AR', 'EN', 'ES', 'FR', 'right-to-left'])
    },
    Math.max(180_000, RUNS * 300),
  )
})
