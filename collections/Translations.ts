import type { CollectionBeforeChangeHook, CollectionConfig } from 'payload'

import {
  adminsAndEditors,
  createTranslation,
  updateTranslation,
  ownFilesUnlessEditor,
} from '../src/access/rules'
import { editorNotesField } from '../src/fields/editorNotes'
import {
  dropTitleOfHubEdition,
  editionTitleField,
  filterByNeedsUpdate,
  needsUpdateField,
} from '../src/freshness/fields'
import { translationStateFilter } from '../src/freshness/listFilter'
import { textChangeHooks } from '../src/freshness/track'
import { languageField } from '../src/fields/languages'
import { urlField } from '../src/fields/url'
import { editorialReadAccess, editorialWorkflow } from './shared/versioned'

/**
 * Remember when the source was last updated when a translation was made (for editors' reference;
 * whether an edition needs an update is decided by src/freshness/rules.ts).
 */
const stampSourceVersion: CollectionBeforeChangeHook = async ({ data, operation, req }) => {
  if (operation !== 'create' || data.sourceVersionDate || !data.resource) return data
  const resourceId = typeof data.resource === 'object' ? data.resource.id : data.resource
  const resource = await req.payload.findByID({
    collection: 'resources',
    id: resourceId,
    depth: 0,
    draft: true,
    req,
    select: { updatedAt: true },
  })
  return { ...data, sourceVersionDate: resource.updatedAt }
}

export const Translations: CollectionConfig = {
  slug: 'translations',
  labels: { singular: 'Translation', plural: 'Translations' },
  ...editorialWorkflow,
  admin: {
    baseFilter: translationStateFilter('translations'),
    components: {
      beforeListTable: ['/src/components/admin/TranslationStateFilter#TranslationStateFilter'],
    },
    useAsTitle: 'title',
    defaultColumns: [
      'title',
      'language',
      'resource',
      'progress',
      'needsUpdate',
      'sourceEdition',
      '_status',
    ],
    listSearchableFields: ['title'],
    group: 'Content',
    description:
      'Language editions of a resource (e.g. the CPMS 2019 in Polish), in any language, with the version of the source they follow.',
  },
  access: {
    ...editorialReadAccess,
    create: createTranslation,
    update: updateTranslation,
    delete: adminsAndEditors,
  },
  indexes: [{ fields: ['resource', 'language', 'format'], unique: true }],
  hooks: {
    beforeOperation: [filterByNeedsUpdate('translations')],
    beforeChange: [stampSourceVersion, dropTitleOfHubEdition, ...textChangeHooks.beforeChange],
    afterChange: textChangeHooks.afterChange,
    afterDelete: textChangeHooks.afterDelete,
  },
  fields: [
    {
      name: 'resource',
      label: 'Source resource',
      type: 'relationship',
      relationTo: 'resources',
      required: true,
      index: true,
    },
    {
      type: 'row',
      fields: [
        languageField({ required: true }),
        {
          name: 'format',
          type: 'select',
          required: true,
          defaultValue: 'full',
          options: [
            { label: 'Full translation', value: 'full' },
            { label: 'Summary', value: 'summary' },
          ],
        },
        {
          name: 'progress',
          type: 'select',
          required: true,
          defaultValue: 'in-progress',
          index: true,
          options: [
            { label: 'In progress', value: 'in-progress' },
            { label: 'Complete', value: 'complete' },
          ],
        },
      ],
    },
    editionTitleField(),
    { name: 'file', type: 'upload', relationTo: 'media', filterOptions: ownFilesUnlessEditor },
    urlField('url', { label: 'Link' }),
    {
      name: 'translatedBy',
      label: 'Translating organisation',
      type: 'relationship',
      relationTo: 'organisations',
    },
    { name: 'date', type: 'date', admin: { date: { pickerAppearance: 'dayOnly' } } },
    {
      type: 'row',
      fields: [
        {
          name: 'sourceEdition',
          type: 'text',
          admin: { description: 'Edition translated, e.g. 2019.' },
        },
        {
          name: 'sourceVersionDate',
          type: 'date',
          admin: {
            description:
              'When the source was last updated at the time of translation (filled automatically).',
          },
        },
      ],
    },
    needsUpdateField('translations'),
    editorNotesField(),
  ],
}
