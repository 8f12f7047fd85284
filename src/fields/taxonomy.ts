import type { RelationshipField } from 'payload'

type Taxonomy = 'topics' | 'themes' | 'audiences' | 'standards' | 'organisations'

/** A many-to-many link to one of the shared taxonomies, indexed for filtering. */
export const taxonomyField = (
  name: string,
  relationTo: Taxonomy,
  overrides: Partial<RelationshipField> = {},
): RelationshipField =>
  ({
    name,
    type: 'relationship',
    relationTo,
    hasMany: true,
    index: true,
    ...overrides,
  }) as RelationshipField
