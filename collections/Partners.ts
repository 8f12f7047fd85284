// Organisations that read the partner API with keys: member agencies, coordination groups,
// e-learning hubs. Admins only, in every operation; their keys are in collections/ApiKeys.ts.
import type { CollectionConfig } from 'payload'

import { adminsOnly } from '../src/access/rules'
import { readManifest } from '../src/partners/operations'

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
      name: 'operations',
      type: 'json',
      label: 'Registered operations',
      validate: (value: unknown) => {
        if (value === null || value === undefined) return true
        const read = readManifest(value)
        return read.ok ? true : read.problem
      },
      hooks: {
        // Stored with bare hashes, as the partner API looks them up.
        beforeChange: [
          ({ value }) => {
            if (value === null || value === undefined) return value
            const read = readManifest(value)
            return read.ok ? read.manifest : value
          },
        ],
      },
      admin: {
        description:
          'Trusted documents: paste the persisted-documents.json their build writes (codegen’s client preset with persistedDocuments), or run `npm run partner:operations`. Keys set to “registered operations only” run nothing else.',
      },
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
