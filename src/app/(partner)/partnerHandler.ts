// One partner API for Next's routes (/graphql, /bundle/…): one response cache, one bundle store, one
// connection listening for changes. Kept on globalThis since Next may load a route's modules more
// than once. The hub's own server (src/cli/serve.ts) answers these paths first with an instance
// of its own: objects do not cross between Next's bundle and the modules it loads itself.
import { createPartnerHandler } from '../../../graphql/server'

const KEY = Symbol.for('alliance-hub.partner-api')
type Holder = { [KEY]?: ReturnType<typeof createPartnerHandler> }

// Compression is left to the proxy in front: Next drops a route handler's Content-Encoding.
export const partnerHandler = () =>
  ((globalThis as Holder)[KEY] ??= createPartnerHandler({ compress: false }))
