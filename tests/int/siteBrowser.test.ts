// The Alliance's site as readers meet it: Debian's Chromium on a phone-sized screen, every page type
// in English and Arabic, checked by axe-core; and a reader with JavaScript off who still searches,
// filters and reads. Screenshots go to docs/ for the README.
import AxeBuilder from '@axe-core/playwright'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { launchChromium, shot } from '../helpers/admin'
import { type RunningServer, startServer } from '../helpers/servers'

let server: RunningServer
let browser: Browser

beforeAll(async () => {
  ;[server, browser] = await Promise.all([
    startServer('prod', {
      databaseUrl: inject('seededDatabaseUrl'),
      payloadSecret: inject('payloadSecret'),
    }),
    launchChromium(),
  ])
})
afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

/** One of each page type the site has. */
const PAGES: [string, string][] = [
  ['home', '/'],
  ['library', '/resources?language=fr'],
  ['resource', '/resources/minimum-standards-for-child-protection-in-humanitarian-action'],
  ['groups', '/groups'],
  ['group', '/groups/cpms-working-group'],
  ['webinars', '/webinars'],
  ['webinar', '/webinars/annual-meeting-2019'],
  ['newsletters', '/newsletters'],
  ['newsletter', '/newsletters/2021-02'],
  ['news', '/news'],
  ['news post', '/news/the-cpms-is-now-available-in-polish-and-more'],
  ['standards', '/standards'],
  ['not found', '/resources/no-such-resource'],
]

const phone = async (javaScript = true) =>
  browser.newContext({
    viewport: { width: 412, height: 915 },
    deviceScaleFactor: 1,
    isMobile: true,
    hasTouch: true,
    javaScriptEnabled: javaScript,
  })

const open = async (page: Page, path: string) => {
  const problems: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text())
  })
  page.on('pageerror', (error) => problems.push(error.message))
  const response = await page.goto(new URL(path, server.base).href)
  return { status: response?.status(), problems }
}

describe('the site in Chromium', () => {
  for (const lang of ['en', 'ar'] as const) {
    it(`shows every page type in ${lang === 'en' ? 'English' : 'Arabic'} with no accessibility violation`, async () => {
      const context = await phone()
      try {
        const page = await context.newPage()
        for (const [name, path] of PAGES) {
          const { status, problems } = await open(page, `/${lang}${path}`)
          expect(status, name).toBe(name === 'not found' ? 404 : 200)
          await expect
            .poll(() => page.locator('h1').first().isVisible(), { timeout: 5000 })
            .toBe(true)
          expect(await page.getAttribute('html', 'dir'), name).toBe(lang === 'ar' ? 'rtl' : 'ltr')
          expect(await page.getAttribute('html', 'lang'), name).toBe(lang)
          // Mirrored: the brand starts at the right in Arabic, at the left in English.
          const brand = await page.locator('.brand').boundingBox()
          if (lang === 'ar') expect(brand!.x + brand!.width, name).toBeGreaterThan(300)
          else expect(brand!.x, name).toBeLessThan(40)
          // Nothing wider than the phone's screen.
          expect(
            await page.evaluate(() => document.documentElement.scrollWidth),
            name,
          ).toBeLessThanOrEqual(412)
          const axe = await new AxeBuilder({ page }).analyze()
          expect(
            axe.violations.map(
              (v) => `${name}: ${v.id} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
            ),
          ).toEqual([])
          // The not-found page's own 404 is the one resource a browser reports as failing.
          expect(
            problems.filter((p) => !(name === 'not found' && p.includes('404'))),
            name,
          ).toEqual([])
          if (name === 'home' || name === 'group' || name === 'library') {
            await shot(page, `site-${name}-${lang}`)
          }
        }
      } finally {
        await context.close()
      }
    })
  }

  it('shows an exact start on the visitor’s clock as well as the organiser’s', async () => {
    const context = await browser.newContext({ timezoneId: 'Asia/Kathmandu', locale: 'fr-FR' })
    try {
      const page = await context.newPage()
      await open(page, '/fr/webinars/live-qa-child-neglect-in-humanitarian-settings')
      const organiser = await page.locator('.start > span').first().innerText()
      expect(organiser).toContain('Heure de l’organisateur')
      expect(organiser).toContain('America/New_York')
      // Kathmandu is UTC+05:45: the line time.js adds says so; the organiser's line does not.
      const yours = page.locator('.yours').first()
      await expect.poll(() => yours.isVisible()).toBe(true)
      expect(await yours.innerText()).toMatch(/^Votre heure\u00a0: .*UTC\+5:45/)
      expect(organiser).not.toContain('5:45')
    } finally {
      await context.close()
    }
  })

  it('lets an editor save a draft in the admin and open it on the site with Preview', async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } })
    try {
      const admin = await context.newPage()
      const base = server.base.origin
      await admin.goto(`${base}/admin/login`)
      await admin.fill('#field-email', 'admin@hub.test')
      await admin.fill('#field-password', inject('adminPassword'))
      await admin.click('button[type="submit"]')
      await admin.waitForURL(`${base}/admin`)
      const found = await admin.evaluate(async () =>
        (await fetch('/api/news?where[slug][equals]=ld-news-may-2018&limit=1')).json(),
      )
      await admin.goto(`${base}/admin/collections/news/${found.docs[0].id}`)
      const title = admin.locator('#field-title')
      await title.fill('L+D News, May 2018 (a draft with corrections)')
      await admin.click('#action-save-draft')
      await admin.locator('.toast-success').first().waitFor()
      const [site] = await Promise.all([
        context.waitForEvent('page'),
        admin.click('#preview-button'),
      ])
      await site.waitForLoadState()
      expect(new URL(site.url()).pathname).toMatch(/^\/preview\/en\/news\/[\w-]+$/)
      await expect
        .poll(() => site.locator('h1').innerText())
        .toBe('L+D News, May 2018 (a draft with corrections)')
      expect(await site.locator('.preview').innerText()).toContain('Preview of a draft')
      await shot(site, 'site-preview-en')
      // Readers still see the published post.
      const reader = await context.newPage()
      await reader.goto(`${base}/en/news/ld-news-may-2018`)
      expect(await reader.locator('h1').innerText()).toBe('L+D News, May 2018')
    } finally {
      await context.close()
    }
  })

  it('reads, searches, filters, pages and switches language with JavaScript off', async () => {
    const context = await phone(false)
    try {
      const page = await context.newPage()
      await open(page, '/en/')
      await page.getByRole('link', { name: 'Technical Materials' }).first().click()
      await expect.poll(() => page.locator('h1').innerText()).toBe('Technical Materials')
      await page.getByLabel('Search the technical materials').fill('case management')
      await page.getByRole('button', { name: 'Search' }).click()
      await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe('case management')
      const found = await page.locator('.results h2').innerText()
      expect(Number(found.replace(/\D/g, ''))).toBeGreaterThan(0)
      // A filter with its count: ticking it and applying narrows the list to that count.
      const first = page.locator('.facets details[open] .check').first()
      const count = Number((await first.locator('.count').innerText()).replace(/\D/g, ''))
      await first.locator('input').check()
      await page.getByRole('button', { name: 'Apply' }).click()
      await expect
        .poll(async () => page.locator('.results h2').innerText())
        .toContain(String(count))
      // Every page of a long list: the next page goes on where the first stopped.
      await open(page, '/en/resources')
      const firstTitles = await page.locator('.results .card h3').allInnerTexts()
      await page.getByRole('link', { name: 'Next page' }).click()
      // A click only starts the navigation: wait for the second page to be the one shown.
      await expect.poll(() => page.locator('.pager').innerText()).toContain('Page 2')
      const nextTitles = await page.locator('.results .card h3').allInnerTexts()
      expect(nextTitles.length).toBeGreaterThan(0)
      expect(nextTitles.filter((title) => firstTitles.includes(title))).toEqual([])
      // A record, then the same record in Arabic.
      await page.locator('.results .card h3 a').first().click()
      await expect.poll(() => new URL(page.url()).pathname).toMatch(/^\/en\/resources\/[\w-]+$/)
      const path = new URL(page.url()).pathname
      await page.getByRole('link', { name: 'العربية' }).click()
      await expect.poll(() => new URL(page.url()).pathname).toBe(path.replace(/^\/en/, '/ar'))
      await page.waitForLoadState()
      expect(await page.getAttribute('html', 'dir')).toBe('rtl')
    } finally {
      await context.close()
    }
  })
})
