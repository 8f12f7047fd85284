// The records of a planned operation (graphql/plan/execute.ts) as SQL: each selection set becomes one
// json_build_object with exactly the fields asked for, under their response keys and in their
// order, so that PostgreSQL builds the answer's JSON and the server only passes it on. Every field
// here gives what its resolver gives (graphql/schema/*); a field not listed here is not planned,
// and the whole operation then runs through the resolvers.
import { type FieldNode, parse, type SelectionSetNode } from 'graphql'

import { outdatedFieldsSql, TRACKED_FIELDS } from '../../src/freshness/rules'
import type { PublicFilters } from '../access'
import type { Kind } from '../sql/entities'
import { KINDS, visible } from '../sql/entities'
import type { RecordJson } from '../sql/listing'
import type { Params } from '../sql/params'

export type PlanContext = {
  params: Params
  filters: PublicFilters
  /** The placeholder of the locale chain as text[], bound when first used. */
  chain: () => string
}

/** SQL for one field of a record `alias`, or undefined when it cannot be planned. */
type FieldSql = (alias: string, field: FieldNode, ctx: PlanContext) => string | undefined

/** json_build_object takes at most 100 arguments: 50 fields. */
const MAX_FIELDS = 50

/** The response keys and fields of a selection set, if it is plain fields, each key once. */
export const plainFields = (selectionSet: SelectionSetNode | undefined) => {
  if (!selectionSet) return undefined
  const fields: [string, FieldNode][] = []
  const keys = new Set<string>()
  for (const selection of selectionSet.selections) {
    // Fragments, @include/@skip and repeated keys (which graphql-js merges) go to the resolvers.
    if (selection.kind !== 'Field' || selection.directives?.length) return undefined
    const key = selection.alias?.value ?? selection.name.value
    if (keys.has(key)) return undefined
    keys.add(key)
    fields.push([key, selection])
  }
  return fields.length > MAX_FIELDS ? undefined : fields
}

/** A SQL string literal of a name this code chose (a type or key), never of a stranger's value. */
const literal = (name: string) => {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`Not a GraphQL name: ${name}`)
  return `'${name}'`
}

/** json_build_object over `fields`, or undefined when one of them cannot be planned. */
const objectOf = (
  type: string,
  fields: Record<string, FieldSql>,
  alias: string,
  selectionSet: SelectionSetNode | undefined,
  ctx: PlanContext,
) => {
  const selected = plainFields(selectionSet)
  if (!selected) return undefined
  const pairs: string[] = []
  for (const [key, field] of selected) {
    const name = field.name.value
    const sql =
      name === '__typename'
        ? literal(type)
        : field.arguments?.length
          ? undefined
          : fields[name]?.(alias, field, ctx)
    if (sql === undefined) return undefined
    pairs.push(`${literal(key)}, ${sql}`)
  }
  return `json_build_object(${pairs.join(', ')})`
}

/**
 * A value that the schema says is never null: when it is (a published record missing it), the
 * statement fails with a data exception, and the resolvers answer instead, with their error.
 * (`0 * id` keeps PostgreSQL from folding the division away at planning time.)
 */
const nonNull = (expr: string, alias: string) =>
  `coalesce((${expr})::text, (1 / (0 * ${alias}.id))::text)`

const column =
  (name: string, required = false): FieldSql =>
  (alias) =>
    required ? nonNull(`${alias}.${name}`, alias) : `${alias}.${name}`

/** A global id: base64url of `Type:id` (or `Type:qualifier:id`), as graphql/ids.ts makes them. */
const globalId =
  (type: string, qualifier?: string): FieldSql =>
  (alias) =>
    `rtrim(translate(encode(convert_to(${literal(type)} || ':' || ${qualifier ? `${literal(qualifier)} || ':' || ` : ''}${alias}.id, 'UTF8'), 'base64'), E'+/\\n', '-_'), '=')`

/** A date (`2024-12-28`) from a timestamp column, as its JSON text begins. */
const dateOf =
  (name: string): FieldSql =>
  (alias) =>
    `left(to_json(${alias}.${name}) #>> '{}', 10)`

/** An instant in UTC with milliseconds, as JavaScript's toISOString writes it. */
const instantOf =
  (name: string): FieldSql =>
  (alias) =>
    nonNull(`to_char(${alias}.${name} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`, alias)

/** A whole number of a numeric column; a fraction fails over to the resolvers (Int's error). */
const wholeNumber =
  (name: string): FieldSql =>
  (alias) =>
    `CASE WHEN ${alias}.${name} = trunc(${alias}.${name}) THEN ${alias}.${name}::int
      WHEN ${alias}.${name} IS NOT NULL THEN 1 / (0 * ${alias}.id) END`

/**
 * A `Translated` text: the first locale of the chain with a non-empty value, its locale in capitals,
 * and whether it is outdated (a translation whose English source changed after it).
 */
const translatedText =
  (table: string, columnName: string, field = columnName): FieldSql =>
  (alias, node, ctx) => {
    const outdated =
      table in TRACKED_FIELDS
        ? `coalesce(${outdatedFieldsSql(table, `${alias}.id`, 'l._locale::text')} ? ${literal(field)}, false)`
        : 'false'
    const found = objectOf(
      'Translated',
      {
        text: () => `l.${columnName}`,
        locale: () => 'upper(l._locale::text)',
        outdated: () => outdated,
      },
      alias,
      node.selectionSet,
      ctx,
    )
    const none = objectOf(
      'Translated',
      { text: () => 'NULL::text', locale: () => 'NULL::text', outdated: () => 'false' },
      alias,
      node.selectionSet,
      ctx,
    )
    if (!found || !none) return undefined
    return `coalesce((SELECT ${found} FROM ${table}_locales l
      WHERE l._parent_id = ${alias}.id AND l._locale::text = ANY(${ctx.chain()}) AND l.${columnName} IS NOT NULL AND l.${columnName} <> ''
      ORDER BY array_position(${ctx.chain()}, l._locale::text) LIMIT 1), ${none})`
  }

/** The records readers may see that a relation field holds, in the editors' order. */
const related =
  (table: string, path: string, idColumn: string, kind: Kind, type: string): FieldSql =>
  (alias, node, ctx) => {
    const target = `${alias}_${path}`
    const object = RECORDS[type]?.(target, node.selectionSet, ctx)
    if (!object) return undefined
    return `(SELECT coalesce(json_agg(${object} ORDER BY r."order"), '[]') FROM ${table}_rels r
      JOIN ${KINDS[kind].table} ${target} ON ${target}.id = r.${idColumn}
      WHERE r.parent_id = ${alias}.id AND r.path = ${literal(path)} AND ${visible(kind, target, ctx.filters)})`
  }

/**
 * A resource's languages: its own, then those of its published editions, each once. Only `code`
 * is planned (names come from a JavaScript table).
 */
const availableLanguages: FieldSql = (alias, node, ctx) => {
  const object = objectOf('Language', { code: () => 'x.code' }, alias, node.selectionSet, ctx)
  if (!object) return undefined
  return `(SELECT coalesce(json_agg(${object} ORDER BY x.g, x.o), '[]') FROM (
      SELECT DISTINCT ON (y.code) y.code, y.g, y.o FROM (
        SELECT v.value::text AS code, 0 AS g, v."order" AS o FROM resources_languages v WHERE v.parent_id = ${alias}.id
        UNION ALL
        SELECT e.language::text, 1, row_number() OVER (ORDER BY e.id) FROM translations e
          WHERE e.resource_id = ${alias}.id AND ${visible('translation', 'e', ctx.filters)}
      ) y ORDER BY y.code, y.g, y.o) x)`
}

type RecordSql = (
  alias: string,
  selectionSet: SelectionSetNode | undefined,
  ctx: PlanContext,
) => string | undefined

const record =
  (type: string, fields: Record<string, FieldSql>): RecordSql =>
  (alias, selectionSet, ctx) =>
    objectOf(type, fields, alias, selectionSet, ctx)

const term = (taxonomy: string, table: string) =>
  record('Term', {
    id: globalId('Term', taxonomy),
    slug: column('slug', true),
    name: translatedText(table, 'name'),
  })

/** The record types that can be planned, by GraphQL type (and taxonomy, for terms). */
export const RECORDS: Record<string, RecordSql> = {
  Resource: record('Resource', {
    id: globalId('Resource'),
    slug: column('slug', true),
    publicationDate: dateOf('publication_date'),
    title: translatedText('resources', 'title'),
    summary: translatedText('resources', 'summary'),
    workingGroups: related(
      'resources',
      'workingGroups',
      'working_groups_id',
      'group',
      'WorkingGroup',
    ),
    topics: related('resources', 'topics', 'topics_id', 'topic', 'Term:topic'),
    themes: related('resources', 'themes', 'themes_id', 'theme', 'Term:theme'),
    audiences: related('resources', 'audiences', 'audiences_id', 'audience', 'Term:audience'),
    publishers: related(
      'resources',
      'publishers',
      'organisations_id',
      'organisation',
      'Organisation',
    ),
    availableLanguages,
  }),
  Webinar: record('Webinar', {
    id: globalId('Webinar'),
    slug: column('slug', true),
    title: translatedText('events', 'title'),
    summary: translatedText('events', 'summary'),
    startsAt: instantOf('starts_at'),
    durationMinutes: wholeNumber('duration_minutes'),
    timeZone: column('startsat_tz', true),
  }),
  WorkingGroup: record('WorkingGroup', {
    id: globalId('WorkingGroup'),
    slug: column('slug', true),
    name: translatedText('working_groups', 'name'),
  }),
  Organisation: record('Organisation', {
    id: globalId('Organisation'),
    slug: column('slug', true),
    name: translatedText('organisations', 'name'),
  }),
  'Term:topic': term('topic', 'topics'),
  'Term:theme': term('theme', 'themes'),
  'Term:audience': term('audience', 'audiences'),
}

/** Every field the plan can build, by type: what the start-up check plans (graphql/sql/check.ts). */
const EVERY_FIELD: Record<'Resource' | 'Webinar', string> = {
  Resource: `{ __typename id slug publicationDate title { text locale outdated } summary { text locale outdated }
    workingGroups { id slug name { text locale outdated } } topics { id slug name { text } } themes { id slug name { text } }
    audiences { id slug name { text } } publishers { id slug name { text } } availableLanguages { code } }`,
  Webinar: `{ __typename id slug title { text locale outdated } summary { text locale outdated } startsAt durationMinutes timeZone }`,
}

/** A record of `type` with every plannable field, as a page or slug statement builds it. */
export const everyFieldJson =
  (type: keyof typeof EVERY_FIELD, filters: PublicFilters, chain: string[]): RecordJson =>
  (alias, params) => {
    const query = parse(`{ probe ${EVERY_FIELD[type]} }`)
    const field = (query.definitions[0] as { selectionSet: SelectionSetNode }).selectionSet
      .selections[0] as FieldNode
    let placeholder: string | undefined
    const sql = RECORDS[type]!(alias, field.selectionSet, {
      params,
      filters,
      chain: () => (placeholder ??= `${params.add(chain)}::text[]`),
    })
    if (!sql) throw new Error(`The plan cannot build every field of ${type}`)
    return sql
  }
