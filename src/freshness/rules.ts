// What "outdated" means, stated once and used by the admin and the partner API alike (plain SQL
// text, no Payload import: the partner API reads the database without the admin's config).
//
// - A text in French, Spanish or Arabic is outdated when the English text of the same field
//   (English is the source every translation is made from) changed after it did.
// - A Translation edition is outdated when its resource's English summary or body (the summary only,
//   for an edition that translates the summary) changed after the edition's own content did. The
//   title is left out on purpose: retitling the English record does not change the document an
//   edition translates, and an edition in a hub locale takes its title from the resource anyway.
// Times come from src/freshness/table.ts; a text with no time yet predates tracking (-infinity).
import { LOCALE_CODES } from '../locales'
import { TEXT_CHANGES_TABLE } from './table'

export const SOURCE_LOCALE = 'en'

/** Top-level localized fields whose change times are kept, by collection (columns of `_locales`). */
export const TRACKED_FIELDS = { resources: ['title', 'summary', 'body'] } as const
export type TrackedField = (typeof TRACKED_FIELDS.resources)[number]

/** The row an edition's own content change is kept in: (translations, id, 'edition', '*'). */
export const EDITION_FIELD = 'edition'

/**
 * The columns of `translations` that are an edition's content: a change to any of them is the
 * edition being (re)made. Progress, the translating organisation and notes are not.
 */
export const EDITION_CONTENT = [
  'title',
  'file_id',
  'url',
  'source_edition',
  'date',
  'format',
  'language',
  'resource_id',
] as const

/** The English fields an edition of this format follows. */
export const EDITION_SOURCE_FIELDS = { full: ['summary', 'body'], summary: ['summary'] } as const

/** Hub locales: an edition in one of these takes its title from the resource's (item 4). */
export const HUB_LANGUAGES = LOCALE_CODES
export const isHubLanguage = (code: unknown): code is (typeof HUB_LANGUAGES)[number] =>
  (HUB_LANGUAGES as readonly unknown[]).includes(code)

const T = TEXT_CHANGES_TABLE

/**
 * SQL: a JSON object `{ field: "<when English changed>" }` of the fields of a document whose text in
 * `locale` is outdated (null when none), for `collection` and the document id `docId` (SQL
 * expressions). Only texts that exist count: a missing translation is missing, not outdated.
 */
export const outdatedFieldsSql = (collection: string, docId: string, locale: string) =>
  `(SELECT jsonb_object_agg(hub_src.field, hub_src.changed_at) FROM ${T} hub_src
    JOIN ${T} hub_own ON hub_own.collection = hub_src.collection
      AND hub_own.doc_id = hub_src.doc_id AND hub_own.field = hub_src.field
      AND hub_own.locale = ${locale}
    WHERE hub_src.collection = '${collection}' AND hub_src.doc_id = ${docId}
      AND hub_src.locale = '${SOURCE_LOCALE}' AND ${locale} <> '${SOURCE_LOCALE}'
      AND hub_src.changed_at > hub_own.changed_at)`

/** SQL: when the edition `alias` (a `translations` row) last changed its own content. */
export const editionChangedSql = (alias: string) =>
  `coalesce((SELECT hub_ed.changed_at FROM ${T} hub_ed WHERE hub_ed.collection = 'translations'
    AND hub_ed.doc_id = ${alias}.id AND hub_ed.field = '${EDITION_FIELD}' AND hub_ed.locale = '*'), '-infinity')`

/** SQL: whether the edition `alias` is outdated (boolean, never null). */
export const editionOutdatedSql = (alias: string) =>
  `EXISTS (SELECT 1 FROM ${T} hub_src WHERE hub_src.collection = 'resources' AND hub_src.doc_id = ${alias}.resource_id
    AND hub_src.locale = '${SOURCE_LOCALE}'
    AND (hub_src.field = 'summary' OR (hub_src.field = 'body' AND ${alias}.format::text = 'full'))
    AND hub_src.changed_at > ${editionChangedSql(alias)})`
