// The small taxonomies (topics, themes, audiences, publication types) share one shape.
import type { CollectionConfig } from 'payload'

import { adminsAndEditors, anyone, editorsOrTranslating } from '../../src/access/rules'
import { lockSharedFieldsForTranslators } from '../../src/fields/lockSharedFieldsForTranslators'
import { slugField } from '../../src/fields/slug'
import { localizedText } from '../../src/fields/localizedText'

type TermCollection = {
  slug: string
  singular: string
  plural: string
  description: string
}

export const termCollection = ({
  slug,
  singular,
  plural,
  description,
}: TermCollection): CollectionConfig => ({
  slug,
  labels: { singular, plural },
  admin: {
    useAsTitle: 'name',
    defaultColumns: ['name', 'slug', 'updatedAt'],
    group: 'Taxonomies',
    description,
  },
  access: {
    read: anyone,
    create: adminsAndEditors,
    update: editorsOrTranslating,
    delete: adminsAndEditors,
  },
  fields: lockSharedFieldsForTranslators([
    localizedText('name', { required: true }),
    slugField('name'),
    { name: 'description', type: 'textarea', localized: true },
  ]),
})
