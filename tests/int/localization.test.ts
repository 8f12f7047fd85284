// Locales en (default), fr, es, ar: a text not yet translated falls back to English.
import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { hub, rest, unique } from '../helpers/hub'

let payload: Payload
let id: number

beforeAll(async () => {
  payload = await hub()
  const doc = await payload.create({
    collection: 'resources',
    locale: 'en',
    data: {
      title: unique('Case management guidelines'),
      summary: 'English summary',
      _status: 'published',
    },
  })
  id = doc.id
  await payload.update({
    collection: 'resources',
    id,
    locale: 'fr',
    data: { title: 'Lignes directrices sur la gestion de cas' },
  })
  await payload.update({
    collection: 'resources',
    id,
    locale: 'ar',
    data: { title: 'إرشادات إدارة الحالات' },
  })
})

describe('localized reading over REST', () => {
  it('serves the French title and falls back to the English summary', async () => {
    const { body } = await rest('GET', `/resources/${id}?locale=fr`)
    expect(body.title).toBe('Lignes directrices sur la gestion de cas')
    expect(body.summary).toBe('English summary')
  })

  it('serves Arabic text as written', async () => {
    const { body } = await rest('GET', `/resources/${id}?locale=ar`)
    expect(body.title).toBe('إرشادات إدارة الحالات')
  })

  it('falls back to English for a locale with no translation', async () => {
    const { body } = await rest('GET', `/resources/${id}?locale=es`)
    expect(body.title).toMatch(/^Case management guidelines/)
  })

  it('returns no fallback when asked for none', async () => {
    const { body } = await rest('GET', `/resources/${id}?locale=es&fallback-locale=none`)
    expect(body.title ?? null).toBeNull()
  })

  it('returns every locale at once for translators’ tools', async () => {
    const { body } = await rest('GET', `/resources/${id}?locale=all`)
    expect(body.title.fr).toBe('Lignes directrices sur la gestion de cas')
    expect(body.title.ar).toBe('إرشادات إدارة الحالات')
  })

  it('keeps right-to-left Arabic marked in the admin', () => {
    const arabic =
      payload.config.localization &&
      payload.config.localization.locales.find((l) => l.code === 'ar')
    expect(arabic).toMatchObject({ rtl: true })
  })
})
