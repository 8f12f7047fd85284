// People who asked for the newsletter by e-mail (src/newsletters). Personal data: admins only, in
// every operation but one: nobody creates a subscriber by hand, because a subscription exists only
// with the reader's own consent (the partner API's `subscribe`, confirmed by a signed link). Admins
// see, correct and erase them; erasing a subscriber erases their consent records with them.
import {
  type CollectionAfterChangeHook,
  type CollectionBeforeDeleteHook,
  type CollectionBeforeValidateHook,
  type CollectionConfig,
  ValidationError,
} from 'payload'
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

type Status = 'pending' | 'subscribed' | 'unsubscribed' | 'bounced'

/**
 * What an admin may do to a status by hand: stop the mail (at the reader's request, or because the
 * address bounces), or resume it after a bounce for a reader who had confirmed. Subscribing someone
 * takes their own consent: their confirmation link or their preferences link.
 */
const HAND_CHANGES: Record<Status, Status[]> = {
  pending: ['unsubscribed'],
  subscribed: ['unsubscribed', 'bounced'],
  unsubscribed: [],
  bounced: ['unsubscribed', 'subscribed'],
}

const byHandOnly: CollectionBeforeValidateHook = ({ data, originalDoc, operation }) => {
  const from = originalDoc?.status as Status | undefined
  const to = data?.status as Status | undefined
  if (operation !== 'update' || !from || !to || from === to) return data
  if (HAND_CHANGES[from].includes(to)) {
    return to === 'unsubscribed' ? { ...data, unsubscribedAt: new Date().toISOString() } : data
  }
  throw new ValidationError({
    collection: 'subscribers',
    errors: [
      {
        path: 'status',
        message:
          to === 'subscribed'
            ? 'Only the reader can subscribe: they sign up again and confirm from the e-mail they receive.'
            : to === 'pending'
              ? 'Only a new sign-up puts a subscriber back to waiting for confirmation.'
              : `A subscriber who is ${from} cannot be marked ${to} by hand.`,
      },
    ],
  })
}

/** An admin's change, at a reader's request or after a bounce, goes in the consent records too. */
const recordHandChange: CollectionAfterChangeHook = async ({
  doc,
  previousDoc,
  operation,
  req,
}) => {
  if (operation !== 'update' || !previousDoc) return doc
  const by = `by hand in the admin, by ${req.user?.email ?? 'an admin'}`
  const record = (event: 'preferences' | 'unsubscribed' | 'status', what = '') =>
    req.payload.create({
      collection: 'consents',
      data: {
        subscriber: doc.id,
        event,
        at: new Date().toISOString(),
        source: `${by}${what}`,
        client: 'admin',
        locale: doc.locale,
        interests: (doc.interests ?? []).join(', '),
      },
      req,
      overrideAccess: true,
    })
  if (doc.status !== previousDoc.status) {
    // Stopping the mail is the reader's own "unsubscribed"; any other change (a bounce marked or
    // resumed) is named as what it was.
    if (doc.status === 'unsubscribed') await record('unsubscribed')
    else await record('status', `: ${previousDoc.status} → ${doc.status}`)
  }
  const interests = (list: unknown) => [list ?? []].flat().join()
  if (
    doc.locale !== previousDoc.locale ||
    interests(doc.interests) !== interests(previousDoc.interests)
  ) {
    await record('preferences')
  }
  return doc
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
    components: {
      beforeListTable: ['/src/components/admin/SubscribersExport#SubscribersExport'],
    },
  },
  access: { create: nobody, read: adminsOnly, update: adminsOnly, delete: adminsOnly },
  hooks: {
    beforeValidate: [byHandOnly],
    afterChange: [recordHandChange],
    beforeDelete: [eraseConsents],
  },
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
      // Consent records are made by the reader's own steps (and an admin's status changes), never added here.
      admin: { defaultColumns: ['event', 'at', 'source', 'wording'], allowCreate: false },
    },
  ],
}
