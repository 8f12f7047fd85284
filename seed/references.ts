// Checks that every record a seed record points at exists in the same bundle, before any write.
import type { SeedBundle } from './schema'

export type SeedIssue = { path: (string | number)[]; message: string }

export const checkReferences = (bundle: SeedBundle): SeedIssue[] => {
  const check = referenceChecker(knownKeys(bundle))
  const issues = duplicateKeys(bundle)
  checkPeopleAndGroups(bundle, check)
  checkResources(bundle, check)
  checkEventsAndNews(bundle, check)
  checkNewsletters(bundle, check)
  return [...issues, ...check.issues]
}

/** The natural keys of each collection a record may refer to. */
const knownKeys = (bundle: SeedBundle) => {
  const keys = <T>(records: T[], key: (r: T) => string | number) => new Set(records.map(key))
  return {
    organisations: keys(bundle.organisations, (r) => r.key),
    people: keys(bundle.people, (r) => r.key),
    topics: keys(bundle.topics, (r) => r.key),
    themes: keys(bundle.themes, (r) => r.key),
    audiences: keys(bundle.audiences, (r) => r.key),
    publicationTypes: keys(bundle.publicationTypes, (r) => r.key),
    standards: keys(bundle.standards, (r) => r.number),
    'working-groups': keys(bundle.workingGroups, (r) => r.slug),
    resources: keys(bundle.resources, (r) => r.slug),
    events: keys(bundle.events, (r) => r.slug),
    news: keys(bundle.news, (r) => r.slug),
  }
}
type Known = ReturnType<typeof knownKeys>
type Target = keyof Known

const duplicateKeys = (bundle: SeedBundle) => {
  const issues: SeedIssue[] = []
  const duplicates = <T>(name: keyof SeedBundle, records: T[], key: (r: T) => string | number) => {
    const seen = new Set<string | number>()
    records.forEach((record, i) => {
      const k = key(record)
      if (seen.has(k)) issues.push({ path: [name, i], message: `"${k}" appears twice` })
      seen.add(k)
    })
  }
  duplicates('organisations', bundle.organisations, (r) => r.key)
  duplicates('people', bundle.people, (r) => r.key)
  duplicates('standards', bundle.standards, (r) => r.number)
  duplicates('workingGroups', bundle.workingGroups, (r) => r.slug)
  duplicates('resources', bundle.resources, (r) => r.slug)
  duplicates('translations', bundle.translations, (r) => r.key)
  duplicates('events', bundle.events, (r) => r.slug)
  duplicates('news', bundle.news, (r) => r.slug)
  duplicates('newsletters', bundle.newsletters, (r) => r.slug)
  return issues
}

/** Collects an issue for each reference to a record that is not in the bundle. */
const referenceChecker = (known: Known) => {
  const issues: SeedIssue[] = []
  const expect = (
    target: Target,
    value: string | number | undefined,
    path: (string | number)[],
  ) => {
    if (value !== undefined && !known[target].has(value)) {
      issues.push({ path, message: `refers to ${target} "${value}", which is not in the seed` })
    }
  }
  const expectAll = (target: Target, values: (string | number)[], path: (string | number)[]) =>
    values.forEach((value, i) => expect(target, value, [...path, i]))
  return { issues, expect, expectAll }
}
type Checker = ReturnType<typeof referenceChecker>

const checkPeopleAndGroups = (bundle: SeedBundle, { expect, expectAll }: Checker) => {
  bundle.people.forEach((p, i) =>
    expect('organisations', p.organisation, ['people', i, 'organisation']),
  )
  bundle.workingGroups.forEach((g, i) => {
    const at = ['workingGroups', i]
    expectAll('organisations', g.leadOrganisations, [...at, 'leadOrganisations'])
    expectAll('organisations', g.members, [...at, 'members'])
    expectAll('resources', g.keyTools, [...at, 'keyTools'])
    g.leads.forEach((l, j) => expect('people', l.person, [...at, 'leads', j, 'person']))
  })
}

/** Resources and their language editions. */
const checkResources = (bundle: SeedBundle, { expect, expectAll }: Checker) => {
  bundle.resources.forEach((r, i) => {
    const at = ['resources', i]
    expect('publicationTypes', r.publicationType, [...at, 'publicationType'])
    expectAll('organisations', r.publishers, [...at, 'publishers'])
    expectAll('working-groups', r.workingGroups, [...at, 'workingGroups'])
    expectAll('topics', r.topics, [...at, 'topics'])
    expectAll('themes', r.themes, [...at, 'themes'])
    expectAll('audiences', r.audiences, [...at, 'audiences'])
    expectAll('standards', r.standards, [...at, 'standards'])
  })
  bundle.translations.forEach((t, i) => {
    expect('resources', t.resource, ['translations', i, 'resource'])
    expect('organisations', t.translatedBy, ['translations', i, 'translatedBy'])
  })
}

const checkEventsAndNews = (bundle: SeedBundle, { expect, expectAll }: Checker) => {
  bundle.events.forEach((e, i) => {
    const at = ['events', i]
    expectAll('working-groups', e.organisers, [...at, 'organisers'])
    expectAll('audiences', e.audiences, [...at, 'audiences'])
    expectAll('topics', e.topics, [...at, 'topics'])
    e.speakers.forEach((s, j) => {
      expect('people', s.person, [...at, 'speakers', j, 'person'])
      expect('organisations', s.affiliation, [...at, 'speakers', j, 'affiliation'])
    })
  })
  bundle.news.forEach((n, i) => {
    expectAll('working-groups', n.workingGroups, ['news', i, 'workingGroups'])
    expectAll('resources', n.resources, ['news', i, 'resources'])
  })
}

const checkNewsletters = (bundle: SeedBundle, { expect }: Checker) =>
  bundle.newsletters.forEach((n, i) =>
    n.sections.forEach((s, j) =>
      s.items.forEach((item, k) => {
        if ('ref' in item) {
          expect(item.ref.collection, item.ref.slug, [
            'newsletters',
            i,
            'sections',
            j,
            'items',
            k,
            'ref',
          ])
        }
      }),
    ),
  )
