import type { CollectionConfig } from 'payload'

import { adminsAndEditors, anyone, editorsOrTranslating } from '../src/access/rules'
import { lockSharedFieldsForTranslators } from '../src/fields/lockSharedFieldsForTranslators'
import { slugField } from '../src/fields/slug'
import { localizedText } from '../src/fields/localizedText'
import { STANDARD_COUNT } from '../src/standards'

export const PILLARS = [
  { value: '1', label: 'Pillar 1: Standards to ensure a quality child protection response' },
  { value: '2', label: 'Pillar 2: Standards on child protection risks' },
  { value: '3', label: 'Pillar 3: Standards to develop adequate strategies' },
  { value: '4', label: 'Pillar 4: Standards to work across sectors' },
]

export const Standards: CollectionConfig = {
  slug: 'standards',
  labels: { singular: 'CPMS standard', plural: 'CPMS standards' },
  defaultSort: 'number',
  admin: {
    useAsTitle: 'title',
    defaultColumns: ['number', 'title', 'pillar'],
    group: 'Taxonomies',
    description: `The ${STANDARD_COUNT} Child Protection Minimum Standards (2019 edition) in their four pillars.`,
  },
  access: {
    read: anyone,
    create: adminsAndEditors,
    update: editorsOrTranslating,
    delete: adminsAndEditors,
  },
  fields: lockSharedFieldsForTranslators([
    { name: 'number', type: 'number', required: true, unique: true, min: 1, max: STANDARD_COUNT },
    { name: 'pillar', type: 'select', required: true, options: PILLARS, index: true },
    localizedText('title', { required: true }),
    slugField('title'),
    { name: 'description', type: 'textarea', localized: true },
  ]),
}
