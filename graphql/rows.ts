// The records the SQL in sql/ returns, which the resolvers turn into the schema's types.
// (codegen maps each GraphQL type to its row: see codegen.ts.)
import type { Locales } from '../src/localeChain'

type Rels<F extends string> = Partial<Record<F, number[]>> | null

export type ResourceRow = {
  __typename: 'Resource'
  id: number
  slug: string
  publicationDate: string | null
  datePrecision: 'day' | 'month' | 'year' | null
  statusFlag: string | null
  publicationTypeId: number | null
  updatedAt: string
  locales: Locales<'title' | 'summary'>
  rels: Rels<
    'publishers' | 'workingGroups' | 'topics' | 'themes' | 'audiences' | 'standards' | 'files'
  >
  coverId: number | null
  countries: string[]
  languages: string[]
  links: LinkRow[]
}
export type LinkRow = {
  kind: string
  url: string
  language: string | null
  locales: Locales<'label'>
}

export type GroupRow = {
  __typename: 'WorkingGroup'
  id: number
  slug: string
  shortName: string | null
  kind: string
  status: string
  contactEmail: string | null
  locales: Locales<'name' | 'summary'>
  rels: Rels<'leadOrganisations' | 'members' | 'keyTools'>
  leads: LeadRow[]
  priorities: Locales<'text'>[]
}
export type LeadRow = { personId: number; locales: Locales<'role'> }

export type EventRow = {
  __typename: 'Webinar'
  id: number
  slug: string
  kind: string
  seriesPart: number | null
  seriesOf: number | null
  startsAt: string
  timeZone: string
  durationMinutes: number | null
  precision: string
  format: string
  registrationUrl: string | null
  recordingUrl: string | null
  recordingId: number | null
  locales: Locales<'title' | 'seriesName' | 'approximateLabel' | 'location' | 'summary'>
  languages: string[]
  interpretation: string[]
  rels: Rels<'workingGroups' | 'audiences' | 'topics' | 'organisingOrganisations' | 'attachments'>
  speakers: SpeakerRow[]
  organisedByAlliance: boolean | null
  sessions: SessionRow[] | null
}
/** One session of a webinar held several times. */
export type SessionRow = {
  language: string
  startsAt: string
  timeZone: string
  durationMinutes: number | null
  registrationUrl: string | null
  recordingUrl: string | null
}
export type SpeakerRow = {
  personId: number
  affiliationId: number | null
  locales: Locales<'role'>
}

export type NewsRow = {
  __typename: 'NewsPost'
  id: number
  slug: string
  date: string | null
  locales: Locales<'title' | 'summary'>
  rels: Rels<'workingGroups' | 'resources'>
}

export type NewsletterRow = {
  __typename: 'Newsletter'
  id: number
  slug: string
  issueDate: string
  imageId: number | null
  locales: Locales<'title'>
  sections: SectionRow[]
}
export type SectionRow = { kind: string; locales: Locales<'heading'>; items: ItemRow[] }
export type ItemRow = {
  type: 'reference' | 'free'
  url: string | null
  imageId: number | null
  date: string | null
  locales: Locales<'note' | 'title' | 'text'>
  target: {
    resource: number | null
    event: number | null
    group: number | null
    news: number | null
  } | null
}

/** A file (media record) as the partner API reads it: only through a visible parent. */
export type FileRow = {
  id: number
  filename: string
  mimeType: string
  filesize: number
  width: number | null
  height: number | null
  language: string | null
  pageCount: number | null
  sizes: (ImageSizeRow | null)[]
  locales: Locales<'alt' | 'caption'>
}
export type ImageSizeRow = {
  name: 'thumbnail' | 'card' | 'large'
  filename: string
  width: number
  height: number
  mimeType: string
  filesize: number
}
/** Where a search found a resource (read with the listing's page). */
export type SearchMatchRow = {
  in: 'TITLE' | 'SUMMARY' | 'FILE'
  fileId: number | null
  snippet: string
}

export type OrganisationRow = {
  __typename: 'Organisation'
  id: number
  slug: string
  shortName: string | null
  website: string | null
  locales: Locales<'name'>
}
export type PersonRow = {
  __typename: 'Person'
  id: number
  name: string
  organisationId: number | null
  locales: Locales<'jobTitle'>
}
export type TermRow = {
  __typename: 'Term'
  id: number
  slug: string
  taxonomy: string
  locales: Locales<'name'>
}
export type StandardRow = {
  __typename: 'Standard'
  id: number
  number: number
  pillar: string
  locales: Locales<'title'>
}
export type TranslationRow = {
  __typename: 'Translation'
  id: number
  language: string
  title: string
  url: string | null
  progress: string
  format: string
  sourceEdition: string | null
  translatedById: number | null
  date: string | null
  outdated: boolean
}

/** What a connection resolver returns; `totalCount` runs its query only when asked for. */
export type ConnectionResult<T> = {
  edges: { cursor: string; node: T }[]
  pageInfo: {
    hasNextPage: boolean
    hasPreviousPage: boolean
    startCursor: string | null
    endCursor: string | null
  }
  totalCount: () => Promise<number>
}

export type Edge<T> = { cursor: string; node: T }
export type ResourceConnectionResult = ConnectionResult<ResourceRow>
export type GroupConnectionResult = ConnectionResult<GroupRow>
export type EventConnectionResult = ConnectionResult<EventRow>
export type NewsConnectionResult = ConnectionResult<NewsRow>
export type NewsletterConnectionResult = ConnectionResult<NewsletterRow>
export type ResourceEdgeRow = Edge<ResourceRow> & { extra?: SearchMatchRow | null }
export type GroupEdgeRow = Edge<GroupRow>
export type EventEdgeRow = Edge<EventRow>
export type NewsEdgeRow = Edge<NewsRow>
export type NewsletterEdgeRow = Edge<NewsletterRow>

/** A page of a sync: records as the loaders read them, and tombstones. */
export type SyncPageResult = {
  initial: boolean
  upserts: Record<string, unknown>[]
  tombstones: { id: string; typename: string }[]
  hasMore: boolean
  token: string
}
