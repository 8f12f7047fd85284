// People who asked for the newsletter by e-mail (src/newsletters). Personal data: admins only, in
// every operation but one: nobody creates a subscriber by hand, because a subscription exists only
// with the reader's own consent (the partner API's `subscribe`, confirmed by a signed link). Admins
// see, correct and erase them; erasing a subscriber erases their consent records with them.
import type { CollectionBeforeDeleteHook, CollectionConfig } from 'payload'
import type pg from 'pg'

import { adminsOnly, nobody } from '../src/access/rules'
import { INTEREST_NAMES, INTERESTS } from '../src/newsletters/interests'
import { LOCALES } from '../src/locales'
import { DELIVERIES_TABLE } from '../src/newsletters/deliveries'

/**
 * Erasure on request: the consent records go first (each names its subscriber, who must exist), and
 * the address leaves the record of which editions were sent to whom.
 */
const eraseConsents: CollectionBeforeDeleteHook = async ({ id, req }) => {
  await req.payload.delete({
    collection: 'consents',
    where: { subscriber: { equals: id } },
    req,
    overrideAccess: true,
  })
  await (req.payload.db as unknown as { pool: pg.Pool }).pool.query(
    `DELETE FROM ${DELIVERIES_TABLE} WHERE subscriber_id = $1`,
    [id],
  )
}

export const Subscribers: CollectionConfig = {
  slug: 'subscribers',
  labels: { singular: 'Subscriber', plural: 'Subscribers' },
  admin: {
    useAsTitle: 'email',
    defaultColumns: ['email', 'status', 'locale', 'interests', 'confirmedAt'],
    group: 'Newsletter',
    description:
      'Readers who asked for the newsletter and confirmed their address. Personal data, for admins only: deleting a subscriber erases their consent records too.',
  },
  access: { create: nobody, read: adminsOnly, update: adminsOnly, delete: adminsOnly },
  hooks: { beforeDelete: [eraseConsents] },
  fields: [
    {
      name: 'email',
      type: 'email',
      required: true,
      unique: true,
      // Stored as given by the reader, lower-cased (src/newsletters/address.ts).
      admin: { readOnly: true },
    },
    {
      name: 'status',
      type: 'select',
      required: true,
      defaultValue: 'pending',
      index: true,
      options: [
        { label: 'Waiting for confirmation', value: 'pending' },
        { label: 'Subscribed', value: 'subscribed' },
        { label: 'Unsubscribed', value: 'unsubscribed' },
        { label: 'Bounced (address does not exist)', value: 'bounced' },
      ],
    },
    {
      name: 'locale',
      label: 'Language',
      type: 'select',
      required: true,
      options: LOCALES.map(({ code, label }) => ({ label, value: code })),
    },
    {
      name: 'interests',
      type: 'select',
      hasMany: true,
      options: INTERESTS.map((value) => ({ label: INTEREST_NAMES[value].en, value })),
    },
    {
      type: 'row',
      fields: [
        { name: 'confirmedAt', type: 'date', admin: { readOnly: true } },
        { name: 'unsubscribedAt', type: 'date', admin: { readOnly: true } },
      ],
    },
    {
      name: 'consents',
      label: 'Consent records',
      type: 'join',
      collection: 'consents',
      on: 'subscriber',
      defaultSort: 'at',
      admin: { defaultColumns: ['event', 'at', 'source', 'wording'] },
    },
  ],
}
