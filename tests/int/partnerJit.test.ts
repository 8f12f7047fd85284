// Operations asked again are answered by compiled code (graphql/jit.ts): the answer must be the one
// graphql-js gives, byte for byte, data and errors alike.
import { describe, expect, it } from 'vitest'

import { partnerApi } from '../helpers/partner'

const { post } = partnerApi()

const slugOf = async () => {
  const { body } = await post(`{ resources(first: 1) { edges { node { slug } } } }`)
  return body.data.resources.edges[0].node.slug as string
}

const OPERATIONS: [string, string, Record<string, unknown>?, Record<string, string>?][] = [
  [
    'a listing in French with fallback, facets of its topic',
    `query @inContext(locale: FR, fallback: [EN]) {
      resources(first: 20) { totalCount pageInfo { hasNextPage endCursor }
        edges { cursor node { id slug publicationDate datePrecision title { text locale outdated }
          summary { text locale } publicationType { name { text } } workingGroups { id name { text } }
          topics { id name { text } } publishers { name { text } shortName } availableLanguages { code nativeName }
          translations { id language { code } title url outdated } cover { url width sizes { name url } } } } }
      resourceFacets { total topics { value label count } languages { value label count } }
    }`,
  ],
  [
    'a search with where it matched, in Arabic from the header',
    `query ($q: String!) { resources(first: 5, search: $q, sort: RELEVANCE) {
      edges { searchMatch { in snippet } node { slug title { text locale } } } } }`,
    { q: 'child protection' },
    { 'Accept-Language': 'ar' },
  ],
  [
    'webinars with their times in a zone, a group with its leads',
    `{ webinars(first: 5, when: PAST) { edges { node { __typename id slug title { text }
        startsAt endsAt start(timeZone: "Africa/Nairobi") { local offset } icsUrl
        sessions { language { code } startsAt } } } }
      workingGroup(slug: "cpms-working-group") { name { text } leads { person { name } role { text } }
        webinars(first: 2) { edges { node { slug } } } news(first: 2) { edges { node { slug } } } } }`,
  ],
  [
    'nodes of several types, newsletters, terms and standards',
    `{ newsletters(first: 1) { edges { node { slug title { text } sections { heading { text }
        items { title { text } target { __typename ... on Node { id } } } } } } }
      topics { id name { text } } standards(pillar: 2) { number title { text } } }`,
  ],
  [
    'a resource body as HTML',
    `query ($slug: String!) { resource(slug: $slug) { body(format: HTML) { text locale } } }`,
  ],
  [
    'errors: a bad argument and a missing record',
    `{ resources(first: 1000) { totalCount } resource(slug: "no-such-thing") { id } }`,
  ],
  [
    'errors: deep in a list, through an alias and fragments',
    `query Zones { past: webinars(first: 2, when: PAST) { ...Page } }
      fragment Page on WebinarConnection { edges { node { slug ... on Webinar {
        local: start(timeZone: "Mars/Olympus_Mons") { local } } } } }`,
  ],
]

describe('compiled operations (graphql-jit)', () => {
  it('answer exactly as graphql-js does: data, errors and status', async () => {
    const slug = await slugOf()
    for (const [name, query, variables = {}, headers = {}] of OPERATIONS) {
      const vars = query.includes('$slug') ? { ...variables, slug } : variables
      const answers = []
      for (let i = 0; i < 3; i++) answers.push(await post(query, vars, headers))
      const [first, ...later] = answers
      expect(first!.headers.get('x-executor'), name).toBe('graphql-js')
      for (const answer of later) {
        expect(answer.headers.get('x-executor'), name).toBe('jit')
        expect(answer.status, name).toBe(first!.status)
        expect(JSON.stringify(answer.body), name).toBe(JSON.stringify(first!.body))
      }
      if (!name.startsWith('errors')) expect(first!.body.errors, name).toBeUndefined()
      else expect(first!.body.errors?.length, name).toBeGreaterThan(0)
    }
  })
})
