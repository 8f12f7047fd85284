// Fresh answers everywhere: a published edit is served by the hub and by two `start:api` processes
// within a second (each empties its cache on the change log's announcement), answers name their
// records for CDNs (Cache-Tag, Surrogate-Key), a configured CDN gets a purge per change, and ETags
// follow the content.
import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import pg from 'pg'
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { createPartnerHandler } from '../../graphql/server'
import { startCdnPurge } from '../../src/ops/cdnPurge'
import { hub, unique } from '../helpers/hub'
import { type RunningServer, startServer } from '../helpers/servers'

let payload: Payload
let servers: RunningServer[] = []

const query = (slug: string) =>
  `/graphql?query=${encodeURIComponent(`{ resource(slug: "${slug}") { id title { text } } }`)}`

const ask = async (base: URL | string, slug: string, headers: Record<string, string> = {}) => {
  const response = await fetch(new URL(query(slug), base), { headers })
  const body = response.status === 200 ? ((await response.json()) as any) : undefined
  return { response, title: body?.data?.resource?.title?.text as string | undefined }
}

const publishResource = async (title: string) => {
  const doc = await payload.create({
    collection: 'resources',
    data: { title, _status: 'published' },
  })
  return { id: doc.id, slug: doc.slug as string }
}

const retitle = (id: number, title: string) =>
  payload.update({ collection: 'resources', id, data: { title, _status: 'published' } })

beforeAll(async () => {
  payload = await hub()
  const env = { databaseUrl: inject('databaseUrl'), payloadSecret: inject('payloadSecret') }
  servers = await Promise.all([
    startServer('prod', env),
    startServer('api', env),
    startServer('api', env),
  ])
}, 240_000)

afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()))
})

describe('fresh answers in every process', () => {
  it('serves a published edit through the hub and two start:api processes within 1 s', async () => {
    const { id, slug } = await publishResource(unique('Before'))
    const before: Record<string, string> = {}
    for (const server of servers) {
      // Asked twice: the second answer comes from the process's cache.
      await ask(server.base, slug)
      const { response, title } = await ask(server.base, slug)
      expect(title).toMatch(/^Before/)
      before[server.base.href] = response.headers.get('etag')!
      expect(before[server.base.href]).toBeTruthy()
    }
    const after = unique('After')
    await retitle(id, after)
    await Promise.all(
      servers.map((server) =>
        expect
          .poll(async () => (await ask(server.base, slug)).title, { timeout: 1000, interval: 50 })
          .toBe(after),
      ),
    )
    for (const server of servers) {
      // The old ETag no longer matches: the new content comes back whole.
      const { response, title } = await ask(server.base, slug, {
        'If-None-Match': before[server.base.href]!,
      })
      expect(response.status).toBe(200)
      expect(title).toBe(after)
      expect(response.headers.get('etag')).not.toBe(before[server.base.href])
    }
  })

  it('tags answers with the records they hold and the types they select', async () => {
    const { id, slug } = await publishResource(unique('Tagged'))
    for (const server of servers) {
      const { response } = await ask(server.base, slug)
      const tags = response.headers.get('cache-tag')!.split(',')
      expect(tags).toEqual(expect.arrayContaining(['hub', 'Resource', `Resource-${id}`]))
      expect(response.headers.get('surrogate-key')!.split(' ')).toEqual(tags)
      expect(response.headers.get('cache-control')).toBe('public, max-age=0, s-maxage=60')
      // The same answer again, now from the process's cache, is tagged the same: a CDN that keeps
      // it must still purge it when a resource is added (it had lost its `Resource` tag).
      const again = await ask(server.base, slug)
      expect(again.response.headers.get('cache-tag')!.split(',')).toEqual(tags)
      expect(again.response.headers.get('surrogate-key')).toBe(
        response.headers.get('surrogate-key'),
      )
    }
    // Records shown inside others name their type even when their ids were not asked for.
    const nested = encodeURIComponent(
      '{ resources(first: 1) { edges { node { publishers { name { text } } } } } }',
    )
    const response = await fetch(new URL(`/graphql?query=${nested}`, servers[1]!.base))
    expect(response.headers.get('cache-tag')!.split(',')).toEqual(
      expect.arrayContaining(['Resource', 'Organisation']),
    )
  })

  it('serves the offline bundle from the hub and from start:api alike', async () => {
    for (const server of servers) {
      const response = await fetch(new URL('/bundle/fr.json.gz', server.base))
      expect(response.status).toBe(200)
      expect(response.headers.get('content-type')).toBe('application/gzip')
      const bytes = await response.arrayBuffer()
      expect(Number(response.headers.get('content-length'))).toBe(bytes.byteLength)
    }
  })

  it('listens again after losing its connection, and is fresh after that', async () => {
    const { handle, close } = createPartnerHandler({ responseCache: true })
    const admin = new pg.Client({ connectionString: inject('databaseUrl') })
    await admin.connect()
    try {
      const { id, slug } = await publishResource(unique('Kept'))
      const askHere = async () =>
        ((await (await handle(new Request(`http://hub.test${query(slug)}`))).json()) as any).data
          .resource.title.text as string
      expect(await askHere()).toMatch(/^Kept/)
      // The listening connection is cut by the database (as a restart or a proxy would).
      await expect
        .poll(async () => {
          const { rowCount } = await admin.query(
            `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
             WHERE query ILIKE 'LISTEN%hub_changes%' AND pid <> pg_backend_pid()
               AND backend_start > now() - interval '10 minutes'`,
          )
          return rowCount
        })
        .toBeGreaterThan(0)
      const renamed = unique('Renamed')
      await expect
        .poll(
          async () => {
            await retitle(id, renamed)
            return askHere()
          },
          { timeout: 15_000, interval: 500 },
        )
        .toBe(renamed)
    } finally {
      await close()
      await admin.end()
    }
  })
})

describe('CDN purge', () => {
  it('sends one purge per change naming its tags, with the configured credentials', async () => {
    const received: { url: string; headers: IncomingMessage['headers']; body: string }[] = []
    const receiver = createServer((req, res) => {
      let body = ''
      req.on('data', (chunk: Buffer) => (body += chunk.toString()))
      req.on('end', () => {
        received.push({ url: req.url!, headers: req.headers, body })
        res.writeHead(200).end('{"success":true}')
      })
    })
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
    const { port } = receiver.address() as AddressInfo
    const purge = startCdnPurge(inject('databaseUrl'), {
      url: `http://127.0.0.1:${port}/purge?tags={tags}`,
      authHeader: 'Fastly-Key',
      auth: 'secret-key',
    })
    try {
      // Once the listener is connected, a publish is followed by a purge naming the record.
      await purge.listening
      const { id } = await publishResource(unique('Purged'))
      await retitle(id, unique('Purged again'))
      await expect
        .poll(() => received.find((r) => r.headers['surrogate-key']?.includes(`Resource-${id}`)))
        .toBeDefined()
      const purgeOf = received.find((r) => r.headers['surrogate-key']?.includes(`Resource-${id}`))!
      expect(purgeOf.headers['fastly-key']).toBe('secret-key')
      expect(JSON.parse(purgeOf.body).tags).toEqual(
        expect.arrayContaining(['Resource', `Resource-${id}`]),
      )
      expect(decodeURIComponent(purgeOf.url)).toContain(`Resource-${id}`)
    } finally {
      await purge.close()
      receiver.close()
    }
  })
})
