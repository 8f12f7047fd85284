// Every array field of the admin gets src/components/admin/SettleNewRows.tsx beside it: a row
// added ("Add Session", "Add Link"…) within a moment of typing elsewhere could stay a grey
// placeholder until another field changed.
import type { Field } from 'payload'

const SETTLE = '/src/components/admin/SettleNewRows#SettleNewRows'

export const settleNewRows = (fields: Field[]): Field[] =>
  fields.map((field): Field => {
    if (field.type === 'tabs') {
      return {
        ...field,
        tabs: field.tabs.map((tab) => ({ ...tab, fields: settleNewRows(tab.fields) })),
      }
    }
    if (field.type === 'blocks') {
      return {
        ...field,
        blocks: field.blocks.map((block) => ({ ...block, fields: settleNewRows(block.fields) })),
      }
    }
    if (!('fields' in field)) return field
    const inner = { ...field, fields: settleNewRows(field.fields) } as Field
    if (field.type !== 'array') return inner
    const admin = field.admin ?? {}
    return {
      ...inner,
      admin: {
        ...admin,
        components: {
          ...admin.components,
          afterInput: [...(admin.components?.afterInput ?? []), SETTLE],
        },
      },
    } as Field
  })
