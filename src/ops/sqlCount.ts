// How many SQL statements each request sends, for the request log, whoever sends them (Payload's
// pool, the partner API's pool, the readiness checks): every statement goes through node-postgres's
// `Client#query`, which is counted for the request whose work called it (AsyncLocalStorage).
//
// node-postgres hands a pooled client to a waiting caller from inside whichever call released it, so
// the callback of `Pool#connect` is bound to its caller's context here: without that, under load a
// statement would count for the request that happened to free the connection.
//
// This is the process's one `pg` module: Next loads it as an external package (not bundled), so the
// hub's gate (src/cli/serve.ts) sees the statements of the app it serves.
import { AsyncLocalStorage } from 'node:async_hooks'
import pg from 'pg'

export type StatementCounter = { statements: number }

const current = new AsyncLocalStorage<StatementCounter>()
let installed = false

const install = () => {
  if (installed) return
  installed = true
  const query = pg.Client.prototype.query as (...args: unknown[]) => unknown
  pg.Client.prototype.query = function countedQuery(this: pg.Client, ...args: unknown[]) {
    const counter = current.getStore()
    if (counter) counter.statements++
    return query.apply(this, args)
  } as typeof pg.Client.prototype.query
  const connect = pg.Pool.prototype.connect as (...args: unknown[]) => unknown
  pg.Pool.prototype.connect = function boundConnect(this: pg.Pool, ...args: unknown[]) {
    const [callback] = args
    if (typeof callback !== 'function') return connect.apply(this, args)
    // Only this store is carried over, by a plain closure: an AsyncResource per statement (the
    // general way) was kept alive by V8's young-generation collections with the request's rows
    // and promoted, and start:api's heap grew by 40 KB per request between full collections.
    const counter = current.getStore()
    const run = callback as (...results: unknown[]) => unknown
    return connect.call(this, (...results: unknown[]) =>
      counter ? current.run(counter, run, ...results) : current.exit(run, ...results),
    )
  } as typeof pg.Pool.prototype.connect
}

/** Runs `work` (a request's handling) with a fresh counter, which it returns at once. */
export const countStatements = (work: () => void): StatementCounter => {
  install()
  const counter: StatementCounter = { statements: 0 }
  current.run(counter, work)
  return counter
}
