import type { CollectionConfig } from 'payload'

import {
  createGroupContent,
  deleteGroupContent,
  updateGroupContent,
  ownFilesUnlessEditor,
} from '../src/access/rules'
import { COUNTRY_OPTIONS } from '../src/countries'
import { editorNotesField } from '../src/fields/editorNotes'
import { languageField } from '../src/fields/languages'
import { lockSharedFieldsForTranslators } from '../src/fields/lockSharedFieldsForTranslators'
import { slugField } from '../src/fields/slug'
import { taxonomyField } from '../src/fields/taxonomy'
import { urlField } from '../src/fields/url'
import { workingGroupsField } from '../src/fields/workingGroups'
import { editorialReadAccess, editorialWorkflow } from './shared/versioned'
import { localizedText } from '../src/fields/localizedText'
import {
  changedInEnglishField,
  filterByNeedsUpdate,
  needsUpdateField,
} from '../src/freshness/fields'
import { translationStateFilter } from '../src/freshness/listFilter'
import { textChangeHooks } from '../src/freshness/track'
import { previewButton } from '../src/preview/endpoint'

export const Resources: CollectionConfig = {
  slug: 'resources',
  labels: { singular: 'Resource', plural: 'Resources' },
  ...editorialWorkflow,
  defaultSort: '-updatedAt',
  admin: {
    preview: previewButton('resources'),
    baseFilter: translationStateFilter('resources'),
    components: {
      beforeListTable: ['/src/components/admin/TranslationStateFilter#TranslationStateFilter'],
    },
    useAsTitle: 'title',
    defaultColumns: ['title', 'publicationType', 'publicationDate', 'workingGroups', '_status'],
    listSearchableFields: ['title', 'summary', 'slug'],
    group: 'Content',
    description:
      'The technical library: guidance, toolkits, case studies, videos and reports. Language editions live in Translations.',
  },
  access: {
    ...editorialReadAccess,
    create: createGroupContent,
    update: updateGroupContent,
    delete: deleteGroupContent,
  },
  hooks: {
    beforeOperation: [filterByNeedsUpdate('resources')],
    ...textChangeHooks,
  },
  fields: lockSharedFieldsForTranslators([
    localizedText('title', { required: true }),
    slugField('title'),
    { name: 'summary', type: 'textarea', localized: true },
    { name: 'body', type: 'richText', localized: true },
    {
      type: 'row',
      fields: [
        {
          name: 'publicationType',
          type: 'relationship',
          relationTo: 'publication-types',
          index: true,
        },
        {
          name: 'publicationDate',
          type: 'date',
          index: true,
          admin: {
            date: { pickerAppearance: 'dayOnly', displayFormat: 'd MMMM yyyy' },
            // The picker always shows a day: the list and a read-out show what is known.
            components: {
              Cell: '/src/components/admin/PreciseDateCell#PreciseDateCell',
              afterInput: ['/src/components/admin/PreciseDateReadout#PreciseDateReadout'],
            },
          },
        },
        {
          name: 'datePrecision',
          type: 'select',
          defaultValue: 'day',
          options: [
            { label: 'Exact day', value: 'day' },
            { label: 'Month only', value: 'month' },
            { label: 'Year only', value: 'year' },
          ],
          admin: { description: 'How much of the publication date is known.' },
        },
      ],
    },
    {
      name: 'statusFlag',
      label: 'Status flag',
      type: 'select',
      options: [{ label: 'For field testing', value: 'field-testing' }],
      admin: { position: 'sidebar' },
    },
    taxonomyField('publishers', 'organisations'),
    workingGroupsField(),
    taxonomyField('topics', 'topics'),
    taxonomyField('themes', 'themes', { label: 'Cross-cutting themes' }),
    taxonomyField('audiences', 'audiences'),
    taxonomyField('standards', 'standards', { label: 'CPMS standards' }),
    {
      name: 'countries',
      type: 'select',
      hasMany: true,
      options: COUNTRY_OPTIONS,
      enumName: 'iso_3166_1',
      admin: { description: 'Countries the resource is about (ISO 3166-1).' },
    },
    languageField({
      name: 'languages',
      hasMany: true,
      defaultValue: ['en'],
      admin: {
        description: 'Languages of the original. Language editions are added as Translations.',
      },
    }),
    { name: 'cover', type: 'upload', relationTo: 'media', filterOptions: ownFilesUnlessEditor },
    {
      name: 'files',
      type: 'upload',
      relationTo: 'media',
      hasMany: true,
      filterOptions: ownFilesUnlessEditor,
    },
    {
      name: 'links',
      labels: { singular: 'Link', plural: 'External links' },
      type: 'array',
      fields: [
        {
          type: 'row',
          fields: [
            {
              name: 'kind',
              type: 'select',
              required: true,
              defaultValue: 'document',
              options: [
                { label: 'Document', value: 'document' },
                { label: 'Video', value: 'video' },
                { label: 'Website', value: 'website' },
                { label: 'Online course', value: 'course' },
              ],
            },
            urlField('url', { required: true }),
            languageField({ name: 'language' }),
          ],
        },
        { name: 'label', type: 'text', localized: true },
      ],
    },
    editorNotesField(),
    needsUpdateField('resources'),
    changedInEnglishField(),
  ]),
}
