import config from '@payload-config'
import '@payloadcms/next/css'
import {
  REST_DELETE,
  REST_GET,
  REST_OPTIONS,
  REST_PATCH,
  REST_POST,
  REST_PUT,
} from '@payloadcms/next/routes'

import { MEDIA_MAX_BYTES } from '../../../../../collections/Media'
import { RETRY_AFTER_SECONDS } from '../../../../db/outage'
import { readBody, refusal, withBody } from '../../../../http/limitBody'
import { admitWrite } from '../../../../http/writeGate'

type Handler = (
  request: Request,
  context: { params: Promise<{ slug: string[] }> },
) => Promise<Response>

/** Documents (with their rich text) are far below this; a file for the media library may be 50 MB. */
const JSON_LIMIT = 2 * 1024 * 1024
const UPLOAD_LIMIT = MEDIA_MAX_BYTES + 1024 * 1024

const notFound = () => refusal(404, 'NOT_FOUND', 'Not found.')

/**
 * Before Payload: a path segment named like an object's own property (`/api/__proto__`) reached
 * Payload's lookup of collections by name and crashed it. After: Payload answers 501 for a
 * collection it keeps internal (`/api/payload-migrations`), which for a visitor is simply not found.
 */
const guarded =
  (handler: Handler): Handler =>
  async (request, context) => {
    const { slug } = await context.params
    if (slug.some((segment) => segment in Object.prototype)) return notFound()
    const response = await handler(request, context)
    if (response.status === 501) return notFound()
    // The database is away (src/hooks/explainDatabaseOutage.ts): tell clients when to retry.
    if (response.status === 503 && !response.headers.has('retry-after')) {
      response.headers.set('Retry-After', String(RETRY_AFTER_SECONDS))
    }
    return response
  }

/** Payload reads a body whole: read it here first, within a limit, so that a huge one gets 413. */
const limited =
  (handler: Handler): Handler =>
  async (request, context) => {
    // Only an upload to the media library, by someone with credentials, may be large.
    const { slug } = await context.params
    const upload =
      slug[0] === 'media' &&
      request.headers.get('content-type')?.startsWith('multipart/form-data') &&
      (request.headers.has('authorization') ||
        /payload-token=/.test(request.headers.get('cookie') ?? ''))
    const body = await readBody(request, upload ? UPLOAD_LIMIT : JSON_LIMIT)
    if (body instanceof Response) return body
    return admitWrite(() => guarded(handler)(withBody(request, body), context))
  }

export const GET = guarded(REST_GET(config))
export const POST = limited(REST_POST(config))
export const DELETE = limited(REST_DELETE(config))
export const PATCH = limited(REST_PATCH(config))
export const PUT = limited(REST_PUT(config))
export const OPTIONS = REST_OPTIONS(config)
