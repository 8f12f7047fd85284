import type { Payload } from 'payload'

import { env } from '../src/env'

/**
 * The first admin, from HUB_ADMIN_EMAIL and HUB_ADMIN_PASSWORD when both are set. Without them,
 * the admin's first visit asks for the first account, as Payload does.
 */
export const ensureFirstAdmin = async (payload: Payload): Promise<string | undefined> => {
  if (!env.HUB_ADMIN_EMAIL || !env.HUB_ADMIN_PASSWORD) return undefined
  const { totalDocs } = await payload.count({ collection: 'users' })
  if (totalDocs > 0) return undefined
  await payload.create({
    collection: 'users',
    data: {
      email: env.HUB_ADMIN_EMAIL,
      password: env.HUB_ADMIN_PASSWORD,
      name: 'Administrator',
      role: 'admin',
    },
  })
  // The address is the operator's own (HUB_ADMIN_EMAIL): logs never carry e-mail addresses.
  console.log('Created the first admin account (HUB_ADMIN_EMAIL).')
  return env.HUB_ADMIN_EMAIL
}
