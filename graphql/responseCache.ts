// The partner API's response cache, bounded by bytes: envelop's in-memory cache counts entries
// (1,000 by default), and 1,000 answers of 100 resources with their bodies are hundreds of MB.
// Least recently used answers go first; an answer larger than the whole budget is not kept.
import type { Cache } from '@graphql-yoga/plugin-response-cache'
import { LRUCache } from 'lru-cache'

type Result = Parameters<Cache['set']>[1]
type Entity = { typename: string; id?: number | string }
type Entry = { result: Result; entities: Set<string> }

const entityKey = ({ typename, id }: Entity) => (id === undefined ? typename : `${typename}:${id}`)

export const DEFAULT_RESPONSE_CACHE_BYTES = 32 * 1024 * 1024

export const createByteBoundedCache = (maxBytes = DEFAULT_RESPONSE_CACHE_BYTES): Cache => {
  const answers = new LRUCache<string, Entry>({
    maxSize: maxBytes,
    // UTF-16 in memory: two bytes a character is the honest lower bound.
    sizeCalculation: (entry, id) => 2 * (JSON.stringify(entry.result).length + id.length),
  })
  return {
    set(id, result, entities, ttl) {
      const keys = new Set<string>()
      for (const entity of entities) {
        keys.add(entity.typename)
        keys.add(entityKey(entity))
      }
      answers.set(id, { result, entities: keys }, { ttl })
    },
    get: (id) => (answers.get(id)?.result as Awaited<ReturnType<Cache['get']>>) ?? null,
    invalidate(entities) {
      const wanted = new Set([...entities].map((entity) => entityKey(entity)))
      for (const [id, entry] of answers.entries()) {
        if ([...entry.entities].some((key) => wanted.has(key))) answers.delete(id)
      }
    },
  }
}
