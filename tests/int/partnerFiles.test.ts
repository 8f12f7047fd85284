// Files for partners: a resource's files and cover, a webinar's attachments and recording, in the
// partner API with absolute URLs that serve the bytes with cache headers; image sizes made on
// upload; page counts read from PDFs; never a file of a draft; the same few SQL statements.
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { PUBLIC_FILE_CACHE } from '../../src/uploads/cacheHeaders'
import { mp3, pdf, png } from '../helpers/files'
import { hub, restResponse, unique } from '../helpers/hub'
import { partnerApi } from '../helpers/partner'
import { type RunningServer, startServer } from '../helpers/servers'

let payload: Payload
const { post } = partnerApi()

const upload = (
  data: Buffer,
  name: string,
  mimetype: string,
  extra: Record<string, unknown> = {},
) =>
  payload.create({
    collection: 'media',
    data: { alt: `Alt of ${name}`, caption: `Caption of ${name}`, ...extra },
    file: { data, name, mimetype, size: data.length },
  })

const FILE_FIELDS = 'url filename mimeType size language { code } pageCount caption { text locale }'
const IMAGE_FIELDS =
  'url filename mimeType size width height alt { text } sizes { name url width height mimeType size }'

/** GET a URL the API returned, through Payload's own REST route (as the hub serves it). */
const fetchUrl = (url: string, headers: Record<string, string> = {}) => {
  const { pathname } = new URL(url)
  expect(pathname.startsWith('/api/')).toBe(true)
  return restResponse('GET', pathname.slice('/api'.length), { headers })
}

let published: { slug: string; pdfName: string; zipName: string; coverName: string }

beforeAll(async () => {
  payload = await hub()
  const report = await upload(
    pdf(['Page one of the report', 'Page two', 'Page three']),
    `${unique('report')}.pdf`,
    'application/pdf',
    { language: 'fr' },
  )
  const cover = await upload(await png(1000, 600), `${unique('cover')}.png`, 'image/png')
  const pack = await upload(
    pdf(['not a zip, a second PDF']),
    `${unique('pack')}.pdf`,
    'application/pdf',
  )
  const resource = await payload.create({
    collection: 'resources',
    data: {
      _status: 'published',
      title: unique('Resource with files'),
      publicationDate: '2099-01-01',
      cover: cover.id,
      files: [report.id, pack.id],
    },
  })
  published = {
    slug: resource.slug!,
    pdfName: report.filename!,
    zipName: pack.filename!,
    coverName: cover.filename!,
  }
})

describe('files and covers for partners', () => {
  it('gives a resource its files (type, size, language, page count) and its cover with sizes', async () => {
    const { body } = await post(`{ resource(slug: "${published.slug}") {
      files { ${FILE_FIELDS} } cover { ${IMAGE_FIELDS} } } }`)
    expect(body.errors).toBeUndefined()
    const { files, cover } = body.data.resource
    expect(files.map((f: any) => f.filename)).toEqual([published.pdfName, published.zipName])
    expect(files[0]).toMatchObject({
      mimeType: 'application/pdf',
      language: { code: 'fr' },
      pageCount: 3,
      caption: { text: `Caption of ${published.pdfName}`, locale: 'EN' },
    })
    expect(files[0].size).toBeGreaterThan(300)
    expect(files[1]).toMatchObject({ language: null, pageCount: 1 })
    for (const f of files) {
      expect(f.url).toBe(`http://hub.test/api/media/file/${encodeURIComponent(f.filename)}`)
    }
    expect(cover).toMatchObject({ mimeType: 'image/png', width: 1000, height: 600 })
    expect(cover.alt.text).toBe(`Alt of ${published.coverName}`)
    // 400 and 800 wide, as WebP; no 1600 (never enlarged).
    expect(cover.sizes.map((s: any) => [s.name, s.width, s.height, s.mimeType])).toEqual([
      ['THUMBNAIL', 400, 240, 'image/webp'],
      ['CARD', 800, 480, 'image/webp'],
    ])
    expect(cover.sizes[0].url).toMatch(/^http:\/\/hub\.test\/api\/media\/file\/.+\.webp$/)
  })

  it('serves the bytes at those URLs, with Cache-Control and an ETag that revalidates', async () => {
    const { body } = await post(`{ resource(slug: "${published.slug}") {
      files { url size } cover { url size sizes { url size } } } }`)
    const file = body.data.resource.files[0]
    const response = await fetchUrl(file.url)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/pdf')
    expect(response.headers.get('cache-control')).toBe(PUBLIC_FILE_CACHE)
    const etag = response.headers.get('etag')
    expect(etag).toMatch(/^"[0-9a-f]+-[0-9a-f]+"$/)
    const bytes = Buffer.from(await response.arrayBuffer())
    expect(bytes.length).toBe(file.size)
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-')

    const again = await fetchUrl(file.url, { 'If-None-Match': etag! })
    expect(again.status).toBe(304)
    expect(again.headers.get('etag')).toBe(etag)

    // A size of the cover is served too (it is public because the original is).
    const thumb = body.data.resource.cover.sizes[0]
    const sized = await fetchUrl(thumb.url)
    expect(sized.status).toBe(200)
    expect(sized.headers.get('content-type')).toBe('image/webp')
    expect((await sized.arrayBuffer()).byteLength).toBe(thumb.size)
  })

  it('gives a webinar its attachments and its recording, keeping recordingUrl', async () => {
    const flyer = await upload(pdf(['Flyer']), `${unique('flyer')}.pdf`, 'application/pdf')
    const audio = await upload(mp3(), `${unique('recording')}.mp3`, 'audio/mpeg')
    const event = await payload.create({
      collection: 'events',
      data: {
        _status: 'published',
        title: unique('Webinar with files'),
        kind: 'webinar',
        startsAt: '2030-01-01T10:00:00.000Z',
        startsAt_tz: 'Europe/Zurich',
        precision: 'exact',
        format: 'online',
        languages: ['en'],
        recordingUrl: 'https://example.org/recording',
        attachments: [flyer.id],
        recording: audio.id,
      } as never,
    })
    const { body } = await post(`{ webinar(slug: "${event.slug}") {
      recordingUrl recording { ${FILE_FIELDS} } attachments { filename pageCount url } } }`)
    expect(body.errors).toBeUndefined()
    const webinar = body.data.webinar
    expect(webinar.recordingUrl).toBe('https://example.org/recording')
    expect(webinar.recording).toMatchObject({
      filename: audio.filename,
      mimeType: 'audio/mpeg',
      pageCount: null,
    })
    expect(webinar.attachments).toEqual([
      {
        filename: flyer.filename,
        pageCount: 1,
        url: `http://hub.test/api/media/file/${encodeURIComponent(flyer.filename!)}`,
      },
    ])
    expect((await fetchUrl(webinar.recording.url)).status).toBe(200)
  })

  it('gives a newsletter its header image and its items’ images, only once published', async () => {
    const header = await upload(await png(1200, 400), `${unique('header')}.png`, 'image/png')
    const picture = await upload(await png(600, 600), `${unique('item')}.png`, 'image/png')
    const data = {
      title: unique('Newsletter with images'),
      issueDate: '2031-02-01T00:00:00.000Z',
      image: header.id,
      sections: [
        {
          kind: 'group-updates',
          heading: 'Updates',
          items: [{ type: 'free', title: 'A picture', text: 'With an image', image: picture.id }],
        },
      ],
    }
    const draft = (await payload.create({
      collection: 'newsletters',
      data: { ...data, title: unique('Draft newsletter'), _status: 'draft' },
    } as never)) as { slug: string }
    const edition = (await payload.create({
      collection: 'newsletters',
      data: { ...data, _status: 'published' },
    } as never)) as { slug: string }
    const { body } = await post(`{ newsletter(slug: "${edition.slug}") {
      image { filename width sizes { name width } url }
      sections { items { image { filename url } } } } }`)
    expect(body.errors).toBeUndefined()
    const { image, sections } = body.data.newsletter
    expect(image).toMatchObject({ filename: header.filename, width: 1200 })
    expect(image.sizes.map((s: { name: string }) => s.name)).toEqual(['THUMBNAIL', 'CARD'])
    expect(sections[0].items[0].image.filename).toBe(picture.filename)
    expect((await fetchUrl(image.url)).status).toBe(200)
    const hidden = await post(`{ newsletter(slug: "${draft.slug}") { image { url } } }`)
    expect(hidden.body.data.newsletter).toBeNull()
  })

  it('never shows a file of a draft, and no file has an id of its own', async () => {
    const secret = await upload(pdf(['Draft only']), `${unique('secret')}.pdf`, 'application/pdf')
    const secretCover = await upload(await png(500, 500), `${unique('secret')}.png`, 'image/png')
    // A draft resource: not in the API at all, nor its files' URLs.
    const draft = await payload.create({
      collection: 'resources',
      data: { _status: 'draft', title: unique('Draft'), files: [secret.id] },
    })
    expect((await post(`{ resource(slug: "${draft.slug}") { files { url } } }`)).body.data).toEqual(
      { resource: null },
    )
    // A published resource whose newer draft adds a file and a cover: partners see the published.
    const resource = await payload.create({
      collection: 'resources',
      data: { _status: 'published', title: unique('Published'), files: [] },
    })
    await payload.update({
      collection: 'resources',
      id: resource.id,
      draft: true,
      data: { _status: 'draft', files: [secret.id], cover: secretCover.id },
    })
    const { body } = await post(`{ resource(slug: "${resource.slug}") {
      files { url } cover { url } } }`)
    expect(body.data.resource).toEqual({ files: [], cover: null })
    expect((await fetchUrl(`http://hub.test/api/media/file/${secret.filename}`)).status).toBe(403)

    // Nothing takes a file by id: `node` knows no File type.
    const forged = Buffer.from(`File:${secret.id}`).toString('base64url')
    const answer = await post(`{ node(id: "${forged}") { id } }`)
    expect(answer.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT')
    const mediaAsResource = Buffer.from(`Resource:${secret.id}`).toString('base64url')
    const other = await post(
      `{ node(id: "${mediaAsResource}") { ... on Resource { files { url } } } }`,
    )
    expect(JSON.stringify(other.body.data ?? {})).not.toContain(secret.filename!)
  })

  it('costs the same few SQL statements for 1, 20 or 100 resources with files and covers', async () => {
    const counts: number[] = []
    for (const first of [1, 20, 100]) {
      const res = await post(`{ resources(first: ${first}) { edges { node {
        title { text } files { url pageCount language { code } } cover { url sizes { url width } }
        workingGroups { slug } } } } }`)
      expect(res.body.errors).toBeUndefined()
      counts.push(res.statements)
    }
    expect(counts[0]).toBe(counts[2])
    expect(counts[2]).toBeLessThanOrEqual(3)
  })
})

describe('files over HTTP, through the hub’s server', () => {
  let server: RunningServer
  beforeAll(async () => {
    server = await startServer('prod', {
      databaseUrl: inject('databaseUrl'),
      payloadSecret: inject('payloadSecret'),
    })
  }, 120_000)
  afterAll(() => server?.stop())

  it('sends each file with its Content-Length, asked for compression or not, to GET and HEAD', async () => {
    const { body } = await post(`{ resource(slug: "${published.slug}") {
      files { url size } cover { url size sizes { url size } } } }`)
    const { files, cover } = body.data.resource
    for (const file of [files[0], cover, cover.sizes[0]]) {
      const address = new URL(new URL(file.url).pathname, server.base)
      for (const headers of [{}, { 'Accept-Encoding': 'gzip, deflate, br' }] as Record<
        string,
        string
      >[]) {
        const response = await fetch(address, { headers })
        expect(response.status, address.pathname).toBe(200)
        expect(response.headers.get('content-length'), address.pathname).toBe(String(file.size))
        expect((await response.arrayBuffer()).byteLength).toBe(file.size)
      }
      const head = await fetch(address, { method: 'HEAD' })
      expect(head.status, `HEAD ${address.pathname}`).toBe(200)
      expect(head.headers.get('content-length'), `HEAD ${address.pathname}`).toBe(String(file.size))
    }
  })
})
