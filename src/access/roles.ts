// Who an editor is: one role per user, and for group editors the groups they belong to.
import type { PayloadRequest } from 'payload'

export const ROLES = ['admin', 'editor', 'group-editor', 'translator'] as const
export type Role = (typeof ROLES)[number]

export const ROLE_OPTIONS: { label: string; value: Role }[] = [
  { label: 'Admin', value: 'admin' },
  { label: 'Editor', value: 'editor' },
  { label: 'Group editor', value: 'group-editor' },
  { label: 'Translator', value: 'translator' },
]

type MaybeUser = PayloadRequest['user']

export const hasRole = (user: MaybeUser, ...roles: Role[]): boolean =>
  Boolean(user && user.collection === 'users' && roles.includes(user.role as Role))

/** Ids of the working groups a group editor belongs to (relationship values may be populated). */
export const groupIdsOf = (user: MaybeUser): number[] =>
  (user?.groups ?? []).map((group) => (typeof group === 'object' ? group.id : group))

/** Translators write only in a locale other than English, never across all locales at once. */
export const isTranslatingLocale = (req: PayloadRequest): boolean =>
  Boolean(req.locale && req.locale !== 'en' && req.locale !== 'all')
