// A secret the hub makes and shows once (a webhook's signing secret, a partner's API key): filled in
// on the admin's create form, carried by the answer to a create, then stored as `store` turns it
// (sealed, or a digest) and never read again by anyone.
import type { FieldHook, TextField } from 'payload'

import { adminsOnlyField, nobodyField, readableBeforeCreation } from '../access/rules'

export const shownOnceField = (options: {
  name: string
  label: string
  generate: () => string
  /** Turns the secret into what is stored (and keeps it on later saves). */
  store: FieldHook
  description: string
}): TextField => ({
  name: options.name,
  type: 'text',
  label: options.label,
  defaultValue: options.generate,
  access: { read: readableBeforeCreation, create: adminsOnlyField, update: nobodyField },
  hooks: { beforeChange: [options.store] },
  admin: { readOnly: true, description: options.description },
})
