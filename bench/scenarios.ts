// The benchmark's scenarios: the same data asked of the partner API, Payload's GraphQL and REST, and
// the raw-SQL floor. Where a baseline cannot ask for exactly the same thing, the comment says so.
import { createHash } from 'node:crypto'

export type Request = {
  url: string
  method: 'GET' | 'POST'
  headers: Record<string, string>
  body?: string
}
export type Target =
  | 'partner'
  | 'partnerApi'
  | 'payloadGraphql'
  | 'payloadRest'
  | 'floor'
  | 'partnerCached'
  | 'partnerNotModified'
  | 'partnerApiKeyed'
  | 'partnerCachedKeyed'
export type Bases = {
  hub: string
  /** `npm run start:api` with its response cache off, as the hub's partner API here. */
  api: string
  floor: string
  cachedApi: string
  /** start:api as `api` and `cachedApi`, with budgets counted (out of reach), asked with a key. */
  keyedApi: string
  keyedCachedApi: string
  apiKey: string
  token: string
  slug: string
  group: string
  groupId: number
  topic: string
  topicId: number
}
type Scenario = {
  id: string
  name: string
  targets: Partial<Record<Target, (b: Bases) => Request | Promise<Request>>>
}

const post = (url: string, query: string, headers: Record<string, string> = {}): Request => ({
  url,
  method: 'POST',
  headers: { 'Content-Type': 'application/json', ...headers },
  body: JSON.stringify({ query }),
})
const payloadGraphql = (b: Bases, query: string) =>
  post(`${b.hub}/api/graphql`, query, { Authorization: `JWT ${b.token}` })
const get = (url: string, headers: Record<string, string> = {}): Request => ({
  url,
  method: 'GET',
  headers,
})

const LISTING = `query Listing @inContext(locale: FR, fallback: [EN]) {
  resources(first: 20) { edges { node { id slug publicationDate title { text locale } summary { text }
    workingGroups { name { text } } topics { name { text } } publishers { name { text } } availableLanguages { code } } } }
}`

/** Registers a query for automatic persisted queries, then gives the GET that uses only its hash. */
const persistedGet = async (
  base: string,
  headers: Record<string, string> = {},
): Promise<Request> => {
  const sha256Hash = createHash('sha256').update(LISTING).digest('hex')
  const extensions = { persistedQuery: { version: 1, sha256Hash } }
  await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ query: LISTING, extensions }),
  })
  return get(
    `${base}/graphql?extensions=${encodeURIComponent(JSON.stringify(extensions))}`,
    headers,
  )
}

const SCENARIO_LIST: Scenario[] = [
  {
    id: 'a',
    name: 'listing of 20 in French',
    targets: {
      partner: (b) => post(`${b.hub}/graphql`, LISTING),
      // Payload's GraphQL has no reverse join to translations: languages of the original only.
      payloadGraphql: (b) =>
        payloadGraphql(
          b,
          `{ Resources(limit: 20, sort: "-publicationDate", locale: fr, fallbackLocale: en) { docs {
          id slug publicationDate title summary languages workingGroups { name } topics { name } publishers { name } } } }`,
        ),
      payloadRest: (b) =>
        get(
          `${b.hub}/api/resources?limit=20&sort=-publicationDate&locale=fr&fallback-locale=en&depth=1&select[slug]=true&select[title]=true&select[summary]=true&select[publicationDate]=true&select[languages]=true&select[workingGroups]=true&select[topics]=true&select[publishers]=true&populate[working-groups][name]=true&populate[topics][name]=true&populate[organisations][name]=true`,
        ),
      floor: (b) => get(`${b.floor}/listing`),
    },
  },
  {
    id: 'b',
    name: 'resource by slug',
    targets: {
      partner: (b) =>
        post(
          `${b.hub}/graphql`,
          `query @inContext(locale: FR, fallback: [EN]) { resource(slug: "${b.slug}") {
          id slug publicationDate title { text } summary { text } publicationType { name { text } }
          publishers { name { text } } workingGroups { name { text } } topics { name { text } } themes { name { text } }
          audiences { name { text } } standards { number title { text } } countries { code name }
          availableLanguages { code nativeName } translations { language { code } title url } links { url kind } } }`,
        ),
      payloadGraphql: (b) =>
        payloadGraphql(
          b,
          `{ Resources(where: { slug: { equals: "${b.slug}" } }, limit: 1, locale: fr, fallbackLocale: en) { docs {
          id slug publicationDate title summary publicationType { name } publishers { name } workingGroups { name }
          topics { name } themes { name } audiences { name } standards { number title } countries languages links { url kind } } } }`,
        ),
      payloadRest: (b) =>
        get(
          `${b.hub}/api/resources?where[slug][equals]=${b.slug}&limit=1&locale=fr&fallback-locale=en&depth=1`,
        ),
      floor: (b) => get(`${b.floor}/detail?p=${b.slug}`),
    },
  },
  {
    id: 'c',
    name: 'upcoming webinars of a group',
    targets: {
      partner: (b) =>
        post(
          `${b.hub}/graphql`,
          `query @inContext(locale: FR, fallback: [EN]) { webinars(first: 20, when: UPCOMING, workingGroup: "${b.group}") {
          edges { node { slug title { text } startsAt durationMinutes timeZone } } } }`,
        ),
      payloadGraphql: (b) =>
        payloadGraphql(
          b,
          `{ Events(where: { AND: [{ startsAt: { greater_than_equal: "${new Date().toISOString()}" } }, { workingGroups: { in: [${b.groupId}] } }] },
          sort: "startsAt", limit: 20, locale: fr, fallbackLocale: en) { docs { slug title startsAt durationMinutes } } }`,
        ),
      payloadRest: (b) =>
        get(
          `${b.hub}/api/events?where[startsAt][greater_than_equal]=${encodeURIComponent(new Date().toISOString())}&where[workingGroups][in]=${b.groupId}&sort=startsAt&limit=20&locale=fr&fallback-locale=en&depth=0&select[slug]=true&select[title]=true&select[startsAt]=true&select[durationMinutes]=true`,
        ),
      floor: (b) => get(`${b.floor}/webinars?p=${b.group}`),
    },
  },
  {
    id: 'd',
    name: 'filtered listing with facets',
    targets: {
      partner: (b) =>
        post(
          `${b.hub}/graphql`,
          `query @inContext(locale: FR, fallback: [EN]) {
          resources(first: 20, filter: { topics: ["${b.topic}"] }) { totalCount edges { node { slug title { text } topics { name { text } } } } }
          resourceFacets(filter: { topics: ["${b.topic}"] }) { total topics { value count } } }`,
        ),
      // Payload has no facets: the listing plus one count per topic, as aliases.
      payloadGraphql: (b) =>
        payloadGraphql(
          b,
          `{ list: Resources(where: { topics: { in: [${b.topicId}] } }, limit: 20, sort: "-publicationDate", locale: fr, fallbackLocale: en) {
          totalDocs docs { slug title topics { name } } }
          ${Array.from({ length: 8 }, (_, i) => `t${i + 1}: Resources(where: { AND: [{ topics: { in: [${b.topicId}] } }, { topics: { in: [${i + 1}] } }] }, limit: 1) { totalDocs }`).join('\n')} }`,
        ),
      floor: (b) => get(`${b.floor}/facets?p=${b.topic}`),
    },
  },
  {
    id: 'e',
    name: 'persisted listing over GET',
    targets: {
      // Miss: the hub here runs with its response cache off.
      partner: (b) => persistedGet(b.hub),
      partnerCached: (b) => persistedGet(b.cachedApi),
      partnerCachedKeyed: (b) =>
        persistedGet(b.keyedCachedApi, { Authorization: `Bearer ${b.apiKey}` }),
      partnerNotModified: async (b) => {
        const request = await persistedGet(b.cachedApi)
        const etag = (await fetch(request.url)).headers.get('etag') ?? ''
        return { ...request, headers: { 'If-None-Match': etag } }
      },
    },
  },
]

/** (a) to (d) also through `npm run start:api`: the same request, sent to it instead of the hub. */
export const SCENARIOS: Scenario[] = SCENARIO_LIST.map((scenario) => {
  const partner = scenario.targets.partner
  if (!partner || scenario.id === 'e') return scenario
  const { partner: _, ...others } = scenario.targets
  return {
    ...scenario,
    targets: {
      partner,
      partnerApi: (b) => partner({ ...b, hub: b.api }),
      // The same with a partner's key: the key check and the budget's counting in PostgreSQL.
      partnerApiKeyed: async (b) => {
        const request = await partner({ ...b, hub: b.keyedApi })
        return { ...request, headers: { ...request.headers, Authorization: `Bearer ${b.apiKey}` } }
      },
      ...others,
    },
  }
})
