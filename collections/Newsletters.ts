import type { CollectionConfig, Validate } from 'payload'

import { hasRole } from '../src/access/roles'
import { adminsAndEditors, editorsOrTranslating } from '../src/access/rules'
import { editorNotesField } from '../src/fields/editorNotes'
import { lockSharedFieldsForTranslators } from '../src/fields/lockSharedFieldsForTranslators'
import { slugField } from '../src/fields/slug'
import { urlField } from '../src/fields/url'
import { editorialReadAccess, editorialWorkflow } from './shared/versioned'
import { localizedText } from '../src/fields/localizedText'
import { previewButton } from '../src/preview/endpoint'
import { sendEndpoint, sendStatusEndpoint } from '../src/newsletters/sendEndpoint'

type Item = { type?: string; reference?: unknown; title?: unknown }

/**
 * An item either points at something in the hub or stands alone with its own title. Translators
 * cannot change an item's type or reference (they are locked for them), and Payload shows their
 * validators the locked fields' defaults rather than the stored values: skip the check for them.
 */
const referenceWhenLinked: Validate<unknown> = (value, { siblingData, req }) =>
  hasRole(req.user, 'translator') || (siblingData as Item).type !== 'reference' || value
    ? true
    : 'Choose what this item refers to.'
// Checked in English only: other locales fall back to the English title.
const titleWhenFree: Validate<unknown> = (value, { siblingData, req }) =>
  (siblingData as Item).type !== 'free' || value || (req.locale ?? 'en') !== 'en'
    ? true
    : 'A free item needs a title.'

export const Newsletters: CollectionConfig = {
  slug: 'newsletters',
  labels: { singular: 'Newsletter', plural: 'Newsletters' },
  ...editorialWorkflow,
  defaultSort: '-issueDate',
  admin: {
    preview: previewButton('newsletters'),
    useAsTitle: 'title',
    defaultColumns: ['title', 'issueDate', '_status'],
    group: 'Content',
    description: 'Monthly editions, each with ordered sections of items.',
  },
  // "Send" (src/newsletters/sendEndpoint.ts): a test to oneself, then every subscriber.
  endpoints: [sendEndpoint, sendStatusEndpoint],
  access: {
    ...editorialReadAccess,
    create: adminsAndEditors,
    update: editorsOrTranslating,
    delete: adminsAndEditors,
  },
  fields: lockSharedFieldsForTranslators([
    localizedText('title', { required: true }),
    slugField('title', { admin: { position: 'sidebar', description: 'e.g. 2021-02' } }),
    // "Send by e-mail" (a test to oneself, then every subscriber), for editors and admins.
    {
      name: 'sendByEmail',
      type: 'ui',
      admin: {
        position: 'sidebar',
        components: { Field: '/src/components/admin/SendEdition#SendEdition' },
      },
    },
    {
      name: 'issueDate',
      label: 'Edition',
      type: 'date',
      required: true,
      index: true,
      admin: { date: { pickerAppearance: 'monthOnly', displayFormat: 'MMMM yyyy' } },
    },
    { name: 'intro', type: 'richText', localized: true },
    {
      name: 'image',
      label: 'Header image',
      type: 'upload',
      relationTo: 'media',
      admin: { description: 'Shown at the top of the edition (partners get it with its sizes).' },
    },
    {
      name: 'sections',
      labels: { singular: 'Section', plural: 'Sections' },
      type: 'array',
      minRows: 1,
      fields: [
        {
          type: 'row',
          fields: [
            {
              name: 'kind',
              type: 'select',
              required: true,
              options: [
                { label: 'Updates from working groups and task forces', value: 'group-updates' },
                { label: 'Latest resources', value: 'latest-resources' },
                { label: 'Upcoming webinars', value: 'upcoming-webinars' },
                { label: 'New trainings and e-learnings', value: 'trainings' },
                { label: 'Other', value: 'other' },
              ],
            },
            localizedText('heading', { required: true }),
          ],
        },
        {
          name: 'items',
          labels: { singular: 'Item', plural: 'Items' },
          type: 'array',
          fields: [
            {
              name: 'type',
              type: 'radio',
              required: true,
              defaultValue: 'reference',
              options: [
                { label: 'Something in the hub', value: 'reference' },
                { label: 'A free item', value: 'free' },
              ],
            },
            {
              name: 'reference',
              type: 'relationship',
              relationTo: ['resources', 'events', 'working-groups', 'news'],
              validate: referenceWhenLinked,
              admin: { condition: (_, sibling) => sibling?.type === 'reference' },
            },
            {
              name: 'note',
              type: 'text',
              localized: true,
              admin: { condition: (_, sibling) => sibling?.type === 'reference' },
            },
            {
              name: 'title',
              type: 'text',
              localized: true,
              validate: titleWhenFree,
              admin: { condition: (_, sibling) => sibling?.type === 'free' },
            },
            {
              name: 'text',
              type: 'textarea',
              localized: true,
              admin: { condition: (_, sibling) => sibling?.type === 'free' },
            },
            urlField('url', { admin: { condition: (_, sibling) => sibling?.type === 'free' } }),
            { name: 'image', type: 'upload', relationTo: 'media' },
            {
              name: 'date',
              type: 'date',
              admin: { condition: (_, sibling) => sibling?.type === 'free' },
            },
          ],
        },
      ],
    },
    editorNotesField(),
  ]),
}
