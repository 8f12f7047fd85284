// Access rules shared by the collections. Each returns true, false, or a Where filter.
import type { Access, FieldAccess, FilterOptions, PayloadRequest, Where } from 'payload'

import { groupIdsOf, hasRole, isTranslatingLocale } from './roles'

export const anyone: Access = () => true

export const signedIn: Access = ({ req: { user } }) => Boolean(user)
export const signedInField: FieldAccess = ({ req: { user } }) => Boolean(user)

export const adminsOnly: Access = ({ req: { user } }) => hasRole(user, 'admin')
export const adminsOnlyField: FieldAccess = ({ req: { user } }) => hasRole(user, 'admin')

export const nobodyField: FieldAccess = () => false

/** What no one does by hand, admins included (the hub's own code writes with overrideAccess or SQL). */
export const nobody: Access = () => false

/** A secret shown once: readable by an admin on the create form, never on a saved document. */
export const readableBeforeCreation: FieldAccess = ({ req, doc, id }) =>
  hasRole(req.user, 'admin') && id === undefined && !doc?.id

export const adminsAndEditors: Access = ({ req: { user } }) => hasRole(user, 'admin', 'editor')

/** Anonymous readers see published documents only; every signed-in user sees drafts too. */
export const publishedOrSignedIn: Access = ({ req: { user } }) =>
  user ? true : { _status: { equals: 'published' } }

/**
 * Translators write drafts in their locale and never publish: asked with `_status: 'published'`
 * (as the admin does to decide whether to show "Publish"), the answer is no. The hooks in
 * src/hooks/keepTranslatorsToDrafts.ts refuse every other way of changing what is published.
 */
const translating = (req: PayloadRequest, data?: { _status?: unknown } | null) =>
  hasRole(req.user, 'translator') && isTranslatingLocale(req) && data?._status !== 'published'

/** Shared editorial content (taxonomies, newsletters…): editors write, translators translate. */
export const editorsOrTranslating: Access = ({ req, data }) =>
  hasRole(req.user, 'admin', 'editor') || translating(req, data)

/** Organisations and people are public as soon as they exist: only contributors add them. */
export const contributors: Access = ({ req }) =>
  hasRole(req.user, 'admin', 'editor', 'group-editor')

/** Organisations and people: group editors add their speakers and partners too. */
export const contributorsOrTranslating: Access = ({ req, data }) =>
  hasRole(req.user, 'admin', 'editor', 'group-editor') || translating(req, data)

const inGroups = (ids: number[], path: string): Where => ({ [path]: { in: ids } })

/** Content that belongs to working groups (resources, events, news). */
export const createGroupContent: Access = ({ req: { user }, data }) => {
  if (hasRole(user, 'admin', 'editor')) return true
  if (!hasRole(user, 'group-editor')) return false
  // Without data the admin only asks whether to show "Create new"; the field's own
  // validation checks the groups chosen on save.
  if (!data) return true
  const mine = new Set(groupIdsOf(user))
  const chosen = (data.workingGroups ?? []) as (number | { id: number })[]
  return chosen.length > 0 && chosen.every((g) => mine.has(typeof g === 'object' ? g.id : g))
}

export const updateGroupContent: Access = ({ req, data }) => {
  if (hasRole(req.user, 'admin', 'editor')) return true
  if (hasRole(req.user, 'group-editor')) return inGroups(groupIdsOf(req.user), 'workingGroups')
  return translating(req, data)
}

export const deleteGroupContent: Access = ({ req: { user } }) => {
  if (hasRole(user, 'admin', 'editor')) return true
  if (hasRole(user, 'group-editor')) return inGroups(groupIdsOf(user), 'workingGroups')
  return false
}

/** A group editor edits the page of their own groups only. */
export const updateWorkingGroup: Access = ({ req, data }) => {
  if (hasRole(req.user, 'admin', 'editor')) return true
  if (hasRole(req.user, 'group-editor')) return inGroups(groupIdsOf(req.user), 'id')
  return translating(req, data)
}

/** Translations (language editions): translators own them; group editors those of their groups. */
/** Whether a group editor's groups hold the resource a translation (new or changed) points to. */
const resourceInMyGroups = async (req: PayloadRequest, resource: unknown) => {
  const resourceId =
    typeof resource === 'object' && resource ? (resource as { id?: number }).id : resource
  if (!resourceId) return false
  const { totalDocs } = await req.payload.count({
    collection: 'resources',
    where: { id: { equals: resourceId }, workingGroups: { in: groupIdsOf(req.user) } },
    req,
  })
  return totalDocs > 0
}

export const createTranslation: Access = async ({ req, data }) => {
  if (hasRole(req.user, 'admin', 'editor')) return true
  if (hasRole(req.user, 'translator')) return data?._status !== 'published'
  if (!hasRole(req.user, 'group-editor')) return false
  if (!data) return true
  return resourceInMyGroups(req, data.resource)
}

export const updateTranslation: Access = async ({ req, data }) => {
  const { user } = req
  if (hasRole(user, 'admin', 'editor')) return true
  if (hasRole(user, 'translator')) return data?._status !== 'published'
  if (!hasRole(user, 'group-editor')) return false
  // Moving an edition to another resource: that one must be in their groups too.
  if (data?.resource !== undefined && !(await resourceInMyGroups(req, data.resource))) return false
  return inGroups(groupIdsOf(user), 'resource.workingGroups')
}

/** Files: editors replace any, everyone else only what they uploaded. */
export const editorsOrUploader: Access = ({ req: { user } }) => {
  if (hasRole(user, 'admin', 'editor')) return true
  return user ? { uploadedBy: { equals: user.id } } : false
}

/**
 * Which files a user may attach: editors any, everyone else their own uploads. Attaching a file to
 * something published makes it public, so nobody else's private draft PDF can be published that way.
 */
export const ownFilesUnlessEditor: FilterOptions = ({ req: { user } }) =>
  // No user: the hub's own code (seed, jobs); visitors cannot write at all.
  !user || hasRole(user, 'admin', 'editor') ? true : { uploadedBy: { equals: user.id } }

/** Users see and edit their own record; only admins manage others. */
export const adminsOrSelf: Access = ({ req: { user } }) => {
  if (hasRole(user, 'admin')) return true
  return user ? { id: { equals: user.id } } : false
}
