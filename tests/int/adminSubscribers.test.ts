// Subscribers as the secretariat handles them in the admin, in headless Chromium: the list exported
// as CSV (formulas defused), a reader's request to stop or to change language carried out by hand
// and put on their consent record, and a subscription an admin may not make for a reader. Editors
// and translators find neither the list nor the export.
import { readFile } from 'node:fs/promises'
import pg from 'pg'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { PAGE_MS, adminForThisFile, saveAndWait, shot } from '../helpers/admin'
import { hub, unique } from '../helpers/hub'

const admin = adminForThisFile()
let pool: pg.Pool

beforeAll(() => {
  pool = new pg.Pool({ connectionString: inject('databaseUrl'), max: 2 })
})
afterAll(async () => {
  await pool?.end()
})

const address = (name: string) => `${unique(name).toLowerCase()}@example.org`

/** A reader as their confirmation leaves them (nobody makes one in the admin). */
const addSubscriber = async (email: string, status = 'subscribed', locale = 'en') =>
  (
    await (
      await hub()
    ).create({
      collection: 'subscribers',
      data: { email, status, locale, interests: ['newsletter'] } as never,
    })
  ).id as number

const consentsOf = async (id: number) =>
  (
    await pool.query<{ event: string; source: string; locale: string | null }>(
      'SELECT event::text, source, locale FROM consents WHERE subscriber_id = $1 ORDER BY id',
      [id],
    )
  ).rows

const statusOf = async (id: number) =>
  (await pool.query<{ status: string }>('SELECT status FROM subscribers WHERE id = $1', [id]))
    .rows[0]?.status

/** Picks an option of a select field by its label, as an admin does. */
const choose = async (page: Page, field: string, label: string) => {
  await page.locator(`#field-${field} .rs__control`).click()
  await page.locator('.rs__option').getByText(label, { exact: true }).click()
}

describe('subscribers in the admin', () => {
  it('an admin exports them as CSV from the list, with formulas defused', async () => {
    const plain = address('export')
    const formula = `=1+2-${address('formula')}`
    await addSubscriber(plain, 'subscribed', 'fr')
    await addSubscriber(formula, 'unsubscribed')
    const page = await admin().signInAs('admin')
    await page.goto(`${admin().base}/admin/collections/subscribers`, { timeout: PAGE_MS })
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: PAGE_MS }),
      page.getByRole('link', { name: 'Export all subscribers (CSV)' }).click(),
    ])
    expect(download.suggestedFilename()).toMatch(/^subscribers-all-\d{4}-\d{2}-\d{2}\.csv$/)
    const lines = (await readFile((await download.path())!, 'utf8')).trimEnd().split('\n')
    // With a byte-order mark, so that spreadsheets read it as UTF-8.
    expect(lines[0]).toBe(
      '\ufeffemail,status,language,interests,signed_up_at,confirmed_at,unsubscribed_at,consent_wording',
    )
    expect(lines.find((line) => line.startsWith(`${plain},`))).toMatch(
      new RegExp(`^${plain.replace(/\./g, '\\.')},subscribed,fr,newsletter,\\d{4}-`),
    )
    // A spreadsheet must not run an address typed by a stranger.
    expect(lines.some((line) => line.startsWith(`'${formula},unsubscribed,`))).toBe(true)

    // Only those subscribed, and a status that is not one named.
    const only = await page.evaluate(async () => {
      const response = await fetch('/api/subscribers.csv?status=subscribed')
      return response.text()
    })
    expect(only).toContain(plain)
    expect(only).not.toContain('1+2')
    const wrong = await page.evaluate(async () => {
      const response = await fetch('/api/subscribers.csv?status=everyone')
      return { status: response.status, body: await response.text() }
    })
    expect(wrong.status).toBe(400)
    expect(wrong.body).toContain(
      '`status` must be one of pending, subscribed, unsubscribed, bounced',
    )
    await page.context().close()
  }, 400_000)

  it('an admin stops a reader’s mail and changes their language at their request; both go on the consent record', async () => {
    const id = await addSubscriber(address('request'))
    const page = await admin().signInAs('admin')
    await page.goto(`${admin().base}/admin/collections/subscribers/${id}`, { timeout: PAGE_MS })
    await page.locator('#field-status').waitFor({ timeout: PAGE_MS })
    await choose(page, 'locale', 'Français')
    await saveAndWait(page, 'action-save')
    expect((await consentsOf(id)).at(-1)).toMatchObject({ event: 'preferences', locale: 'fr' })

    await choose(page, 'status', 'Unsubscribed')
    await saveAndWait(page, 'action-save')
    expect(await statusOf(id)).toBe('unsubscribed')
    const last = (await consentsOf(id)).at(-1)!
    expect(last.event).toBe('unsubscribed')
    expect(last.source).toMatch(/^by hand in the admin, by admin-.*@test\.example$/)
    // The record shows on the subscriber, where nobody can add one by hand.
    await page.reload({ timeout: PAGE_MS })
    const records = page.locator('#field-consents')
    await expect.poll(() => records.locator('tbody tr').count(), { timeout: 30_000 }).toBe(2)
    expect(await records.getByText('Add new').count()).toBe(0)

    // An address that bounced, working again: mail resumed by hand, and said so on the record.
    const bounced = await addSubscriber(address('bounced'), 'bounced')
    await page.goto(`${admin().base}/admin/collections/subscribers/${bounced}`, {
      timeout: PAGE_MS,
    })
    await page.locator('#field-status').waitFor({ timeout: PAGE_MS })
    await choose(page, 'status', 'Subscribed')
    await saveAndWait(page, 'action-save')
    expect(await statusOf(bounced)).toBe('subscribed')
    expect((await consentsOf(bounced)).at(-1)).toMatchObject({ event: 'status' })
    expect((await consentsOf(bounced)).at(-1)!.source).toMatch(/: bounced → subscribed$/)
    await page.context().close()
  }, 400_000)

  it('an admin cannot subscribe a reader: the form says who can, and nothing changes', async () => {
    const id = await addSubscriber(address('refused'), 'unsubscribed')
    const before = await consentsOf(id)
    const page = await admin().signInAs('admin')
    await page.goto(`${admin().base}/admin/collections/subscribers/${id}`, { timeout: PAGE_MS })
    await page.locator('#field-status').waitFor({ timeout: PAGE_MS })
    await choose(page, 'status', 'Subscribed')
    // Enabled once the form knows it was changed (later than the choice shows, on a busy machine).
    await expect
      .poll(() => page.locator('#action-save').isEnabled(), { timeout: 30_000 })
      .toBe(true)
    await page.click('#action-save')
    await page.locator('.toast-error').first().waitFor({ timeout: 60_000 })
    await expect
      .poll(() => page.locator('#field-status').textContent(), { timeout: 30_000 })
      .toContain('Only the reader can subscribe: they sign up again and confirm')
    await shot(page, 'admin-subscriber-refused')
    expect(await statusOf(id)).toBe('unsubscribed')
    expect(await consentsOf(id)).toEqual(before)
    await page.context().close()
  }, 400_000)

  it('is not for editors or translators: no list, and the export refuses them', async () => {
    const page = await admin().signInAs('editor')
    const nav = page.locator('nav.nav__wrap')
    await nav.waitFor({ state: 'attached', timeout: PAGE_MS })
    expect(await nav.locator('a[href$="/collections/subscribers"]').count()).toBe(0)
    const status = await page.evaluate(async () => (await fetch('/api/subscribers.csv')).status)
    expect(status).toBe(403)
    const anonymous = await fetch(`${admin().base}/api/subscribers.csv`)
    expect(anonymous.status).toBe(401)
    const translator = await admin().signInAs('translator')
    expect(
      await translator.evaluate(async () => (await fetch('/api/subscribers.csv')).status),
    ).toBe(403)
    await translator.context().close()
    await page.context().close()
  }, 400_000)
})
