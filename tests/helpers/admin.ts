// The admin as editors meet it: the hub served as `npm test` builds it (production, or the dev
// server with ADMIN_UI_SERVER=dev) and Debian's Chromium driven by playwright-core. Screenshots go to
// docs/ for the README.
import fs from 'node:fs/promises'
import { chromium, type Browser, type Page } from 'playwright-core'
import { afterAll, beforeAll, inject } from 'vitest'

import { hub, unique } from './hub'
import { startServer, type RunningServer } from './servers'
import type { Role } from '../../src/access/roles'

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
/** `next dev` compiles each admin page on its first visit. */
export const PAGE_MS = 180_000
const PASSWORD = 'a long e2e password'

/** Debian's Chromium, headless, with nothing of its own reaching the network. */
export const launchChromium = () =>
  chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })

export type Admin = {
  base: string
  browser: Browser
  /** A new account of the role, signed in in its own browser context, on the dashboard. */
  signInAs: (role: Role, extra?: Record<string, unknown>) => Promise<Page>
  /** A new account of the role; its e-mail address. */
  newUser: (role: Role, extra?: Record<string, unknown>) => Promise<string>
  /** Signs in an account made by newUser, in a browser context of its own. */
  signIn: (email: string) => Promise<Page>
  /** The last lines the server printed. */
  output: () => string
  stop: () => Promise<void>
}

/** The admin on the suite's database, or on another one (a fresh, migrated one, say). */
export const startAdmin = async (databaseUrl: string = inject('databaseUrl')): Promise<Admin> => {
  const server: RunningServer = await startServer(
    process.env.ADMIN_UI_SERVER === 'prod' ? 'prod' : 'dev',
    { databaseUrl, payloadSecret: inject('payloadSecret') },
  )
  const base = server.base.origin
  const browser = await launchChromium()
  const newUser = async (role: Role, extra: Record<string, unknown> = {}) => {
    const email = `${unique(role)}@test.example`
    await (
      await hub()
    ).create({
      collection: 'users',
      data: { email, password: PASSWORD, name: `UI ${role}`, role, ...extra },
    })
    return email
  }
  const signInAs = async (role: Role, extra: Record<string, unknown> = {}) =>
    signIn(await newUser(role, extra))
  const signIn = async (email: string) => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } })
    const page = await context.newPage()
    await page.goto(`${base}/admin/login`, { timeout: PAGE_MS })
    await page.waitForSelector('#field-email', { timeout: PAGE_MS })
    await page.fill('#field-email', email)
    await page.fill('#field-password', PASSWORD)
    await page.click('button[type="submit"]')
    await page.waitForURL(`${base}/admin`, { timeout: PAGE_MS })
    return page
  }
  return {
    base,
    browser,
    signInAs,
    newUser,
    signIn,
    output: () => server.output(),
    stop: async () => {
      await browser.close()
      await server.stop()
    },
  }
}

export const shot = async (page: Page, name: string) => {
  await fs.mkdir('docs', { recursive: true })
  await page.screenshot({ path: `docs/${name}.png` })
}

/** Clicks a save or publish button and waits for Payload's success toast, which it shows only once
 * the form holds the state the server answered with. */
export const saveAndWait = async (page: Page, buttonId: 'action-save' | 'action-save-draft') => {
  const toast = page.locator('.toast-success')
  // A toast of the previous save would answer for this one.
  await toast.first().waitFor({ state: 'detached', timeout: 30_000 })
  await page.click(`#${buttonId}`)
  await toast.first().waitFor({ timeout: 60_000 })
}

/**
 * The admin for the tests of one file: started before them, stopped after. Call it at the top of
 * the file; the getter gives the running admin inside tests.
 */
export const adminForThisFile = (): (() => Admin) => {
  let admin: Admin | undefined
  beforeAll(async () => {
    admin = await startAdmin()
  }, 400_000)
  afterAll(async () => {
    await admin?.stop()
  })
  return () => admin!
}
