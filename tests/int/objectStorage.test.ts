// Issue 24, item 1: files in S3-compatible object storage when S3_BUCKET is set. Two hubs (production
// servers) share the test database and a bucket in s3rver, an S3 server written for tests that
// speaks the S3 REST API with Signature V4 (the most faithful S3-compatible server the npm registry
// offers; Debian 12 packages none). One hub receives an image and a PDF; the bucket holds the image
// and its three sizes, the hub's disk nothing; the other hub serves them, with their length and an
// ETag the store gave, only while published content uses them; the PDF's text is read on upload as
// on disk; a deleted file leaves the bucket.
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3'
import getPort from 'get-port'
import type { Payload } from 'payload'
import pg from 'pg'
import S3rver from 's3rver'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { runCli } from '../helpers/cli'
import { pdf, png } from '../helpers/files'
import { hub, makeUser, type TestUser, unique } from '../helpers/hub'
import { type RunningServer, startServer } from '../helpers/servers'

const BUCKET = 'hub-media'
/** Where a restore puts the files back. */
const RESTORED = 'hub-media-restored'
const KEY = 'S3RVER' // s3rver's own credentials

let store: S3rver
let storeClosed = false
let storeDir: string
let mediaDir: string
let bucket: S3Client
let first: RunningServer
let second: RunningServer
let payload: Payload
let admin: TestUser

const keys = async (name = BUCKET) =>
  ((await bucket.send(new ListObjectsV2Command({ Bucket: name }))).Contents ?? []).map(
    (object) => object.Key!,
  )
let s3Env: Record<string, string>

beforeAll(async () => {
  storeDir = await mkdtemp(path.join(os.tmpdir(), 'hub-s3-'))
  mediaDir = await mkdtemp(path.join(os.tmpdir(), 'hub-media-'))
  const port = await getPort({ host: '127.0.0.1' })
  store = new S3rver({
    address: '127.0.0.1',
    port,
    silent: true,
    directory: storeDir,
    configureBuckets: [
      { name: BUCKET, configs: [] },
      { name: RESTORED, configs: [] },
    ],
  })
  await store.run()
  const endpoint = `http://127.0.0.1:${port}`
  bucket = new S3Client({
    endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: KEY, secretAccessKey: KEY },
  })
  s3Env = {
    S3_BUCKET: BUCKET,
    S3_ENDPOINT: endpoint,
    S3_FORCE_PATH_STYLE: 'true',
    S3_ACCESS_KEY_ID: KEY,
    S3_SECRET_ACCESS_KEY: KEY,
    MEDIA_DIR: mediaDir,
  }
  const options = {
    databaseUrl: inject('databaseUrl'),
    payloadSecret: inject('payloadSecret'),
    extra: s3Env,
  }
  ;[first, second] = await Promise.all([startServer('prod', options), startServer('prod', options)])
  payload = await hub()
  admin = await makeUser('admin')
}, 300_000)

afterAll(async () => {
  await Promise.all([first?.stop(), second?.stop()])
  if (!storeClosed) await store?.close()
  await rm(storeDir, { recursive: true, force: true })
  await rm(mediaDir, { recursive: true, force: true })
})

const upload = async (server: RunningServer, name: string, bytes: Buffer, type: string) => {
  const form = new FormData()
  form.set('file', new Blob([new Uint8Array(bytes)], { type }), name)
  form.set('_payload', JSON.stringify({ alt: 'A test file' }))
  const response = await fetch(new URL('/api/media', server.base), {
    method: 'POST',
    headers: { Authorization: `JWT ${admin.token}` },
    body: form,
  })
  const body = (await response.json()) as {
    doc: {
      id: number
      filename: string
      sizes: Record<string, { filename: string | null }>
      extractedText?: string
    }
    errors?: unknown
  }
  expect(response.status, JSON.stringify(body.errors)).toBe(201)
  return body.doc
}

const get = (server: RunningServer, filename: string, headers: Record<string, string> = {}) =>
  fetch(new URL(`/api/media/file/${encodeURIComponent(filename)}`, server.base), { headers })

describe('files in object storage, across hubs', () => {
  it('are kept in the bucket, not on the disk of the hub that received them', async () => {
    const image = await upload(first, `${unique('cover')}.png`, await png(1800, 1200), 'image/png')
    const stored = await keys()
    expect(stored).toContain(image.filename)
    for (const size of ['thumbnail', 'card', 'large']) {
      expect(image.sizes[size]!.filename).toMatch(/\.webp$/)
      expect(stored).toContain(image.sizes[size]!.filename)
    }
    expect(await readdir(mediaDir)).toEqual([])
  })

  it('are served by another hub, to visitors only while published content uses them', async () => {
    const bytes = await png(900, 600)
    const image = await upload(first, `${unique('photo')}.png`, bytes, 'image/png')
    // Not yet used by anything published: no visitor gets it, from either hub.
    expect((await get(second, image.filename)).status).toBe(403)
    const signedIn = await get(second, image.filename, { Authorization: `JWT ${admin.token}` })
    expect(signedIn.status).toBe(200)
    expect(Buffer.from(await signedIn.arrayBuffer()).equals(bytes)).toBe(true)

    await payload.create({
      collection: 'resources',
      data: {
        title: unique('Resource with a stored cover'),
        _status: 'published',
        cover: image.id,
      },
    })
    const visitor = await get(second, image.filename)
    expect(visitor.status).toBe(200)
    expect(visitor.headers.get('content-type')).toBe('image/png')
    expect(visitor.headers.get('content-length')).toBe(String(bytes.length))
    const etag = visitor.headers.get('etag')
    expect(etag).toBeTruthy()
    expect(Buffer.from(await visitor.arrayBuffer()).equals(bytes)).toBe(true)
    const again = await get(second, image.filename, { 'If-None-Match': etag! })
    expect(again.status).toBe(304)
    // A size, from the first hub.
    const card = await get(first, image.sizes.card!.filename!)
    expect(card.status).toBe(200)
    expect(card.headers.get('content-type')).toBe('image/webp')
  })

  it('have their PDF text read on upload, as on disk', async () => {
    const document = await upload(
      first,
      `${unique('guidance')}.pdf`,
      pdf(['Case management in humanitarian settings']),
      'application/pdf',
    )
    expect(document.extractedText).toContain('Case management in humanitarian settings')
    expect(await keys()).toContain(document.filename)
  })

  it('leave the bucket when deleted, with their sizes', async () => {
    const image = await upload(second, `${unique('gone')}.png`, await png(1000, 700), 'image/png')
    const names = [image.filename, ...Object.values(image.sizes).map((size) => size.filename!)]
    const deleted = await fetch(new URL(`/api/media/${image.id}`, first.base), {
      method: 'DELETE',
      headers: { Authorization: `JWT ${admin.token}` },
    })
    expect(deleted.status).toBe(200)
    const left = await keys()
    for (const name of names) expect(left).not.toContain(name)
  })
})

describe('backups of a hub whose files are in a bucket', () => {
  it('hold the bucket, and a restore puts its files back, each with its type', async () => {
    const bytes = await png(640, 480)
    const image = await upload(first, `${unique('kept')}.png`, bytes, 'image/png')
    const work = await mkdtemp(path.join(os.tmpdir(), 'hub-s3-backup-'))
    const admin = new pg.Client({ connectionString: inject('adminDatabaseUrl') })
    await admin.connect()
    const name = `restore_s3_${process.pid}_${Date.now()}`
    try {
      const archive = path.join(work, 'hub.tar')
      const backup = await runCli('backup', ['--out', archive], {
        ...s3Env,
        DATABASE_URL: inject('databaseUrl'),
      })
      expect(backup.code, backup.output).toBe(0)
      expect(backup.output).toMatch(/Copying \d+ file\(s\) from the bucket hub-media/)

      await admin.query(`CREATE DATABASE ${name}`)
      const url = new URL(inject('adminDatabaseUrl'))
      url.pathname = `/${name}`
      const restoreEnv = { ...s3Env, S3_BUCKET: RESTORED, DATABASE_URL: url.toString() }
      const restore = await runCli('restore', [archive], restoreEnv)
      expect(restore.code, restore.output).toBe(0)
      const restored = await keys(RESTORED)
      expect(restored.sort()).toEqual((await keys()).sort())
      const object = await bucket.send(
        new GetObjectCommand({ Bucket: RESTORED, Key: image.filename }),
      )
      expect(object.ContentType).toBe('image/png')
      expect(Buffer.from(await object.Body!.transformToByteArray()).equals(bytes)).toBe(true)

      // A bucket that holds files is not overwritten without --force.
      const again = await runCli('restore', [archive], restoreEnv)
      expect(again.code).toBe(1)
      expect(again.output).toContain(
        'The bucket hub-media-restored is not empty: restore into an empty bucket, or add --force to replace its files.',
      )
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await admin.end()
      await rm(work, { recursive: true, force: true })
    }
  }, 300_000)
})

describe('readiness of a hub whose files are in a bucket', () => {
  const readiness = async (server: RunningServer) => {
    const response = await fetch(new URL('/readyz', server.base))
    return {
      status: response.status,
      body: (await response.json()) as {
        reasons?: string[]
        checks: Record<string, { status: string }>
      },
    }
  }

  it('says whether the bucket answers', async () => {
    const ready = await readiness(second)
    expect(ready.status).toBe(200)
    expect(ready.body.checks.storage?.status).toBe('ok')
    await store.close()
    storeClosed = true
    // An answer is reused for a second.
    await new Promise((resolve) => setTimeout(resolve, 1100))
    const away = await readiness(second)
    expect(away.status).toBe(503)
    expect(away.body.reasons).toContain(
      'storage: the bucket hub-media is unreachable (ECONNREFUSED)',
    )
  })
})
