import type { CollectionConfig, FieldHook } from 'payload'

import { ROLE_OPTIONS } from '../src/access/roles'
import { adminsOnly, adminsOnlyField, adminsOrSelf } from '../src/access/rules'
import { contentLocaleField, openInContentLocale } from '../src/auth/contentLocale'
import { sessionCookieOptions } from '../src/auth/cookies'
import { clearLoginFailures, throttleLogin } from '../src/auth/loginThrottle'
import { passwordRuleOnReset, passwordRuleOnSave } from '../src/auth/passwordHooks'
import { env } from '../src/env'

/**
 * The very first account (created on the admin's first visit) is an admin. Its form offers no role
 * (nobody is signed in yet to grant one) and says so instead (src/components/admin/RoleField.tsx).
 */
const firstUserIsAdmin: FieldHook = async ({ value, operation, req }) => {
  if (operation !== 'create') return value
  const { totalDocs } = await req.payload.count({ collection: 'users', req })
  return totalDocs === 0 ? 'admin' : value
}

export const Users: CollectionConfig = {
  slug: 'users',
  labels: { singular: 'User', plural: 'Users' },
  auth: {
    // No account lock: failed sign-ins are throttled per client address instead (loginThrottle).
    maxLoginAttempts: 0,
    cookies: sessionCookieOptions(env.SERVER_URL),
  },
  hooks: {
    beforeOperation: [throttleLogin, passwordRuleOnReset],
    beforeValidate: [passwordRuleOnSave],
    afterLogin: [clearLoginFailures, openInContentLocale],
  },
  admin: {
    useAsTitle: 'email',
    defaultColumns: ['name', 'email', 'role', 'groups'],
    group: 'Admin',
    description: 'People who edit the hub. Never visible to the public.',
  },
  access: {
    admin: ({ req: { user } }) => Boolean(user),
    read: adminsOrSelf,
    create: adminsOnly,
    update: adminsOrSelf,
    delete: adminsOnly,
  },
  fields: [
    { name: 'name', type: 'text', required: true },
    {
      name: 'role',
      type: 'select',
      required: true,
      defaultValue: 'editor',
      options: ROLE_OPTIONS,
      saveToJWT: true,
      access: { create: adminsOnlyField, update: adminsOnlyField },
      hooks: { beforeChange: [firstUserIsAdmin] },
      admin: {
        components: { Field: '/src/components/admin/RoleField#RoleField' },
        description:
          'Admin: everything. Editor: all content. Group editor: content of their groups. Translator: non-English locales and translations.',
      },
    },
    contentLocaleField,
    {
      name: 'groups',
      label: 'Working groups',
      type: 'relationship',
      relationTo: 'working-groups',
      hasMany: true,
      saveToJWT: true,
      access: { create: adminsOnlyField, update: adminsOnlyField },
      admin: {
        condition: (data) => data?.role === 'group-editor',
        description: 'A group editor edits the content of these groups only.',
      },
    },
  ],
}
