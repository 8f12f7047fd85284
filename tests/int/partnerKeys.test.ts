// Issue 23, items 1 and 5: partners' API keys. Made by an admin and shown once, stored as a digest;
// sent as `Authorization: Bearer`, refused with 401 and a sentence when malformed, unknown, revoked
// or expired; a revocation or an expiry reaches the API within a second; rotation keeps the old
// key working for the overlap; a key's languages and parts of the API are enforced, before the
// response cache and the planner can answer. Only admins see partners and keys, on every path.
import { setTimeout as sleep } from 'node:timers/promises'
import type { Payload } from 'payload'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { WRONG_KEY_LIMIT } from '../../graphql/keys'
import { graphql, hub, makeUser, rest, unique } from '../helpers/hub'
import { partnerApi } from '../helpers/partner'

let payload: Payload
let db: pg.Client
// The response cache and the planner on, as partners meet them.
const api = partnerApi({ responseCache: true, plan: true })
let partner: number

const LISTING = '{ resources(first: 1) { totalCount } }'

/** A key made as an admin makes one (the answer to the create carries it, this once). */
const makeKey = async (data: Record<string, unknown> = {}) => {
  const doc = (await payload.create({
    collection: 'api-keys',
    data: { partner, label: unique('Key'), ...data } as never,
  })) as unknown as { id: number; key: string; keyId: string }
  return doc
}

/** A request from its own address, so that counters of one test do not meet another's. */
const ask = (key: string | undefined, query = LISTING, headers: Record<string, string> = {}) =>
  api.post(
    query,
    {},
    {
      'X-Forwarded-For': `198.51.100.${Math.floor(Math.random() * 250) + 1}`,
      ...(key === undefined ? {} : { Authorization: key }),
      ...headers,
    },
  )

beforeAll(async () => {
  payload = await hub()
  db = new pg.Client({ connectionString: inject('databaseUrl') })
  await db.connect()
  partner = (
    await payload.create({
      collection: 'partners',
      data: { organisation: unique('Save the Children'), contactEmail: 'api@example.org' },
    })
  ).id
})

afterAll(async () => {
  await db.end()
  await api.close()
})

describe('a key made in the hub', () => {
  it('is shown once, in the answer to its create, and stored only as a digest', async () => {
    const made = await makeKey()
    expect(made.key).toMatch(/^akh_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/)
    expect(made.key.startsWith(`akh_${made.keyId}_`)).toBe(true)
    const { rows } = await db.query<{ key: string }>('SELECT key FROM api_keys WHERE id = $1', [
      made.id,
    ])
    expect(rows[0]!.key).toMatch(/^sha256:[0-9a-f]{64}$/)
    // The secret (after akh_<id>_; base64url may hold "_") is nowhere in the row.
    expect(JSON.stringify(rows)).not.toContain(made.key.slice(17))
  })

  it('may be sent from a partner’s page in a browser (CORS allows the header)', async () => {
    const preflight = await api.yoga.fetch('http://hub.test/graphql', {
      method: 'OPTIONS',
      headers: {
        Origin: 'https://partner.example.org',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization, content-type',
      },
    })
    expect(preflight.status).toBeLessThan(300)
    expect(preflight.headers.get('access-control-allow-headers')?.toLowerCase()).toContain(
      'authorization',
    )
  })

  it('opens the API to its partner', async () => {
    const { key } = await makeKey()
    const { status, body } = await ask(`Bearer ${key}`)
    expect(status).toBe(200)
    expect(body.data.resources.totalCount).toBeGreaterThan(0)
  })
})

describe('a key refused', () => {
  it.each([
    ['malformed', 'Bearer not-a-key', /must be `Bearer <API key>`/],
    ['in another scheme', 'Basic dXNlcjpwYXNz', /must be `Bearer <API key>`/],
    ['unknown', `Bearer akh_000000000000_${'A'.repeat(43)}`, /is not known to this hub/],
  ])('gets 401 with a sentence when %s', async (_, header, message) => {
    const { status, body, headers } = await ask(header)
    expect(status).toBe(401)
    expect(headers.get('www-authenticate')).toMatch(/^Bearer /)
    expect(body.errors?.[0]?.message).toMatch(message)
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED')
    expect(body.data).toBeUndefined()
  })

  it('gets 401 when its secret is wrong, though its id is real', async () => {
    const { key } = await makeKey()
    const wrong = key.slice(0, -1) + (key.endsWith('A') ? 'B' : 'A')
    expect((await ask(`Bearer ${wrong}`)).body.errors?.[0]?.message).toMatch(/is not known/)
  })

  it('is refused within a second of its revocation, saying so', async () => {
    const made = await makeKey()
    expect((await ask(`Bearer ${made.key}`)).status).toBe(200)
    await payload.update({ collection: 'api-keys', id: made.id, data: { revoked: true } })
    await sleep(1100)
    const { status, body } = await ask(`Bearer ${made.key}`)
    expect(status).toBe(401)
    expect(body.errors?.[0]?.message).toMatch(
      new RegExp(`^This API key was revoked on ${new Date().toISOString().slice(0, 10)}`),
    )
  })

  it('stays revoked: a save reviving it is refused, naming the field', async () => {
    const made = await makeKey({ revoked: true })
    await expect(
      payload.update({ collection: 'api-keys', id: made.id, data: { revoked: false } }),
    ).rejects.toMatchObject({
      data: {
        errors: [
          { path: 'revoked', message: 'A revoked key stays revoked: make a new key instead.' },
        ],
      },
    })
    const { rows } = await db.query('SELECT revoked FROM api_keys WHERE id = $1', [made.id])
    expect(rows[0]).toEqual({ revoked: true })
  })

  it('is refused once expired, saying when', async () => {
    const made = await makeKey({ expiresAt: new Date(Date.now() + 60_000).toISOString() })
    expect((await ask(`Bearer ${made.key}`)).status).toBe(200)
    // Its end brought forward as rotation does (an editor cannot choose a past date).
    await db.query(`UPDATE api_keys SET expires_at = now() - interval '1 day' WHERE id = $1`, [
      made.id,
    ])
    await sleep(1100)
    const { status, body } = await ask(`Bearer ${made.key}`)
    expect(status).toBe(401)
    expect(body.errors?.[0]?.message).toMatch(/^This API key expired on \d{4}-\d\d-\d\d/)
  })

  it('slows down an address that keeps sending wrong keys, in counters every process shares', async () => {
    const address = `203.0.113.${Math.floor(Math.random() * 250) + 1}`
    const statuses: number[] = []
    for (let i = 0; i <= WRONG_KEY_LIMIT.points; i++) {
      const answer = await ask(`Bearer akh_000000000000_${'B'.repeat(43)}`, LISTING, {
        'X-Forwarded-For': address,
      })
      statuses.push(answer.status)
    }
    expect(statuses.slice(0, -1).every((s) => s === 401)).toBe(true)
    const last = await ask(`Bearer akh_000000000000_${'B'.repeat(43)}`, LISTING, {
      'X-Forwarded-For': address,
    })
    expect(last.status).toBe(429)
    expect(Number(last.headers.get('retry-after'))).toBeGreaterThan(0)
    // Counted in PostgreSQL, where a second process reads the same count.
    const { rows } = await db.query<{ points: number }>(
      `SELECT points FROM hub_rate_limits WHERE key = $1`,
      [`${WRONG_KEY_LIMIT.name}:${address}`],
    )
    expect(rows[0]!.points).toBeGreaterThan(WRONG_KEY_LIMIT.points)
    // Anonymous reading from that address goes on.
    expect((await ask(undefined, LISTING, { 'X-Forwarded-For': address })).status).toBe(200)
  })
})

describe('rotation', () => {
  it('keeps the replaced key working for the overlap, then refuses it', async () => {
    const old = await makeKey()
    const fresh = await makeKey({ replaces: old.id, overlapDays: 7 })
    const kept = (await payload.findByID({ collection: 'api-keys', id: old.id })) as {
      expiresAt: string
    }
    const days = (new Date(kept.expiresAt).getTime() - Date.now()) / 86_400_000
    expect(days).toBeGreaterThan(6.9)
    expect(days).toBeLessThan(7.1)
    expect((await ask(`Bearer ${old.key}`)).status).toBe(200)
    expect((await ask(`Bearer ${fresh.key}`)).status).toBe(200)
    // No overlap: the replaced key ends now.
    const third = await makeKey({ replaces: fresh.id, overlapDays: 0 })
    await sleep(1100)
    expect((await ask(`Bearer ${fresh.key}`)).status).toBe(401)
    expect((await ask(`Bearer ${third.key}`)).status).toBe(200)
  })
})

describe('a key’s scopes', () => {
  it('limit its languages, by @inContext or Accept-Language, before the cache answers', async () => {
    const { key } = await makeKey({ languages: ['fr', 'ar'] })
    const french = `query @inContext(locale: FR) ${LISTING}`
    // The anonymous answer is in the response cache first: the key must still be refused.
    expect((await ask(undefined, 'query @inContext(locale: ES) ' + LISTING)).status).toBe(200)
    expect((await ask(`Bearer ${key}`, french)).status).toBe(200)
    const spanish = await ask(`Bearer ${key}`, 'query @inContext(locale: ES) ' + LISTING)
    expect(spanish.status).toBe(403)
    expect(spanish.body.errors?.[0]).toMatchObject({
      message: 'This API key may read FR, AR only; the query asks for ES first.',
      extensions: { code: 'FORBIDDEN' },
    })
    const byHeader = await ask(`Bearer ${key}`, LISTING, { 'Accept-Language': 'en' })
    expect(byHeader.status).toBe(403)
    expect((await ask(`Bearer ${key}`, LISTING, { 'Accept-Language': 'ar' })).status).toBe(200)
  })

  it('limit its parts of the API, through fragments too; taxonomies are open to all', async () => {
    const { key } = await makeKey({ areas: ['library'] })
    expect(
      (await ask(`Bearer ${key}`, '{ resources(first: 1) { totalCount } topics { id } }')).status,
    ).toBe(200)
    const webinars = await ask(
      `Bearer ${key}`,
      '{ ...W } fragment W on Query { webinars(first: 1) { totalCount } }',
    )
    expect(webinars.status).toBe(403)
    expect(webinars.body.errors?.[0]?.message).toBe(
      'This API key may not read Webinars (`webinars`); it may read Technical materials (resources).',
    )
    const sync = await ask(`Bearer ${key}`, '{ sync(first: 1) { hasMore } }')
    expect(sync.body.errors?.[0]?.message).toMatch(/`sync` reads every part of the API/)
    // The newsletter's sign-up form belongs to the Newsletters part.
    const form = await ask(`Bearer ${key}`, '{ newsletterConsent { version } }')
    expect(form.status).toBe(403)
    expect(form.body.errors?.[0]?.message).toMatch(
      /may not read Newsletters \(`newsletterConsent`\)/,
    )
    const newsletters = await makeKey({ areas: ['newsletters'] })
    expect(
      (await ask(`Bearer ${newsletters.key}`, '{ newsletterConsent { version } }')).status,
    ).toBe(200)
  })
})

describe('who sees partners and keys', () => {
  it('admins only, over REST and Payload’s GraphQL; never the key', async () => {
    const made = await makeKey()
    const admin = await makeUser('admin')
    const adminRead = await rest('GET', `/api-keys/${made.id}`, { token: admin.token })
    expect(adminRead.status).toBe(200)
    expect(adminRead.body.keyId).toBe(made.keyId)
    expect(adminRead.body.key).toBeUndefined()
    for (const role of ['editor', 'group-editor', 'translator'] as const) {
      const user = await makeUser(role)
      for (const path of [`/api-keys/${made.id}`, `/partners/${partner}`]) {
        expect((await rest('GET', path, { token: user.token })).status, `${role} ${path}`).toBe(403)
      }
      const created = await rest('POST', '/api-keys', {
        token: user.token,
        body: { partner, label: 'mine' },
      })
      expect(created.status, role).toBe(403)
    }
    expect((await rest('GET', '/partners')).status).toBe(403)
    const editors = await graphql(
      '{ ApiKeys { docs { keyId } } Partners { docs { organisation } } }',
      {},
      (await makeUser('editor')).token,
    )
    expect(JSON.stringify(editors)).not.toContain(made.keyId)
    expect(JSON.stringify(editors)).toMatch(/not allowed|Forbidden/i)
  })

  it('an admin’s create over REST carries the key once, and a later read does not', async () => {
    const admin = await makeUser('admin')
    const created = await rest('POST', '/api-keys', {
      token: admin.token,
      body: { partner, label: unique('REST key') },
    })
    expect(created.status).toBe(201)
    expect(created.body.doc.key).toMatch(/^akh_/)
    const read = await rest('GET', `/api-keys/${created.body.doc.id}`, { token: admin.token })
    expect(read.body.key).toBeUndefined()
    expect((await ask(`Bearer ${created.body.doc.key}`)).status).toBe(200)
  })
})
