// The partner API's response cache, bounded by bytes: envelop's in-memory cache counts entries
// (1,000 by default), and 1,000 answers of 100 resources with their bodies are hundreds of MB.
// Least recently used answers go first; an answer larger than the whole budget is not kept.
//
// Answers are kept as JSON text, not as objects: a string's size is what it weighs, where a tree of
// objects weighs several times its JSON (the soak saw a process grow past the budget that way).
// Their records' keys are counted too, and expired answers are dropped when they expire rather than
// when space is needed, so a quiet process gives its memory back.
import type { Cache } from '@graphql-yoga/plugin-response-cache'
import { LRUCache } from 'lru-cache'
import { RESPONSE_CACHE_BYTES } from '../src/cacheBudgets'

type Entity = { typename: string; id?: number | string }
type Entry = { json: string; entities: Set<string> }

/** What a key costs besides its characters: the Set's slot and the string's header. */
const KEY_OVERHEAD_BYTES = 64

const entityKey = ({ typename, id }: Entity) => (id === undefined ? typename : `${typename}:${id}`)

export type PartnerCache = Cache & {
  /** Forgets every answer (a change was published: src/changes/listener.ts). */
  clear: () => void
}

export const createByteBoundedCache = (maxBytes = RESPONSE_CACHE_BYTES): PartnerCache => {
  const answers = new LRUCache<string, Entry>({
    maxSize: maxBytes,
    // UTF-16 in memory: two bytes a character is the honest upper bound for text.
    sizeCalculation: (entry, id) => {
      let bytes = 2 * (entry.json.length + id.length)
      for (const key of entry.entities) bytes += 2 * key.length + KEY_OVERHEAD_BYTES
      return Math.max(1, bytes)
    },
    ttlAutopurge: true,
  })
  return {
    set(id, result, entities, ttl) {
      const keys = new Set<string>()
      for (const entity of entities) {
        keys.add(entity.typename)
        keys.add(entityKey(entity))
      }
      answers.set(id, { json: JSON.stringify(result), entities: keys }, { ttl })
    },
    get: (id) => {
      const entry = answers.get(id)
      return entry ? (JSON.parse(entry.json) as Awaited<ReturnType<Cache['get']>>) : null
    },
    clear: () => answers.clear(),
    invalidate(entities) {
      const wanted = new Set([...entities].map((entity) => entityKey(entity)))
      for (const [id, entry] of answers.entries()) {
        if ([...entry.entities].some((key) => wanted.has(key))) answers.delete(id)
      }
    },
  }
}
