import type { CollectionConfig } from 'payload'

import {
  adminsAndEditors,
  anyone,
  contributors,
  contributorsOrTranslating,
  ownFilesUnlessEditor,
} from '../src/access/rules'
import { lockSharedFieldsForTranslators } from '../src/fields/lockSharedFieldsForTranslators'
import { slugField } from '../src/fields/slug'
import { urlField } from '../src/fields/url'
import { localizedText } from '../src/fields/localizedText'

export const Organisations: CollectionConfig = {
  slug: 'organisations',
  labels: { singular: 'Organisation', plural: 'Organisations' },
  admin: {
    useAsTitle: 'name',
    defaultColumns: ['name', 'shortName', 'kind', 'updatedAt'],
    listSearchableFields: ['name', 'shortName'],
    group: 'Library',
    description: 'Agencies that lead groups, publish resources, translate or speak at events.',
  },
  access: {
    read: anyone,
    create: contributors,
    update: contributorsOrTranslating,
    delete: adminsAndEditors,
  },
  fields: lockSharedFieldsForTranslators([
    localizedText('name', { required: true }),
    { name: 'shortName', type: 'text', admin: { description: 'Acronym, e.g. IRC, UNHCR.' } },
    slugField('name'),
    {
      name: 'kind',
      type: 'select',
      required: true,
      index: true,
      options: [
        { label: 'UN agency', value: 'un-agency' },
        { label: 'NGO', value: 'ngo' },
        { label: 'Network', value: 'network' },
        { label: 'Government', value: 'government' },
        { label: 'Academic', value: 'academic' },
        { label: 'Donor', value: 'donor' },
        { label: 'Other', value: 'other' },
      ],
    },
    urlField('website'),
    { name: 'logo', type: 'upload', relationTo: 'media', filterOptions: ownFilesUnlessEditor },
  ]),
}
