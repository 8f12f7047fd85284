// The offline bundles, /bundle/<locale>.json.gz (graphql/bundle.ts).
import { partnerHandler } from '../../partnerHandler'

const handle = (request: Request) => partnerHandler().handle(request)

export const GET = handle
export const HEAD = handle
