// One DataLoader per request for everything fetched by id. Loads made in the same tick, of any
// kind, go to the database as one UNION ALL statement: a listing's groups, topics, publishers and
// translations together cost one statement, whatever the page size.
import DataLoader from 'dataloader'

import type { PublicFilters } from '../src/access/publicRules'
import type { Sql } from './db'
import { type Kind, type Lookup, lookupStatement } from './sql/entities'

type Key = `${Lookup}:${number}`
type Row = { kind: string; key: number; data: Record<string, unknown> }

export type Loaders = {
  /** A published record of a kind by id, or null when there is none (or it is not published). */
  one: <T>(kind: Kind, id: number | null | undefined) => Promise<T | null>
  /** Several, in the order of the ids, missing ones left out. */
  many: <T>(kind: Kind, ids: (number | null)[] | null | undefined) => Promise<T[]>
  translationsOf: <T>(resourceId: number) => Promise<T[]>
  /** Remember a record a listing already read, so that nothing asks for it again. */
  prime: (kind: Kind, record: { id: number }) => void
}

export const createLoaders = (sql: Sql, filters: PublicFilters): Loaders => {
  const loader = new DataLoader<Key, Record<string, unknown>[]>(async (keys) => {
    const byKind = new Map<Lookup, number[]>()
    for (const key of keys) {
      const [kind, id] = key.split(':') as [Lookup, string]
      byKind.set(kind, [...(byKind.get(kind) ?? []), Number(id)])
    }
    const { text, values } = lookupStatement([...byKind], filters)
    const rows = await sql.query<Row>(text, values)
    const found = new Map<string, Record<string, unknown>[]>()
    for (const row of rows) {
      const key = `${row.kind}:${row.key}`
      found.set(key, [...(found.get(key) ?? []), row.data])
    }
    return keys.map((key) => found.get(key) ?? [])
  })

  const one = async <T>(kind: Kind, id: number | null | undefined) =>
    id == null ? null : (((await loader.load(`${kind}:${id}`))[0] as T | undefined) ?? null)

  return {
    one,
    many: async <T>(kind: Kind, ids: (number | null)[] | null | undefined) =>
      (await Promise.all((ids ?? []).map((id) => one<T>(kind, id)))).filter(
        (x) => x != null,
      ) as T[],
    translationsOf: async <T>(resourceId: number) =>
      (await loader.load(`translationsOf:${resourceId}`)) as T[],
    prime: (kind, record) => {
      loader.prime(`${kind}:${record.id}`, [record as Record<string, unknown>])
    },
  }
}
