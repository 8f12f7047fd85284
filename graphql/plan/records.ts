// The records of a planned operation (graphql/plan/execute.ts) as SQL: each selection set becomes one
// json_build_object with exactly the fields asked for, under their response keys and in their
// order, so that PostgreSQL builds the answer's JSON and the server only passes it on. Every field
// here gives what its resolver gives (graphql/schema/*); a field not listed here is not planned,
// and the whole operation then runs through the resolvers.
import {
  buildSchema,
  type FieldNode,
  getNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
  isLeafType,
  isObjectType,
  parse,
  type SelectionSetNode,
} from 'graphql'
import { readFileSync } from 'node:fs'
import path from 'node:path'

import countries from 'i18n-iso-countries'
import ISO6391 from 'iso-639-1'

import { editionOutdatedSql, outdatedFieldsSql, TRACKED_FIELDS } from '../../src/freshness/rules'
import type { PublicFilters } from '../../src/access/publicRules'
import type { Kind } from '../sql/entities'
import { KINDS, resourceLanguagesSql, translationTitleSql, visible } from '../sql/entities'
import { firstAlongChainSql, type Locale } from '../../src/localeChain'
import { country, language } from '../schema/shared'
import type { RecordJson } from '../sql/listing'
import type { Params } from '../../src/db/statements'

export type PlanContext = {
  params: Params
  filters: PublicFilters
  /** The locale chain of the operation. */
  locales: string[]
  /** A value bound once per statement under `key` (the chain, a table of names), as its placeholder. */
  bound: (key: string, value: () => unknown, cast: string) => string
}

/** The placeholder of the locale chain, as text[]. */
const chainOf = (ctx: PlanContext) => ctx.bound('chain', () => ctx.locales, 'text[]')

/** A PlanContext over `params`: each value bound the first time a field needs it. */
export const planContext = (
  params: Params,
  filters: PublicFilters,
  locales: string[],
): PlanContext => {
  const placeholders = new Map<string, string>()
  return {
    params,
    filters,
    locales,
    bound: (key, value, cast) => {
      let placeholder = placeholders.get(key)
      if (!placeholder) placeholders.set(key, (placeholder = `${params.add(value())}::${cast}`))
      return placeholder
    },
  }
}

/**
 * SQL for one field of a record `alias`, or undefined when it cannot be planned. A field that holds
 * records (a relation) names their entry of RECORDS in `record`.
 */
type FieldSql = ((alias: string, field: FieldNode, ctx: PlanContext) => string | undefined) & {
  record?: string
}

/** A field of the records of RECORDS[record]. */
const holding = (
  record: string,
  sql: (alias: string, field: FieldNode, ctx: PlanContext) => string | undefined,
): FieldSql => Object.assign(sql, { record })

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
 * A division by zero that PostgreSQL cannot fold away at planning time (it depends on the row): the
 * data exception that sends an operation to the resolvers when a published record breaks a promise
 * of the schema (a null where it says never, a fraction where it says Int). They give the error.
 */
const fail = (alias: string) => `(1 / (0 * length(${alias}.id::text)))`

/** A text the schema says is never null. */
const nonNull = (expr: string, alias: string) => `coalesce((${expr})::text, ${fail(alias)}::text)`

const column =
  (name: string, required = false): FieldSql =>
  (alias) =>
    required ? nonNull(`${alias}.${name}`, alias) : `${alias}.${name}`

/** A global id: base64url of `Type:id` (or `Type:qualifier:id`), as src/ids.ts makes them. */
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
  (name: string, required = false): FieldSql =>
  (alias) =>
    `CASE WHEN ${alias}.${name} = trunc(${alias}.${name}) THEN ${alias}.${name}::int
      WHEN ${alias}.${name} IS NOT NULL${required ? ` OR ${alias}.${name} IS NULL` : ''} THEN ${fail(alias)} END`

/**
 * A `Translated` text: the first locale of the chain with a non-empty value (src/localeChain.ts's
 * rule, through its SQL twin), its locale in capitals, and whether it is outdated (a translation
 * whose English source changed after it).
 */
const translatedText =
  (table: string, columnName: string, field = columnName): FieldSql =>
  (alias, node, ctx) => {
    const row = 'l'
    const outdated =
      table in TRACKED_FIELDS
        ? `coalesce(${outdatedFieldsSql(table, `${alias}.id`, `${row}._locale::text`)} ? ${literal(field)}, false)`
        : 'false'
    const found = objectOf(
      'Translated',
      {
        text: () => `${row}.${columnName}`,
        locale: () => `upper(${row}._locale::text)`,
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
    const first = firstAlongChainSql({
      table: `${table}_locales`,
      column: columnName,
      parentId: `${alias}.id`,
      chain: chainOf(ctx),
      length: ctx.locales.length,
      select: found,
      row,
    })
    return `coalesce(${first}, ${none})`
  }

/** The records readers may see that a relation field holds, in the editors' order. */
const related = (
  table: string,
  path: string,
  idColumn: string,
  kind: Kind,
  type: string,
): FieldSql =>
  holding(type, (alias, node, ctx) => {
    const target = `${alias}_${path}`
    const rels = `${target}_r`
    const object = RECORDS[type]?.(target, node.selectionSet, ctx)
    if (!object) return undefined
    const shown = visible(kind, target, ctx.filters)
    const from = `FROM ${table}_rels ${rels} WHERE ${rels}.parent_id = ${alias}.id AND ${rels}.path = ${literal(path)}`
    // When the records show nothing of their own row but its id (a topic's name is in its locales
    // table) and every one of them is shown, the relation's ids are enough: no join. (A rels row's
    // id column is set, and its record there, by its foreign key.)
    if (shown === 'true' && !new RegExp(`\\b${target}\\.(?!id\\b)`).test(object)) {
      const byId = object.replace(new RegExp(`\\b${target}\\.id\\b`, 'g'), `${rels}.${idColumn}`)
      return `(SELECT coalesce(json_agg(${byId} ORDER BY ${rels}."order"), '[]') ${from} AND ${rels}.${idColumn} IS NOT NULL)`
    }
    return `(SELECT coalesce(json_agg(${object} ORDER BY ${rels}."order"), '[]') FROM ${table}_rels ${rels}
      JOIN ${KINDS[kind].table} ${target} ON ${target}.id = ${rels}.${idColumn}
      WHERE ${rels}.parent_id = ${alias}.id AND ${rels}.path = ${literal(path)} AND ${shown})`
  })

/** Languages' names by code, as graphql/schema/shared.ts `language()` gives them, in JSON. */
let languageNames: string | undefined
const LANGUAGE_NAMES = () =>
  (languageNames ??= JSON.stringify(
    Object.fromEntries(
      ISO6391.getAllCodes().map((code) => {
        const { name, nativeName } = language(code)
        return [code, { name, nativeName }]
      }),
    ),
  ))

/** Countries' names in a locale, as `country()` gives them (that locale, else English, else the code). */
const countryNames = new Map<string, string>()
const COUNTRY_NAMES = (locale: string) => {
  let names = countryNames.get(locale)
  if (!names) {
    const codes = Object.keys(countries.getAlpha2Codes())
    names = JSON.stringify(
      Object.fromEntries(codes.map((code) => [code, country(code, [locale as Locale]).name])),
    )
    countryNames.set(locale, names)
  }
  return names
}

/** A `Language` of the code `code` (SQL text). */
const languageObject = (code: string, alias: string, node: FieldNode, ctx: PlanContext) => {
  const names = () => ctx.bound('languages', LANGUAGE_NAMES, 'jsonb')
  return objectOf(
    'Language',
    {
      code: () => code,
      name: () => `coalesce(${names()} -> ${code} ->> 'name', ${code})`,
      nativeName: () => `coalesce(${names()} -> ${code} ->> 'nativeName', ${code})`,
    },
    alias,
    node.selectionSet,
    ctx,
  )
}

/** A resource's languages: its own, its published editions', its files' and links', each once. */
const availableLanguages: FieldSql = (alias, node, ctx) => {
  const object = languageObject('x.code', alias, node, ctx)
  if (!object) return undefined
  return `(SELECT coalesce(json_agg(${object} ORDER BY x.g, x.o), '[]') FROM (
      SELECT DISTINCT ON (y.code) y.code, y.g, y.o FROM (${resourceLanguagesSql(`${alias}.id`, ctx.filters)}) y
      ORDER BY y.code, y.g, y.o) x)`
}

/** A resource's countries, in the editors' order, named in the chain's first locale. */
const resourceCountries: FieldSql = (alias, node, ctx) => {
  const names = () => ctx.bound('countries', () => COUNTRY_NAMES(ctx.locales[0] ?? 'en'), 'jsonb')
  const object = objectOf(
    'Country',
    {
      code: () => 'v.value::text',
      name: () => `coalesce(${names()} ->> v.value::text, v.value::text)`,
    },
    alias,
    node.selectionSet,
    ctx,
  )
  if (!object) return undefined
  return `(SELECT coalesce(json_agg(${object} ORDER BY v."order"), '[]') FROM resources_countries v
    WHERE v.parent_id = ${alias}.id)`
}

/** An enum's value as the schema spells it: `task-force` → `TASK_FORCE` (toEnum in shared.ts). */
const enumOf =
  (name: string, required = false): FieldSql =>
  (alias) => {
    const value = `upper(replace(${alias}.${name}::text, '-', '_'))`
    return required ? nonNull(value, alias) : value
  }

/** The one record a to-one relation column holds, if readers may see it; else null. */
const relatedOne = (idColumn: string, kind: Kind, type: string): FieldSql =>
  holding(type, (alias, node, ctx) => {
    const target = `${alias}_${idColumn}`
    const object = RECORDS[type]?.(target, node.selectionSet, ctx)
    if (!object) return undefined
    return `(SELECT ${object} FROM ${KINDS[kind].table} ${target}
      WHERE ${target}.id = ${alias}.${idColumn} AND ${visible(kind, target, ctx.filters)})`
  })

/** A resource's published editions, oldest first. */
const editions = holding('Translation', (alias, node, ctx) => {
  const target = `${alias}_e`
  const object = RECORDS.Translation!(target, node.selectionSet, ctx)
  if (!object) return undefined
  return `(SELECT coalesce(json_agg(${object} ORDER BY ${target}.id), '[]') FROM translations ${target}
    WHERE ${target}.resource_id = ${alias}.id AND ${visible('translation', target, ctx.filters)})`
})

/** A resource's links, in the editors' order. */
const links = holding('Link', (alias, node, ctx) => {
  const target = `${alias}_k`
  const object = RECORDS.Link!(target, node.selectionSet, ctx)
  if (!object) return undefined
  return `(SELECT coalesce(json_agg(${object} ORDER BY ${target}._order), '[]') FROM resources_links ${target}
    WHERE ${target}._parent_id = ${alias}.id)`
})

type RecordSql = (
  alias: string,
  selectionSet: SelectionSetNode | undefined,
  ctx: PlanContext,
) => string | undefined

/** A record type the plan builds: its SQL, its GraphQL type and the table of its plannable fields. */
type PlannedRecord = RecordSql & { type: string; fields: Record<string, FieldSql> }

const record = (type: string, fields: Record<string, FieldSql>): PlannedRecord =>
  Object.assign<RecordSql, Pick<PlannedRecord, 'type' | 'fields'>>(
    (alias, selectionSet, ctx) => objectOf(type, fields, alias, selectionSet, ctx),
    { type, fields },
  )

const term = (taxonomy: string, table: string) =>
  record('Term', {
    id: globalId('Term', taxonomy),
    slug: column('slug', true),
    name: translatedText(table, 'name'),
  })

/**
 * The record types that can be planned, by GraphQL type (and taxonomy, for terms): THE table of
 * plannable fields. What the start-up check plans and the property test draws from derive from it
 * (`plannableFields`).
 */
export const RECORDS: Record<string, PlannedRecord> = {
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
    standards: related('resources', 'standards', 'standards_id', 'standard', 'Standard'),
    publicationType: relatedOne('publication_type_id', 'publicationType', 'Term:publicationType'),
    countries: resourceCountries,
    availableLanguages,
    translations: editions,
    links,
  }),
  Standard: record('Standard', {
    id: globalId('Standard'),
    number: wholeNumber('number', true),
    pillar: (alias) => `coalesce(${alias}.pillar::text::int, ${fail(alias)})`,
    title: translatedText('standards', 'title'),
  }),
  Translation: record('Translation', {
    id: globalId('Translation'),
    language: (alias, node, ctx) => languageObject(`${alias}.language::text`, alias, node, ctx),
    title: (alias) => nonNull(translationTitleSql(alias), alias),
    url: column('url'),
    progress: enumOf('progress', true),
    format: enumOf('format', true),
    date: dateOf('date'),
    outdated: (alias) => editionOutdatedSql(alias),
    isStale: (alias) => editionOutdatedSql(alias),
  }),
  Link: record('Link', {
    kind: enumOf('kind', true),
    url: column('url', true),
    label: translatedText('resources_links', 'label'),
    language: (alias, node, ctx) => {
      const object = languageObject(`${alias}.language::text`, alias, node, ctx)
      return (
        object &&
        `CASE WHEN coalesce(${alias}.language::text, '') = '' THEN NULL ELSE ${object} END`
      )
    },
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
  'Term:publicationType': term('publicationType', 'publication_types'),
}

/** The partner API's contract (graphql/schema.graphql, as graphql/server.ts serves it), read once. */
let contractSchema: GraphQLSchema | undefined
const contract = () =>
  (contractSchema ??= buildSchema(
    readFileSync(path.resolve(process.cwd(), 'graphql/schema.graphql'), 'utf8'),
  ))

/** A selection: a field's name, its alias if any, and for an object its own selection. */
export type Selection = { name: string; alias?: string; fields?: Selection[] }

/** The leaf fields of a plain object (Translated, Language, Country), as the schema lists them. */
const leafFields = (type: GraphQLObjectType): Selection[] => [
  { name: '__typename' },
  ...Object.values(type.getFields())
    .filter((field) => isLeafType(getNamedType(field.type)))
    .map((field) => ({ name: field.name })),
]

/**
 * Every field the plan can build of a RECORDS entry (`Resource`, `Term:topic`…), as a selection:
 * `__typename` and each key of its table, in order; a field that holds records takes every field of
 * theirs (their own entry, as `related(…)` names it), a plain object (Translated, Language,
 * Country…) every leaf field the schema gives it. A planned field the schema lacks, or whose type
 * is not the records it is planned as, is an error here.
 */
export const plannableFields = (key: string, schema: GraphQLSchema = contract()): Selection[] => {
  const entry = RECORDS[key]
  if (!entry) throw new Error(`No planned record ${key}`)
  const type = schema.getType(entry.type)
  if (!isObjectType(type)) throw new Error(`The schema has no object type ${entry.type}`)
  const declared = type.getFields()
  return [
    { name: '__typename' },
    ...Object.entries(entry.fields).map(([name, sql]): Selection => {
      const field = declared[name]
      if (!field) throw new Error(`${entry.type}.${name} is planned but not in the schema`)
      const named = getNamedType(field.type)
      if (sql.record) {
        if (RECORDS[sql.record]?.type !== named.name)
          throw new Error(`${entry.type}.${name} is a ${named.name}, planned as ${sql.record}`)
        return { name, fields: plannableFields(sql.record, schema) }
      }
      if (isLeafType(named)) return { name }
      if (isObjectType(named)) return { name, fields: leafFields(named) }
      throw new Error(`${entry.type}.${name} is a ${named.name}, which the plan cannot build`)
    }),
  ]
}

/** A selection as GraphQL: `{ id t: title { text } }`. */
export const printSelection = (fields: Selection[]): string =>
  `{ ${fields
    .map(
      ({ name, alias, fields: sub }) =>
        `${alias ? `${alias}: ` : ''}${name}${sub ? ` ${printSelection(sub)}` : ''}`,
    )
    .join(' ')} }`

/**
 * A record of `type` with every plannable field, as a page or slug statement builds it: what the
 * start-up check plans (graphql/sql/check.ts).
 */
export const everyFieldJson =
  (type: 'Resource' | 'Webinar', filters: PublicFilters, chain: string[]): RecordJson =>
  (alias, params) => {
    const query = parse(`{ probe ${printSelection(plannableFields(type))} }`)
    const field = (query.definitions[0] as { selectionSet: SelectionSetNode }).selectionSet
      .selections[0] as FieldNode
    const sql = RECORDS[type]!(alias, field.selectionSet, planContext(params, filters, chain))
    if (!sql) throw new Error(`The plan cannot build every field of ${type}`)
    return sql
  }
