import type { TextareaField } from 'payload'

import { signedInField } from '../access/rules'

/** Notes between editors: never served to anonymous readers. */
export const editorNotesField = (): TextareaField => ({
  name: 'editorNotes',
  label: "Editors' notes",
  type: 'textarea',
  access: { read: signedInField },
  admin: { position: 'sidebar', description: 'Private: visible to signed-in editors only.' },
})
