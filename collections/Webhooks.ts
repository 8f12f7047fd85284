// Partners' endpoints: each receives a signed POST (Standard Webhooks) for every published change it
// follows. Admins only, in every operation. Deliveries are queued with the change itself
// (src/webhooks/queue.ts) and sent by the hub's delivery worker (src/webhooks/worker.ts).
//
// The signing secret is made by the hub and shown once. On the admin's create form it is already
// filled in (a default value, made on the server) with a note to copy it before saving; a REST or
// GraphQL create returns it in its answer. From then on its `read` access is false (a document with
// an id), so no answer of REST, GraphQL or the admin carries it again; it is stored sealed with
// PAYLOAD_SECRET (src/webhooks/secret.ts) and cannot be changed: a new secret is a new webhook.
import type {
  CollectionAfterChangeHook,
  CollectionConfig,
  FieldHook,
  TextFieldSingleValidation,
} from 'payload'

import { adminsOnly, nobodyField } from '../src/access/rules'
import { env } from '../src/env'
import { shownOnceField } from '../src/fields/shownOnce'
import { LOCALES } from '../src/locales'
import { checkWebhookUrl } from '../src/webhooks/addresses'
import { WEBHOOK_COLLECTIONS, WEBHOOK_OPERATIONS } from '../src/webhooks/events'
import {
  generateSigningSecret,
  isSealed,
  isSigningSecret,
  sealSecret,
} from '../src/webhooks/secret'

/** Where the secret made for a create waits for the answer to that create (same request). */
const SHOWN_ONCE = 'webhookSigningSecretShownOnce'

/** On create: the secret offered on the form (or a new one), sealed. Afterwards: unchanged. */
const sealOnCreate: FieldHook = ({ value, operation, originalDoc, req }) => {
  if (operation !== 'create') {
    return isSealed(originalDoc?.signingSecret) ? originalDoc.signingSecret : undefined
  }
  const secret = isSigningSecret(value) ? value : generateSigningSecret()
  req.context[SHOWN_ONCE] = secret
  return sealSecret(secret, env.PAYLOAD_SECRET ?? '')
}

/** The answer to the create carries the secret in clear, this once. */
const showSecretOnce: CollectionAfterChangeHook = ({ doc, operation, req }) => {
  const secret = req.context[SHOWN_ONCE]
  if (operation !== 'create' || typeof secret !== 'string') return doc
  delete req.context[SHOWN_ONCE]
  return { ...doc, signingSecret: secret }
}

/** Only the delivery worker sets the notice; saving the webhook as active again clears it. */
const clearNoticeWhenActive: FieldHook = ({ operation, originalDoc, siblingData }) => {
  if (operation === 'create') return null
  const active = 'active' in siblingData ? siblingData.active : originalDoc?.active
  return active ? null : (originalDoc?.disabledNotice ?? null)
}

const validateUrl: TextFieldSingleValidation = async (value) => {
  if (!value) return 'Enter the address partners receive webhooks at (https://…).'
  const check = await checkWebhookUrl(value)
  return check.ok ? true : check.reason
}

export const Webhooks: CollectionConfig = {
  slug: 'webhooks',
  labels: { singular: 'Webhook', plural: 'Webhooks' },
  admin: {
    useAsTitle: 'name',
    defaultColumns: ['name', 'url', 'active', 'disabledNotice', 'updatedAt'],
    group: 'Admin',
    description:
      'Partner endpoints that receive a signed POST (Standard Webhooks) for each published change. The signing secret is shown only on the create form and in the answer to a create.',
  },
  access: {
    read: adminsOnly,
    create: adminsOnly,
    update: adminsOnly,
    delete: adminsOnly,
  },
  disableDuplicate: true,
  hooks: { afterChange: [showSecretOnce] },
  fields: [
    {
      name: 'disabledNotice',
      type: 'text',
      label: 'Disabled',
      access: { create: nobodyField },
      hooks: { beforeChange: [clearNoticeWhenActive] },
      admin: {
        readOnly: true,
        condition: (data) => Boolean(data?.disabledNotice),
        description:
          'Deliveries stopped. Fix the receiver, then tick "Active" and save: this notice is cleared and new changes are sent again.',
      },
    },
    {
      name: 'name',
      type: 'text',
      required: true,
      admin: { description: 'Whose endpoint this is.' },
    },
    {
      name: 'url',
      type: 'text',
      label: 'URL',
      required: true,
      validate: validateUrl,
      admin: {
        description:
          'https:// address on the public internet (private, loopback and link-local addresses are refused).',
      },
    },
    {
      name: 'events',
      type: 'select',
      hasMany: true,
      required: true,
      defaultValue: ['upsert', 'delete'],
      options: WEBHOOK_OPERATIONS.map((o) => ({ ...o })),
    },
    {
      name: 'collections',
      type: 'select',
      hasMany: true,
      options: WEBHOOK_COLLECTIONS,
      admin: { description: 'Empty: every public collection.' },
    },
    {
      name: 'languages',
      type: 'select',
      hasMany: true,
      options: LOCALES.map(({ code, label }) => ({ label, value: code })),
      admin: {
        description:
          'Empty: every language. A change to fields shared by all languages (or a deletion) is sent to every webhook.',
      },
    },
    {
      name: 'active',
      type: 'checkbox',
      defaultValue: true,
      admin: { description: 'Only active webhooks get deliveries.' },
    },
    shownOnceField({
      name: 'signingSecret',
      label: 'Signing secret',
      generate: generateSigningSecret,
      store: sealOnCreate,
      description:
        'Copy it now and give it to the partner: it will not be shown again once the webhook is saved. Receivers verify each request with it (any Standard Webhooks library).',
    }),
  ],
}
