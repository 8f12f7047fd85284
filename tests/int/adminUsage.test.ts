// Issue 23, item 4, as the secretariat meets it: in headless Chromium, an admin opens "Partner API
// usage" from the side navigation and finds a partner's requests of today in the charts and the
// table, then downloads the CSV; an editor has no link, and the page and the CSV refuse them.
// The screenshot goes to docs/ for the README.
import { readFile } from 'node:fs/promises'
import { setTimeout as sleep } from 'node:timers/promises'
import { describe, expect, it } from 'vitest'

import { hub, unique } from '../helpers/hub'
import { PAGE_MS, adminForThisFile, shot } from '../helpers/admin'

const admin = adminForThisFile()
const today = () => new Date().toISOString().slice(0, 10)

describe('the Usage page', () => {
  it('shows an admin what a partner asked today, in charts, a table and a CSV', async () => {
    const payload = await hub()
    const organisation = unique('Plan International')
    const partner = (await payload.create({ collection: 'partners', data: { organisation } })).id
    const { key } = (await payload.create({
      collection: 'api-keys',
      data: { partner, label: 'Website' } as never,
    })) as unknown as { key: string }
    const name = unique('SiteHome').replace('-', '_')
    // Through the hub's own partner API, as the partner's site asks it.
    for (let i = 0; i < 3; i++) {
      const answer = await fetch(`${admin().base}/graphql`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${key}` },
        body: JSON.stringify({ query: `query ${name} { a${i}: topics { slug } }` }),
      })
      expect(answer.status).toBe(200)
    }
    const refused = await fetch(`${admin().base}/graphql`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Accept: 'application/graphql-response+json',
        Authorization: `Bearer ${key}`,
      },
      body: JSON.stringify({ query: `query ${name} { nothing }` }),
    })
    expect(refused.status).toBe(400)
    // The server's log has a line per request, with no key, query text or client address.
    const get = await fetch(
      `${admin().base}/graphql?query=${encodeURIComponent(`query ${name} { a3: topics { slug } }`)}`,
      { headers: { Authorization: `Bearer ${key}`, 'X-Forwarded-For': '203.0.113.77' } },
    )
    expect(get.status).toBe(200)
    await sleep(500)
    const log = admin().output()
    expect(log).toMatch(/GET \/graphql 200/)
    for (const secret of [key.slice(17), 'topics', name, '203.0.113.77']) {
      expect(log).not.toContain(secret)
    }

    const page = await admin().signInAs('admin')
    // The side navigation, opened as an admin opens it.
    await page.locator('button.nav-toggler:visible').first().click()
    await page.locator('#nav-usage').click()
    await page.waitForURL(/\/admin\/usage$/, { timeout: PAGE_MS })
    // Written every 200 ms: a reload finds them.
    const row = page.locator(`tr[data-caller="partner:${partner}"]`)
    for (let attempt = 0; attempt < 10 && !(await row.count()); attempt++) {
      await page.waitForTimeout(500)
      await page.reload({ timeout: PAGE_MS })
    }
    const cells = await row.locator('td').allInnerTexts()
    expect(cells[0]).toBe(organisation)
    expect(cells[1]).toBe('5')
    expect(cells[3]).toBe('1 (20.0 %)')
    expect(Number(cells[4])).toBeGreaterThan(0)
    expect(cells[5]).toBe(`${name} (5)`)

    const requests = page.locator('figure.usage-chart[data-measure="requests"]')
    await requests.locator('svg.recharts-surface').first().waitFor({ timeout: PAGE_MS })
    expect(
      await requests.locator('.recharts-legend-item-text', { hasText: organisation }).count(),
    ).toBe(1)
    expect(await page.locator('figure.usage-chart').count()).toBe(4)
    await shot(page, 'admin-usage')

    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: PAGE_MS }),
      page.locator('a.usage-csv').click(),
    ])
    expect(download.suggestedFilename()).toMatch(
      /^hub-usage-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/,
    )
    const csv = await readFile((await download.path())!, 'utf8')
    const line = csv.split('\n').find((l) => l.includes(`partner:${partner}`))!
    expect(line).toBe(
      `${today()},${organisation},partner:${partner},5,${line.split(',')[4]},1,${line.split(',')[6]},${name} (5)`,
    )

    // A range asked for in the form.
    await page.locator('input[name="from"]').fill('2026-01-01')
    await page.locator('input[name="to"]').fill('2026-01-02')
    await page.locator('form.usage-range button[type="submit"]').click()
    await page.locator('.usage-empty').waitFor({ timeout: PAGE_MS })
    expect(await page.locator('.usage-empty').innerText()).toBe(
      'No requests to the partner API from 2026-01-01 to 2026-01-02.',
    )
    await page.context().close()
  })

  it('reads right to left in the Arabic admin, its charts left to right', async () => {
    const page = await admin().signInAs('admin')
    // The admin's language, as its account menu sets it.
    await page.context().addCookies([{ name: 'payload-lng', value: 'ar', url: admin().base }])
    await page.goto(`${admin().base}/admin/usage`, { timeout: PAGE_MS })
    await page.locator('.usage-table, .usage-empty').first().waitFor({ timeout: PAGE_MS })
    expect(await page.locator('html').getAttribute('dir')).toMatch(/^rtl$/i)
    expect(await page.locator('html').getAttribute('lang')).toBe('ar')
    if (await page.locator('.usage-table').count()) {
      const charts = page.locator('figure.usage-chart > div[dir="ltr"]')
      expect(await charts.count()).toBe(4)
      await charts.first().locator('svg.recharts-surface').first().waitFor({ timeout: PAGE_MS })
    }
    await page.context().close()
  })

  it('is not for editors: no link, a refusal on the page and for the CSV', async () => {
    const page = await admin().signInAs('editor')
    await page.locator('nav.nav__wrap').waitFor({ timeout: PAGE_MS })
    expect(await page.locator('#nav-usage').count()).toBe(0)
    await page.goto(`${admin().base}/admin/usage`, { timeout: PAGE_MS })
    await page.getByText('Only admins can see how the partner API is used.').waitFor({
      timeout: PAGE_MS,
    })
    expect(await page.locator('.usage-table').count()).toBe(0)
    // As the browser would fetch it, with the editor's session.
    const status = await page.evaluate(async () => (await fetch('/api/usage.csv')).status)
    expect(status).toBe(403)
    await page.context().close()
  })
})
