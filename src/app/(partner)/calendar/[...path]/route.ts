// iCalendar files of webinars: /calendar/<locale>.ics, /calendar/groups/<group>/<locale>.ics and
// /calendar/webinars/<slug>.ics (src/feeds/calendar.ts). One catch-all route, so that every wrong
// path gets the calendar's own 404.
import config from '@payload-config'
import { getPayload } from 'payload'

import { serveCalendar } from '../../../../feeds/calendar'

type Segments = { params: Promise<{ path: string[] }> }

export const GET = async (request: Request, { params }: Segments) =>
  serveCalendar(getPayload({ config }), request, (await params).path)

export const HEAD = GET
