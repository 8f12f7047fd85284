// Issue 23, item 3: trusted documents. A partner registers the manifest its build writes (here the
// Alliance's own site's, made by `npm run codegen` with the client preset's persistedDocuments), in
// the admin's field or with `npm run partner:operations`; its keys then run those operations by hash
// alone, and a key set to "registered operations only" runs nothing else, with a clear error.
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import manifest from '../../site/generated/persisted-documents.json' with { type: 'json' }
import { hub, unique } from '../helpers/hub'
import { partnerApi } from '../helpers/partner'

const api = partnerApi()
let payload: Payload

/** The standards page's operation: its hash and text from the site's manifest. */
const [hash, text] = Object.entries(manifest as Record<string, string>).find(([, t]) =>
  t.includes('query Standards('),
)!
const VARIABLES = { locale: 'FR', fallback: ['EN'] }
const bare = hash.replace(/^sha256:/, '')

const makePartner = async (operations?: unknown) =>
  (await payload.create({
    collection: 'partners',
    data: { organisation: unique('UNICEF'), ...(operations ? { operations } : {}) } as never,
  })) as unknown as { id: number; organisation: string; operations: Record<string, string> | null }

const makeKey = async (partner: number, registeredOnly: boolean) =>
  (
    (await payload.create({
      collection: 'api-keys',
      data: { partner, label: unique('Build'), registeredOnly } as never,
    })) as unknown as { key: string }
  ).key

/** A GET naming the operation by hash alone, as a partner's trusted-documents client sends it. */
const byHash = (key: string, sha = bare, variables: Record<string, unknown> = VARIABLES) => {
  const url = new URL('http://hub.test/graphql')
  url.searchParams.set(
    'extensions',
    JSON.stringify({ persistedQuery: { version: 1, sha256Hash: sha } }),
  )
  url.searchParams.set('variables', JSON.stringify(variables))
  return api.yoga
    .fetch(url.toString(), {
      headers: { Authorization: `Bearer ${key}`, 'X-Forwarded-For': '192.0.2.9' },
    })
    .then(async (response) => ({ status: response.status, body: (await response.json()) as any }))
}

beforeAll(async () => {
  payload = await hub()
})

afterAll(async () => {
  await api.close()
})

describe('a partner’s registered operations', () => {
  it('are checked when saved: each hash the SHA-256 of its text, each text GraphQL', async () => {
    const partner = await makePartner(manifest)
    expect(Object.keys(partner.operations!)).toContain(bare)
    await expect(makePartner({ [hash]: `${text} ` })).rejects.toMatchObject({
      data: {
        errors: [
          { path: 'operations', message: expect.stringMatching(/is not the SHA-256 of its text/) },
        ],
      },
    })
    const junk = 'sha256:' + createHash('sha256').update('{ nope').digest('hex')
    await expect(makePartner({ [junk]: '{ nope' })).rejects.toMatchObject({
      data: { errors: [{ message: expect.stringMatching(/is not GraphQL/) }] },
    })
    await expect(makePartner({ 'not-a-hash': '{ a }' })).rejects.toMatchObject({
      data: { errors: [{ message: expect.stringMatching(/is not named by a SHA-256 hash/) }] },
    })
  })

  it('run by hash alone for any key of the partner', async () => {
    const partner = await makePartner(manifest)
    const key = await makeKey(partner.id, false)
    const { status, body } = await byHash(key, hash)
    expect(body.errors).toBeUndefined()
    expect(status).toBe(200)
    expect(body.data.standards.length).toBe(28)
  })
})

describe('a key for registered operations only', () => {
  it('runs them, and refuses any query text or unknown hash with a sentence', async () => {
    const partner = await makePartner(manifest)
    const key = await makeKey(partner.id, true)
    expect((await byHash(key)).status).toBe(200)
    const asText = await api.post('{ topics { slug } }', {}, { Authorization: `Bearer ${key}` })
    expect(asText.status).toBe(403)
    expect(asText.body.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/^This API key runs registered operations only/),
      extensions: { code: 'OPERATION_NOT_REGISTERED' },
    })
    const unknown = await byHash(key, 'f'.repeat(64))
    expect(unknown.status).toBe(403)
    expect(unknown.body.errors?.[0]?.message).toBe(
      `No operation with the hash ${'f'.repeat(64)} is registered for ${partner.organisation}: register your build's persisted-documents.json with the Alliance (Partners › Registered operations).`,
    )
    // Its registered text sent in full is still its registered operation.
    const full = await api.post(text, VARIABLES, { Authorization: `Bearer ${key}` })
    expect(full.body.errors).toBeUndefined()
    expect(full.body.data.standards.length).toBe(28)
  })
})

describe('npm run partner:operations', () => {
  it('registers a manifest for a partner by name, and says what is wrong with a bad one', async () => {
    const partner = await makePartner()
    const dir = mkdtempSync(path.join(tmpdir(), 'operations-'))
    const good = path.join(dir, 'persisted-documents.json')
    writeFileSync(good, JSON.stringify({ [hash]: text }))
    const once = (args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/registerOperations.ts', ...args], {
        env: { ...process.env, DATABASE_URL: inject('databaseUrl') },
        encoding: 'utf8',
        timeout: 120_000,
      })
    // Node exits 13 now and then before running a file under tsx's loader: run it again then.
    // Under CI's load it has done so twice in a row: up to three tries.
    const run = (...args: string[]) => {
      let result = once(args)
      for (let retry = 0; retry < 2 && result.status === 13; retry++) result = once(args)
      return result
    }
    const ok = run(partner.organisation, good)
    expect(ok.stderr).not.toMatch(/Error/)
    expect(ok.stdout).toContain(
      `Registered 1 operation(s) for ${partner.organisation} (there were 0).`,
    )
    const saved = await payload.findByID({ collection: 'partners', id: partner.id })
    expect(Object.keys((saved as { operations: object }).operations)).toEqual([bare])

    const bad = path.join(dir, 'bad.json')
    writeFileSync(bad, JSON.stringify({ [hash]: `${text}\n` }))
    const refused = run(partner.organisation, bad)
    expect(refused.status).toBe(1)
    expect(refused.stderr).toContain('is not the SHA-256 of its text')
    const nobody = run('No such partner', good)
    expect(nobody.status).toBe(1)
    expect(nobody.stderr).toContain('No partner is called “No such partner”')
  }, 200_000)
})
