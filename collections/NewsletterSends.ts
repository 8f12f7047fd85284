// Each time an edition of the newsletter is sent: a test to the editor who asked, or to every
// subscriber who wants the newsletter. Made only by "Send" (src/newsletters/sendEndpoint.ts), and
// kept up to date by the sender (src/newsletters/sender.ts): how many were sent, failed, bounced
// and remain. Editors and admins read them; nobody changes them by hand.
import type { CollectionConfig } from 'payload'

import { adminsAndEditors, nobody } from '../src/access/rules'

const count = (name: string, label: string) =>
  ({ name, label, type: 'number', defaultValue: 0, admin: { readOnly: true } }) as const

export const NewsletterSends: CollectionConfig = {
  slug: 'newsletter-sends',
  labels: { singular: 'Send', plural: 'Sends' },
  admin: {
    useAsTitle: 'kind',
    defaultColumns: ['edition', 'kind', 'status', 'total', 'sent', 'failed', 'createdAt'],
    group: 'Newsletter',
    description:
      'Each sending of an edition, with its progress. Start one with “Send” on a published edition.',
  },
  access: { create: nobody, read: adminsAndEditors, update: nobody, delete: nobody },
  defaultSort: '-createdAt',
  fields: [
    {
      name: 'edition',
      type: 'relationship',
      relationTo: 'newsletters',
      required: true,
      index: true,
    },
    {
      name: 'kind',
      type: 'select',
      required: true,
      options: [
        { label: 'Test to the sender', value: 'test' },
        { label: 'Every subscriber', value: 'everyone' },
      ],
    },
    {
      name: 'status',
      type: 'select',
      required: true,
      defaultValue: 'queued',
      index: true,
      options: [
        { label: 'Queued', value: 'queued' },
        { label: 'Sending', value: 'sending' },
        { label: 'Done', value: 'done' },
      ],
    },
    { name: 'requestedBy', type: 'relationship', relationTo: 'users' },
    count('total', 'Recipients'),
    count('sent', 'Sent'),
    count('failed', 'Failed'),
    count('bounced', 'Bounced'),
    count('inDoubt', 'Sent again after a stop'),
    { name: 'startedAt', type: 'date', admin: { readOnly: true } },
    { name: 'finishedAt', type: 'date', admin: { readOnly: true } },
  ],
}
