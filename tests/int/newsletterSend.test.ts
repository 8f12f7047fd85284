// Sending an edition as an editor does it: "Send" (POST /api/newsletters/<id>/send) a test to
// oneself, then to every subscriber, through a real SMTP server started here; each subscriber in
// their language, with one-click unsubscribe headers; a SIGKILL of the sending hub in the middle
// of a send of 1,000, and every subscriber mailed once after the restart.
import pg from 'pg'
import { setTimeout as sleep } from 'node:timers/promises'
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { launchChromium, PAGE_MS, shot } from '../helpers/admin'
import { hub, makeUser, type TestUser, unique } from '../helpers/hub'
import { type RunningServer, startServer } from '../helpers/servers'
import { type Received, startSmtp, type TestSmtp } from '../helpers/smtp'

let received: Received[] = []
/** Addresses whose mail server answers 451 (try later) this many more times. */
const busy = new Map<string, number>()
let smtp: TestSmtp
let pool: pg.Pool
let payload: Payload
let editor: TestUser
let translator: TestUser
let server: RunningServer
let edition: number
const tag = unique('send')
  .toLowerCase()
  .replace(/[^a-z0-9]+/g, '')

const startHub = () =>
  startServer('prod', {
    databaseUrl: inject('databaseUrl'),
    payloadSecret: inject('payloadSecret'),
    extra: {
      SMTP_URL: smtp.url,
      MAIL_FROM: 'Alliance newsletter <newsletter@hub.test>',
      // Sending, and none of the other jobs: the suite's database is shared with other files.
      NEWSLETTER_SENDING: 'true',
      NEWSLETTER_RATE: '100',
      SITE_URL: 'https://www.example.org',
    },
  })

beforeAll(async () => {
  smtp = await startSmtp({
    refuse: (to) => {
      if (to.address.startsWith('nobody')) return { code: 550, message: 'No such user here' }
      const left = busy.get(to.address) ?? 0
      if (left === 0) return undefined
      busy.set(to.address, left - 1)
      return { code: 451, message: 'Mailbox busy, try again later' }
    },
  })
  received = smtp.received
  pool = new pg.Pool({ connectionString: inject('databaseUrl'), max: 2 })
  payload = await hub()
  editor = await makeUser('editor')
  translator = await makeUser('translator')
  const doc = await payload.create({
    collection: 'newsletters',
    locale: 'en',
    data: {
      _status: 'published',
      title: `February ${tag}`,
      issueDate: '2031-02-01',
      sections: [
        {
          kind: 'other',
          heading: 'News from the Alliance',
          items: [{ type: 'free', title: 'A new guide', url: 'https://example.org/guide' }],
        },
      ],
    },
  })
  edition = doc.id
  await payload.update({
    collection: 'newsletters',
    id: edition,
    locale: 'ar',
    data: { _status: 'published', title: `فبراير ${tag}` },
  })
  server = await startHub()
}, 180_000)

afterAll(async () => {
  await server?.stop()
  await pool?.end()
  await smtp?.close()
})

const send = async (body: unknown, user: TestUser | null = editor) => {
  const response = await fetch(new URL(`/api/newsletters/${edition}/send`, server.base), {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      ...(user ? { Authorization: `JWT ${user.token}` } : {}),
    },
    body: JSON.stringify(body),
  })
  // A failure of the hub's own says why in its log.
  if (response.status >= 500) console.error(server.output().slice(-4000))
  return response
}

/** Subscribers of this file, confirmed, wanting the newsletter; their addresses. */
const addSubscribers = async (count: number, locale: (i: number) => string, prefix = 'reader') => {
  const { rows } = await pool.query<{ id: number; email: string }>(
    `INSERT INTO subscribers (email, status, locale, confirmed_at)
     SELECT '${prefix}-' || i || '-${tag}@example.org', 'subscribed', ($2::text[])[i]::enum_subscribers_locale, now()
     FROM generate_series(1, $1) AS i RETURNING id, email`,
    [count, Array.from({ length: count }, (_, i) => locale(i + 1))],
  )
  await pool.query(
    `INSERT INTO subscribers_interests ("order", parent_id, value)
     SELECT 1, id, 'newsletter' FROM unnest($1::int[]) AS id`,
    [rows.map((r) => r.id)],
  )
  return rows
}

const sendRow = async (id: number) =>
  (
    await pool.query<{
      status: string
      total: number
      sent: number
      failed: number
      bounced: number
      in_doubt: number
    }>(
      'SELECT status, total::int, sent::int, failed::int, bounced::int, in_doubt::int FROM newsletter_sends WHERE id = $1',
      [id],
    )
  ).rows[0]!

const until = async (check: () => Promise<boolean>, ms: number, what: string) => {
  const deadline = Date.now() + ms
  while (!(await check())) {
    if (Date.now() > deadline)
      throw new Error(`${what}: not within ${ms / 1000} s\n${server.output().slice(-3000)}`)
    await sleep(200)
  }
}

const mailsTo = (address: string) => received.filter((r) => r.to === address)

describe('sending an edition', () => {
  it('is for editors and admins, of a published edition, and to everyone only after a test to oneself', async () => {
    expect((await send({ to: 'me' }, null)).status).toBe(401)
    const refused = await send({ to: 'me' }, translator)
    expect(refused.status).toBe(403)
    const bad = await send({ to: 'all of them' })
    expect(bad.status).toBe(400)
    expect(((await bad.json()) as { errors: { message: string }[] }).errors[0]!.message).toMatch(
      /^to: must be "me"/,
    )
    const early = await send({ to: 'everyone' })
    expect(early.status).toBe(409)
    expect(((await early.json()) as { errors: { message: string }[] }).errors[0]!.message).toMatch(
      /Send a test to yourself first/,
    )

    const test = await send({ to: 'me', locale: 'ar' })
    expect(test.status).toBe(202)
    const { send: testSend, recipients } = (await test.json()) as {
      send: number
      recipients: number
    }
    expect(recipients).toBe(1)
    await until(async () => (await sendRow(testSend)).status === 'done', 30_000, 'the test send')
    const [mail] = mailsTo(editor.user.email)
    expect(mail, 'the test e-mail').toBeDefined()
    expect(mail!.mail.subject).toBe(`فبراير ${tag}`)
    expect(mail!.mail.html).toMatch(/<html lang="ar" dir="rtl"/)
  }, 60_000)

  it('mails every subscriber once, in their language, with one-click unsubscribe; retries a busy mailbox, marks one that does not exist', async () => {
    const readers = await addSubscribers(6, (i) => ['en', 'fr', 'ar'][i % 3]!)
    const [nobody] = await addSubscribers(1, () => 'en', 'nobody')
    const [later] = await addSubscribers(1, () => 'es', 'later')
    busy.set(later!.email, 1)
    const unsubscribed = (await addSubscribers(1, () => 'en', 'gone'))[0]!
    await pool.query("UPDATE subscribers SET status = 'unsubscribed' WHERE id = $1", [
      unsubscribed.id,
    ])
    // The busy mailbox is tried again a minute later; here, sooner.
    const everyone = await send({ to: 'everyone' })
    expect(everyone.status).toBe(202)
    const { send: id } = (await everyone.json()) as { send: number }
    expect((await send({ to: 'everyone' })).status).toBe(409)

    await until(
      async () => readers.every((r) => mailsTo(r.email).length === 1),
      60_000,
      'every reader mailed',
    )
    const [first] = mailsTo(readers[0]!.email)
    // As sent, not as mailparser reads them.
    const header = (name: string) =>
      first!.mail.headerLines
        .find((line) => line.key === name)
        ?.line.replace(/^[^:]+:\s*/, '')
        .replace(/\r?\n\s+/g, ' ') ?? ''
    const listUnsubscribe = header('list-unsubscribe')
    expect(listUnsubscribe).toMatch(
      /^<https:\/\/www\.example\.org\/\w\w\/newsletter\/unsubscribe\?token=[\w-]+\.[\w-]{43}>$/,
    )
    expect(header('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click')
    expect(first!.mail.text).toContain(listUnsubscribe.slice(1, -1))
    // And a link to the reader's own preferences page, which the hub knows as theirs.
    const preferences =
      /https:\/\/www\.example\.org\/(\w\w)\/newsletter\/preferences\?token=([\w-]+\.[\w-]{43})/.exec(
        first!.mail.text ?? '',
      )
    expect(preferences, first!.mail.text).not.toBeNull()
    expect(first!.mail.html).toContain(preferences![0])
    const mine = await fetch(new URL('/graphql', server.base), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        query: 'query ($t: String!) { newsletterSubscription(token: $t) { status locale } }',
        variables: { t: preferences![2] },
      }),
    })
    expect(((await mine.json()) as { data: unknown }).data).toEqual({
      newsletterSubscription: { status: 'SUBSCRIBED', locale: preferences![1]!.toUpperCase() },
    })
    expect(first!.mail.html).not.toMatch(/<img[^>]+(width="1"|height="1")/)
    const arabic = readers.find((r) => r.email.startsWith('reader-2-'))!
    expect(mailsTo(arabic.email)[0]!.mail.html).toMatch(/<html lang="ar" dir="rtl"/)
    const french = readers.find((r) => r.email.startsWith('reader-1-'))!
    // No French title: the English one, marked as English.
    expect(mailsTo(french.email)[0]!.mail.html).toContain(
      `<span lang="en" dir="ltr">February ${tag}</span>`,
    )

    // As a reader's phone shows them, for the README.
    const browser = await launchChromium()
    try {
      const phone = await browser.newPage({ viewport: { width: 400, height: 760 } })
      for (const [reader, name] of [
        [readers.find((r) => r.email.startsWith('reader-3-'))!, 'newsletter-email-en'],
        [arabic, 'newsletter-email-ar'],
      ] as const) {
        await phone.setContent(mailsTo(reader.email)[0]!.mail.html as string)
        await shot(phone, name)
      }
    } finally {
      await browser.close()
    }

    expect(mailsTo(unsubscribed.email)).toHaveLength(0)
    await until(
      async () =>
        (await pool.query('SELECT status FROM subscribers WHERE id = $1', [nobody!.id])).rows[0]
          .status === 'bounced',
      30_000,
      'the address that does not exist marked bounced',
    )
    // The busy one: tried again after a minute (made due now, as time passing would).
    await until(
      async () =>
        (
          await pool.query(
            "SELECT 1 FROM hub_newsletter_deliveries WHERE subscriber_id = $1 AND status = 'pending' AND attempts = 1",
            [later!.id],
          )
        ).rowCount === 1,
      30_000,
      'the busy mailbox tried once',
    )
    await pool.query(
      `UPDATE hub_newsletter_deliveries SET next_at = now() WHERE subscriber_id = $1`,
      [later!.id],
    )
    await until(async () => mailsTo(later!.email).length === 1, 30_000, 'the busy mailbox retried')
    await until(async () => (await sendRow(id)).status === 'done', 30_000, 'the send done')
    const row = await sendRow(id)
    // Erased on request: the address leaves the record of what was sent to whom.
    await payload.delete({ collection: 'subscribers', id: readers[0]!.id })
    const { rows: left } = await pool.query(
      'SELECT 1 FROM hub_newsletter_deliveries WHERE email = $1 OR subscriber_id = $2',
      [readers[0]!.email, readers[0]!.id],
    )
    expect(left).toEqual([])
    expect(row.bounced).toBe(1)
    expect(row.failed).toBe(0)
    expect(row.sent).toBe(row.total - 1)
  }, 120_000)

  it('in the admin (Chromium), an editor sends a test to themself, then the edition to everyone, and watches it go', async () => {
    const other = await payload.create({
      collection: 'newsletters',
      locale: 'en',
      data: {
        _status: 'published',
        title: `March ${tag}`,
        issueDate: '2031-03-01',
        sections: [{ kind: 'other', heading: 'News', items: [{ type: 'free', title: 'An item' }] }],
      },
    })
    const browser = await launchChromium()
    try {
      const page = await (
        await browser.newContext({ viewport: { width: 1400, height: 900 } })
      ).newPage()
      const base = server.base.origin
      await page.goto(`${base}/admin/login`, { timeout: PAGE_MS })
      await page.fill('#field-email', editor.user.email)
      await page.fill('#field-password', 'a long test password')
      await page.click('button[type="submit"]')
      await page.waitForURL(`${base}/admin`, { timeout: PAGE_MS })
      await page.goto(`${base}/admin/collections/newsletters/${other.id}`, { timeout: PAGE_MS })
      const panel = page.locator('.send-edition')
      const everyone = panel.getByRole('button', { name: /^Send to \d+ subscribers$/ })
      await expect.poll(() => everyone.isDisabled(), { timeout: 30_000 }).toBe(true)
      await expect
        .poll(() => panel.innerText(), { timeout: 30_000 })
        .toMatch(/Send a test to yourself first/)

      await panel.getByRole('button', { name: 'Send a test to me' }).click()
      await expect
        .poll(() => panel.innerText(), { timeout: 30_000 })
        .toMatch(
          new RegExp(`A test is on its way to ${editor.user.email.replace(/[.+]/g, '\\$&')}`),
        )
      await expect
        .poll(() => mailsTo(editor.user.email).some((m) => m.mail.subject === `March ${tag}`), {
          timeout: 30_000,
        })
        .toBe(true)
      // In the Arabic admin, the test comes in Arabic, right to left.
      await page.goto(`${base}/admin/collections/newsletters/${other.id}?locale=ar`, {
        timeout: PAGE_MS,
      })
      await panel.getByRole('button', { name: 'Send a test to me' }).click()
      await expect
        .poll(() => panel.innerText(), { timeout: 30_000 })
        .toMatch(/A test is on its way to/)
      await expect
        .poll(() => mailsTo(editor.user.email).filter((m) => m.mail.subject === `March ${tag}`), {
          timeout: 30_000,
        })
        .toHaveLength(2)
      const tests = mailsTo(editor.user.email).filter((m) => m.mail.subject === `March ${tag}`)
      expect(tests[1]!.mail.html).toMatch(/<html lang="ar" dir="rtl"/)
      // The test has gone: sending to everyone opens (the panel looks again every 1.5 s while sending).
      await page.goto(`${base}/admin/collections/newsletters/${other.id}`, { timeout: PAGE_MS })
      await expect.poll(() => everyone.isEnabled(), { timeout: 30_000 }).toBe(true)
      page.once('dialog', (dialog) => void dialog.accept())
      await everyone.click()
      await expect
        .poll(
          () =>
            panel
              .locator('.send-edition__progress')
              .innerText()
              .catch(() => ''),
          {
            timeout: 60_000,
          },
        )
        .toMatch(/^Sent: (\d+) of \1 sent$/)
      await shot(page, 'admin-newsletter-send')
      const { rows } = await pool.query(
        "SELECT status, total::int, sent::int FROM newsletter_sends WHERE edition_id = $1 AND kind = 'everyone'",
        [other.id],
      )
      expect(rows).toEqual([{ status: 'done', total: rows[0].sent, sent: rows[0].sent }])

      // A translator opens the same edition and finds no way to send it.
      const translating = await (
        await browser.newContext({ viewport: { width: 1400, height: 900 } })
      ).newPage()
      await translating.goto(`${base}/admin/login`, { timeout: PAGE_MS })
      await translating.fill('#field-email', translator.user.email)
      await translating.fill('#field-password', 'a long test password')
      await translating.click('button[type="submit"]')
      await translating.waitForURL(`${base}/admin`, { timeout: PAGE_MS })
      await translating.goto(`${base}/admin/collections/newsletters/${other.id}?locale=fr`, {
        timeout: PAGE_MS,
      })
      await translating.locator('#field-title').waitFor({ timeout: PAGE_MS })
      expect(await translating.locator('.send-edition').count()).toBe(0)
      expect(await translating.getByRole('button', { name: /^Send/ }).count()).toBe(0)
    } finally {
      await browser.close()
    }
  }, 240_000)

  it('killed (SIGKILL) in the middle of a send of 1,000, it mails each subscriber exactly once after a restart', async () => {
    const readers = await addSubscribers(1000, (i) => ['en', 'fr', 'es', 'ar'][i % 4]!, 'many')
    const everyone = await send({ to: 'everyone' })
    // The previous send of this edition reached the earlier subscribers: only the new ones remain.
    expect(everyone.status).toBe(202)
    const { send: id, recipients } = (await everyone.json()) as { send: number; recipients: number }
    // Subscribers another file confirmed meanwhile may join them.
    expect(recipients).toBeGreaterThanOrEqual(1000)
    const mine = new Set(readers.map((r) => r.email))
    const count = () => received.filter((r) => mine.has(r.to)).length
    await until(async () => count() >= 300, 60_000, '300 sent')
    server.signalGroup('SIGKILL')
    await server.exited(10_000)
    const before = count()
    expect(before).toBeLessThan(1000)
    server = await startHub()
    await until(
      async () => (await sendRow(id)).status === 'done',
      120_000,
      'the send finished after the restart',
    )
    const row = await sendRow(id)
    expect(row).toMatchObject({ total: recipients, sent: recipients, failed: 0, bounced: 0 })
    for (const reader of readers) {
      const mails = mailsTo(reader.email)
      // One message each; a copy, if the kill fell while SMTP was taking it, carries the same Message-ID.
      expect(new Set(mails.map((m) => m.messageId)).size, reader.email).toBe(1)
    }
    expect(count() - readers.length).toBeLessThanOrEqual(row.in_doubt)
    expect(row.in_doubt).toBeLessThanOrEqual(1)
  }, 240_000)
})
