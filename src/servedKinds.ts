// The kinds of record the hub serves to partners, once: for each collection, its table, the
// partner API's type (and the qualifier that tells the four taxonomies' terms apart), the
// loader's kind, and the label editors see. The change log's cache tags, webhooks' events, global
// ids, previews and the partner API's SQL all derive from this table.

export type ServedKind = {
  /** The table Payload keeps the collection in. */
  table: string
  /** The partner API's type. */
  type: string
  /** Terms of several taxonomies share the type `Term`: their ids and tags say which. */
  qualifier?: string
  /** The partner API's loader kind (graphql/sql/entities.ts). */
  kind: string
  /** What editors see (webhook settings). */
  label: string
  /** Editors can preview a draft of it on the site. */
  previewable?: true
}

export const SERVED = {
  resources: {
    table: 'resources',
    type: 'Resource',
    kind: 'resource',
    label: 'Resources',
    previewable: true,
  },
  translations: {
    table: 'translations',
    type: 'Translation',
    kind: 'translation',
    label: 'Translations (language editions)',
  },
  'working-groups': {
    table: 'working_groups',
    type: 'WorkingGroup',
    kind: 'group',
    label: 'Working groups',
    previewable: true,
  },
  events: {
    table: 'events',
    type: 'Webinar',
    kind: 'event',
    label: 'Events and webinars',
    previewable: true,
  },
  news: { table: 'news', type: 'NewsPost', kind: 'news', label: 'News', previewable: true },
  newsletters: {
    table: 'newsletters',
    type: 'Newsletter',
    kind: 'newsletter',
    label: 'Newsletters',
    previewable: true,
  },
  organisations: {
    table: 'organisations',
    type: 'Organisation',
    kind: 'organisation',
    label: 'Organisations',
  },
  people: { table: 'people', type: 'Person', kind: 'person', label: 'People' },
  standards: { table: 'standards', type: 'Standard', kind: 'standard', label: 'CPMS standards' },
  topics: { table: 'topics', type: 'Term', qualifier: 'topic', kind: 'topic', label: 'Topics' },
  themes: { table: 'themes', type: 'Term', qualifier: 'theme', kind: 'theme', label: 'Themes' },
  audiences: {
    table: 'audiences',
    type: 'Term',
    qualifier: 'audience',
    kind: 'audience',
    label: 'Audiences',
  },
  'publication-types': {
    table: 'publication_types',
    type: 'Term',
    qualifier: 'publicationType',
    kind: 'publicationType',
    label: 'Publication types',
  },
} as const satisfies Record<string, ServedKind>

export type ServedCollection = keyof typeof SERVED
export type ServedType = (typeof SERVED)[ServedCollection]['type']

export const SERVED_COLLECTIONS = Object.keys(SERVED) as ServedCollection[]

/** The partner API's types of record, each once, in the table's order. */
export const SERVED_TYPES = [...new Set(Object.values(SERVED).map((s) => s.type))] as ServedType[]

export const isServed = (collection: string): collection is ServedCollection =>
  Object.hasOwn(SERVED, collection)

/** A served kind, its type narrowed to the partner API's types. */
export type Served = Omit<ServedKind, 'type'> & { type: ServedType }

/** What a collection is served as, or undefined for one partners never see (users, media…). */
export const servedAs = (collection: string): Served | undefined =>
  isServed(collection) ? SERVED[collection] : undefined

/** Payload's table for a collection slug (`working-groups` → `working_groups`). */
export const tableOf = (collection: string) => collection.replace(/-/g, '_')

type Previewable = {
  [C in ServedCollection]: (typeof SERVED)[C] extends { previewable: true } ? C : never
}[ServedCollection]
export type PreviewCollection = Previewable
export const PREVIEWABLE = Object.fromEntries(
  SERVED_COLLECTIONS.filter((c) => 'previewable' in SERVED[c]).map((c) => [c, SERVED[c].type]),
) as { [C in Previewable]: (typeof SERVED)[C]['type'] }
