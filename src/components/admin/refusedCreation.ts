// Payload's admin answers a signed-in user who may not create in a collection (a translator who
// follows a "Create new" link to /admin/collections/resources/create) with its Unauthorized view,
// whose heading asks them to log in. The admin page asks the collection's own create rule first
// and, when it says no, shows the collection's list under a message naming the missing right, the
// same words REST uses (src/hooks/explainRefusals.ts).
import config from '@payload-config'
import { headers } from 'next/headers'
import { type CollectionSlug, createLocalReq, getPayload } from 'payload'

import { refusalMessage } from '../../hooks/explainRefusals'

export type RefusedCreation = { collection: string; message: string }

export const refusedCreation = async (
  segments: string[] | undefined,
): Promise<RefusedCreation | null> => {
  if (segments?.length !== 3 || segments[0] !== 'collections' || segments[2] !== 'create') {
    return null
  }
  const payload = await getPayload({ config })
  const collection = payload.collections[segments[1] as CollectionSlug]?.config
  if (!collection) return null
  const { user } = await payload.auth({ headers: await headers() })
  if (!user) return null
  const req = await createLocalReq({ user }, payload)
  const rule = collection.access.create
  const allowed = rule ? await Promise.resolve(rule({ req })).catch(() => false) : Boolean(user)
  if (allowed) return null
  return { collection: collection.slug, message: await refusalMessage(collection, 'create', req) }
}
