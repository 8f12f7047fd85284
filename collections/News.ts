import type { CollectionConfig } from 'payload'

import { createGroupContent, deleteGroupContent, updateGroupContent } from '../src/access/rules'
import { editorNotesField } from '../src/fields/editorNotes'
import { lockSharedFieldsForTranslators } from '../src/fields/lockSharedFieldsForTranslators'
import { slugField } from '../src/fields/slug'
import { workingGroupsField } from '../src/fields/workingGroups'
import { editorialReadAccess, editorialWorkflow } from './shared/versioned'
import { localizedText } from '../src/fields/localizedText'
import { previewButton } from '../src/preview/endpoint'

export const News: CollectionConfig = {
  slug: 'news',
  labels: { singular: 'News post', plural: 'News' },
  ...editorialWorkflow,
  defaultSort: '-date',
  admin: {
    preview: previewButton('news'),
    useAsTitle: 'title',
    defaultColumns: ['title', 'date', 'workingGroups', '_status'],
    listSearchableFields: ['title', 'slug'],
    group: 'Content',
    description: 'Updates from groups, such as “L+D News, May 2018” or a new CPMS translation.',
  },
  access: {
    ...editorialReadAccess,
    create: createGroupContent,
    update: updateGroupContent,
    delete: deleteGroupContent,
  },
  fields: lockSharedFieldsForTranslators([
    localizedText('title', { required: true }),
    slugField('title'),
    {
      name: 'date',
      type: 'date',
      index: true,
      admin: {
        date: { pickerAppearance: 'dayOnly' },
        description: 'When the news was posted, if known.',
      },
    },
    { name: 'summary', type: 'textarea', localized: true },
    { name: 'body', type: 'richText', localized: true },
    workingGroupsField(),
    {
      name: 'resources',
      label: 'Related resources',
      type: 'relationship',
      relationTo: 'resources',
      hasMany: true,
    },
    editorNotesField(),
  ]),
}
