// At start, every statement shape the partner API can send is planned (EXPLAIN, never run) against
// the database it will read. A collection field renamed or removed without the SQL here following
// it stops the server with the statement and the missing name, rather than failing a partner's
// query later. (A database with migrations still to run is checked once they have run.)
import type pg from 'pg'

import { env } from '../../src/env'
import { appliedMigrations, committedMigrations, compareMigrations } from '../../src/ops/health'
import { everyFieldJson } from '../plan/records'
import type { PublicFilters } from '../../src/access/publicRules'
import { LOCALES } from '../../src/localeChain'
import { KINDS, type Kind, lookupStatement } from './entities'
import { webinarListing } from './events'
import { groupListing, groupResourceListing } from './groups'
import { countStatement, type ListingQuery, pageStatement, slugStatement } from './listing'
import { newsletterListing, newsListing } from './news'
import type { Statement } from '../../src/db/statements'
import { facetsStatement, type ResourceFilterValues, resourceListing } from './resources'
import { changedSinceStatement, deltaPageStatement, initialPageStatement } from './sync'
import { standardsStatement, TAXONOMY_KIND, termsStatement } from './taxonomies'

/** Every filter set, so that every condition's tables and columns are planned. */
const EVERY_FILTER: ResourceFilterValues = {
  types: ['probe'],
  topics: ['probe'],
  themes: ['probe'],
  audiences: ['probe'],
  workingGroups: ['probe'],
  standards: [1],
  countries: ['FR'],
  languages: ['fr'],
  publishedFrom: '2020-01-01',
  publishedTo: '2020-12-31',
}
const CHAIN = [...LOCALES]

/** The listings to plan, each as a page and as its total count. */
const listingProbes = (filters: PublicFilters): [string, ListingQuery][] => [
  ...(['NEWEST', 'OLDEST', 'TITLE'] as const).map(
    (sort) =>
      [`resources (sort ${sort})`, resourceListing(EVERY_FILTER, null, sort, CHAIN, filters)] as [
        string,
        ListingQuery,
      ],
  ),
  ['resources (search)', resourceListing(EVERY_FILTER, 'probe', 'RELEVANCE', CHAIN, filters)],
  ['workingGroups', groupListing({ kind: 'task-force', status: 'active' })],
  ['WorkingGroup.resources', groupResourceListing(0)],
  [
    'webinars',
    webinarListing({
      when: 'UPCOMING',
      from: '2020-01-01T00:00:00Z',
      to: '2020-12-31T00:00:00Z',
      language: 'fr',
      groupSlug: 'probe',
      kind: 'annual-meeting',
    }),
  ],
  ['WorkingGroup.webinars', webinarListing({ when: 'PAST', groupId: 0 })],
  ['newsPosts', newsListing({ groupSlug: 'probe' })],
  ['WorkingGroup.news', newsListing({ groupId: 0 })],
  ['newsletters', newsletterListing()],
]

/** Planned operations (graphql/plan): each record type with every field the plan builds. */
const plannedProbes = (filters: PublicFilters, resources: ListingQuery): [string, Statement][] => [
  [
    'planned resources: page',
    pageStatement(
      resources,
      filters,
      { first: 20, withTotal: true },
      everyFieldJson('Resource', filters, CHAIN),
    ),
  ],
  [
    'planned resource by slug',
    slugStatement('resource', 'probe', filters, everyFieldJson('Resource', filters, CHAIN)),
  ],
  [
    'planned webinars: page',
    pageStatement(
      webinarListing({ when: 'UPCOMING', groupSlug: 'probe' }),
      filters,
      { first: 20, withTotal: true },
      everyFieldJson('Webinar', filters, CHAIN),
    ),
  ],
]

/** The statements to plan, named as the check reports them. */
export const probes = (filters: PublicFilters): [string, Statement][] => {
  const listings = listingProbes(filters)
  return [
    ...listings.flatMap(([name, query]): [string, Statement][] => [
      [`${name}: page`, pageStatement(query, filters, { first: 20, withTotal: true })],
      [`${name}: totalCount`, countStatement(query, filters)],
    ]),
    [
      'records by id',
      lookupStatement(
        [
          ...(Object.keys(KINDS) as Kind[]).map((k) => [k, [0]] as [Kind, number[]]),
          ['translationsOf', [0]],
        ],
        filters,
      ),
    ],
    ...(['resource', 'group', 'event', 'news', 'newsletter'] as const).map(
      (kind): [string, Statement] => [`${kind} by slug`, slugStatement(kind, 'probe', filters)],
    ),
    ...plannedProbes(filters, listings[0]![1]),
    ['resourceFacets', facetsStatement(EVERY_FILTER, 'probe', CHAIN, filters)],
    ...(Object.keys(TAXONOMY_KIND) as (keyof typeof TAXONOMY_KIND)[]).map(
      (table): [string, Statement] => [`terms of ${table}`, termsStatement(table, filters)],
    ),
    ['standards', standardsStatement(1, filters)],
    [
      'sync (initial)',
      initialPageStatement(filters, { horizon: '1', after: [0, 0], limit: 100, chain: CHAIN }),
    ],
    [
      'sync (delta)',
      deltaPageStatement(filters, { from: '1', to: '2', after: [0, 0], limit: 100, chain: CHAIN }),
    ],
    ['sync (changes since a horizon)', changedSinceStatement('1')],
  ]
}

export type SqlProblem = { statement: string; message: string }

/** PostgreSQL's class 42 (syntax error or access rule violation): a name the database lacks. */
const isMismatch = (error: unknown) => /^42/.test(String((error as { code?: unknown }).code ?? ''))

/**
 * Plans every probe; resolves with the statements the database refuses (none: all well). Other
 * failures (the database away) are thrown: the check says nothing until it can run.
 */
export const checkPartnerSql = async (
  db: Pick<pg.Pool | pg.ClientBase, 'query'>,
  filters: PublicFilters,
): Promise<SqlProblem[]> => {
  const problems: SqlProblem[] = []
  for (const [statement, { text, values }] of probes(filters)) {
    try {
      await db.query(`EXPLAIN ${text}`, values)
    } catch (error) {
      if (!isMismatch(error)) throw error
      problems.push({ statement, message: (error as Error).message })
    }
  }
  return problems
}

/** The problems as the start-up log says them. */
export const describeProblems = (problems: SqlProblem[]) =>
  [
    `The partner API's SQL (graphql/sql/) does not fit the database: ${problems.length} statement(s) refused.`,
    ...problems.map((p) => `  - ${p.statement}: ${p.message}`),
    'A collection field was renamed or removed without graphql/sql/ following it, or the database has',
    'migrations still to run (npm run migrate).',
  ].join('\n')

/** Committed migrations the database has not run yet (none under PAYLOAD_DB_PUSH, which pushes the schema). */
const pendingMigrations = async (db: Pick<pg.Pool, 'query'>): Promise<string[]> =>
  env.PAYLOAD_DB_PUSH === 'true'
    ? []
    : compareMigrations(await committedMigrations(), await appliedMigrations(db)).pending

/**
 * The check as a server runs it at start: a mismatch ends the process (exit 1) with the problems
 * logged. A database that does not answer yet, or has migrations still to run (a release whose
 * migrations run after it starts), is checked again every few seconds in the background, the
 * server serving meanwhile (its /readyz says why it is not ready).
 */
export const verifyPartnerSqlAtStart = async (
  db: Pick<pg.Pool, 'query'>,
  filters: PublicFilters,
  log: (
    level: 'info' | 'warn' | 'error',
    msg: string,
    text: string,
    fields?: Record<string, string | string[]>,
  ) => void,
  retryMs = 5000,
  /** Why the try before this one was put off (said then, so not again). */
  putOff?: string,
): Promise<void> => {
  const later = (why: string) => {
    // Said once per reason, not at every try: a long migration would fill the log (nor again as
    // the count of pending migrations falls while they run).
    const reason = (text?: string) => text?.replace(/\d+/g, 'N')
    if (reason(why) !== reason(putOff)) {
      log(
        'warn',
        'sql-check-later',
        `The partner API's SQL is checked against the database once ${why}; trying again every ${retryMs / 1000} s`,
        { why },
      )
    }
    setTimeout(() => void verifyPartnerSqlAtStart(db, filters, log, retryMs, why), retryMs).unref()
  }
  try {
    const pending = await pendingMigrations(db)
    if (pending.length) return later(`its ${pending.length} pending migration(s) have run`)
    const problems = await checkPartnerSql(db, filters)
    if (problems.length) {
      log('error', 'sql-mismatch', describeProblems(problems), {
        problems: problems.map((p) => `${p.statement}: ${p.message}`),
      })
      process.exit(1)
    }
    if (putOff) log('info', 'sql-check-passed', "The partner API's SQL fits the database")
  } catch (error) {
    later(`it answers (${(error as Error).message})`)
  }
}
