// Organisations that read the partner API with keys: member agencies, coordination groups,
// e-learning hubs. Admins only, in every operation; their keys are in collections/ApiKeys.ts.
import type { CollectionConfig } from 'payload'

import { adminsOnly } from '../src/access/rules'

export const Partners: CollectionConfig = {
  slug: 'partners',
  labels: { singular: 'Partner', plural: 'Partners' },
  admin: {
    useAsTitle: 'organisation',
    defaultColumns: ['organisation', 'contactName', 'contactEmail', 'updatedAt'],
    group: 'Partner access',
    description:
      'Organisations that read the partner API with their own keys. Anyone may read it without a key, within the anonymous budget.',
  },
  access: { read: adminsOnly, create: adminsOnly, update: adminsOnly, delete: adminsOnly },
  fields: [
    { name: 'organisation', type: 'text', required: true, unique: true },
    {
      type: 'row',
      fields: [
        { name: 'contactName', type: 'text', label: 'Contact' },
        { name: 'contactEmail', type: 'email', label: 'Contact’s e-mail' },
      ],
    },
    {
      name: 'notes',
      type: 'textarea',
      admin: { description: 'What they build with the API, agreements, who to ask. Admins only.' },
    },
    {
      name: 'keys',
      type: 'join',
      collection: 'api-keys',
      on: 'partner',
      admin: { defaultColumns: ['label', 'keyId', 'tier', 'expiresAt', 'revoked'] },
    },
  ],
}
