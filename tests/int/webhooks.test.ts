// Signed webhooks: queued with the change they announce, sent by the delivery worker to a real
// HTTP receiver on 127.0.0.1 (this file allows private targets, as a hub on a private network
// would), verified with the `standardwebhooks` package as a partner would. Then the refusals
// (private addresses, other roles, the secret after creation) and a worker killed mid-send.
import { setTimeout as sleep } from 'node:timers/promises'
import { type ChildProcess, spawn } from 'node:child_process'
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import pg from 'pg'
import type { Payload } from 'payload'
import { Webhook } from 'standardwebhooks'
import { afterAll, afterEach, beforeAll, describe, expect, inject, it, vi } from 'vitest'

vi.hoisted(() => {
  // Read once by src/env.ts, which the imports below load.
  process.env.WEBHOOK_ALLOW_PRIVATE = 'true'
})

import { toGlobalId } from '../../src/ids'
import { env } from '../../src/env'
import type { Webhook as WebhookDoc } from '../../src/payload-types'
import { checkWebhookUrl, guardedLookup, refusedAddress } from '../../src/webhooks/addresses'
import { DEFAULT_SCHEDULE, givesUp, maxRetryDelay, retryDelay } from '../../src/webhooks/schedule'
import { sendSigned } from '../../src/webhooks/send'
import { startWebhookWorker, type WebhookWorker } from '../../src/webhooks/worker'
import { graphql, hub, makeUser, rest, type TestUser, unique } from '../helpers/hub'

/** Short waits, so that a retry and a give-up happen within a test. */
const TEST_SCHEDULE = { baseMs: 400, capMs: 1500, minAttempts: 3, giveUpAfterMs: 0 }

type Received = { path: string; headers: IncomingHttpHeaders; body: string; at: number }
type Answer = { status: number; headers?: Record<string, string> }

let payload: Payload
let db: pg.Client
let admin: TestUser
let receiver: Server
let base: string
let worker: WebhookWorker | undefined
const received: Received[] = []
/**
 * How each path answers (default 200). Other test files publish while these run: a webhook may get
 * their changes too, so tests look at their own records only (`recordOf`).
 */
const answers = new Map<string, (request: Received) => Promise<Answer> | Answer>()
const webhooks: number[] = []

const waitFor = async <T>(
  what: string | (() => string),
  probe: () => Promise<T | undefined | false> | T | undefined | false,
  ms = 15_000,
) => {
  const deadline = Date.now() + ms
  for (;;) {
    const value = await probe()
    if (value) return value
    if (Date.now() > deadline) {
      throw new Error(`Timed out waiting for ${typeof what === 'string' ? what : what()}`)
    }
    await sleep(50)
  }
}

/** The record a request announces (its global id). */
const recordOf = (request: Received) =>
  (JSON.parse(request.body) as { data?: { id?: string } }).data?.id

/** What reached `path`, for one record when given. */
const requestsTo = (path: string, recordId?: string) =>
  received.filter((r) => r.path === path && (!recordId || recordOf(r) === recordId))

type WebhookData = Partial<Pick<WebhookDoc, 'events' | 'collections' | 'languages'>>

/** A webhook on a path of its own; its secret as the create answered it. */
const makeWebhook = async (data: WebhookData = {}) => {
  const path = `/hook/${unique('w')}`
  const doc = (await payload.create({
    collection: 'webhooks',
    data: { name: unique('Partner'), url: `${base}${path}`, events: ['upsert', 'delete'], ...data },
  })) as { id: number; signingSecret: string }
  webhooks.push(doc.id)
  return { id: doc.id, path, secret: doc.signingSecret }
}

type Row = {
  id: number
  message_id: string
  event_type: string
  body: { type: string; timestamp: string; data: Record<string, any> }
  status: string
  attempts: number
  next_attempt_at: Date | null
  last_status: number | null
  last_error: string | null
  delivered_at: Date | null
  locked_by: number | null
  updated_at: Date
}

const deliveriesOf = async (webhook: number, recordId?: string) =>
  (
    await db.query<Row>(
      `SELECT id, message_id, event_type, body, status, attempts::int, next_attempt_at,
              last_status::int, last_error, delivered_at, locked_by::int, updated_at
         FROM webhook_deliveries
        WHERE webhook_id = $1 AND ($2::text IS NULL OR body->'data'->>'id' = $2)
        ORDER BY seq, id`,
      [webhook, recordId ?? null],
    )
  ).rows

const publishResource = async () =>
  (
    await payload.create({
      collection: 'resources',
      data: { title: unique('Guidance'), summary: 'About', _status: 'published' },
    })
  ).id as number

const resourceId = (id: number) => toGlobalId('Resource', id)

const verify = (secret: string, request: Received) =>
  new Webhook(secret).verify(request.body, request.headers as Record<string, string>) as {
    type: string
    data: Record<string, any>
  }

beforeAll(async () => {
  payload = await hub()
  admin = await makeUser('admin')
  db = new pg.Client({ connectionString: inject('databaseUrl') })
  await db.connect()
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', async () => {
      const request: Received = {
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        at: Date.now(),
      }
      received.push(request)
      const answer = answers.get(request.path)
      const { status, headers } = answer ? await answer(request) : { status: 200 }
      if (res.destroyed) return
      res.writeHead(status, headers).end('ok')
    })
  })
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`
  worker = startWebhookWorker({
    databaseUrl: inject('databaseUrl'),
    payloadSecret: inject('payloadSecret'),
    schedule: TEST_SCHEDULE,
    pollMs: 200,
  })
})

// Other test files publish too: a webhook left active would collect their changes.
afterEach(async () => {
  if (webhooks.length)
    await db.query('UPDATE webhooks SET active = false WHERE id = ANY($1)', [webhooks])
})

afterAll(async () => {
  await worker?.stop(2000)
  for (const id of webhooks) await payload.delete({ collection: 'webhooks', id }).catch(() => {})
  receiver?.closeAllConnections()
  await new Promise((resolve) => receiver?.close(resolve))
  await db?.end()
})

describe('delivery', () => {
  it('delivers one signed request per publish, naming the record, within a second or two', async () => {
    const hook = await makeWebhook({ collections: ['resources'] })
    expect(hook.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/)
    const latencies: number[] = []
    const ids: number[] = []
    for (let i = 0; i < 5; i++) {
      const started = Date.now()
      const id = await publishResource()
      ids.push(id)
      const request = await waitFor('the delivery', () => requestsTo(hook.path, resourceId(id))[0])
      latencies.push(request.at - started)
    }
    await sleep(1000) // nothing more comes
    const other = await makeWebhook({ collections: ['news'] })
    for (const id of ids) {
      const requests = requestsTo(hook.path, resourceId(id))
      expect(requests).toHaveLength(1)
      const [request] = requests
      expect(request!.headers['content-type']).toBe('application/json')
      expect(request!.headers['webhook-id']).toMatch(/^msg_[0-9a-f]{32}$/)
      const event = verify(hook.secret, request!)
      expect(event).toMatchObject({
        type: 'resource.upsert',
        data: { collection: 'resources', id: resourceId(id), operation: 'upsert', locales: null },
      })
      expect(event.data.seq).toEqual(expect.any(Number))
      // Another webhook's secret does not verify it.
      expect(() => verify(other.secret, request!)).toThrow()
      const [row] = await deliveriesOf(hook.id, resourceId(id))
      expect(row).toMatchObject({
        message_id: request!.headers['webhook-id'],
        status: 'delivered',
        attempts: 1,
        last_status: 200,
        last_error: null,
        locked_by: null,
      })
      expect(row!.delivered_at).toBeInstanceOf(Date)
    }
    const median = [...latencies].sort((a, b) => a - b)[2]!
    expect(median).toBeLessThan(2000)
  })

  it('sends each delivery once when several workers run side by side', async () => {
    const second = startWebhookWorker({
      databaseUrl: inject('databaseUrl'),
      payloadSecret: inject('payloadSecret'),
      schedule: TEST_SCHEDULE,
      pollMs: 200,
    })
    try {
      const hook = await makeWebhook({ collections: ['resources'] })
      // The receiver answers slowly, so that both workers are busy at once.
      answers.set(hook.path, async () => {
        await sleep(100)
        return { status: 200 }
      })
      const records = (await Promise.all(Array.from({ length: 12 }, publishResource))).map(
        resourceId,
      )
      await waitFor('every delivery', () =>
        records.every((record) => requestsTo(hook.path, record).length > 0),
      )
      await sleep(1000)
      for (const record of records) expect(requestsTo(hook.path, record), record).toHaveLength(1)
      for (const record of records) {
        const [row] = await deliveriesOf(hook.id, record)
        expect(row).toMatchObject({ status: 'delivered', attempts: 1 })
      }
    } finally {
      await second.stop(2000)
    }
  })

  it('delivers nothing for a draft, new or saved beside the published version', async () => {
    const hook = await makeWebhook()
    const published = await publishResource()
    await waitFor('the publish', () => requestsTo(hook.path, resourceId(published)).length)
    const draft = (
      await payload.create({
        collection: 'resources',
        data: { title: unique('Draft'), summary: 'Not yet', _status: 'draft' },
      })
    ).id as number
    await payload.update({
      collection: 'resources',
      id: draft,
      data: { summary: 'Still not' },
      draft: true,
    })
    await payload.update({
      collection: 'resources',
      id: published,
      locale: 'fr',
      data: { title: 'Brouillon', _status: 'draft' },
      draft: true,
    })
    // Deliveries go out in order: once a later publish has arrived, a draft's would have too.
    const later = await publishResource()
    await waitFor('a later publish', () => requestsTo(hook.path, resourceId(later)).length)
    expect(await deliveriesOf(hook.id, resourceId(draft))).toEqual([])
    expect(await deliveriesOf(hook.id, resourceId(published))).toHaveLength(1)
    expect(requestsTo(hook.path, resourceId(draft))).toEqual([])
  })

  it('follows only the events, collections and languages a webhook asks for', async () => {
    const deletions = await makeWebhook({ events: ['delete'], collections: ['resources'] })
    const organisations = await makeWebhook({ collections: ['organisations'] })
    const french = await makeWebhook({ collections: ['resources'], languages: ['fr'] })
    const id = await publishResource()
    // Spanish only, then French only, then unpublished.
    await payload.update({
      collection: 'resources',
      id,
      locale: 'es',
      data: { title: 'Orientación', _status: 'published' },
    })
    await payload.update({
      collection: 'resources',
      id,
      locale: 'fr',
      data: { title: 'Orientation', _status: 'published' },
    })
    await payload.update({ collection: 'resources', id, data: { _status: 'draft' } })
    const organisation = (
      await payload.create({
        collection: 'organisations',
        data: { name: unique('Org'), kind: 'ngo' },
      })
    ).id as number
    const events = async (webhook: number, recordId: string) =>
      (await deliveriesOf(webhook, recordId)).map((r) => [r.event_type, r.body.data.locales])
    expect(await events(deletions.id, resourceId(id))).toEqual([['resource.delete', null]])
    expect(await events(organisations.id, resourceId(id))).toEqual([])
    expect(await events(organisations.id, toGlobalId('Organisation', organisation))).toEqual([
      ['organisation.upsert', null],
    ])
    expect(await events(french.id, resourceId(id))).toEqual([
      ['resource.upsert', null],
      ['resource.upsert', ['fr']],
      ['resource.delete', null],
    ])
    expect(await events(french.id, toGlobalId('Organisation', organisation))).toEqual([])
  })

  it('retries a failed delivery with the same webhook-id after a backoff', async () => {
    const hook = await makeWebhook({ collections: ['resources'] })
    // Each message fails once, then succeeds.
    const failedAt = new Map<string, number>()
    const seenBetween = new Map<string, Row | undefined>()
    answers.set(hook.path, async (request) => {
      const messageId = request.headers['webhook-id'] as string
      if (!failedAt.has(messageId)) {
        failedAt.set(messageId, Date.now())
        return { status: 500 }
      }
      // The retry is in flight: the row still shows the first failure and its schedule.
      const { rows } = await db.query<Row>(
        `SELECT status, attempts::int, next_attempt_at, last_status::int, last_error
           FROM webhook_deliveries WHERE message_id = $1`,
        [messageId],
      )
      seenBetween.set(messageId, rows[0])
      return { status: 200 }
    })
    const id = await publishResource()
    // Requests are recorded as they arrive; wait until the second one's row has also been read.
    const [first, second] = await waitFor('two requests, the second one answered', () => {
      const requests = requestsTo(hook.path, resourceId(id))
      const messageId = requests[0]?.headers['webhook-id'] as string | undefined
      return (
        requests.length >= 2 && messageId !== undefined && seenBetween.has(messageId) && requests
      )
    })
    expect(second!.headers['webhook-id']).toBe(first!.headers['webhook-id'])
    expect(verify(hook.secret, second!).data.id).toBe(resourceId(id))
    const messageId = first!.headers['webhook-id'] as string
    expect(seenBetween.get(messageId)).toMatchObject({
      status: 'failed',
      attempts: 1,
      last_status: 500,
      last_error: 'HTTP 500',
    })
    // Full jitter: anywhere from the failure to the failure plus the first wait.
    const next = seenBetween.get(messageId)!.next_attempt_at!.getTime()
    expect(next).toBeGreaterThanOrEqual(failedAt.get(messageId)! - 1000)
    expect(next).toBeLessThanOrEqual(failedAt.get(messageId)! + TEST_SCHEDULE.baseMs + 1000)
    const row = await waitFor('the delivery recorded', async () => {
      const [r] = await deliveriesOf(hook.id, resourceId(id))
      return r?.status === 'delivered' && r
    })
    expect(row).toMatchObject({ attempts: 2, last_status: 200, last_error: null })
    expect(requestsTo(hook.path, resourceId(id))).toHaveLength(2)
  })

  it('does not follow a redirect', async () => {
    const hook = await makeWebhook()
    const elsewhere = `/elsewhere/${unique('r')}`
    answers.set(hook.path, () => ({ status: 302, headers: { Location: `${base}${elsewhere}` } }))
    const id = await publishResource()
    const row = await waitFor('a failed attempt', async () => {
      const [r] = await deliveriesOf(hook.id, resourceId(id))
      return r && r.attempts >= 1 && r
    })
    expect(row.last_status).toBe(302)
    expect(row.last_error).toBe(`HTTP 302: redirect to ${base}${elsewhere} not followed`)
    expect(row.status).not.toBe('delivered')
    expect(requestsTo(elsewhere)).toEqual([])
  })

  it('gives a receiver a limited time to answer', async () => {
    const path = `/slow/${unique('t')}`
    answers.set(path, () => new Promise<Answer>(() => {})) // never answers
    const sent = await sendSigned(
      {
        url: `${base}${path}`,
        secret: 'whsec_' + Buffer.alloc(32, 2).toString('base64'),
        messageId: 'msg_slow',
        body: '{}',
      },
      { timeoutMs: 300 },
    )
    expect(sent).toMatchObject({ ok: false, status: null, error: 'no answer within 0.3 s' })
    expect(sent.durationMs).toBeGreaterThanOrEqual(290)
    expect(sent.durationMs).toBeLessThan(2000)
  })

  it('gives up after the last attempt and disables the webhook with a notice, until re-activated', async () => {
    const hook = await makeWebhook({ collections: ['resources'] })
    answers.set(hook.path, () => ({ status: 503 }))
    const id = await publishResource()
    await waitFor(
      'the webhook disabled',
      async () =>
        !(await db.query('SELECT active FROM webhooks WHERE id = $1', [hook.id])).rows[0].active,
      30_000,
    )
    // The first delivery to reach its last attempt gave up (another test file's change, maybe);
    // whatever else the webhook still had to send was given up with it.
    const rows = await deliveriesOf(hook.id)
    expect(rows.map((r) => r.status)).toEqual(rows.map(() => 'gave-up'))
    expect(rows.map((r) => r.next_attempt_at)).toEqual(rows.map(() => null))
    expect(rows.find((r) => r.body.data.id === resourceId(id))).toBeDefined()
    const last = rows.find((r) => r.attempts === TEST_SCHEDULE.minAttempts)
    expect(last).toMatchObject({ last_status: 503, last_error: 'HTTP 503' })
    const tries = requestsTo(hook.path).filter((r) => r.headers['webhook-id'] === last!.message_id)
    expect(tries).toHaveLength(TEST_SCHEDULE.minAttempts)
    const read = await rest('GET', `/webhooks/${hook.id}`, { token: admin.token })
    expect(read.body.active).toBe(false)
    expect(read.body.disabledNotice).toMatch(
      /^Disabled after repeated failures on \d{4}-\d\d-\d\d \d\d:\d\d UTC: HTTP 503$/,
    )
    // Nothing is queued for a disabled webhook.
    const later = await publishResource()
    expect(await deliveriesOf(hook.id, resourceId(later))).toEqual([])
    // Saving any other change keeps the notice; re-activating clears it.
    const renamed = await rest('PATCH', `/webhooks/${hook.id}`, {
      token: admin.token,
      body: { name: 'Renamed partner', disabledNotice: 'Cleared by hand' },
    })
    expect(renamed.status).toBe(200)
    expect(renamed.body.doc.disabledNotice).toBe(read.body.disabledNotice)
    const reactivated = await rest('PATCH', `/webhooks/${hook.id}`, {
      token: admin.token,
      body: { active: true },
    })
    expect(reactivated.status).toBe(200)
    expect(reactivated.body.doc).toMatchObject({ active: true, disabledNotice: null })
  }, 60_000)
})

describe('retry schedule', () => {
  it('waits a random time up to 30 s × 2^(n−1), at most 4 h, and tries for at least 24 h', () => {
    expect(maxRetryDelay(1)).toBe(30_000)
    expect(maxRetryDelay(2)).toBe(60_000)
    expect(maxRetryDelay(10)).toBe(4 * 3600_000)
    expect(maxRetryDelay(500)).toBe(4 * 3600_000)
    expect(retryDelay(3, DEFAULT_SCHEDULE, () => 0)).toBe(0)
    expect(retryDelay(3, DEFAULT_SCHEDULE, () => 0.5)).toBe(60_000)
    for (let i = 0; i < 100; i++) {
      const wait = retryDelay(4)
      expect(wait).toBeGreaterThanOrEqual(0)
      expect(wait).toBeLessThan(240_000)
    }
    const day = 24 * 3600_000
    expect(givesUp(11, 2 * day)).toBe(false)
    expect(givesUp(30, day - 1)).toBe(false)
    expect(givesUp(12, day)).toBe(true)
  })
})

describe('private addresses', () => {
  const refused = [
    '127.0.0.1',
    '10.1.2.3',
    '172.16.0.1',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '::1',
    '[::1]',
    '::',
    'fe80::1',
    'fd00::1',
    'ff02::1',
    '::ffff:127.0.0.1',
    '::ffff:10.0.0.1',
    '64:ff9b::7f00:1',
  ]

  it('refuses private, loopback, link-local, unique-local, CGNAT, multicast and unspecified addresses', () => {
    for (const address of refused) expect(refusedAddress(address), address).not.toBeNull()
    for (const address of ['93.184.215.14', '8.8.8.8', '2606:4700::1111', '::ffff:8.8.8.8']) {
      expect(refusedAddress(address), address).toBeNull()
    }
  })

  it('checks a URL: https only, no credentials, every address the name resolves to public', async () => {
    const strict = { allowPrivate: false }
    for (const url of [
      'https://127.0.0.1/hook',
      'https://10.0.0.8/hook',
      'https://169.254.169.254/latest/meta-data',
      'https://[::1]:8443/hook',
      'https://[::ffff:127.0.0.1]/hook',
      'https://2130706433/hook', // 127.0.0.1 written as a number
      'https://localhost/hook',
    ]) {
      const check = await checkWebhookUrl(url, strict)
      expect(check.ok, url).toBe(false)
    }
    expect(await checkWebhookUrl('http://partner.example/hook', strict)).toEqual({
      ok: false,
      reason: 'The address must start with https://.',
    })
    expect((await checkWebhookUrl('https://u:p@partner.example/', strict)).ok).toBe(false)
    const resolvesTo = (...addresses: string[]) => ({
      ...strict,
      resolve: async () =>
        addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })),
    })
    expect(
      await checkWebhookUrl(
        'https://partner.example/hook',
        resolvesTo('93.184.215.14', '10.0.0.5'),
      ),
    ).toEqual({
      ok: false,
      reason:
        'partner.example resolves to 10.0.0.5 (private): webhooks may only reach public addresses.',
    })
    expect(
      (await checkWebhookUrl('https://partner.example/hook', resolvesTo('93.184.215.14'))).ok,
    ).toBe(true)
    // Allowed for this file (WEBHOOK_ALLOW_PRIVATE=true).
    expect((await checkWebhookUrl('http://127.0.0.1:9/hook')).ok).toBe(true)
  })

  it('refuses to save a webhook on a private address, naming the field', async () => {
    env.WEBHOOK_ALLOW_PRIVATE = 'false'
    try {
      for (const url of [
        'https://127.0.0.1/hook',
        'https://[::ffff:127.0.0.1]/hook',
        'https://10.0.0.1/',
      ]) {
        const { status, body } = await rest('POST', '/webhooks', {
          token: admin.token,
          body: { name: unique('Sneaky'), url },
        })
        expect(status, url).toBe(400)
        expect(body.errors[0].data.errors).toEqual([
          expect.objectContaining({
            path: 'url',
            message: expect.stringContaining('public addresses'),
          }),
        ])
      }
    } finally {
      env.WEBHOOK_ALLOW_PRIVATE = 'true'
    }
  })

  it('refuses to connect to a private address at send time, after resolving the name', async () => {
    const port = (receiver.address() as AddressInfo).port
    const path = `/never/${unique('p')}`
    const delivery = {
      secret: 'whsec_' + Buffer.alloc(32, 1).toString('base64'),
      messageId: 'msg_x',
      body: '{}',
    }
    const byName = await sendSigned(
      { ...delivery, url: `https://localhost:${port}${path}` },
      { allowPrivate: false },
    )
    expect(byName).toMatchObject({ ok: false, status: null })
    expect(byName.error).toMatch(/^refused: localhost resolves to (127\.0\.0\.1|::1) \(loopback\)$/)
    const byAddress = await sendSigned(
      { ...delivery, url: `https://[::ffff:127.0.0.1]:${port}${path}` },
      { allowPrivate: false },
    )
    expect(byAddress.error).toBe('refused: the address is 127.0.0.1 (loopback)')
    const plain = await sendSigned(
      { ...delivery, url: `http://127.0.0.1:${port}${path}` },
      { allowPrivate: false },
    )
    expect(plain.error).toMatch(/^refused: http: is not allowed/)
    // The lookup itself, as a connection uses it.
    const error = await new Promise<Error | null>((resolve) =>
      guardedLookup(false)('localhost', { all: true }, (e) => resolve(e)),
    )
    expect(error?.message).toMatch(/localhost resolves to .* \(loopback\)/)
    expect(requestsTo(path)).toEqual([])
  })
})

describe('who may see webhooks', () => {
  let others: Record<'editor' | 'translator', TestUser>
  let webhook: number
  let delivery: number

  beforeAll(async () => {
    others = { editor: await makeUser('editor'), translator: await makeUser('translator') }
    webhook = (await makeWebhook()).id
    await publishResource()
    delivery = (await waitFor('a delivery row', async () => (await deliveriesOf(webhook))[0])).id
  })

  it.each(['editor', 'translator', 'anonymous'] as const)(
    'refuses %s over REST and GraphQL',
    async (role) => {
      const token = role === 'anonymous' ? undefined : others[role].token
      const denied = (status: number) => expect([401, 403]).toContain(status)
      denied((await rest('GET', '/webhooks', { token })).status)
      denied((await rest('GET', `/webhooks/${webhook}`, { token })).status)
      denied(
        (await rest('POST', '/webhooks', { token, body: { name: 'Mine', url: `${base}/mine` } }))
          .status,
      )
      denied(
        (await rest('PATCH', `/webhooks/${webhook}`, { token, body: { active: true } })).status,
      )
      denied((await rest('DELETE', `/webhooks/${webhook}`, { token })).status)
      denied((await rest('GET', '/webhook-deliveries', { token })).status)
      denied((await rest('GET', `/webhook-deliveries/${delivery}`, { token })).status)
      for (const query of [
        '{ Webhooks { docs { id url } } }',
        `{ Webhook(id: ${webhook}) { id signingSecret } }`,
        '{ WebhookDeliveries { docs { id body } } }',
        `mutation { createWebhook(data: { name: "Mine", url: "${base}/mine" }) { id signingSecret } }`,
      ]) {
        const { body } = await graphql(query, {}, token)
        expect(body.errors?.length, query).toBeGreaterThan(0)
        expect(Object.values(body.data ?? {}).filter(Boolean), query).toEqual([])
      }
      const { rows } = await db.query(`SELECT count(*)::int AS n FROM webhooks WHERE name = 'Mine'`)
      expect(rows[0].n).toBe(0)
    },
  )

  it('lets admins read deliveries but not write them', async () => {
    const token = admin.token
    const list = await rest('GET', `/webhook-deliveries?where[webhook][equals]=${webhook}`, {
      token,
    })
    expect(list.status).toBe(200)
    expect(list.body.docs[0]).toMatchObject({
      status: expect.any(String),
      messageId: expect.stringMatching(/^msg_/),
    })
    expect(
      (
        await rest('POST', '/webhook-deliveries', {
          token,
          body: { messageId: 'msg_forged', eventType: 'x', body: {} },
        })
      ).status,
    ).toBe(403)
    expect(
      (
        await rest('PATCH', `/webhook-deliveries/${delivery}`, {
          token,
          body: { status: 'delivered' },
        })
      ).status,
    ).toBe(403)
    expect((await rest('DELETE', `/webhook-deliveries/${delivery}`, { token })).status).toBe(403)
  })
})

describe('the signing secret', () => {
  it('is returned to the admin who creates the webhook, and never again', async () => {
    const token = admin.token
    const created = await rest('POST', '/webhooks', {
      token,
      body: { name: unique('Partner'), url: `${base}/hook/${unique('s')}` },
    })
    expect(created.status).toBe(201)
    const { id, signingSecret } = created.body.doc
    webhooks.push(id)
    expect(signingSecret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/)

    expect((await rest('GET', `/webhooks/${id}`, { token })).body).not.toHaveProperty(
      'signingSecret',
    )
    const list = await rest('GET', `/webhooks?where[id][equals]=${id}`, { token })
    expect(list.body.docs[0]).not.toHaveProperty('signingSecret')
    const viaGraphql = await graphql(`{ Webhook(id: ${id}) { id signingSecret } }`, {}, token)
    expect(viaGraphql.body.data.Webhook).toEqual({ id, signingSecret: null })
    // Stored sealed, and unchanged by an update that tries to set it.
    const stored = async () =>
      (await db.query('SELECT signing_secret FROM webhooks WHERE id = $1', [id])).rows[0]
        .signing_secret as string
    const sealed = await stored()
    expect(sealed).toMatch(/^sealed:v1:/)
    expect(sealed).not.toContain(signingSecret.slice(6))
    const patched = await rest('PATCH', `/webhooks/${id}`, {
      token,
      body: { name: 'Renamed', signingSecret: 'whsec_' + Buffer.alloc(32, 7).toString('base64') },
    })
    expect(patched.status).toBe(200)
    expect(patched.body.doc).not.toHaveProperty('signingSecret')
    expect(await stored()).toBe(sealed)
    // The admin's create form may show it (no document yet); the document's edit form may not.
    // (Payload leaves out what is denied.)
    const forms = {
      create: (await rest('GET', '/access', { token })).body.collections.webhooks,
      createDoc: (await rest('POST', '/webhooks/access', { token })).body,
      edit: (await rest('POST', `/webhooks/access/${id}`, { token })).body,
    }
    expect(forms.create.fields.signingSecret).toEqual({ create: true, read: true })
    expect(forms.createDoc.fields.signingSecret).toEqual({ create: true, read: true })
    expect(forms.edit.fields.signingSecret).toEqual({ create: true })
    // The secret given at creation signs the deliveries.
    const path = new URL(created.body.doc.url).pathname
    const published = await publishResource()
    const request = await waitFor('the delivery', () => requestsTo(path, resourceId(published))[0])
    expect(verify(signingSecret, request).data.id).toBe(resourceId(published))
  })
})

describe('a worker killed mid-send', () => {
  const children = new Set<ChildProcess>()
  const startWorker = () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/webhooks/standalone.ts'], {
      env: {
        ...process.env,
        DATABASE_URL: inject('databaseUrl'),
        PAYLOAD_SECRET: inject('payloadSecret'),
        WEBHOOK_ALLOW_PRIVATE: 'true',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    })
    let output = ''
    child.stdout!.on('data', (chunk) => (output += chunk))
    child.stderr!.on('data', (chunk) => (output += chunk))
    children.add(child)
    return { child, output: () => output }
  }
  const kill = async (child: ChildProcess) => {
    const exited = new Promise((resolve) => child.once('exit', resolve))
    try {
      process.kill(-child.pid!, 'SIGKILL')
    } catch {
      // gone already
    }
    await exited
    children.delete(child)
  }

  afterAll(async () => {
    for (const child of children) await kill(child)
  })

  it('delivers every pending delivery after a restart, with its original webhook-id', async () => {
    // Only the subprocesses deliver here.
    await worker?.stop(2000)
    worker = undefined
    const hook = await makeWebhook({ collections: ['resources'] })
    let holding = true
    answers.set(hook.path, async () => {
      // The first worker's requests hang until it is killed.
      while (holding) await sleep(50)
      return { status: 200 }
    })
    const ids = [await publishResource(), await publishResource(), await publishResource()]
    const records = ids.map(resourceId)
    const queued = new Map<string, string>()
    for (const record of records) {
      const [row] = await deliveriesOf(hook.id, record)
      expect(row).toMatchObject({ status: 'pending', attempts: 0 })
      queued.set(row!.message_id, record)
    }
    const mine = async () =>
      (await deliveriesOf(hook.id)).filter((r) => records.includes(r.body.data.id))
    const arrived = () => received.filter((r) => queued.has(r.headers['webhook-id'] as string))

    const first = startWorker()
    await waitFor(
      () => `the first worker's three requests\n${first.output()}`,
      () => new Set(arrived().map(recordOf)).size === 3,
      60_000,
    )
    expect((await mine()).map((r) => r.locked_by)).toEqual(records.map(() => expect.any(Number)))
    await kill(first.child)
    expect((await mine()).map((r) => [r.status, r.attempts])).toEqual(
      records.map(() => ['pending', 0]),
    )

    holding = false
    const seenBefore = arrived().length
    const restarted = Date.now()
    const second = startWorker()
    const rows = await waitFor(
      () => `every delivery after the restart\n${second.output()}`,
      async () => {
        const all = await mine()
        return all.every((r) => r.status === 'delivered') && all
      },
      60_000,
    )
    // Taken back at once, not after the first worker's lease ran out (60 s).
    expect(Date.now() - restarted).toBeLessThan(30_000)
    expect(rows.map((r) => r.attempts)).toEqual([1, 1, 1])
    const redelivered = arrived().slice(seenBefore)
    expect(
      new Map(redelivered.map((r) => [r.headers['webhook-id'] as string, recordOf(r)])),
    ).toEqual(queued)
    expect(redelivered).toHaveLength(3)
    for (const request of redelivered)
      expect(verify(hook.secret, request).data.id).toBe(recordOf(request))
    await kill(second.child)
  }, 180_000)
})
