// What each subscriber agreed to, when and from where: one record per step (asked, confirmed,
// preferences changed, unsubscribed), as data-protection law expects a controller to show. Written
// only by the sign-up code (src/newsletters/subscriptions.ts), never changed; erased with their
// subscriber. Admins only.
import type { CollectionConfig } from 'payload'

import { adminsOnly, nobody } from '../src/access/rules'

export const Consents: CollectionConfig = {
  slug: 'consents',
  labels: { singular: 'Consent record', plural: 'Consent records' },
  admin: {
    useAsTitle: 'event',
    defaultColumns: ['subscriber', 'event', 'at', 'source', 'wording'],
    group: 'Newsletter',
    description: 'Each step of each subscription, as it happened. Nobody can change them.',
  },
  access: { create: nobody, read: adminsOnly, update: nobody, delete: adminsOnly },
  defaultSort: '-at',
  fields: [
    {
      name: 'subscriber',
      type: 'relationship',
      relationTo: 'subscribers',
      required: true,
      index: true,
    },
    {
      name: 'event',
      type: 'select',
      required: true,
      options: [
        { label: 'Asked to subscribe', value: 'asked' },
        { label: 'Confirmed the address', value: 'confirmed' },
        { label: 'Changed preferences', value: 'preferences' },
        { label: 'Unsubscribed', value: 'unsubscribed' },
        { label: 'Status changed by an admin', value: 'status' },
      ],
    },
    {
      name: 'at',
      type: 'date',
      required: true,
      admin: { date: { pickerAppearance: 'dayAndTime' } },
    },
    {
      name: 'source',
      type: 'text',
      admin: {
        description: 'Where it came from: the partner site (its origin) or the e-mail link.',
      },
    },
    { name: 'client', type: 'text', admin: { description: 'The address the request came from.' } },
    {
      name: 'wording',
      type: 'text',
      admin: {
        description: 'The version of the consent wording shown (src/newsletters/texts.ts).',
      },
    },
    { name: 'locale', type: 'text' },
    { name: 'interests', type: 'text', admin: { description: 'As chosen at this step.' } },
  ],
}
