import type { RelationshipField, Validate } from 'payload'

import { groupIdsOf, hasRole } from '../access/roles'

type GroupValue = number | { id: number }

/** Group editors may only file content under groups they belong to, and under at least one. */
const withinEditorsGroups: Validate<GroupValue[] | null | undefined> = (value, { req }) => {
  if (!hasRole(req.user, 'group-editor')) return true
  const chosen = (value ?? []).map((g) => (typeof g === 'object' ? g.id : g))
  if (chosen.length === 0) return 'Choose at least one of your working groups.'
  const mine = new Set(groupIdsOf(req.user))
  return chosen.every((id) => mine.has(id))
    ? true
    : 'You can only choose working groups you belong to.'
}

export const workingGroupsField = (overrides: Partial<RelationshipField> = {}): RelationshipField =>
  ({
    name: 'workingGroups',
    label: 'Working groups',
    type: 'relationship',
    relationTo: 'working-groups',
    hasMany: true,
    index: true,
    validate: withinEditorsGroups,
    ...overrides,
  }) as RelationshipField
