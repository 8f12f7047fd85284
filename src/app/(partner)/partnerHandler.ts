// One partner API per server process, shared by its routes (/graphql, /bundle/…): one response
// cache, one bundle store, one connection listening for changes. Kept on globalThis since Next may
// load a route's modules more than once.
import { createPartnerHandler } from '../../../graphql/server'

const KEY = Symbol.for('alliance-hub.partner-api')
type Holder = { [KEY]?: ReturnType<typeof createPartnerHandler> }

// Compression is left to the proxy in front: Next drops a route handler's Content-Encoding.
export const partnerHandler = () =>
  ((globalThis as Holder)[KEY] ??= createPartnerHandler({ compress: false }))
