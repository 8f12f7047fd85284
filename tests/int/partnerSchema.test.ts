// The partner contract: the served schema is exactly graphql/schema.graphql, and it changes without
// breaking partners (a removal must first be deprecated "after <date>", and that date passed).
import { CriticalityLevel, diff } from '@graphql-inspector/core'
import {
  buildClientSchema,
  buildSchema,
  getIntrospectionQuery,
  type GraphQLSchema,
  lexicographicSortSchema,
  printSchema,
} from 'graphql'
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

import { partnerApi } from '../helpers/partner'

const FILE = 'graphql/schema.graphql'
const print = (schema: GraphQLSchema) => printSchema(lexicographicSortSchema(schema))
const git = (...args: string[]) =>
  execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })

/** The schema partners had: the last release tag, else the last commit (or HEAD when the file is edited). */
const baseline = (): { ref: string; sdl: string } | undefined => {
  const refs: string[] = []
  try {
    refs.push(git('describe', '--tags', '--abbrev=0', '--match', 'v*').trim())
  } catch {
    // no release yet
  }
  const edited = git('status', '--porcelain', '--', FILE).trim() !== ''
  refs.push(edited ? 'HEAD' : 'HEAD~1')
  for (const ref of refs) {
    try {
      return { ref, sdl: git('show', `${ref}:${FILE}`) }
    } catch {
      // the file did not exist there
    }
  }
  return undefined
}

/** A removal is allowed once the removed thing was deprecated with "after YYYY-MM-DD" and that day came. */
const deprecationExpired = (old: GraphQLSchema, path: string | undefined) => {
  if (!path) return false
  const [typeName, fieldName] = path.split('.')
  const type = old.getType(typeName!) as {
    getFields?: () => Record<string, { deprecationReason?: string | null }>
  }
  const reason = fieldName ? type?.getFields?.()[fieldName]?.deprecationReason : undefined
  const after = reason?.match(/after (\d{4}-\d{2}-\d{2})/)?.[1]
  return Boolean(after && new Date(after) <= new Date())
}

describe('the partner schema', () => {
  it('is served exactly as committed in graphql/schema.graphql', async () => {
    const { yoga } = partnerApi()
    const response = await yoga.fetch('http://hub.test/graphql', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        query: getIntrospectionQuery({ descriptions: true, schemaDescription: true }),
      }),
    })
    const served = buildClientSchema((await response.json()).data)
    expect(print(served)).toBe(print(buildSchema(readFileSync(FILE, 'utf8'))))
  })

  it('describes every type, field, argument and enum value for partners', () => {
    const schema = buildSchema(readFileSync(FILE, 'utf8'))
    const missing: string[] = []
    for (const type of Object.values(schema.getTypeMap())) {
      if (
        type.name.startsWith('__') ||
        ['String', 'Int', 'Float', 'Boolean', 'ID'].includes(type.name)
      )
        continue
      if (!type.description) missing.push(type.name)
      if ('getFields' in type) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) missing.push(`${type.name}.${field.name}`)
          for (const arg of 'args' in field ? field.args : []) {
            if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`)
          }
        }
      }
      if ('getValues' in type) {
        for (const value of type.getValues())
          if (!value.description) missing.push(`${type.name}.${value.name}`)
      }
    }
    expect(missing).toEqual([])
  })

  it('makes no breaking change against what partners have', () => {
    const base = baseline()
    if (!base) {
      // First version of the contract: there is nothing to break yet.
      expect(git('log', '--oneline', '--', FILE).trim().split('\n').length).toBeLessThanOrEqual(1)
      return
    }
    const old = buildSchema(base.sdl)
    const current = buildSchema(readFileSync(FILE, 'utf8'))
    const breaking = diff(old, current).then((changes) =>
      changes
        .filter(
          (c) =>
            c.criticality.level === CriticalityLevel.Breaking && !deprecationExpired(old, c.path),
        )
        .map((c) => `${c.message} (against ${base.ref})`),
    )
    return expect(breaking).resolves.toEqual([])
  })
})
