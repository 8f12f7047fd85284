// Payload answers every refused action with "You are not allowed to perform this action.", which
// leaves an editor guessing. For a signed-in user this says which right is missing and who has it,
// worked out from the collection's own access rules so that the message cannot drift from them.
import {
  type AfterErrorHook,
  Forbidden,
  type PayloadRequest,
  type SanitizedCollectionConfig,
} from 'payload'

import { ROLE_OPTIONS } from '../access/roles'

type Operation = 'read' | 'create' | 'update' | 'delete'

const OPERATION_OF_METHOD: Record<string, Operation> = {
  GET: 'read',
  POST: 'create',
  PATCH: 'update',
  PUT: 'update',
  DELETE: 'delete',
}

const VERB: Record<Operation, string> = {
  read: 'read',
  create: 'create',
  update: 'change',
  delete: 'delete',
}

/** Who may do `operation` here: each role's answer from the rule itself (a filter = some documents). */
const whoMay = async (
  collection: SanitizedCollectionConfig,
  operation: Operation,
  req: PayloadRequest,
) => {
  const rule = collection.access[operation]
  const may: string[] = []
  for (const { value, label } of ROLE_OPTIONS) {
    // Translators are asked in a translating locale, where their rights apply.
    const asRole = {
      ...req,
      user: { ...req.user, role: value },
      locale: value === 'translator' ? 'fr' : 'en',
    }
    const answer = await Promise.resolve(rule?.({ req: asRole as PayloadRequest })).catch(
      () => false,
    )
    if (answer === true) may.push(`${label.toLowerCase()}s`)
    else if (answer)
      may.push(
        `${label.toLowerCase()}s (for ${value === 'group-editor' ? 'their working groups' : 'some documents'})`,
      )
  }
  return may
}

/**
 * "Your role (Translator) does not have the right to create resources here; admins, editors, group
 * editors (for their working groups) can. Ask an admin if you need it."
 */
export const refusalMessage = async (
  collection: SanitizedCollectionConfig,
  operation: Operation,
  req: PayloadRequest,
  action: string = VERB[operation],
) => {
  const role = ROLE_OPTIONS.find((r) => r.value === req.user?.role)?.label ?? 'unknown'
  const plural = String(collection.labels?.plural ?? collection.slug).toLowerCase()
  const may = await whoMay(collection, operation, req)
  return (
    `Your role (${role}) does not have the right to ${action} ${plural}` +
    (may.length ? ` here; ${may.join(', ')} can. Ask an admin if you need it.` : '.')
  )
}

export const explainRefusals: AfterErrorHook = async ({ error, req, collection }) => {
  if (!(error instanceof Forbidden) || !req.user || !collection) return
  const path = new URL(req.url ?? '/', 'http://hub').pathname
  // Restoring a version is an update; duplicating is a create: said as what the editor did.
  const restoring = req.method === 'POST' && /\/versions\/[^/]+$/.test(path)
  const duplicating = req.method === 'POST' && /\/duplicate$/.test(path)
  const operation: Operation | undefined = restoring
    ? 'update'
    : OPERATION_OF_METHOD[req.method ?? '']
  if (!operation) return
  const message = await refusalMessage(
    collection,
    operation,
    req,
    restoring ? 'restore versions of' : duplicating ? 'duplicate' : VERB[operation],
  )
  return { response: { errors: [{ message }] }, status: 403 }
}
