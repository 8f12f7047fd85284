// The newsletter's sign-up as a reader and a partner site meet it: the partner API's `subscribe`
// over HTTP, the confirmation e-mail received by a real SMTP server (smtp-server, started here),
// its link opened on the Alliance's site, one-click unsubscribe (RFC 8058), and abuse.
import { mkdtemp, readdir, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import AxeBuilder from '@axe-core/playwright'
import { type ParsedMail, simpleParser } from 'mailparser'
import pg from 'pg'
import type { Page } from 'playwright-core'
import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { addressDigest, signLink } from '../../src/newsletters/links'
import { INTEREST_NAMES } from '../../src/newsletters/interests'
import { CONSENT_VERSION, CONSENT_WORDING, SIGN_UP_ANSWER } from '../../src/newsletters/texts'
import { launchChromium, shot } from '../helpers/admin'
import { hub as payloadHub, unique } from '../helpers/hub'
import { type RunningServer, startServer } from '../helpers/servers'
import { startSmtp, type TestSmtp } from '../helpers/smtp'

let smtp: TestSmtp
let server: RunningServer
let pool: pg.Pool

beforeAll(async () => {
  smtp = await startSmtp()
  pool = new pg.Pool({ connectionString: inject('databaseUrl'), max: 2 })
  server = await startServer('prod', {
    databaseUrl: inject('databaseUrl'),
    payloadSecret: inject('payloadSecret'),
    extra: {
      SMTP_URL: smtp.url,
      MAIL_FROM: 'Alliance newsletter <newsletter@hub.test>',
      // Each test signs up from an address of its own (X-Forwarded-For), as behind a proxy.
      TRUSTED_PROXIES: '1',
    },
  })
}, 180_000)

afterAll(async () => {
  await server?.stop()
  await pool?.end()
  await smtp?.close()
})

type Answer = {
  data?: Record<string, unknown> | null
  errors?: { message: string; extensions?: Record<string, unknown> }[]
}

const graphql = async (
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
  base: URL = server.base,
) => {
  const response = await fetch(new URL('/graphql', base), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  })
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Answer,
  }
}

const SUBSCRIBE = `mutation ($email: String!, $locale: Locale!, $interests: [NewsletterInterest!]) {
  subscribe(email: $email, locale: $locale, interests: $interests) { message }
}`

let clients = 0
/** A client address of its own, so that one test's sign-ups do not spend another's. */
const newClient = () => ({ 'X-Forwarded-For': `198.51.100.${++clients}` })

const subscribe = (
  email: string,
  locale = 'EN',
  interests?: string[],
  headers: Record<string, string> = newClient(),
  base?: URL,
) => graphql(SUBSCRIBE, { email, locale, interests }, headers, base)

const address = () =>
  `${unique('reader')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '.')}@example.org`

/** The e-mails received for `to`, once at least `count` have come (at most 15 s). */
const mailTo = async (to: string, count = 1) => {
  const deadline = Date.now() + 15_000
  for (;;) {
    const mails = smtp.received.filter((r) => r.to === to).map((r) => r.mail)
    if (mails.length >= count || Date.now() > deadline) return mails
    await sleep(100)
  }
}

const linkIn = (mail: ParsedMail) => {
  const match = /https?:\/\/\S+\/newsletter\/confirm\?token=[\w.-]+/.exec(mail.text ?? '')
  expect(match, mail.text).not.toBeNull()
  return match![0]
}

const subscriberRow = async (email: string) =>
  (
    await pool.query<{ id: number; status: string; locale: string; interests: string[] | null }>(
      `SELECT s.id, s.status, s.locale::text,
              (SELECT array_agg(value::text ORDER BY "order") FROM subscribers_interests WHERE parent_id = s.id) AS interests
       FROM subscribers s WHERE email = $1`,
      [email],
    )
  ).rows[0]

const consentsOf = async (id: number) =>
  (
    await pool.query<{ event: string; source: string; client: string; wording: string | null }>(
      'SELECT event::text, source, client, wording FROM consents WHERE subscriber_id = $1 ORDER BY id',
      [id],
    )
  ).rows

/** No accessibility violation that axe-core finds. */
const expectAccessible = async (page: Page) => {
  const { violations } = await new AxeBuilder({ page }).analyze()
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`)).toEqual([])
}

/** A page of the site as a browser gets it, following nothing. */
const open = async (url: string, init: RequestInit = {}) => {
  const response = await fetch(url, { redirect: 'manual', ...init })
  return { status: response.status, headers: response.headers, html: await response.text() }
}

describe('signing up for the newsletter', () => {
  it('e-mails a link in the reader’s language; the link’s page confirms only on its button; one click unsubscribes; signing up again works', async () => {
    const email = address()
    const asked = await subscribe(email, 'FR', ['NEWSLETTER', 'WEBINARS'], {
      ...newClient(),
      Origin: 'https://partner.example.org',
    })
    expect(asked.status).toBe(200)
    expect(asked.body.data).toEqual({ subscribe: { message: SIGN_UP_ANSWER.fr } })

    const [mail] = await mailTo(email)
    expect(mail, 'no confirmation e-mail').toBeDefined()
    expect(mail!.from?.value).toEqual([
      { name: 'Alliance newsletter', address: 'newsletter@hub.test' },
    ])
    expect(mail!.subject).toBe('Confirmez votre abonnement à la lettre d’information de l’Alliance')
    expect(mail!.html).toContain('<html lang="fr" dir="ltr">')
    expect(mail!.html).not.toMatch(/<img/i)
    const link = linkIn(mail!)
    expect(link.startsWith(`${server.base.origin}/fr/newsletter/confirm?token=`)).toBe(true)

    // Asked, not confirmed: nothing is subscribed yet, and the request is on record.
    const pending = await subscriberRow(email)
    expect(pending).toMatchObject({ status: 'pending', locale: 'fr' })
    const [askedConsent] = await consentsOf(pending!.id)
    expect(askedConsent).toMatchObject({ event: 'asked', wording: CONSENT_VERSION })
    expect(askedConsent!.source).toContain('https://partner.example.org')
    expect(askedConsent!.client).toMatch(/^198\.51\.100\.\d+$/)

    // Opening the link (as a mail scanner would) only shows the button.
    const shown = await open(link)
    expect(shown.status).toBe(200)
    expect(shown.html).toContain('Confirmer mon abonnement')
    expect(shown.html).toMatch(/<form method="post"/)
    expect(shown.headers.get('cache-control')).toBe('private, no-store')
    expect(shown.headers.get('referrer-policy')).toBe('no-referrer')
    expect((await subscriberRow(email))!.status).toBe('pending')

    const confirmed = await open(link, { method: 'POST' })
    expect(confirmed.status).toBe(200)
    expect(confirmed.html).toContain('Vous êtes abonné·e')
    expect(await subscriberRow(email)).toMatchObject({
      status: 'subscribed',
      locale: 'fr',
      interests: ['newsletter', 'webinars'],
    })
    // Twice is harmless, and recorded once.
    expect((await open(link, { method: 'POST' })).status).toBe(200)
    expect((await consentsOf(pending!.id)).map((c) => c.event)).toEqual(['asked', 'confirmed'])

    // A mail program's one-click unsubscribe (RFC 8058): a POST with that body to the link.
    const { body } = await graphql(
      'mutation ($token: String!) { confirmSubscription(token: $token) { unsubscribeToken } }',
      { token: new URL(link).searchParams.get('token') },
    )
    const unsubscribeToken = (body.data!.confirmSubscription as { unsubscribeToken: string })
      .unsubscribeToken
    const oneClick = await open(
      `${server.base.origin}/fr/newsletter/unsubscribe?token=${unsubscribeToken}`,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: 'List-Unsubscribe=One-Click',
      },
    )
    expect(oneClick.status).toBe(200)
    expect(oneClick.html).toContain('Vous êtes désabonné·e')
    expect((await subscriberRow(email))!.status).toBe('unsubscribed')

    // Signing up again: a new e-mail, a new confirmation.
    await subscribe(email, 'AR')
    const mails = await mailTo(email, 2)
    expect(mails).toHaveLength(2)
    expect(mails[1]!.html).toContain('<html lang="ar" dir="rtl">')
    expect((await open(linkIn(mails[1]!), { method: 'POST' })).status).toBe(200)
    expect(await subscriberRow(email)).toMatchObject({
      status: 'subscribed',
      locale: 'ar',
      interests: ['newsletter'],
    })
    expect((await consentsOf(pending!.id)).map((c) => c.event)).toEqual([
      'asked',
      'confirmed',
      'unsubscribed',
      'asked',
      'confirmed',
    ])
  }, 60_000)

  it('answers the same for an address that is new, waiting, subscribed or unsubscribed', async () => {
    const fresh = address()
    const first = await subscribe(fresh)
    const waiting = await subscribe(fresh)
    const known = address()
    await subscribe(known)
    const [mail] = await mailTo(known)
    await open(linkIn(mail!), { method: 'POST' })
    expect((await subscriberRow(known))!.status).toBe('subscribed')
    const subscribed = await subscribe(known)
    const answers = [first, waiting, subscribed].map((a) => ({
      status: a.status,
      body: a.body,
      type: a.headers.get('content-type'),
    }))
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1)
  }, 60_000)

  it('refuses links that are altered, expired or for a subscriber since erased, saying which', async () => {
    const email = address()
    await subscribe(email)
    const [mail] = await mailTo(email)
    const token = new URL(linkIn(mail!)).searchParams.get('token')!
    const confirm = (t: string) =>
      graphql('mutation ($t: String!) { confirmSubscription(token: $t) { status } }', { t })

    const altered = await confirm(`${token.slice(0, -2)}AA`)
    expect(altered.status).toBe(400)
    expect(altered.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'INVALID',
    })

    const row = (await subscriberRow(email))!
    const expired = await signLink(pool, {
      s: row.id,
      d: addressDigest(email),
      a: 'confirm',
      x: Math.floor(Date.now() / 1000) - 60,
    })
    const late = await confirm(expired)
    expect(late.body.errors?.[0]?.extensions).toMatchObject({ reason: 'EXPIRED' })
    expect(late.body.errors?.[0]?.message).toMatch(/expired/)
    const page = await open(`${server.base.origin}/es/newsletter/confirm?token=${expired}`, {
      method: 'POST',
    })
    expect(page.status).toBe(400)
    expect(page.html).toContain('El enlace ha caducado')
    expect((await subscriberRow(email))!.status).toBe('pending')

    // Erased on request: the subscriber and their consent records, and the link is dead.
    const payload = await payloadHub()
    await payload.delete({ collection: 'subscribers', id: row.id })
    expect(await subscriberRow(email)).toBeUndefined()
    expect(await consentsOf(row.id)).toEqual([])
    expect((await confirm(token)).body.errors?.[0]?.extensions).toMatchObject({
      reason: 'INVALID',
    })
  }, 60_000)

  it('refuses what is not an address (header injection included), naming the field, and mails nobody', async () => {
    const before = smtp.received.length
    const bad = [
      'not-an-address',
      'reader@',
      'reader@example.org\r\nBcc: victim@example.org',
      'reader@example.org>\nBcc: victim@example.org',
      '"reader"@example.org, victim@example.org',
      `${'a'.repeat(250)}@example.org`,
      '',
    ]
    for (const email of bad) {
      const answer = await subscribe(email)
      expect(answer.status, email).toBe(400)
      expect(answer.body.errors?.[0]?.extensions, email).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'email',
      })
      expect(answer.body.errors?.[0]?.message, email).toMatch(/^`email` /)
    }
    const none = await subscribe(address(), 'EN', [])
    expect(none.status).toBe(400)
    expect(none.body.errors?.[0]?.message).toMatch(/^`interests` must name at least one/)
    const unknown = await subscribe(address(), 'EN', ['GOSSIP'])
    expect(unknown.status).toBe(400)

    await sleep(1000)
    expect(smtp.received.length).toBe(before)
    const { rows } = await pool.query(
      "SELECT count(*)::int AS n FROM subscribers WHERE email LIKE '%victim%' OR email NOT LIKE '%@%.%'",
    )
    expect(rows[0].n).toBe(0)
  }, 60_000)

  it('tells a partner’s form the consent wording and the interests, in the form’s language', async () => {
    const { body } = await graphql(
      'query @inContext(locale: AR) { newsletterConsent { version text locale interests { value label } } }',
    )
    expect(body.data!.newsletterConsent).toEqual({
      version: CONSENT_VERSION,
      text: CONSENT_WORDING.ar,
      locale: 'AR',
      interests: [
        { value: 'NEWSLETTER', label: INTEREST_NAMES.newsletter.ar },
        { value: 'WEBINARS', label: INTEREST_NAMES.webinars.ar },
        { value: 'PUBLICATIONS', label: INTEREST_NAMES.publications.ar },
      ],
    })
  })

  it('cannot be asked over GET', async () => {
    const url = new URL('/graphql', server.base)
    url.searchParams.set(
      'query',
      'mutation { subscribe(email: "a@example.org", locale: EN) { message } }',
    )
    const response = await fetch(url, { headers: { Accept: 'application/json' } })
    expect(response.status).toBe(405)
  })

  it('a thousand sign-ups for one address: at most 3 e-mails to it, and the client is stopped with 429 after 20', async () => {
    const email = address()
    const client = newClient()
    const statuses: number[] = []
    let limited: Awaited<ReturnType<typeof subscribe>> | undefined
    for (let batch = 0; batch < 1000; batch += 50) {
      const answers = await Promise.all(
        Array.from({ length: 50 }, () => subscribe(email, 'EN', undefined, client)),
      )
      statuses.push(...answers.map((a) => a.status))
      limited ??= answers.find((a) => a.status === 429)
    }
    expect(statuses.filter((s) => s === 200)).toHaveLength(20)
    expect(statuses.filter((s) => s === 429)).toHaveLength(980)
    expect(limited!.body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED')
    expect(Number(limited!.headers.get('retry-after'))).toBeGreaterThan(0)

    // Another client asking for the same address gets the same answer, and the address no more mail.
    const other = await subscribe(email)
    expect(other.status).toBe(200)
    await sleep(2000)
    expect(await mailTo(email, 4)).toHaveLength(3)
  }, 120_000)
})

const PREFERENCES = `query ($t: String!) { newsletterSubscription(token: $t) { status locale interests } }`
const UPDATE = `mutation ($t: String!, $locale: Locale!, $interests: [NewsletterInterest!]!) {
  updateNewsletterPreferences(token: $t, locale: $locale, interests: $interests) { status locale interests }
}`

/** Signed up and confirmed over the partner API; the tokens of the reader's links. */
const subscribed = async (email: string, locale = 'EN', interests?: string[]) => {
  await subscribe(email, locale, interests)
  const [mail] = await mailTo(email)
  const { body } = await graphql(
    'mutation ($t: String!) { confirmSubscription(token: $t) { unsubscribeToken preferencesToken } }',
    { t: new URL(linkIn(mail!)).searchParams.get('token') },
  )
  return body.data!.confirmSubscription as { unsubscribeToken: string; preferencesToken: string }
}

describe('a subscriber’s preferences over the partner API', () => {
  it('are read never cached and changed with consent recorded, but bring back neither an unsubscribed reader nor a bounced address', async () => {
    const email = address()
    const { unsubscribeToken, preferencesToken } = await subscribed(email, 'ES', ['WEBINARS'])
    const id = (await subscriberRow(email))!.id

    // Read by GET twice: personal, so never stored by the hub's caches or anyone else's.
    const url = new URL('/graphql', server.base)
    url.searchParams.set('query', PREFERENCES)
    url.searchParams.set('variables', JSON.stringify({ t: preferencesToken }))
    for (let i = 0; i < 2; i++) {
      const read = await fetch(url, { headers: { Accept: 'application/json' } })
      expect(read.status).toBe(200)
      expect(read.headers.get('cache-control')).toBe('no-store')
      expect(read.headers.get('age')).toBeNull()
      expect(((await read.json()) as Answer).data).toEqual({
        newsletterSubscription: { status: 'SUBSCRIBED', locale: 'ES', interests: ['WEBINARS'] },
      })
    }

    // The same choices again record nothing; new ones are recorded with the wording's version.
    const same = await graphql(UPDATE, {
      t: preferencesToken,
      locale: 'ES',
      interests: ['WEBINARS'],
    })
    expect(same.body.data?.updateNewsletterPreferences).toMatchObject({ status: 'SUBSCRIBED' })
    expect((await consentsOf(id)).map((c) => c.event)).toEqual(['asked', 'confirmed'])
    const changed = await graphql(UPDATE, {
      t: preferencesToken,
      locale: 'AR',
      interests: ['PUBLICATIONS', 'NEWSLETTER', 'PUBLICATIONS'],
    })
    expect(changed.body.data?.updateNewsletterPreferences).toEqual({
      status: 'SUBSCRIBED',
      locale: 'AR',
      interests: ['PUBLICATIONS', 'NEWSLETTER'],
    })
    expect(await subscriberRow(email)).toMatchObject({
      locale: 'ar',
      interests: ['publications', 'newsletter'],
    })
    expect((await consentsOf(id)).at(-1)).toMatchObject({
      event: 'preferences',
      wording: CONSENT_VERSION,
    })

    // Nothing chosen: refused, naming the field, and nothing changed.
    const none = await graphql(UPDATE, { t: preferencesToken, locale: 'EN', interests: [] })
    expect(none.status).toBe(400)
    expect(none.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'interests',
    })
    expect((await subscriberRow(email))!.locale).toBe('ar')

    // Unsubscribed: a forwarded e-mail's preferences link does not bring the reader back; a new
    // sign-up and its confirmation do.
    await graphql('mutation ($t: String!) { unsubscribe(token: $t) { status } }', {
      t: unsubscribeToken,
    })
    const back = await graphql(UPDATE, {
      t: preferencesToken,
      locale: 'FR',
      interests: ['NEWSLETTER'],
    })
    expect(back.body.data?.updateNewsletterPreferences).toMatchObject({ status: 'UNSUBSCRIBED' })
    expect((await subscriberRow(email))!.status).toBe('unsubscribed')
    await subscribe(email, 'FR')
    const [, again] = await mailTo(email, 2)
    await open(linkIn(again!), { method: 'POST' })
    expect((await subscriberRow(email))!.status).toBe('subscribed')

    // A bounced address stays bounced: only mail that arrives can prove it works.
    await pool.query("UPDATE subscribers SET status = 'bounced' WHERE id = $1", [id])
    const bounced = await graphql(UPDATE, {
      t: preferencesToken,
      locale: 'EN',
      interests: ['NEWSLETTER'],
    })
    expect(bounced.body.data?.updateNewsletterPreferences).toMatchObject({ status: 'BOUNCED' })

    // Another link's token does not open the preferences.
    const wrong = await graphql(PREFERENCES, { t: unsubscribeToken })
    expect(wrong.status).toBe(400)
    expect(wrong.body.errors?.[0]?.extensions).toMatchObject({ reason: 'INVALID' })
  }, 60_000)
})

describe('the site’s sign-up form and preferences page', () => {
  it('a reader signs up on the French newsletters page in Chromium, confirms, and changes language and interests from their preferences link', async () => {
    const email = address()
    const browser = await launchChromium()
    try {
      const context = await browser.newContext({
        viewport: { width: 412, height: 915 },
        isMobile: true,
        hasTouch: true,
        // Behind the proxy TRUSTED_PROXIES names: the reader's own address.
        extraHTTPHeaders: { 'X-Forwarded-For': '203.0.113.9' },
      })
      const page = await context.newPage()
      await page.goto(`${server.base.origin}/fr/newsletters`)
      await page.getByLabel('Adresse e-mail').fill(email)
      expect(await page.getByLabel('Langue des e-mails').inputValue()).toBe('fr')
      expect(await page.getByLabel(INTEREST_NAMES.newsletter.fr).isChecked()).toBe(true)
      await page.getByLabel(INTEREST_NAMES.webinars.fr).check()
      expect(await page.locator('.signup .consent').textContent()).toBe(CONSENT_WORDING.fr)
      await expectAccessible(page)
      await page.getByRole('button', { name: 'S’abonner' }).click()
      await page.waitForURL(/\/fr\/newsletter\/subscribe$/)
      expect(await page.locator('h1').textContent()).toBe('Consultez votre boîte de réception')
      expect(await page.getByRole('status').textContent()).toBe(SIGN_UP_ANSWER.fr)

      const [mail] = await mailTo(email)
      expect(mail, 'no confirmation e-mail').toBeDefined()
      const row = (await subscriberRow(email))!
      expect(row).toMatchObject({ status: 'pending', locale: 'fr' })
      const [asked] = await consentsOf(row.id)
      expect(asked).toMatchObject({ event: 'asked', client: '203.0.113.9' })
      expect(asked!.source).toContain(server.base.origin)

      await page.goto(linkIn(mail!))
      await page.getByRole('button', { name: 'Confirmer mon abonnement' }).click()
      await page.getByRole('link', { name: 'Modifier vos préférences' }).waitFor()
      expect((await consentsOf(row.id)).at(-1)).toMatchObject({
        event: 'confirmed',
        client: '203.0.113.9',
      })
      await page.getByRole('link', { name: 'Modifier vos préférences' }).click()
      await page.waitForURL(/\/fr\/newsletter\/preferences\?token=/)
      expect(await page.locator('h1').textContent()).toBe(
        'Vos préférences pour la lettre d’information',
      )
      expect(await page.getByLabel(INTEREST_NAMES.newsletter.fr).isChecked()).toBe(true)
      expect(await page.getByLabel(INTEREST_NAMES.webinars.fr).isChecked()).toBe(true)
      expect(await page.getByLabel(INTEREST_NAMES.publications.fr).isChecked()).toBe(false)
      await expectAccessible(page)

      await page.getByLabel('Langue des e-mails').selectOption('ar')
      await page.getByLabel(INTEREST_NAMES.newsletter.fr).uncheck()
      await page.getByLabel(INTEREST_NAMES.publications.fr).check()
      await page.getByRole('button', { name: 'Enregistrer mes préférences' }).click()
      await expect
        .poll(() => page.getByRole('status').textContent(), { timeout: 30_000 })
        .toBe('Vos préférences sont enregistrées.')
      expect(await subscriberRow(email)).toMatchObject({
        status: 'subscribed',
        locale: 'ar',
        interests: ['webinars', 'publications'],
      })
      expect((await consentsOf(row.id)).at(-1)).toMatchObject({
        event: 'preferences',
        wording: CONSENT_VERSION,
        client: '203.0.113.9',
      })

      // The language switch keeps the reader on their own page.
      await page.getByRole('link', { name: 'العربية' }).click()
      await page.waitForURL(/\/ar\/newsletter\/preferences\?token=/)
      expect(await page.getAttribute('html', 'dir')).toBe('rtl')
      expect(await page.getByLabel('لغة الرسائل').inputValue()).toBe('ar')
      expect(await page.getByLabel(INTEREST_NAMES.publications.ar).isChecked()).toBe(true)
      await expectAccessible(page)
      await shot(page, 'site-newsletter-preferences-ar')
    } finally {
      await browser.close()
    }
  }, 120_000)

  it('counts each reader of the site on their own: one is stopped after 20 sign-ups, the next is not', async () => {
    const email = address()
    const post = (visitor: string) =>
      open(`${server.base.origin}/en/newsletter/subscribe`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          'X-Forwarded-For': visitor,
        },
        body: new URLSearchParams({ email, locale: 'en', interests: 'NEWSLETTER' }).toString(),
      })
    // Over IPv4 and over IPv6 (one key per /64, as the hub counts them).
    for (const [reader, next] of [
      ['192.0.2.44', '192.0.2.45'],
      ['2001:db8:44:1::7', '2001:db8:44:2::7'],
    ]) {
      const pages = []
      for (let i = 0; i < 21; i++) pages.push(await post(reader!))
      expect(pages.slice(0, 20).map((p) => p.status)).toEqual(Array(20).fill(200))
      const stopped = pages[20]!
      expect(stopped.status, reader).toBe(429)
      expect(Number(stopped.headers.get('retry-after'))).toBeGreaterThan(0)
      expect(stopped.html).toContain('Too many sign-ups have come from your connection')
      expect((await post(next!)).status, next).toBe(200)
    }
  }, 60_000)

  it('sends the form back with what to mend, in the reader’s language and keeping what they typed; mails nobody', async () => {
    const before = smtp.received.length
    const form = (fields: Record<string, string | string[]>, init: RequestInit = {}) => {
      const body = new URLSearchParams()
      for (const [name, value] of Object.entries(fields)) {
        for (const one of [value].flat()) body.append(name, one)
      }
      return open(`${server.base.origin}/es/newsletter/subscribe`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...newClient() },
        body: body.toString(),
        ...init,
      })
    }
    const typo = await form({ email: 'lector@example', interests: 'NEWSLETTER' })
    expect(typo.status).toBe(400)
    expect(typo.html).toContain('Escriba una dirección de correo electrónico')
    expect(typo.html).toMatch(
      /<input id="signup-email"[^>]*value="lector@example"[^>]*aria-invalid="true"/,
    )
    expect(typo.headers.get('cache-control')).toBe('private, no-store')

    const injected = await form({
      email: 'reader@example.org\r\nBcc: victim@example.org',
      interests: 'NEWSLETTER',
    })
    expect(injected.status).toBe(400)

    const nothing = await form({ email: address(), locale: 'ar' })
    expect(nothing.status).toBe(400)
    expect(nothing.html).toContain('Elija al menos uno.')
    expect(nothing.html).toMatch(/<option value="ar" lang="ar" selected/)

    const junk = await form({ email: address(), interests: ['NEWSLETTER', 'GOSSIP'] })
    expect(junk.status).toBe(400)
    // Another site's page may not post it (its visitors would be signed up by that page).
    const foreign: Record<string, string>[] = [
      { Origin: 'https://evil.example' },
      { 'Sec-Fetch-Site': 'cross-site' },
    ]
    for (const headers of foreign) {
      const crossSite = await form(
        { email: address(), interests: 'NEWSLETTER' },
        {
          headers: {
            'Content-Type': 'application/x-www-form-urlencoded',
            ...newClient(),
            ...headers,
          },
        },
      )
      expect(crossSite.status).toBe(403)
    }
    const json = await open(`${server.base.origin}/es/newsletter/subscribe`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: address() }),
    })
    expect(json.status).toBe(400)
    const huge = await form({ email: address(), interests: 'NEWSLETTER', pad: 'x'.repeat(20_000) })
    expect(huge.status).toBe(400)

    // Its own page, for a reader who comes back to it; nothing else but GET and POST.
    expect((await open(`${server.base.origin}/es/newsletter/subscribe`)).status).toBe(200)
    expect(
      (await open(`${server.base.origin}/es/newsletter/subscribe`, { method: 'PUT' })).status,
    ).toBe(405)

    await sleep(1000)
    expect(smtp.received.length).toBe(before)
  }, 60_000)
})

describe('without SMTP', () => {
  it('start:api writes each e-mail as an .eml file in MAIL_DIR, with links to SITE_URL', async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'hub-mail-'))
    const api = await startServer('api', {
      databaseUrl: inject('databaseUrl'),
      payloadSecret: inject('payloadSecret'),
      extra: { MAIL_DIR: folder, SITE_URL: 'https://www.example.org' },
    })
    try {
      const email = address()
      const answer = await subscribe(email, 'ES', undefined, {}, api.base)
      expect(answer.body.data).toEqual({ subscribe: { message: SIGN_UP_ANSWER.es } })
      let files: string[] = []
      for (let i = 0; i < 100 && !files.length; i++) {
        files = (await readdir(folder)).filter((file) => file.endsWith('.eml'))
        if (!files.length) await sleep(100)
      }
      expect(files).toHaveLength(1)
      const mail = await simpleParser(await readFile(path.join(folder, files[0]!)))
      expect(JSON.stringify(mail.to)).toContain(email)
      expect(mail.subject).toBe('Confirme su suscripción al boletín de la Alianza')
      expect(linkIn(mail).startsWith('https://www.example.org/es/newsletter/confirm?token=')).toBe(
        true,
      )
    } finally {
      await api.stop()
    }
  }, 60_000)
})
