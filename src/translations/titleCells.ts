// Lists in French, Spanish and Arabic name every record: a title not translated yet shows in
// English, marked (src/components/admin/TitleCell.tsx), instead of Payload's "<No Title>".
import type { CollectionConfig, Field } from 'payload'

const CELL = '/src/components/admin/TitleCell#TitleCell'

const withCell = (fields: Field[], title: string): Field[] =>
  fields.map((field): Field => {
    if (field.type === 'row' || field.type === 'collapsible') {
      return { ...field, fields: withCell(field.fields, title) }
    }
    if (field.type === 'tabs') {
      return {
        ...field,
        tabs: field.tabs.map((tab) =>
          'name' in tab && tab.name ? tab : { ...tab, fields: withCell(tab.fields, title) },
        ),
      }
    }
    if (field.type !== 'text' || field.name !== title || !field.localized) return field
    return {
      ...field,
      admin: { ...field.admin, components: { ...field.admin?.components, Cell: CELL } },
    }
  })

export const markUntranslatedTitles = (collection: CollectionConfig): CollectionConfig => {
  const title = collection.admin?.useAsTitle
  return title ? { ...collection, fields: withCell(collection.fields, title) } : collection
}
