'use client'
// A user's role, as Payload's own select; on the first-user form, where nobody is signed in to grant
// a role and the account always becomes the admin (collections/Users.ts), the form says so instead
// of offering a choice it would not keep.
import { SelectField, useAuth } from '@payloadcms/ui'
import type { SelectFieldClientComponent } from 'payload'

export const RoleField: SelectFieldClientComponent = (props) => {
  const { user } = useAuth()
  if (user) return <SelectField {...props} />
  return (
    <div className="field-type first-user-role" data-testid="first-user-role">
      <span className="field-label">Role</span>
      <p>
        <strong>Admin</strong>: the first account can do everything, including creating the accounts
        of editors, group editors and translators.
      </p>
    </div>
  )
}
