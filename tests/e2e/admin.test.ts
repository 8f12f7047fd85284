// An editor's day in the real admin, in headless Chromium against `next start`: sign in, create a
// resource in English, add its French title, publish, and read it back over REST in French.
import { setTimeout as sleep } from 'node:timers/promises'
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs/promises'
import getPort from 'get-port'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest'

import { launchChromium } from '../helpers/admin'
import { hub, unique } from '../helpers/hub'
import { hubServeArgs } from '../../src/cli/hubArgs'

let server: ChildProcess
let base: string
let browser: Browser
const email = `${unique('editor')}@test.example`
const password = 'a long e2e password'

const waitForServer = async (url: string, deadline = Date.now() + 90_000) => {
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url)
      if (response.status < 500) return
    } catch {
      // not listening yet
    }
    await sleep(500)
  }
  throw new Error(`The hub did not answer at ${url} within 90 s`)
}

beforeAll(async () => {
  const payload = await hub()
  await payload.create({
    collection: 'users',
    data: { email, password, name: 'E2E editor', role: 'editor' },
  })
  const port = await getPort()
  base = `http://127.0.0.1:${port}`
  // As `npm start -- --production` serves it: Next behind the hub's gate (src/cli/serve.ts).
  const start = () =>
    spawn(process.execPath, hubServeArgs(), {
      env: {
        ...process.env,
        DATABASE_URL: inject('databaseUrl'),
        PAYLOAD_SECRET: inject('payloadSecret'),
        SERVER_URL: base,
        HOST: '127.0.0.1',
        PORT: String(port),
        HUB_RUN_JOBS: 'false',
        NEXT_TELEMETRY_DISABLED: '1',
      },
      stdio: 'inherit',
      detached: true, // its own process group, so that teardown stops it and its children together
    })
  server = start()
  // Exit 13 at start: Node 20's module loader under tsx, now and then (see tests/setup).
  server.once('exit', (code) => {
    if (code === 13) server = start()
  })
  await waitForServer(`${base}/api/users/me`)
  browser = await launchChromium()
})

afterAll(async () => {
  await browser?.close()
  if (server?.pid) process.kill(-server.pid, 'SIGTERM')
})

describe('the admin', () => {
  it('lets an editor publish a resource in English and French', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } })
    await page.goto(`${base}/admin/login`)
    await page.fill('#field-email', email)
    await page.fill('#field-password', password)
    await page.click('button[type="submit"]')
    await page.waitForURL(`${base}/admin`, { timeout: 60_000 })

    const title = unique('Guidance on case management')
    await page.goto(`${base}/admin/collections/resources/create`)
    await page.fill('#field-title', title)
    await page.fill('#field-summary', 'How to run case management in an emergency.')
    await page.click('#action-save')
    await page.waitForURL(/\/admin\/collections\/resources\/\d+/, { timeout: 60_000 })
    const id = page.url().match(/resources\/(\d+)/)![1]

    await page.goto(`${base}/admin/collections/resources/${id}?locale=fr`)
    await page.fill('#field-title', 'Orientations sur la gestion de cas')
    const saved = page.waitForResponse(
      (r) => r.url().includes(`/api/resources/${id}`) && r.request().method() === 'PATCH',
    )
    await page.click('#action-save')
    expect((await saved).status()).toBe(200)
    await fs.mkdir('test-results', { recursive: true })
    await page.screenshot({ path: 'test-results/admin-resource-fr.png', fullPage: true })

    const french = await (await fetch(`${base}/api/resources/${id}?locale=fr`)).json()
    expect(french.title).toBe('Orientations sur la gestion de cas')
    expect(french._status).toBe('published')
    const english = await (await fetch(`${base}/api/resources/${id}?locale=en`)).json()
    expect(english.title).toBe(title)
    // The untranslated summary still follows the English one rather than a copy saved in French.
    const frenchOnly = await (
      await fetch(`${base}/api/resources/${id}?locale=fr&fallback-locale=none`)
    ).json()
    expect(frenchOnly.summary ?? null).toBeNull()
  })
})

describe('a translator in the admin', () => {
  it('saves a French draft of a published resource and is never offered Publish', async () => {
    const payload = await hub()
    const translatorEmail = `${unique('translator')}@test.example`
    await payload.create({
      collection: 'users',
      data: { email: translatorEmail, password, name: 'E2E translator', role: 'translator' },
    })
    const resource = await payload.create({
      collection: 'resources',
      data: { title: unique('Published guidance'), _status: 'published' },
    })
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } })
    const page = await context.newPage()
    await page.goto(`${base}/admin/login`)
    await page.fill('#field-email', translatorEmail)
    await page.fill('#field-password', password)
    await page.click('button[type="submit"]')
    await page.waitForURL(`${base}/admin`, { timeout: 60_000 })

    await page.goto(`${base}/admin/collections/resources/${resource.id}?locale=fr`)
    await page.waitForSelector('#action-save-draft', { timeout: 60_000 })
    // Payload asks the update rule with `_status: published` to decide; the answer is no.
    expect(await page.locator('#action-save').count()).toBe(0)
    await page.fill('#field-title', 'Orientations (brouillon)')
    const saved = page.waitForResponse(
      (r) => r.url().includes(`/api/resources/${resource.id}`) && r.request().method() === 'PATCH',
    )
    await page.click('#action-save-draft')
    expect((await saved).status()).toBe(200)
    await context.close()

    const live = await (await fetch(`${base}/api/resources/${resource.id}?locale=fr`)).json()
    expect(live._status).toBe('published')
    expect(live.title).not.toBe('Orientations (brouillon)')
  })
})

describe('the partner API in the same server', () => {
  it('answers at /graphql on the admin’s port, with GraphiQL for people', async () => {
    const response = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'Accept-Language': 'fr',
        'Accept-Encoding': 'gzip',
      },
      body: JSON.stringify({
        query:
          '{ workingGroup(slug: "cpms-working-group") { contactEmail } standards { title { text } } }',
      }),
    })
    expect(response.status).toBe(200)
    // Never compressed-but-unlabelled: Next drops a handler's Content-Encoding, so the hub does not
    // compress here (the standalone server does, see partnerServer.test.ts).
    expect(response.headers.get('content-encoding')).toBeNull()
    const { data } = await response.json()
    expect(data.workingGroup.contactEmail).toBe('cpms.wg@alliancecpha.org')
    expect(data.standards).toHaveLength(28)
    const graphiql = await fetch(`${base}/graphql`, { headers: { Accept: 'text/html' } })
    expect(await graphiql.text()).toMatch(/GraphiQL/)
  })

  it('keeps Payload’s own GraphQL for signed-in editors', async () => {
    const response = await fetch(`${base}/api/graphql`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ query: '{ Resources { totalDocs } }' }),
    })
    expect(response.status).toBe(401)
  })
})
