// Every array field of the admin gets src/components/admin/SettleNewRows.tsx beside it: a row
// added ("Add Session", "Add Link"…) within a moment of typing elsewhere could stay a grey
// placeholder until another field changed.
import type { Field } from 'payload'

import { mapFields, withAfterInput } from './mapFields'

const SETTLE = '/src/components/admin/SettleNewRows#SettleNewRows'

export const settleNewRows = (fields: Field[]): Field[] =>
  mapFields(fields, (field) => (field.type === 'array' ? withAfterInput(field, SETTLE) : field))
