// Issue 20, item 2: lists in every locale name every record (a title not translated yet shows in
// English, marked, instead of "<No Title>"), and the admin opens in English, or in the locale the
// user chose in their profile, not in whichever locale was last looked at. Headless Chromium on the
// production build.
import { randomUUID } from 'node:crypto'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'

import { PAGE_MS, saveAndWait, shot, adminForThisFile } from '../helpers/admin'
import { hub } from '../helpers/hub'

const admin = adminForThisFile()

const localeShown = (page: Page) => page.locator('.localizer').first().innerText()

describe('the resources list in French', () => {
  it('shows an untranslated title in English, marked, and a translated one as it is', async () => {
    const payload = await hub()
    const tag = randomUUID().slice(0, 8)
    const untranslated = await payload.create({
      collection: 'resources',
      data: { title: `Field handbook ${tag}`, _status: 'published' },
    })
    const translated = await payload.create({
      collection: 'resources',
      data: { title: `Case study ${tag}`, _status: 'published' },
    })
    await payload.update({
      collection: 'resources',
      id: translated.id,
      locale: 'fr',
      data: { title: `Étude de cas ${tag}` },
    })
    const page = await admin().signInAs('editor')
    await page.goto(`${admin().base}/admin/collections/resources?locale=fr&search=${tag}`, {
      timeout: PAGE_MS,
    })
    const table = page.locator('table')
    await expect
      .poll(() => table.innerText(), { timeout: PAGE_MS })
      .toContain(`Field handbook ${tag} · not translated`)
    const text = await table.innerText()
    expect(text).toContain(`Étude de cas ${tag}`)
    expect(text).not.toContain(`Étude de cas ${tag} · not translated`)
    expect(text).not.toContain('<No Title>')
    // The English title still links to the record.
    const link = page.getByTestId('untranslated-title').locator('xpath=ancestor::a[1]')
    expect(await link.getAttribute('href')).toMatch(
      new RegExp(`/admin/collections/resources/${untranslated.id}$`),
    )
    await shot(page, 'admin-list-untranslated')
    await page.context().close()
  }, 400_000)
})

describe('the locale the admin opens in', () => {
  it('is English after signing in again, whatever was looked at last', async () => {
    const email = await admin().newUser('editor')
    const first = await admin().signIn(email)
    await first.goto(`${admin().base}/admin/collections/resources?locale=fr`, { timeout: PAGE_MS })
    await expect.poll(() => localeShown(first), { timeout: PAGE_MS }).toContain('Français')
    // Payload remembers it for the rest of the session…
    await first.goto(`${admin().base}/admin/collections/news`, { timeout: PAGE_MS })
    await expect.poll(() => localeShown(first), { timeout: PAGE_MS }).toContain('Français')
    await first.context().close()
    // …but the next sign-in starts from the profile's locale.
    const again = await admin().signIn(email)
    await again.goto(`${admin().base}/admin/collections/resources`, { timeout: PAGE_MS })
    await expect.poll(() => localeShown(again), { timeout: PAGE_MS }).toContain('English')
    await again.context().close()
  }, 400_000)

  it('is the one a translator chose in their profile', async () => {
    const email = await admin().newUser('translator', { contentLocale: 'ar' })
    const page = await admin().signIn(email)
    await page.goto(`${admin().base}/admin/collections/resources`, { timeout: PAGE_MS })
    await expect.poll(() => localeShown(page), { timeout: PAGE_MS }).toContain('العربية')
    await page.context().close()
  }, 400_000)
})

describe('the events list', () => {
  it('shows each start no more precisely than it is known', async () => {
    const payload = await hub()
    const tag = randomUUID().slice(0, 8)
    const base = { kind: 'meeting', format: 'in-person', languages: ['en'], _status: 'published' }
    await payload.create({
      collection: 'events',
      data: {
        ...base,
        title: `Days ${tag}`,
        startsAt: '2021-10-04T04:00:00.000Z',
        startsAt_tz: 'America/New_York',
        precision: 'day',
        durationMinutes: 5 * 24 * 60,
      } as never,
    })
    await payload.create({
      collection: 'events',
      data: {
        ...base,
        title: `Month ${tag}`,
        startsAt: '2021-02-28T23:00:00.000Z',
        startsAt_tz: 'Europe/Zurich',
        precision: 'month',
      } as never,
    })
    await payload.create({
      collection: 'events',
      data: {
        ...base,
        title: `Approximately ${tag}`,
        startsAt: '2018-03-14T23:00:00.000Z',
        startsAt_tz: 'Europe/Zurich',
        precision: 'approximate',
        approximateLabel: 'mid-March',
      } as never,
    })
    const page = await admin().signInAs('editor')
    await page.goto(`${admin().base}/admin/collections/events?search=${tag}`, { timeout: PAGE_MS })
    const starts = page.getByTestId('event-start')
    await expect.poll(() => starts.count(), { timeout: PAGE_MS }).toBe(3)
    expect((await starts.allInnerTexts()).sort()).toEqual(
      ['4–8 Oct 2021', 'March 2021', 'mid-March 2018'].sort(),
    )
    await shot(page, 'admin-events-list-precision')
    await page.context().close()
  }, 400_000)
})

describe('an event’s end in the form', () => {
  it('is entered as a time on the organiser’s clock; the duration follows', async () => {
    const payload = await hub()
    const event = await payload.create({
      collection: 'events',
      data: {
        title: `Webinar ${randomUUID().slice(0, 8)}`,
        kind: 'webinar',
        format: 'online',
        languages: ['en'],
        precision: 'exact',
        startsAt: '2026-09-10T14:00:00.000Z',
        startsAt_tz: 'Europe/Zurich',
        _status: 'published',
      } as never,
    })
    const page = await admin().signInAs('editor')
    await page.goto(`${admin().base}/admin/collections/events/${event.id}`, { timeout: PAGE_MS })
    // The date picker's own input: the field also holds a time-zone select, whose input may come
    // first while the picker is still being drawn.
    const end = page
      .locator('.field-type.date-time-field', { hasText: 'Ends' })
      .locator('.react-datepicker__input-container input')
    await end.first().waitFor({ timeout: PAGE_MS })
    await end.first().click()
    await end.first().fill('Sep 10, 2026 5:15 PM')
    await end.first().press('Enter')
    await page.locator('#field-title').click()
    await saveAndWait(page, 'action-save')
    await expect
      .poll(() => page.locator('#field-durationMinutes').inputValue(), { timeout: 30_000 })
      .toBe('75')
    await page.locator('#field-durationMinutes').scrollIntoViewIfNeeded()
    // One zone on the form for start and end: the end's own picker is not shown.
    expect(await page.locator('.hub-end-on-start-clock .timezone-picker-wrapper').isVisible()).toBe(
      false,
    )
    await shot(page, 'admin-event-end')
    const saved = await payload.findByID({ collection: 'events', id: event.id, depth: 0 })
    expect(saved).toMatchObject({ durationMinutes: 75, endsAt: '2026-09-10T15:15:00.000Z' })
    await page.context().close()
  }, 400_000)
})

describe('a row added right after typing', () => {
  it('is ready to fill, not left a grey placeholder', async () => {
    const page = await admin().signInAs('editor')
    for (let attempt = 0; attempt < 4; attempt++) {
      await page.goto(`${admin().base}/admin/collections/events/create`, { timeout: PAGE_MS })
      await page.locator('#field-title').waitFor({ timeout: PAGE_MS })
      await page.waitForTimeout(1500)
      await page.fill('#field-title', `Quick session ${attempt}`)
      // As the form's own request for the title leaves (its debounce is 250 ms): the row used to
      // wait for an answer that never came.
      await page.waitForTimeout(240 + attempt * 10)
      await page.getByRole('button', { name: 'Add Session' }).click()
      const row = page.locator('[id^="sessions-row"]').first()
      await row.waitFor({ timeout: 30_000 })
      await expect.poll(() => row.locator('.shimmer-effect').count(), { timeout: 5_000 }).toBe(0)
      expect(await row.locator('input').count()).toBeGreaterThan(0)
    }
    await page.context().close()
  }, 400_000)
})
