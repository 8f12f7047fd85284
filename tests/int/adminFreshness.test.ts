// Issue 20, item 6: "Needs update" works as a filter of the lists (it left a blank condition and a
// TypeError), every count of the dashboard's "Translation status" links to its filtered list, and
// the sidebar's "Needs update" is right as soon as an editor publishes a fresh translation (it
// stayed on until a reload). Headless Chromium on the production build.
import { randomUUID } from 'node:crypto'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'

import { PAGE_MS, saveAndWait, shot, adminForThisFile } from '../helpers/admin'
import { hub } from '../helpers/hub'

const admin = adminForThisFile()

/** A published resource whose French title is older than its English one. */
const outdatedInFrench = async (title: string) => {
  const payload = await hub()
  const resource = await payload.create({
    collection: 'resources',
    data: { title, _status: 'published' },
  })
  await payload.update({
    collection: 'resources',
    id: resource.id,
    locale: 'fr',
    data: { title: `${title} (fr)`, _status: 'published' },
  })
  await payload.update({
    collection: 'resources',
    id: resource.id,
    locale: 'en',
    data: { title: `${title}, revised`, _status: 'published' },
  })
  return resource.id
}

const errorsOf = (page: Page) => {
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  return errors
}

describe('translation state as a list filter', () => {
  it('lists the resources that need an update in French, and the dashboard links to each state', async () => {
    const tag = randomUUID().slice(0, 8)
    const outdated = await outdatedInFrench(`Outdated guide ${tag}`)
    const payload = await hub()
    const current = await payload.create({
      collection: 'resources',
      data: { title: `Current guide ${tag}`, _status: 'published' },
    })
    await payload.update({
      collection: 'resources',
      id: current.id,
      locale: 'fr',
      data: { title: `Guide à jour ${tag}`, _status: 'published' },
    })
    const page = await admin().signInAs('editor')
    const errors = errorsOf(page)
    // Every number of the dashboard is a link to the list it counts.
    const status = page.locator('table').filter({ hasText: 'Texts missing' })
    await status.waitFor({ timeout: PAGE_MS })
    const french = status.locator('tr', { hasText: 'French' })
    const numbers = await french.locator('td').evaluateAll((cells) =>
      cells.slice(1).map((td) => ({
        text: td.textContent ?? '',
        href: td.querySelector('a')?.getAttribute('href') ?? null,
      })),
    )
    for (const { text, href } of numbers) if (text !== '0') expect(href, text).toBeTruthy()
    const needsUpdate = numbers[1]!.href!
    expect(needsUpdate).toMatch(/\/admin\/collections\/resources\?locale=fr&translation=outdated$/)

    await page.goto(`${admin().base}${needsUpdate}&search=${tag}`, { timeout: PAGE_MS })
    const table = page.locator('table')
    await expect
      .poll(() => table.innerText(), { timeout: PAGE_MS })
      .toContain(`Outdated guide ${tag}`)
    expect(await table.innerText()).not.toContain(`Guide à jour ${tag}`)
    const filter = page.getByTestId('translation-filter')
    expect(await filter.locator('[aria-current="true"]').innerText()).toBe('Needs update')
    await shot(page, 'admin-needs-update-filter')
    // The filter bar switches state; "Up to date" lists the other one.
    await filter.getByRole('link', { name: 'Up to date' }).click()
    await expect
      .poll(() => table.innerText(), { timeout: PAGE_MS })
      .toContain(`Guide à jour ${tag}`)
    expect(await table.innerText()).not.toContain(`Outdated guide ${tag}`)
    // In Arabic neither is translated: both are listed as missing.
    await page.goto(
      `${admin().base}/admin/collections/resources?locale=ar&translation=missing&search=${tag}`,
      {
        timeout: PAGE_MS,
      },
    )
    await expect
      .poll(() => table.innerText(), { timeout: PAGE_MS })
      .toContain(`Current guide ${tag}`)
    expect(await table.innerText()).toContain(`Outdated guide ${tag}`)
    expect(await filter.locator('[aria-current="true"]').innerText()).toBe('Missing')
    expect(errors).toEqual([])
    expect(outdated).toBeTruthy()
    await page.context().close()
  }, 400_000)

  it('lists the editions that need an update, by language', async () => {
    const payload = await hub()
    const tag = randomUUID().slice(0, 8)
    const resource = await payload.create({
      collection: 'resources',
      data: { title: `Edition source ${tag}`, summary: 'First summary.', _status: 'published' },
    })
    const edition = await payload.create({
      collection: 'translations',
      data: {
        resource: resource.id,
        language: 'pl',
        title: `Wydanie ${tag}`,
        format: 'full',
        progress: 'complete',
        _status: 'published',
      } as never,
    })
    // The English summary changes after the edition: the edition needs an update.
    await payload.update({
      collection: 'resources',
      id: resource.id,
      data: { summary: 'A revised summary.', _status: 'published' },
    })
    const page = await admin().signInAs('editor')
    const errors = errorsOf(page)
    await page.goto(
      `${admin().base}/admin/collections/translations?where%5Blanguage%5D%5Bequals%5D=pl&translation=outdated&search=${tag}`,
      { timeout: PAGE_MS },
    )
    const table = page.locator('table')
    await expect.poll(() => table.innerText(), { timeout: PAGE_MS }).toContain(`Wydanie ${tag}`)
    const filter = page.getByTestId('translation-filter')
    expect(await filter.locator('[aria-current="true"]').innerText()).toBe('Needs update')
    await filter.getByRole('link', { name: 'Up to date' }).click()
    await expect
      .poll(() => page.locator('body').innerText(), { timeout: PAGE_MS })
      .not.toContain(`Wydanie ${tag}`)
    expect(errors).toEqual([])
    expect(edition.id).toBeTruthy()
    await page.context().close()
  }, 400_000)
})

describe('the sidebar after a publish', () => {
  it('drops "Needs update" as soon as the fresh French title is published', async () => {
    const tag = randomUUID().slice(0, 8)
    const id = await outdatedInFrench(`Sidebar guide ${tag}`)
    const payload = await hub()
    // The translator's fresh French title, as a draft.
    await payload.update({
      collection: 'resources',
      id,
      locale: 'fr',
      draft: true,
      data: { title: `Guide révisé ${tag}`, _status: 'draft' },
    })
    const page = await admin().signInAs('editor')
    await page.goto(`${admin().base}/admin/collections/resources/${id}?locale=fr`, {
      timeout: PAGE_MS,
    })
    const box = page.locator('#field-needsUpdate')
    await box.waitFor({ timeout: PAGE_MS })
    expect(await box.isChecked()).toBe(true)
    await saveAndWait(page, 'action-save')
    expect(await box.isChecked()).toBe(false)
    await page.context().close()
  }, 400_000)
})
