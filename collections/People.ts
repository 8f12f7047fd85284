import type { CollectionConfig } from 'payload'

import {
  adminsAndEditors,
  anyone,
  contributors,
  contributorsOrTranslating,
  signedInField,
  ownFilesUnlessEditor,
} from '../src/access/rules'
import { lockSharedFieldsForTranslators } from '../src/fields/lockSharedFieldsForTranslators'
import { slugField } from '../src/fields/slug'

export const People: CollectionConfig = {
  slug: 'people',
  labels: { singular: 'Person', plural: 'People' },
  admin: {
    useAsTitle: 'name',
    defaultColumns: ['name', 'organisation', 'jobTitle', 'updatedAt'],
    group: 'Library',
    description: 'Group leads, speakers and facilitators. E-mail addresses stay private.',
  },
  access: {
    read: anyone,
    create: contributors,
    update: contributorsOrTranslating,
    delete: adminsAndEditors,
  },
  fields: lockSharedFieldsForTranslators([
    { name: 'name', type: 'text', required: true },
    slugField('name'),
    { name: 'organisation', type: 'relationship', relationTo: 'organisations', index: true },
    { name: 'jobTitle', type: 'text', localized: true },
    {
      name: 'email',
      type: 'email',
      access: { read: signedInField },
      admin: { description: 'Private: for editors only, never published.' },
    },
    { name: 'photo', type: 'upload', relationTo: 'media', filterOptions: ownFilesUnlessEditor },
  ]),
}
