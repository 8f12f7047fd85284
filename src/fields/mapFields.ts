// Walks a collection's fields, however deep (rows, groups, arrays, collapsibles, tabs, blocks), and
// lets `change` rewrite each field once its own sub-fields have been walked: for the rules that
// withHubRules adds to every field of a kind (src/hooks/hubRules.ts).
import type { Field } from 'payload'

export const mapFields = (fields: Field[], change: (field: Field) => Field): Field[] =>
  fields.map((field) => {
    if (field.type === 'tabs') {
      return change({
        ...field,
        tabs: field.tabs.map((tab) => ({ ...tab, fields: mapFields(tab.fields, change) })),
      })
    }
    if (field.type === 'blocks') {
      return change({
        ...field,
        blocks: field.blocks.map((block) => ({
          ...block,
          fields: mapFields(block.fields, change),
        })),
      })
    }
    if ('fields' in field) {
      return change({ ...field, fields: mapFields(field.fields, change) } as Field)
    }
    return change(field)
  })

/** The field with one more component after its input (its own first). */
export const withAfterInput = (field: Field, component: string): Field => {
  const admin = ('admin' in field ? (field.admin ?? {}) : {}) as {
    components?: { afterInput?: unknown[] }
  }
  return {
    ...field,
    admin: {
      ...admin,
      components: {
        ...admin.components,
        afterInput: [...(admin.components?.afterInput ?? []), component],
      },
    },
  } as Field
}
