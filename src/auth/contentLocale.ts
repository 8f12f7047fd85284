// The locale the admin opens in. Payload keeps the last locale an editor looked at (a preference
// saved with every `?locale=`), so a plain list could open in French, full of untranslated records,
// days after a translation session. Each sign-in starts instead from the locale the user chose in
// their profile ("Open content in", English unless they pick another); switching during a session
// works as before.
import type { CollectionAfterLoginHook, SelectField, Where } from 'payload'

import { DEFAULT_LOCALE, LOCALES } from '../locales'

export const contentLocaleField: SelectField = {
  name: 'contentLocale',
  label: 'Open content in',
  type: 'select',
  defaultValue: DEFAULT_LOCALE,
  options: LOCALES.map(({ code, label }) => ({ label, value: code })),
  admin: {
    description:
      'The locale lists and forms open in after signing in. The locale menu switches it at any time.',
  },
}

export const openInContentLocale: CollectionAfterLoginHook = async ({ req, user }) => {
  const owner = { relationTo: 'users', value: user.id }
  const where: Where = {
    and: [
      { key: { equals: 'locale' } },
      { 'user.relationTo': { equals: 'users' } },
      { 'user.value': { equals: user.id } },
    ],
  }
  const value = (user as { contentLocale?: string }).contentLocale ?? DEFAULT_LOCALE
  const { docs } = await req.payload.find({
    collection: 'payload-preferences',
    where,
    limit: 1,
    depth: 0,
    req,
  })
  if (docs[0]) {
    await req.payload.update({
      collection: 'payload-preferences',
      id: docs[0].id,
      data: { value },
      req,
    })
  } else {
    await req.payload.create({
      collection: 'payload-preferences',
      data: { key: 'locale', user: owner as never, value },
      req,
    })
  }
  return user
}
