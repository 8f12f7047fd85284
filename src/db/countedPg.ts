// How many SQL statements each request sends, for the request log, whoever sends them (Payload,
// the partner API, previews, the readiness checks): the hub's pools are made of CountedPool, whose
// clients (node-postgres's documented `Client` option) count each statement for the request whose
// work sent it (AsyncLocalStorage). Payload's adapter takes this module as its `pg` dependency.
//
// node-postgres hands a pooled client to a waiting caller from inside whichever call released it,
// so the callback of `connect` is bound to its caller's context here: without that, under load a
// statement would count for the request that happened to free the connection.
import { AsyncLocalStorage } from 'node:async_hooks'
import pg from 'pg'

export type StatementCounter = { statements: number }

/**
 * One store per process, whichever copy of this module counts: Next bundles the config (and this
 * file with it) apart from the hub's gate (src/cli/serve.ts), which reads the counts.
 */
const STORE = Symbol.for('alliance-hub.statement-counter')
const current: AsyncLocalStorage<StatementCounter> = ((globalThis as Record<symbol, unknown>)[
  STORE
] ??= new AsyncLocalStorage<StatementCounter>()) as AsyncLocalStorage<StatementCounter>

type AnyFunction = (...args: unknown[]) => unknown

export class CountedClient extends pg.Client {
  constructor(config?: string | pg.ClientConfig) {
    super(config)
    const query = this.query.bind(this) as AnyFunction
    this.query = ((...args: unknown[]) => {
      const counter = current.getStore()
      if (counter) counter.statements++
      return query(...args)
    }) as typeof this.query
  }
}

export class CountedPool extends pg.Pool {
  constructor(config: pg.PoolConfig = {}) {
    super({ ...config, Client: CountedClient })
    const connect = this.connect.bind(this) as AnyFunction
    this.connect = ((...args: unknown[]) => {
      const [callback] = args
      if (typeof callback !== 'function') return connect(...args)
      // Only this store is carried over, by a plain closure: an AsyncResource per statement (the
      // general way) was kept alive by V8's young-generation collections with the request's rows
      // and promoted, and start:api's heap grew by 40 KB per request between full collections.
      const counter = current.getStore()
      const run = callback as AnyFunction
      return connect((...results: unknown[]) =>
        counter ? current.run(counter, run, ...results) : current.exit(run, ...results),
      )
    }) as typeof this.connect
  }
}

/** node-postgres with counted pools, for Payload's adapter (its `pg` option). */
export const countedPg = { ...pg, Pool: CountedPool, Client: CountedClient }

/** Runs `work` (a request's handling) with a fresh counter, which it returns at once. */
export const countStatements = (work: () => void): StatementCounter => {
  const counter: StatementCounter = { statements: 0 }
  current.run(counter, work)
  return counter
}
