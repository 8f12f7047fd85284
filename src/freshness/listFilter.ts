// "Needs update" and its siblings as filters of the admin's lists: `?translation=missing`,
// `outdated` or `current` on the resources list (in the list's locale), `outdated` or `current` on
// the translations list. Payload's filter builder cannot offer a computed field (it leaves a blank
// condition and a TypeError for `where[needsUpdate]` in the address), so the filter is a parameter
// of its own, applied through the collection's documented `admin.baseFilter` and offered above the
// table (src/components/admin/TranslationStateFilter.tsx); the dashboard links to it.
import type { BaseFilter, Where } from 'payload'

import {
  outdatedEditionIds,
  resourcesWithTextState,
  TEXT_STATES,
  type TextState,
  translatedLocale,
} from './status'

export const STATE_PARAM = 'translation'

const idsIn = (ids: number[]): Where => ({ id: { in: ids.length ? ids : [0] } })

export const translationStateFilter =
  (collection: 'resources' | 'translations'): BaseFilter =>
  async ({ req }) => {
    const state = req.query?.[STATE_PARAM]
    if (typeof state !== 'string' || !TEXT_STATES.includes(state as TextState)) return null
    if (collection === 'resources') {
      const locale = translatedLocale(req)
      return locale ? idsIn(await resourcesWithTextState(req, locale, state as TextState)) : null
    }
    const outdated = [...(await outdatedEditionIds(req))]
    if (state === 'outdated') return idsIn(outdated)
    if (state === 'current') return outdated.length ? { id: { not_in: outdated } } : null
    return null
  }
