// "Preview" in the admin: GET /api/preview?collection=resources&id=5&locale=fr, for a signed-in
// user who may read that document's drafts, signs a preview token (src/preview/token.ts) and
// sends the browser to the site's preview page, which asks the partner API for the draft with it.
// The admin's button links here rather than to a token made when the form was drawn: a token is
// made at the click, so a form left open for an hour still previews.
import type { CollectionConfig, Endpoint } from 'payload'
import { z } from 'zod'

import { toGlobalId } from '../ids'
import { PREVIEWABLE, type PreviewCollection } from '../servedKinds'
import { signPreview } from './token'
import { env } from '../env'
import { LOCALE_CODES } from '../locales'

/** The site's path for each kind (site/app.tsx). */
const SITE_PATH: Record<PreviewCollection, string> = {
  resources: 'resources',
  events: 'webinars',
  news: 'news',
  newsletters: 'newsletters',
  'working-groups': 'groups',
}

const query = z.object({
  collection: z.enum(Object.keys(PREVIEWABLE) as [PreviewCollection, ...PreviewCollection[]]),
  id: z.coerce.number().int().positive(),
  locale: z.enum(LOCALE_CODES).default('en'),
})

const answer = (status: number, message: string) =>
  Response.json({ errors: [{ message }] }, { status, headers: { 'Cache-Control': 'no-store' } })

export const previewEndpoint: Endpoint = {
  path: '/preview',
  method: 'get',
  handler: async (req) => {
    if (!req.user) return answer(401, 'Sign in to the admin to preview a draft.')
    const parsed = query.safeParse(
      Object.fromEntries(new URL(req.url ?? '', 'http://hub').searchParams),
    )
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      return answer(400, `${issue?.path.join('.') || 'query'}: ${issue?.message ?? 'is not valid'}`)
    }
    const { collection, id, locale } = parsed.data
    try {
      // The user's own right to read this document's drafts, as the admin checks it.
      await req.payload.findByID({
        collection,
        id,
        draft: true,
        depth: 0,
        overrideAccess: false,
        user: req.user,
        select: {},
      })
    } catch {
      return answer(404, `There is no ${collection} document ${id} that you may read.`)
    }
    const token = signPreview({ collection, id }, env.PAYLOAD_SECRET ?? '')
    const site = env.SITE_URL ?? env.SERVER_URL?.replace(/\/+$/, '') ?? ''
    const node = toGlobalId(PREVIEWABLE[collection], id)
    const target = `${site}/preview/${locale}/${SITE_PATH[collection]}/${node}?token=${encodeURIComponent(token)}`
    return new Response(null, {
      status: 302,
      headers: { Location: target, 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' },
    })
  },
}

/** The admin's Preview button for a collection: the endpoint above, for the saved document. */
export const previewButton =
  (collection: PreviewCollection): NonNullable<NonNullable<CollectionConfig['admin']>['preview']> =>
  (doc, { locale }) =>
    doc.id ? `/api/preview?collection=${collection}&id=${String(doc.id)}&locale=${locale}` : null
