// Feeds of published resources, news and webinars: /feeds/<locale>/[groups/<group>/]<kind>.<format>
// (src/feeds/feeds.ts). One catch-all route, so that every wrong path gets the feed's own 404.
import config from '@payload-config'
import { getPayload } from 'payload'

import { serveFeed } from '../../../../feeds/feeds'

type Segments = { params: Promise<{ path: string[] }> }

export const GET = async (request: Request, { params }: Segments) =>
  serveFeed(getPayload({ config }), request, (await params).path)

export const HEAD = GET
