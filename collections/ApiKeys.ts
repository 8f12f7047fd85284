// Partners' API keys (src/partners/apiKeys.ts). Admins only, in every operation.
//
// The key is made by the hub and shown once, like a webhook's signing secret: on the create form
// it is already filled in, with a note to copy it before saving, and the answer to a REST or
// GraphQL create carries it. From then on no answer carries it: only its digest is stored, and
// the id part is shown to tell keys apart. Rotating a key is making a new one that replaces it:
// the old key keeps working for the overlap chosen, then expires. Revoking is final, and every
// process of the hub refuses the key within a second (graphql/keys.ts).
import {
  type CollectionAfterChangeHook,
  type CollectionBeforeValidateHook,
  type CollectionConfig,
  type FieldHook,
  type Validate,
  ValidationError,
  type Where,
} from 'payload'

import { adminsOnly, nobodyField } from '../src/access/rules'
import { shownOnceField } from '../src/fields/shownOnce'
import { LOCALES } from '../src/locales'
import { AREAS, digestOf, generateApiKey, parseApiKey, TIERS } from '../src/partners/apiKeys'

/** Where the key made for a create waits for the answer to that create (same request). */
const SHOWN_ONCE = 'apiKeyShownOnce'
const DAY_MS = 24 * 60 * 60 * 1000
const inDays = (days: number) => new Date(Date.now() + days * DAY_MS).toISOString()

/** On create: the key offered on the form (or a new one), as its digest. Afterwards: unchanged. */
const digestOnCreate: FieldHook = ({ value, operation, originalDoc, req, siblingData }) => {
  if (operation !== 'create') return originalDoc?.key
  const key = typeof value === 'string' && parseApiKey(value) ? value : generateApiKey()
  const parsed = parseApiKey(key)!
  req.context[SHOWN_ONCE] = key
  siblingData.keyId = parsed.keyId
  return digestOf(parsed.secret)
}

/** The key's public id, taken from the key on create; never changed. */
const keyIdOnCreate: FieldHook = ({ operation, originalDoc, siblingData }) =>
  operation === 'create' ? siblingData.keyId : originalDoc?.keyId

/** Revoking is final: the time is kept, and a revoked key cannot be revived. */
const revokedAtOnce: FieldHook = ({ originalDoc, siblingData }) =>
  originalDoc?.revokedAt ?? (siblingData.revoked ? new Date().toISOString() : null)

/** Revoking is final: a save that would revive a revoked key is refused, naming the field. */
const stayRevoked: CollectionBeforeValidateHook = ({ data, originalDoc }) => {
  if (originalDoc?.revoked && data && 'revoked' in data && !data.revoked) {
    throw new ValidationError({
      collection: 'api-keys',
      errors: [
        { path: 'revoked', message: 'A revoked key stays revoked: make a new key instead.' },
      ],
    })
  }
  return data
}

const notInThePast: Validate<string | Date | null> = (value, { operation }) => {
  if (!value || operation !== 'create') return true
  return new Date(value).getTime() > Date.now() ? true : 'Choose an expiry date in the future.'
}

/** The answer to the create carries the key in clear, this once; the key it replaces is given its end. */
const afterCreate: CollectionAfterChangeHook = async ({ doc, operation, req }) => {
  const key = req.context[SHOWN_ONCE]
  if (operation !== 'create' || typeof key !== 'string') return doc
  delete req.context[SHOWN_ONCE]
  const replaced = typeof doc.replaces === 'object' ? doc.replaces?.id : doc.replaces
  if (replaced) {
    const old = await req.payload.findByID({ collection: 'api-keys', id: replaced, req, depth: 0 })
    const end = inDays(doc.overlapDays ?? 0)
    if (!old.expiresAt || old.expiresAt > end) {
      await req.payload.update({
        collection: 'api-keys',
        id: replaced,
        req,
        data: { expiresAt: end },
      })
    }
  }
  return { ...doc, key }
}

export const ApiKeys: CollectionConfig = {
  slug: 'api-keys',
  labels: { singular: 'API key', plural: 'API keys' },
  admin: {
    useAsTitle: 'label',
    defaultColumns: ['label', 'partner', 'keyId', 'tier', 'expiresAt', 'revoked'],
    group: 'Partner access',
    description:
      'Keys partners send in the header “Authorization: Bearer <key>”. The key is shown only on the create form and in the answer to a create.',
  },
  access: { read: adminsOnly, create: adminsOnly, update: adminsOnly, delete: adminsOnly },
  disableDuplicate: true,
  hooks: { beforeValidate: [stayRevoked], afterChange: [afterCreate] },
  fields: [
    { name: 'partner', type: 'relationship', relationTo: 'partners', required: true },
    {
      name: 'label',
      type: 'text',
      required: true,
      admin: { description: 'What the key is for, e.g. “Website, production”.' },
    },
    shownOnceField({
      name: 'key',
      label: 'Key',
      generate: generateApiKey,
      store: digestOnCreate,
      description:
        'Copy it now and give it to the partner: it will not be shown again once the key is saved.',
    }),
    {
      name: 'keyId',
      type: 'text',
      label: 'Key id',
      index: true,
      unique: true,
      access: { create: nobodyField, update: nobodyField },
      hooks: { beforeChange: [keyIdOnCreate] },
      admin: {
        readOnly: true,
        condition: (data) => Boolean(data?.id),
        description: 'The public part of the key (akh_<id>_…), to tell keys apart.',
      },
    },
    {
      type: 'row',
      fields: [
        {
          name: 'expiresAt',
          type: 'date',
          label: 'Expires',
          required: true,
          defaultValue: () => inDays(365),
          validate: notInThePast,
          admin: { date: { pickerAppearance: 'dayAndTime' } },
        },
        {
          name: 'tier',
          type: 'select',
          required: true,
          defaultValue: 'standard',
          options: TIERS.map((tier) => ({ ...tier })),
        },
      ],
    },
    {
      name: 'languages',
      type: 'select',
      hasMany: true,
      options: LOCALES.map(({ code, label }) => ({ label, value: code })),
      admin: {
        description:
          'Empty: every language. Otherwise a query asking first for another language is refused.',
      },
    },
    {
      name: 'areas',
      type: 'select',
      hasMany: true,
      label: 'Parts of the API',
      options: Object.entries(AREAS).map(([value, { label }]) => ({ label, value })),
      admin: {
        description:
          'Empty: the whole API. Otherwise only these parts (and the taxonomies); sync, node and preview read every part, so they need an unrestricted key.',
      },
    },
    {
      name: 'registeredOnly',
      type: 'checkbox',
      label: 'Registered operations only',
      defaultValue: false,
      admin: {
        description:
          'Runs only the operations registered for its partner (Partners › Registered operations), sent by hash: any other query is refused.',
      },
    },
    {
      type: 'row',
      fields: [
        {
          name: 'replaces',
          type: 'relationship',
          relationTo: 'api-keys',
          access: { update: nobodyField },
          filterOptions: ({ data }): Where => ({
            partner: { equals: data?.partner ?? 0 },
            revoked: { not_equals: true },
          }),
          admin: { description: 'Rotation: the partner’s key this one takes over from.' },
        },
        {
          name: 'overlapDays',
          type: 'number',
          label: 'Overlap (days)',
          min: 0,
          max: 90,
          defaultValue: 7,
          access: { update: nobodyField },
          admin: {
            condition: (data) => Boolean(data?.replaces),
            description: 'How long the replaced key keeps working.',
          },
        },
      ],
    },
    {
      type: 'row',
      fields: [
        {
          name: 'revoked',
          type: 'checkbox',
          defaultValue: false,
          admin: { description: 'Refused everywhere within a second of saving. Final.' },
        },
        {
          name: 'revokedAt',
          type: 'date',
          label: 'Revoked at',
          access: { create: nobodyField, update: nobodyField },
          hooks: { beforeChange: [revokedAtOnce] },
          admin: {
            readOnly: true,
            condition: (data) => Boolean(data?.revoked),
            date: { pickerAppearance: 'dayAndTime' },
          },
        },
      ],
    },
  ],
}
