// The outbox and log of webhook deliveries: one row per webhook and change, written by the change's
// own transaction (src/webhooks/queue.ts) and worked off by the delivery worker
// (src/webhooks/worker.ts), both in SQL. Through Payload it can only be read, by admins: nothing
// outside the hub may queue, alter or erase a delivery.
import type { Access, CollectionConfig } from 'payload'

import { adminsOnly } from '../src/access/rules'

const nobody: Access = () => false

export const DELIVERY_STATUSES = [
  { label: 'Pending (not tried yet)', value: 'pending' },
  { label: 'Delivered', value: 'delivered' },
  { label: 'Failed (will be retried)', value: 'failed' },
  { label: 'Gave up', value: 'gave-up' },
] as const

const readOnly = { readOnly: true }
const dateAndTime = { readOnly: true, date: { pickerAppearance: 'dayAndTime' as const } }

export const WebhookDeliveries: CollectionConfig = {
  slug: 'webhook-deliveries',
  labels: { singular: 'Webhook delivery', plural: 'Webhook deliveries' },
  admin: {
    useAsTitle: 'messageId',
    defaultColumns: [
      'messageId',
      'webhook',
      'eventType',
      'status',
      'attempts',
      'lastStatus',
      'lastError',
      'nextAttemptAt',
      'deliveredAt',
    ],
    group: 'Admin',
    description:
      'Every request sent, or to be sent, to a webhook. Retried with growing waits for at least 24 hours; then the webhook is disabled.',
  },
  access: {
    read: adminsOnly,
    create: nobody,
    update: nobody,
    delete: nobody,
  },
  disableDuplicate: true,
  indexes: [{ fields: ['status', 'nextAttemptAt'] }],
  fields: [
    { name: 'webhook', type: 'relationship', relationTo: 'webhooks', index: true, admin: readOnly },
    {
      name: 'messageId',
      type: 'text',
      label: 'Message id',
      required: true,
      unique: true,
      admin: { ...readOnly, description: 'Sent as webhook-id: the same on every retry.' },
    },
    { name: 'eventType', type: 'text', label: 'Event', required: true, admin: readOnly },
    {
      name: 'seq',
      type: 'number',
      label: 'Change',
      admin: { ...readOnly, description: 'Sequence number of the change in the change log.' },
    },
    {
      name: 'body',
      type: 'json',
      required: true,
      admin: { ...readOnly, description: 'The JSON sent.' },
    },
    {
      name: 'status',
      type: 'select',
      required: true,
      defaultValue: 'pending',
      options: DELIVERY_STATUSES.map((s) => ({ ...s })),
      admin: readOnly,
    },
    { name: 'attempts', type: 'number', required: true, defaultValue: 0, admin: readOnly },
    { name: 'nextAttemptAt', type: 'date', label: 'Next attempt', admin: dateAndTime },
    { name: 'lastStatus', type: 'number', label: 'Last HTTP status', admin: readOnly },
    { name: 'lastDurationMs', type: 'number', label: 'Last duration (ms)', admin: readOnly },
    { name: 'lastError', type: 'text', label: 'Last error', admin: readOnly },
    { name: 'deliveredAt', type: 'date', label: 'Delivered', admin: dateAndTime },
    {
      name: 'lockedUntil',
      type: 'date',
      label: 'Being sent until',
      admin: {
        ...dateAndTime,
        description: 'Claimed by a hub process while it sends (a lease).',
      },
    },
    { name: 'lockedBy', type: 'number', admin: { hidden: true } },
  ],
}
