// How each kind of thing the partner API serves is read from Payload's tables: one SQL expression
// that builds the whole record as JSON (all locales included, relations as id lists), tagged with
// its GraphQL type (`__typename`) so that interfaces and unions never guess a type from its fields. Only
// published documents and public columns are ever selected (e-mails, editors' notes never are).
import {
  editionOutdatedSql,
  HUB_LANGUAGES,
  outdatedFieldsSql,
  TRACKED_FIELDS,
} from '../../src/freshness/rules'
import type { PublicFilters } from '../../src/access/publicRules'
import { SERVED, type ServedCollection } from '../../src/servedKinds'
import { Params, type Statement } from '../../src/db/statements'

/**
 * `(SELECT jsonb_object_agg(_locale, {fields}) FROM table_locales WHERE _parent_id = alias.id)`; where
 * change times are kept (src/freshness), each locale also lists its outdated fields (`_outdated`).
 */
export const locales = (table: string, alias: string, fields: Record<string, string>) => {
  const pairs = Object.entries(fields)
    .map(([key, column]) => `'${key}', l.${column}`)
    .join(', ')
  const outdated =
    table in TRACKED_FIELDS
      ? `, '_outdated', ${outdatedFieldsSql(table, `${alias}.id`, 'l._locale::text')}`
      : ''
  return `(SELECT jsonb_object_agg(l._locale, jsonb_build_object(${pairs}${outdated})) FROM ${table}_locales l WHERE l._parent_id = ${alias}.id)`
}

/** Related ids by field (`{ "topics": [3, 1] }`), in the order editors put them. */
const rels = (table: string, alias: string, idColumns: string[]) =>
  `(SELECT jsonb_object_agg(x.path, x.ids) FROM (SELECT r.path, jsonb_agg(coalesce(${idColumns
    .map((c) => `r.${c}`)
    .join(
      ', ',
    )}) ORDER BY r."order") AS ids FROM ${table}_rels r WHERE r.parent_id = ${alias}.id GROUP BY r.path) x)`

const values = (table: string, alias: string) =>
  `(SELECT coalesce(jsonb_agg(v.value ORDER BY v."order"), '[]') FROM ${table} v WHERE v.parent_id = ${alias}.id)`

export const resourceJson = (a: string) => `jsonb_build_object('__typename', 'Resource',
  'id', ${a}.id, 'slug', ${a}.slug, 'publicationDate', ${a}.publication_date, 'datePrecision', ${a}.date_precision,
  'statusFlag', ${a}.status_flag, 'publicationTypeId', ${a}.publication_type_id, 'updatedAt', ${a}.updated_at,
  'coverId', ${a}.cover_id,
  'locales', ${locales('resources', a, { title: 'title', summary: 'summary' })},
  'rels', ${rels('resources', a, ['organisations_id', 'working_groups_id', 'topics_id', 'themes_id', 'audiences_id', 'standards_id', 'media_id'])},
  'countries', ${values('resources_countries', a)},
  'languages', ${values('resources_languages', a)},
  'links', (SELECT coalesce(jsonb_agg(jsonb_build_object('kind', k.kind, 'url', k.url, 'language', k.language,
      'locales', ${locales('resources_links', 'k', { label: 'label' })}) ORDER BY k._order), '[]')
    FROM resources_links k WHERE k._parent_id = ${a}.id)
)`

export const groupJson = (a: string) => `jsonb_build_object('__typename', 'WorkingGroup',
  'id', ${a}.id, 'slug', ${a}.slug, 'shortName', ${a}.short_name, 'kind', ${a}.kind, 'status', ${a}.status,
  'contactEmail', ${a}.contact_email,
  'locales', ${locales('working_groups', a, { name: 'name', summary: 'summary' })},
  'rels', ${rels('working_groups', a, ['organisations_id', 'resources_id'])},
  'leads', (SELECT coalesce(jsonb_agg(jsonb_build_object('personId', d.person_id,
      'locales', ${locales('working_groups_leads', 'd', { role: 'role' })}) ORDER BY d._order), '[]')
    FROM working_groups_leads d WHERE d._parent_id = ${a}.id),
  'priorities', (SELECT coalesce(jsonb_agg(${locales('working_groups_priorities', 'p', { text: 'text' })} ORDER BY p._order), '[]')
    FROM working_groups_priorities p WHERE p._parent_id = ${a}.id)
)`

export const eventJson = (a: string) => `jsonb_build_object('__typename', 'Webinar',
  'id', ${a}.id, 'slug', ${a}.slug, 'kind', ${a}.kind, 'seriesPart', ${a}.series_part, 'seriesOf', ${a}.series_of,
  'startsAt', ${a}.starts_at, 'timeZone', ${a}.startsat_tz, 'durationMinutes', ${a}.duration_minutes,
  'precision', ${a}.precision, 'format', ${a}.format, 'registrationUrl', ${a}.registration_url,
  'recordingUrl', ${a}.recording_url, 'recordingId', ${a}.recording_id,
  'locales', ${locales('events', a, { title: 'title', seriesName: 'series_name', approximateLabel: 'approximate_label', location: 'location', summary: 'summary' })},
  'languages', ${values('events_languages', a)},
  'interpretation', ${values('events_interpretation', a)},
  'rels', ${rels('events', a, ['working_groups_id', 'audiences_id', 'topics_id', 'media_id', 'organisations_id'])},
  'organisedByAlliance', ${a}.organised_by_alliance,
  'sessions', (SELECT coalesce(jsonb_agg(jsonb_build_object('language', n.language, 'startsAt', n.starts_at,
      'timeZone', n.startsat_tz, 'durationMinutes', n.duration_minutes, 'registrationUrl', n.registration_url,
      'recordingUrl', n.recording_url) ORDER BY n.starts_at, n._order), '[]')
    FROM events_sessions n WHERE n._parent_id = ${a}.id),
  'speakers', (SELECT coalesce(jsonb_agg(jsonb_build_object('personId', s.person_id, 'affiliationId', s.affiliation_id,
      'locales', ${locales('events_speakers', 's', { role: 'role' })}) ORDER BY s._order), '[]')
    FROM events_speakers s WHERE s._parent_id = ${a}.id)
)`

export const newsJson = (a: string) => `jsonb_build_object('__typename', 'NewsPost',
  'id', ${a}.id, 'slug', ${a}.slug, 'date', ${a}.date,
  'locales', ${locales('news', a, { title: 'title', summary: 'summary' })},
  'rels', ${rels('news', a, ['working_groups_id', 'resources_id'])}
)`

export const newsletterJson = (a: string) => `jsonb_build_object('__typename', 'Newsletter',
  'id', ${a}.id, 'slug', ${a}.slug, 'issueDate', ${a}.issue_date, 'imageId', ${a}.image_id,
  'locales', ${locales('newsletters', a, { title: 'title' })},
  'sections', (SELECT coalesce(jsonb_agg(jsonb_build_object('kind', s.kind,
      'locales', ${locales('newsletters_sections', 's', { heading: 'heading' })},
      'items', (SELECT coalesce(jsonb_agg(jsonb_build_object('type', i.type, 'url', i.url, 'date', i.date,
          'imageId', i.image_id,
          'locales', ${locales('newsletters_sections_items', 'i', { note: 'note', title: 'title', text: 'text' })},
          'target', (SELECT jsonb_build_object('resource', r.resources_id, 'event', r.events_id,
              'group', r.working_groups_id, 'news', r.news_id)
            FROM newsletters_rels r WHERE r.parent_id = ${a}.id
              AND r.path = 'sections.' || (s._order - 1) || '.items.' || (i._order - 1) || '.reference')
        ) ORDER BY i._order), '[]') FROM newsletters_sections_items i WHERE i._parent_id = s.id)
    ) ORDER BY s._order), '[]') FROM newsletters_sections s WHERE s._parent_id = ${a}.id)
)`

const organisationJson = (
  a: string,
) => `jsonb_build_object('__typename', 'Organisation', 'id', ${a}.id, 'slug', ${a}.slug,
  'shortName', ${a}.short_name, 'website', ${a}.website, 'locales', ${locales('organisations', a, { name: 'name' })})`

const personJson = (
  a: string,
) => `jsonb_build_object('__typename', 'Person', 'id', ${a}.id, 'name', ${a}.name,
  'organisationId', ${a}.organisation_id, 'locales', ${locales('people', a, { jobTitle: 'job_title' })})`

const termJson = (table: string) => (a: string) =>
  `jsonb_build_object('__typename', 'Term', 'id', ${a}.id, 'slug', ${a}.slug, 'taxonomy', '${table}', 'locales', ${locales(table, a, { name: 'name' })})`

const standardJson = (
  a: string,
) => `jsonb_build_object('__typename', 'Standard', 'id', ${a}.id, 'number', ${a}.number, 'pillar', ${a}.pillar,
  'locales', ${locales('standards', a, { title: 'title' })})`

/** A resource's title in a locale (SQL text expression), as readers see it. */
const resourceTitle = (resourceId: string, locale: string) =>
  `(SELECT nullif(rl.title, '') FROM resources_locales rl WHERE rl._parent_id = ${resourceId} AND rl._locale::text = ${locale})`

/**
 * An edition's title: in a hub locale, its resource's title in that locale (never its own); one whose
 * title is not known yet shows the resource's English title.
 */
export const translationTitleSql = (a: string) =>
  `coalesce(CASE WHEN ${a}.language::text IN (${HUB_LANGUAGES.map((l) => `'${l}'`).join(', ')})
      THEN ${resourceTitle(`${a}.resource_id`, `${a}.language::text`)} ELSE nullif(${a}.title, '') END,
    ${resourceTitle(`${a}.resource_id`, "'en'")})`

const translationJson = (a: string) => `jsonb_build_object('__typename', 'Translation',
  'id', ${a}.id, 'language', ${a}.language,
  'title', ${translationTitleSql(a)},
  'url', ${a}.url, 'progress', ${a}.progress, 'format', ${a}.format,
  'sourceEdition', ${a}.source_edition, 'translatedById', ${a}.translated_by_id, 'date', ${a}.date,
  'outdated', ${editionOutdatedSql(a)})`

const fileSize = (a: string, size: string) =>
  `CASE WHEN ${a}.sizes_${size}_filename IS NOT NULL THEN jsonb_build_object('name', '${size}',
    'filename', ${a}.sizes_${size}_filename, 'width', ${a}.sizes_${size}_width, 'height', ${a}.sizes_${size}_height,
    'mimeType', ${a}.sizes_${size}_mime_type, 'filesize', ${a}.sizes_${size}_filesize) END`

/** A file's public facts (never its uploader, nor its text: search reads that itself). */
const fileJson = (a: string) => `jsonb_build_object('id', ${a}.id, 'filename', ${a}.filename,
  'mimeType', ${a}.mime_type, 'filesize', ${a}.filesize, 'width', ${a}.width, 'height', ${a}.height,
  'language', ${a}.language, 'pageCount', ${a}.page_count,
  'sizes', jsonb_build_array(${['thumbnail', 'card', 'large'].map((s) => fileSize(a, s)).join(', ')}),
  'locales', ${locales('media', a, { alt: 'alt', caption: 'caption' })})`

/** A served collection's table and slug (src/servedKinds.ts), whose public rule applies. */
const served = <C extends ServedCollection>(collection: C) =>
  ({ table: SERVED[collection].table, collection }) as const

/** Every kind the loader can fetch by id: its table, its JSON, and which collection's rule applies. */
export const KINDS = {
  resource: { ...served('resources'), json: resourceJson },
  // Bodies are large: read only when asked for, still batched with the page's other lookups.
  resourceBody: {
    ...served('resources'),
    json: (a: string) =>
      `jsonb_build_object('id', ${a}.id, 'locales', ${locales('resources', a, { body: 'body' })})`,
  },
  group: { ...served('working-groups'), json: groupJson },
  event: { ...served('events'), json: eventJson },
  news: { ...served('news'), json: newsJson },
  newsletter: { ...served('newsletters'), json: newsletterJson },
  organisation: { ...served('organisations'), json: organisationJson },
  person: { ...served('people'), json: personJson },
  topic: { ...served('topics'), json: termJson('topics') },
  theme: { ...served('themes'), json: termJson('themes') },
  audience: { ...served('audiences'), json: termJson('audiences') },
  publicationType: { ...served('publication-types'), json: termJson('publication_types') },
  standard: { ...served('standards'), json: standardJson },
  // Files have no public rule of their own (whether one is public depends on who uses it): they
  // are loaded only by the ids a visible resource or webinar holds, never by an id from outside.
  file: { table: 'media', collection: 'media', json: fileJson, throughParents: true },
  translation: {
    ...served('translations'),
    json: translationJson,
    // An edition is served only while the resource it translates is.
    parent: { kind: 'resource', column: 'resource_id' },
  },
} as const satisfies Record<
  string,
  {
    table: string
    collection: string
    json: (alias: string) => string
    parent?: Parent
    throughParents?: true
  }
>

type Parent = { kind: 'resource'; column: string }

export type Kind = keyof typeof KINDS

/**
 * What anonymous readers may see of a kind, as SQL on `alias`: everything, published documents only,
 * or nothing (a hidden collection, or one the API was not told about), and never a child whose
 * parent they may not see.
 */
export const visible = (kind: Kind, alias: string, filters: PublicFilters): string => {
  const entry: { collection: string; parent?: Parent; throughParents?: true } = KINDS[kind]
  if (entry.throughParents) return 'true'
  const own = filters[entry.collection] ?? 'hidden'
  const self =
    own === 'all' ? 'true' : own === 'published' ? `${alias}._status = 'published'` : 'false'
  if (!entry.parent || self === 'false') return self
  const p = `${alias}_parent`
  return `(${self} AND EXISTS (SELECT 1 FROM ${KINDS[entry.parent.kind].table} ${p}
    WHERE ${p}.id = ${alias}.${entry.parent.column} AND ${visible(entry.parent.kind, p, filters)}))`
}

/**
 * Every language resource `id` can be read in, rows of (code, g, o) in the order partners see them:
 * the original's languages (g 0), its published editions' (1), its files' (2, a French pack) and its
 * links' (3, a Spanish video); a code may come more than once.
 */
export const resourceLanguagesSql = (id: string, filters: PublicFilters) =>
  `SELECT v.value::text AS code, 0 AS g, v."order"::bigint AS o FROM resources_languages v WHERE v.parent_id = ${id}
   UNION ALL
   SELECT e.language::text, 1, row_number() OVER (ORDER BY e.id) FROM translations e
     WHERE e.resource_id = ${id} AND ${visible('translation', 'e', filters)}
   UNION ALL
   SELECT f.language::text, 2, r."order"::bigint FROM resources_rels r JOIN media f ON f.id = r.media_id
     WHERE r.parent_id = ${id} AND r.path = 'files' AND f.language IS NOT NULL
   UNION ALL
   SELECT k.language::text, 3, k._order::bigint FROM resources_links k
     WHERE k._parent_id = ${id} AND k.language IS NOT NULL`

/** One SELECT of a kind's rows by id, for a UNION ALL: (kind, key, data). */
const byIds = (kind: Kind, ids: string, filters: PublicFilters) =>
  `SELECT '${kind}' AS kind, t.id AS key, ${KINDS[kind].json('t')} AS data FROM ${KINDS[kind].table} t
   WHERE t.id = ANY(${ids}::int[]) AND ${visible(kind, 't', filters)}`

/** The published translations of resources, oldest first: (kind, resource id, data). */
const translationsOfResources = (ids: string, filters: PublicFilters) =>
  `SELECT 'translationsOf' AS kind, t.resource_id AS key, ${translationJson('t')} AS data FROM translations t
   WHERE t.resource_id = ANY(${ids}::int[]) AND ${visible('translation', 't', filters)}
   ORDER BY t.id`

export type Lookup = Kind | 'translationsOf'

/**
 * Records of several kinds by id (and the editions of resources) in one statement, rows of
 * (kind, key, data): everything a page's resolvers asked for in the same tick.
 */
export const lookupStatement = (
  lookups: [Lookup, number[]][],
  filters: PublicFilters,
): Statement => {
  const params = new Params()
  const selects = lookups.map(([kind, ids]) =>
    kind === 'translationsOf'
      ? translationsOfResources(params.add(ids), filters)
      : byIds(kind, params.add(ids), filters),
  )
  return { text: selects.map((s) => `(${s})`).join('\nUNION ALL\n'), values: params.values }
}
