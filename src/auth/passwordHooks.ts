// The password rule on every path that sets a password. Creating and updating a user (the admin's
// forms, REST, GraphQL, the first-user registration, which creates through the same operation) run
// the collection's beforeValidate hooks after access is checked. Resetting a password with a token
// does not: Payload hashes the new password before any collection hook sees it, so that path is
// checked in beforeOperation, before anything is written.
import {
  type CollectionBeforeOperationHook,
  type CollectionBeforeValidateHook,
  ValidationError,
} from 'payload'

import { passwordProblem } from './passwordRule'

const check = (collection: string, password: unknown) => {
  const problem = passwordProblem(password)
  if (problem) {
    throw new ValidationError({
      collection,
      errors: [{ path: 'password', message: `Password ${problem}.` }],
    })
  }
}

/** Create and update. An update without a password (or with an empty one) keeps the old one. */
export const passwordRuleOnSave: CollectionBeforeValidateHook = ({
  data,
  operation,
  collection,
}) => {
  const password: unknown = data?.password
  // Payload itself answers "required" when a new account has no password at all.
  if (password === undefined || password === null || password === '') return data
  if (operation === 'create' || operation === 'update') check(collection.slug, password)
  return data
}

/** Reset with a token (`/api/users/reset-password`, `payload.resetPassword`). */
export const passwordRuleOnReset: CollectionBeforeOperationHook = ({
  args,
  collection,
  operation,
}) => {
  if (operation !== 'resetPassword') return
  check(collection.slug, (args as { data?: { password?: unknown } }).data?.password)
}
