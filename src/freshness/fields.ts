// The admin's view of freshness: computed (virtual) fields on Resources and Translations, the
// filter that makes "Needs update" queryable, and the title an edition in a hub locale takes from
// its resource (one place for each title: README, "Translation freshness and titles").
import { sql } from '@payloadcms/db-postgres/drizzle'
import type {
  CheckboxField,
  CollectionBeforeChangeHook,
  CollectionBeforeOperationHook,
  FieldAccess,
  FieldHook,
  PayloadRequest,
  TextareaField,
  TextField,
  Where,
} from 'payload'

import { isHubLanguage } from './rules'
import {
  outdatedEditionIds,
  outdatedResourceTexts,
  rewriteNeedsUpdate,
  translatedLocale,
} from './status'
import { transactionOf } from '../db/transaction'

const LABELS: Record<string, string> = { title: 'Title', summary: 'Summary', body: 'Body' }
const day = (iso: string) => iso.slice(0, 16).replace('T', ' ') + ' UTC'

const resourceNeedsUpdate: FieldHook = async ({ data, req }) => {
  const locale = translatedLocale(req)
  if (!locale || !data?.id) return null
  return (await outdatedResourceTexts(req, locale)).has(Number(data.id))
}

const changedInEnglish: FieldHook = async ({ data, req }) => {
  const locale = translatedLocale(req)
  if (!locale || !data?.id) return null
  const fields = (await outdatedResourceTexts(req, locale)).get(Number(data.id))
  if (!fields?.length) return null
  return fields
    .map((f) => `${LABELS[f.field]}: the English changed on ${day(f.englishChangedAt)}`)
    .join('\n')
}

const editionNeedsUpdate: FieldHook = async ({ data, req }) =>
  data?.id ? (await outdatedEditionIds(req)).has(Number(data.id)) : null

/** The answer to a write, with its freshness fields as they are after the write. */
export const refreshFreshnessFields = async (
  slug: string,
  doc: Record<string, unknown>,
  req: PayloadRequest,
) => {
  if (!('needsUpdate' in doc)) return doc
  const hook = { data: doc, req } as Parameters<FieldHook>[0]
  if (slug === 'translations') return { ...doc, needsUpdate: await editionNeedsUpdate(hook) }
  if (slug !== 'resources') return doc
  return {
    ...doc,
    needsUpdate: await resourceNeedsUpdate(hook),
    ...('changedInEnglish' in doc ? { changedInEnglish: await changedInEnglish(hook) } : {}),
  }
}

/** "Needs update", for the list's column and filter (`where[needsUpdate][equals]=true`). */
export const needsUpdateField = (collection: 'resources' | 'translations'): CheckboxField => ({
  name: 'needsUpdate',
  label: 'Needs update',
  type: 'checkbox',
  virtual: true,
  admin: {
    readOnly: true,
    position: 'sidebar',
    description:
      collection === 'resources'
        ? 'In French, Spanish or Arabic: a text of this locale is older than its English text (published versions).'
        : 'The resource’s English summary or body changed after this edition was last changed (published versions).',
  },
  hooks: {
    afterRead: [collection === 'resources' ? resourceNeedsUpdate : editionNeedsUpdate],
  },
})

/** Which texts of the current locale changed in English since they were translated, and when. */
export const changedInEnglishField = (): TextareaField => ({
  name: 'changedInEnglish',
  label: 'Changed in English since translated',
  type: 'textarea',
  virtual: true,
  admin: {
    readOnly: true,
    position: 'sidebar',
    condition: (data) => Boolean(data?.changedInEnglish),
  },
  hooks: { afterRead: [changedInEnglish] },
})

/** Lets list filters and REST `where` use `needsUpdate` (see rewriteNeedsUpdate). */
export const filterByNeedsUpdate =
  (collection: 'resources' | 'translations'): CollectionBeforeOperationHook =>
  async ({ args, operation, req }) => {
    if (operation !== 'read' && operation !== 'count') return args
    const where = (args as { where?: Where }).where
    if (!where || !JSON.stringify(where).includes('"needsUpdate"')) return args
    let ids: number[] = []
    if (collection === 'translations') {
      ids = [...(await outdatedEditionIds(req))]
    } else {
      const locale = translatedLocale(req)
      ids = locale ? [...(await outdatedResourceTexts(req, locale)).keys()] : []
    }
    return { ...args, where: rewriteNeedsUpdate(where, () => ids) }
  }

// ── Titles of editions in a hub locale ─────────────────────────────────────────────────────────

const idOf = (value: unknown): number | undefined => {
  const id = value && typeof value === 'object' ? (value as { id?: unknown }).id : value
  return Number.isInteger(Number(id)) && id !== null && id !== undefined ? Number(id) : undefined
}

/** A resource's titles by locale, as readers see them (read once per request and resource). */
const resourceTitles = (req: PayloadRequest, id: number) => {
  const context = req.context as Record<string, unknown>
  const cache = (context.hubResourceTitles ??= new Map()) as Map<
    number,
    Promise<Record<string, string>>
  >
  if (!cache.has(id)) {
    cache.set(
      id,
      (async () => {
        const { rows } = await (
          await transactionOf(req)
        )(
          sql`SELECT _locale::text AS locale, title FROM resources_locales
              WHERE _parent_id = ${id} AND coalesce(title, '') <> ''`,
        )
        return Object.fromEntries(rows.map((r) => [String(r.locale), String(r.title)]))
      })(),
    )
  }
  return cache.get(id)!
}

/** An edition in English, French, Spanish or Arabic shows its resource's title in that language. */
const titleFromResource: FieldHook = async ({ data, req, value }) => {
  if (!isHubLanguage(data?.language)) return value
  const id = idOf(data?.resource)
  if (id === undefined) return value
  const titles = await resourceTitles(req, id)
  return titles[data.language] ?? titles.en ?? null
}

const ownTitleAllowed: FieldAccess = ({ data }) => !isHubLanguage(data?.language)

/**
 * An edition's title: its own for a language the hub has no locale for (Polish, Japanese…), and
 * optional (an edition may be known before its title is); for a hub locale, the resource's title in
 * that locale, read-only here and never stored, so that the two can never disagree.
 */
export const editionTitleField = (): TextField => ({
  name: 'title',
  type: 'text',
  access: { create: ownTitleAllowed, update: ownTitleAllowed },
  admin: {
    description:
      'The title in the language and script of this edition, if known. For an edition in English, French, Spanish or Arabic it is the resource’s title in that language: change it on the resource, in that locale.',
  },
  hooks: { afterRead: [titleFromResource] },
})

/** Stores no title for an edition in a hub locale, whatever the request sent. */
export const dropTitleOfHubEdition: CollectionBeforeChangeHook = ({ data, originalDoc }) => {
  const language = data.language ?? originalDoc?.language
  return isHubLanguage(language) ? { ...data, title: null } : data
}
