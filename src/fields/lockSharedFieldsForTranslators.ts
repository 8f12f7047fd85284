// Translators may update documents only in a non-English locale; this keeps them from changing
// what every locale shares (slugs, dates, relationships…) by denying updates to unlocalized fields.
import type { Field, FieldAccess } from 'payload'

import { hasRole } from '../access/roles'

const notTranslator: FieldAccess = ({ req: { user } }) => !hasRole(user, 'translator')

const hasLocalizedDescendant = (field: Field): boolean => {
  if ('localized' in field && field.localized) return true
  if ('fields' in field) return field.fields.some(hasLocalizedDescendant)
  if (field.type === 'tabs')
    return field.tabs.some((tab) => tab.fields.some(hasLocalizedDescendant))
  return false
}

const lock = (field: Field): Field => {
  if ('localized' in field && field.localized) return field
  if (field.type === 'tabs') {
    return { ...field, tabs: field.tabs.map((tab) => ({ ...tab, fields: tab.fields.map(lock) })) }
  }
  const presentational = field.type === 'row' || field.type === 'collapsible'
  const nested = field.type === 'group' && !('name' in field && field.name)
  if ((presentational || nested) && 'fields' in field) {
    return { ...field, fields: field.fields.map(lock) } as Field
  }
  if (field.type === 'ui') return field
  // A shared container that holds localized text (a newsletter's sections) stays open so its
  // text can be translated; its children are locked one by one.
  if ((field.type === 'array' || field.type === 'group') && hasLocalizedDescendant(field)) {
    return { ...field, fields: field.fields.map(lock) } as Field
  }
  const access = 'access' in field ? field.access : undefined
  const update: FieldAccess = access?.update
    ? async (args) => (await notTranslator(args)) && access.update!(args)
    : notTranslator
  return { ...field, access: { ...access, update } } as Field
}

export const lockSharedFieldsForTranslators = (fields: Field[]): Field[] => fields.map(lock)
