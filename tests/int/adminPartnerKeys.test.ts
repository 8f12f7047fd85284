// Issue 23, item 1, as the secretariat meets it: in headless Chromium, an admin adds a partner,
// makes a key for it, copies the key the create form shows once, and revokes it; the key opens the
// partner API over HTTP until then, and is refused within a second after. An editor finds no
// partners or keys in the admin. Screenshots go to docs/ for the README.
import { setTimeout as sleep } from 'node:timers/promises'
import { describe, expect, it } from 'vitest'

import { hub, unique } from '../helpers/hub'
import { PAGE_MS, adminForThisFile, saveAndWait, shot } from '../helpers/admin'

const admin = adminForThisFile()

const listing = (key: string) =>
  fetch(`${admin().base}/graphql`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${key}` },
    body: JSON.stringify({ query: '{ resources(first: 1) { totalCount } }' }),
  })

describe('partners and their keys in the admin', () => {
  it('an admin makes a key, sees it once, and revokes it', async () => {
    const organisation = unique('Terre des hommes')
    const page = await admin().signInAs('admin')
    const base = admin().base

    await page.goto(`${base}/admin/collections/partners/create`, { timeout: PAGE_MS })
    await page.locator('#field-organisation').fill(organisation)
    await page.locator('#field-contactEmail').fill('digital@example.org')
    await saveAndWait(page, 'action-save')

    await page.goto(`${base}/admin/collections/api-keys/create`, { timeout: PAGE_MS })
    await page.locator('#field-label').fill('Website, production')
    const partner = page.locator('#field-partner input').first()
    await partner.click()
    await partner.fill(organisation)
    await page.locator('.rs__option', { hasText: organisation }).first().click()
    const shown = await page.locator('#field-key').inputValue()
    expect(shown).toMatch(/^akh_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/)
    await shot(page, 'admin-api-key-create')
    await saveAndWait(page, 'action-save')

    // Saved: the key is gone from the form for good, its public id is shown instead.
    await page.waitForURL(/\/api-keys\/\d+$/, { timeout: PAGE_MS })
    await page.reload({ timeout: PAGE_MS })
    await page.locator('#field-keyId').waitFor({ timeout: PAGE_MS })
    // akh_<12 hex digits>_<43 characters of base64url, which may hold "_">
    expect(await page.locator('#field-keyId').inputValue()).toBe(shown.slice(4, 16))
    expect(await page.locator('#field-key').count()).toBe(0)
    expect(await page.content()).not.toContain(shown.slice(17))

    const before = await listing(shown)
    expect(before.status).toBe(200)

    await page.locator('#field-revoked').check()
    await saveAndWait(page, 'action-save')
    await sleep(1100)
    const after = await listing(shown)
    expect(after.status).toBe(401)
    expect(((await after.json()) as { errors: { message: string }[] }).errors[0]!.message).toMatch(
      /^This API key was revoked on /,
    )
    await shot(page, 'admin-api-key-revoked')
    await page.context().close()
  }, 400_000)

  it('an editor finds neither partners nor keys', async () => {
    const payload = await hub()
    const partner = await payload.create({
      collection: 'partners',
      data: { organisation: unique('Hidden partner') },
    })
    const page = await admin().signInAs('editor')
    const base = admin().base
    // The side navigation, once it lists what an editor has: no partners, no keys.
    const nav = page.locator('nav.nav__wrap')
    await expect.poll(() => nav.innerText(), { timeout: 30_000 }).toMatch(/Resources/)
    expect(await nav.innerText()).not.toMatch(/Partner access|Partners|API keys/)
    await page.goto(`${base}/admin/collections/partners/${partner.id}`, { timeout: PAGE_MS })
    await expect
      .poll(() => page.locator('body').innerText(), { timeout: 30_000 })
      .toMatch(/Unauthorized|not allowed|Not Found|Nothing found/i)
    expect(await page.content()).not.toContain(partner.organisation)
    await page.context().close()
  }, 400_000)
})
