// The admin fixes of issue 12 item 7, seen as editors see them, in headless Chromium against the
// production build under `npm test` (tests/helpers/admin.ts; with ADMIN_UI_SERVER=dev, `next dev`,
// so this file is slow): time zones found by abbreviation and city, the events list showing times
// with their zone, dates shown as precisely as known, a duplicate slug named, and a refusal that
// names the missing right instead of asking a signed-in translator to log in. Screenshots go to
// docs/ for the README.
import { describe, expect, it } from 'vitest'

import { hub, unique } from '../helpers/hub'
import { PAGE_MS, shot, adminForThisFile } from '../helpers/admin'

const admin = adminForThisFile()

describe('time zones in the admin', () => {
  it('finds a zone by abbreviation and by city in the event form', async () => {
    const page = await admin().signInAs('editor')
    await page.goto(`${admin().base}/admin/collections/events/create`, { timeout: PAGE_MS })
    const picker = page.locator('.timezone-picker input').first()
    await picker.waitFor({ timeout: PAGE_MS })
    await picker.click()
    await picker.fill('CET')
    const options = page.locator('.rs__option')
    await expect
      .poll(() => options.allInnerTexts(), { timeout: 10_000 })
      .toContainEqual(expect.stringMatching(/^Europe\/Zurich — Zurich, Geneva.*CET\/CEST/))
    await shot(page, 'admin-timezone-search')
    await picker.fill('Nairobi')
    await expect
      .poll(() => options.allInnerTexts())
      .toContainEqual(expect.stringMatching(/^Africa\/Nairobi/))
    await picker.fill('EDT')
    await expect
      .poll(() => options.allInnerTexts())
      .toContainEqual(expect.stringMatching(/^America\/New_York/))
    await page.context().close()
  }, 400_000)

  it('lists events with their start in the organiser’s zone, zone named', async () => {
    const payload = await hub()
    const title = unique('Zoned webinar')
    await payload.create({
      collection: 'events',
      data: {
        _status: 'published',
        title,
        kind: 'webinar',
        startsAt: '2026-07-21T12:00:00.000Z',
        startsAt_tz: 'Europe/Zurich',
        precision: 'exact',
        format: 'online',
        languages: ['en'],
      },
    })
    const page = await admin().signInAs('editor')
    await page.goto(
      `${admin().base}/admin/collections/events?search=${encodeURIComponent(title)}`,
      {
        timeout: PAGE_MS,
      },
    )
    await expect
      .poll(() => page.locator('table').innerText(), { timeout: PAGE_MS })
      .toContain('21 Jul 2026, 14:00 CEST (Europe/Zurich)')
    await shot(page, 'admin-events-list-zone')
    await page.context().close()
  }, 400_000)
})

describe('a webinar held in several sessions', () => {
  it('is one record: its sessions in the form, its earliest start in the list', async () => {
    const payload = await hub()
    const title = unique('Two-language webinar')
    const webinar = await payload.create({
      collection: 'events',
      data: {
        _status: 'published',
        title,
        kind: 'webinar',
        startsAt: '2026-07-01T00:00:00.000Z',
        startsAt_tz: 'Europe/London',
        precision: 'exact',
        format: 'online',
        languages: ['en'],
        sessions: [
          {
            language: 'es',
            startsAt: '2026-07-23T15:00:00.000Z',
            startsAt_tz: 'America/New_York',
            recordingUrl: 'https://example.org/recording-es',
          },
          {
            language: 'en',
            startsAt: '2026-07-21T12:00:00.000Z',
            startsAt_tz: 'Europe/Zurich',
            recordingUrl: 'https://example.org/recording-en',
          },
        ],
      },
    })
    const page = await admin().signInAs('editor')
    await page.goto(
      `${admin().base}/admin/collections/events?search=${encodeURIComponent(title)}`,
      {
        timeout: PAGE_MS,
      },
    )
    await expect
      .poll(() => page.locator('table').innerText(), { timeout: PAGE_MS })
      .toContain('21 Jul 2026, 14:00 CEST (Europe/Zurich)')
    await page.goto(`${admin().base}/admin/collections/events/${webinar.id}`, { timeout: PAGE_MS })
    const recordings = page.locator('input[id^="field-sessions__"][id$="__recordingUrl"]')
    await expect
      .poll(async () => (await recordings.count()) > 0 && (await recordings.first().inputValue()), {
        timeout: PAGE_MS,
      })
      .toBeTruthy()
    const values = await recordings.evaluateAll((inputs) =>
      inputs.map((input) => (input as HTMLInputElement).value),
    )
    expect(values).toEqual(['https://example.org/recording-es', 'https://example.org/recording-en'])
    await page.context().close()
  }, 400_000)
})

describe('dates known to the month or year', () => {
  it('shows "January 2021" in the resources list and beside the date picker', async () => {
    const payload = await hub()
    const title = unique('Month-only guidance')
    const resource = await payload.create({
      collection: 'resources',
      data: {
        title,
        _status: 'published',
        publicationDate: '2021-01-01T12:00:00.000Z',
        datePrecision: 'month',
      },
    })
    const page = await admin().signInAs('editor')
    await page.goto(
      `${admin().base}/admin/collections/resources?search=${encodeURIComponent(title)}`,
      {
        timeout: PAGE_MS,
      },
    )
    const table = page.locator('table')
    await expect.poll(() => table.innerText(), { timeout: PAGE_MS }).toContain('January 2021')
    expect(await table.innerText()).not.toContain('12:00 PM')
    await page.goto(`${admin().base}/admin/collections/resources/${resource.id}`, {
      timeout: PAGE_MS,
    })
    const readout = page.getByTestId('precise-date-readout')
    await expect.poll(() => readout.innerText(), { timeout: PAGE_MS }).toContain('January 2021')
    expect(await readout.innerText()).toBe('Known as: January 2021')
    // The picker itself, once loaded, shows the day with its year (never "Jan 01").
    const picker = page.locator('.react-datepicker__input-container input').first()
    await expect.poll(() => picker.inputValue(), { timeout: PAGE_MS }).toBe('1 January 2021')
    await readout.scrollIntoViewIfNeeded()
    await shot(page, 'admin-date-precision')
    await page.context().close()
  }, 400_000)
})

describe('a duplicate slug in the admin', () => {
  it('names the record that holds the slug', async () => {
    const payload = await hub()
    const title = unique('Slug holder')
    const holder = await payload.create({ collection: 'resources', data: { title } })
    const page = await admin().signInAs('editor')
    await page.goto(`${admin().base}/admin/collections/resources/create`, { timeout: PAGE_MS })
    await page.fill('#field-title', 'Another title')
    await page.fill('#field-slug', holder.slug!)
    await page.click('#action-save-draft')
    await expect
      .poll(() => page.locator('body').innerText(), { timeout: 60_000 })
      .toContain(
        `The slug "${holder.slug}" is already used by the resource "${title}" (id ${holder.id})`,
      )
    // What the editor typed stays in the box.
    expect(await page.inputValue('#field-slug')).toBe(holder.slug)
    await page.context().close()
  }, 400_000)
})

describe('a refused action in the admin', () => {
  it('tells a signed-in translator which right is missing, not to log in', async () => {
    const payload = await hub()
    const resource = await payload.create({
      collection: 'resources',
      data: { title: unique('Draft to publish'), _status: 'draft' },
      draft: true,
    })
    const page = await admin().signInAs('translator')
    // Where a "Create new" link takes a translator: Payload's own view would ask them to log in.
    await page.goto(`${admin().base}/admin/collections/resources/create`, { timeout: PAGE_MS })
    const alert = page.locator('.hub-refusal')
    await alert.waitFor({ timeout: PAGE_MS })
    expect(await alert.innerText()).toMatch(
      /^Your role \(Translator\) does not have the right to create resources here; .*editors.* can/,
    )
    await page.locator('table').waitFor({ timeout: PAGE_MS })
    await shot(page, 'admin-refusal')
    expect(await page.locator('body').innerText()).not.toMatch(/must be logged in/i)
    expect(resource.id).toBeTruthy()
    await page.context().close()
  }, 400_000)
})
