// `Cache-Tag` (Cloudflare, Akamai) and `Surrogate-Key` (Fastly) on the partner API's answers, so a
// CDN in front can purge exactly what a change touches (src/ops/cdnPurge.ts sends the purges):
// every answer is tagged `hub`, with each record type it selected (`Resource`: a new resource may
// belong in it), and with each record it holds whose id was asked for (`Resource-12`).
import {
  type DocumentNode,
  getNamedType,
  type GraphQLSchema,
  isAbstractType,
  parse,
  TypeInfo,
  visit,
  visitWithTypeInfo,
} from 'graphql'
import type { Plugin } from 'graphql-yoga'
import { LRUCache } from 'lru-cache'

import { ALL_TAG, recordTag } from '../src/changes/channel'
import { NODE_TYPES, type NodeType } from '../src/ids'
import { TYPES_BY_TEXT_MAX } from '../src/cacheBudgets'

/** Beyond this many records an answer is tagged by type only (headers have limits: 16 KB at Cloudflare). */
const MAX_RECORD_TAGS = 100

const RECORD_TYPES = new Set<string>(NODE_TYPES)
/** `ResourceConnection`, `ResourceEdge`, `ResourceFacets` are answers about resources. */
const recordTypeOf = (name: string) => {
  const base = name.replace(/(Connection|Edge|Facets)$/, '')
  return RECORD_TYPES.has(base) ? base : undefined
}

const typesByDocument = new WeakMap<DocumentNode, string[]>()

/** The record types an operation selects anywhere, through fragments, unions and interfaces. */
export const recordTypesSelected = (schema: GraphQLSchema, document: DocumentNode): string[] => {
  let types = typesByDocument.get(document)
  if (!types) {
    const found = new Set<string>()
    const typeInfo = new TypeInfo(schema)
    visit(
      document,
      visitWithTypeInfo(typeInfo, {
        Field() {
          const type = typeInfo.getType()
          if (!type) return
          const named = getNamedType(type)
          const names = isAbstractType(named)
            ? schema.getPossibleTypes(named).map((t) => t.name)
            : [named.name]
          for (const name of names) {
            const record = recordTypeOf(name)
            if (record) found.add(record)
          }
        },
      }),
    )
    typesByDocument.set(document, (types = [...found].sort()))
  }
  return types
}

/** The tag of a global id, when it names a record. */
const addRecordTag = (id: string, tags: Set<string>) => {
  const parts = Buffer.from(id, 'base64url').toString('utf8').split(':')
  if (RECORD_TYPES.has(parts[0]!) && parts.length >= 2) {
    tags.add(
      recordTag(parts[0] as NodeType, parts.at(-1)!, parts.length === 3 ? parts[1] : undefined),
    )
  }
}

/**
 * Records named in an answer by their global ids (`id` fields), as tags; it stops looking once
 * there are more than it would send. (`for…in` rather than Object.entries: this walks every
 * object of every answer, and the arrays of entries were most of its cost.)
 */
const recordTags = (value: unknown, tags: Set<string>): void => {
  if (tags.size > MAX_RECORD_TAGS || value === null || typeof value !== 'object') return
  if (Array.isArray(value)) {
    for (const item of value) recordTags(item, tags)
    return
  }
  for (const key in value) {
    const field = (value as Record<string, unknown>)[key]
    if (key === 'id') {
      if (typeof field === 'string') addRecordTag(field, tags)
    } else if (field !== null && typeof field === 'object') recordTags(field, tags)
  }
}

/**
 * The record types a query text selects, for an answer the response cache served without parsing
 * it (an entry per text; texts that do not parse are not answered from the cache anyway).
 */
const typesByText = new LRUCache<string, string[]>({ max: TYPES_BY_TEXT_MAX })
const recordTypesOfText = (schema: GraphQLSchema, text: string) => {
  let types = typesByText.get(text)
  if (!types) {
    try {
      types = recordTypesSelected(schema, parse(text, { noLocation: true }))
    } catch {
      return []
    }
    typesByText.set(text, types)
  }
  return types
}

/** Records named in an answer's data by their ids, as tags (up to MAX_RECORD_TAGS + 1 of them). */
export const recordTagsOf = (data: unknown, tags = new Set<string>()) => {
  recordTags(data, tags)
  return tags
}

/** The Cache-Tag and Surrogate-Key of an answer selecting `selected` types and naming `records`. */
export const tagHeaders = (selected: string[], records: Set<string>): [string, string][] => {
  const tags = [ALL_TAG, ...selected, ...(records.size > MAX_RECORD_TAGS ? [] : records)]
  return [
    ['Cache-Tag', tags.join(',')],
    ['Surrogate-Key', tags.join(' ')],
  ]
}

export const useCacheTags = (): Plugin => {
  let schema: GraphQLSchema | undefined
  const texts = new WeakMap<Request, string>()
  const types = new WeakMap<Request, string[]>()
  const records = new WeakMap<Request, Set<string>>()
  return {
    onSchemaChange({ schema: changed }) {
      schema = changed
    },
    // Before the response cache, which answers a hit here without executing: its text is kept so
    // that a cached answer is tagged with its types like a fresh one.
    onParams({ params, request }) {
      if (typeof params.query === 'string') texts.set(request, params.query)
    },
    onExecute({ args }) {
      const request = (args.contextValue as { request?: Request }).request
      if (request) types.set(request, recordTypesSelected(args.schema, args.document))
    },
    onResultProcess({ request, result }) {
      const tags = new Set<string>()
      for (const r of Array.isArray(result) ? result : [result]) {
        recordTagsOf((r as { data?: unknown }).data, tags)
      }
      records.set(request, tags)
    },
    onResponse({ request, response }) {
      if (response.status !== 200) return
      const text = texts.get(request)
      const selected =
        types.get(request) ?? (schema && text !== undefined ? recordTypesOfText(schema, text) : [])
      for (const [name, value] of tagHeaders(selected, records.get(request) ?? new Set()))
        response.headers.set(name, value)
    },
  }
}
