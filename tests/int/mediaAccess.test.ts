// Files as visitors and editors meet them: a file is public only while a published document uses
// it (as a cover, an attachment, or an image in a body); only editors and the uploader replace it;
// every upload is what its bytes say, and language packs (.zip) are welcome.
import { deflateRawSync } from 'node:zlib'
import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { hub, makeUser, rest, restResponse, type TestUser, unique } from '../helpers/hub'

let payload: Payload
let translator: TestUser
let groupEditor: TestUser

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
)

/** A real ZIP archive holding one file (what a language pack is). */
const zip = (name: string, text: string) => {
  const data = Buffer.from(text)
  const packed = deflateRawSync(data)
  const crc = (() => {
    let c = ~0
    for (const byte of data) {
      c ^= byte
      for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1))
    }
    return ~c >>> 0
  })()
  const header = Buffer.alloc(30)
  header.writeUInt32LE(0x04034b50, 0)
  header.writeUInt16LE(20, 4)
  header.writeUInt16LE(8, 8)
  header.writeUInt32LE(crc, 14)
  header.writeUInt32LE(packed.length, 18)
  header.writeUInt32LE(data.length, 22)
  header.writeUInt16LE(name.length, 26)
  const central = Buffer.alloc(46)
  central.writeUInt32LE(0x02014b50, 0)
  central.writeUInt16LE(20, 4)
  central.writeUInt16LE(20, 6)
  central.writeUInt16LE(8, 10)
  central.writeUInt32LE(crc, 16)
  central.writeUInt32LE(packed.length, 20)
  central.writeUInt32LE(data.length, 24)
  central.writeUInt16LE(name.length, 28)
  const local = Buffer.concat([header, Buffer.from(name), packed])
  const directory = Buffer.concat([central, Buffer.from(name)])
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(1, 8)
  end.writeUInt16LE(1, 10)
  end.writeUInt32LE(directory.length, 12)
  end.writeUInt32LE(local.length, 16)
  return Buffer.concat([local, directory, end])
}

const upload = async (data: Buffer, name: string, mimetype: string, user?: TestUser) =>
  payload.create({
    collection: 'media',
    data: { alt: 'x' },
    file: { data, name, mimetype, size: data.length },
    ...(user ? { user: user.user, overrideAccess: false } : {}),
  })

const png = (user?: TestUser) => upload(PNG, `${unique('image')}.png`, 'image/png', user)

/** A rich-text body holding one image (an upload node), as the admin's editor saves it. */
const bodyWithImage = (value: unknown) => ({
  root: {
    type: 'root',
    format: '',
    indent: 0,
    version: 1,
    direction: 'ltr',
    children: [
      { type: 'upload', version: 3, format: '', fields: null, relationTo: 'media', value },
    ],
  },
})

/** What a visitor gets at the file's URL. */
const fetchFile = async (filename: string) =>
  (await restResponse('GET', `/media/file/${encodeURIComponent(filename)}`)).status

const resourceUsing = (data: Record<string, unknown>, status: 'draft' | 'published') =>
  payload.create({
    collection: 'resources',
    data: { title: unique('Resource with files'), _status: status, ...data },
  })

const setStatus = (id: number, _status: 'draft' | 'published') =>
  payload.update({ collection: 'resources', id, data: { _status } })

beforeAll(async () => {
  payload = await hub()
  translator = await makeUser('translator')
  groupEditor = await makeUser('group-editor')
})

describe('files for visitors', () => {
  it('serves a file only while a published document uses it', async () => {
    const file = await png()
    expect(await fetchFile(file.filename!)).toBe(403)
    const resource = await resourceUsing({ files: [file.id] }, 'draft')
    expect(await fetchFile(file.filename!)).toBe(403)
    expect((await rest('GET', `/media/${file.id}`)).status).toBe(404)
    await setStatus(resource.id, 'published')
    expect(await fetchFile(file.filename!)).toBe(200)
    expect((await rest('GET', `/media/${file.id}`)).status).toBe(200)
    await setStatus(resource.id, 'draft')
    expect(await fetchFile(file.filename!)).toBe(403)
  })

  it('counts covers, webinar attachments and images inside a published body', async () => {
    const cover = await png()
    await resourceUsing({ cover: cover.id }, 'published')
    expect(await fetchFile(cover.filename!)).toBe(200)

    const flyer = await png()
    await payload.create({
      collection: 'events',
      data: {
        _status: 'published',
        title: unique('Webinar'),
        kind: 'webinar',
        startsAt: '2030-01-01T10:00:00.000Z',
        startsAt_tz: 'Europe/Zurich',
        precision: 'exact',
        format: 'online',
        languages: ['en'],
        attachments: [flyer.id],
      },
    })
    expect(await fetchFile(flyer.filename!)).toBe(200)

    const inline = await png()
    const body = bodyWithImage(inline.id)
    const resource = await resourceUsing({ body }, 'draft')
    expect(await fetchFile(inline.filename!)).toBe(403)
    await setStatus(resource.id, 'published')
    expect(await fetchFile(inline.filename!)).toBe(200)
  })

  it('lists only files in public use, and never who uploaded them', async () => {
    const hidden = await png()
    const shown = await png(translator)
    await resourceUsing({ cover: shown.id }, 'published')
    // Listings see the files in use as of at most 10 seconds ago.
    const listed = async () =>
      (await rest('GET', `/media?limit=100&where[id][in]=${hidden.id},${shown.id}`)).body
    await expect
      .poll(async () => (await listed()).docs.map((d: { id: number }) => d.id), {
        timeout: 12_000,
        interval: 500,
      })
      .toEqual([shown.id])
    expect((await listed()).docs[0]).not.toHaveProperty('uploadedBy')
  }, 30_000)
})

describe('files of editions and bodies saved back', () => {
  it('keeps the file of a published edition private while its resource is unpublished', async () => {
    const file = await png()
    const resource = await resourceUsing({}, 'draft')
    await payload.create({
      collection: 'translations',
      data: {
        resource: resource.id,
        language: 'pl',
        title: 'Wydanie',
        format: 'full',
        progress: 'complete',
        file: file.id,
        _status: 'published',
      },
    })
    expect(await fetchFile(file.filename!)).toBe(403)
    await setStatus(resource.id, 'published')
    expect(await fetchFile(file.filename!)).toBe(200)
  })

  it('reads an image node saved back populated ({ id }) and keeps every other read working', async () => {
    const inline = await png()
    const body = bodyWithImage({ id: inline.id, filename: inline.filename })
    await resourceUsing({ body }, 'published')
    expect(await fetchFile(inline.filename!)).toBe(200)
    const other = await resourceUsing({}, 'published')
    expect((await rest('GET', `/resources/${other.id}?depth=1`)).status).toBe(200)
    expect((await rest('GET', '/media?limit=5')).status).toBe(200)
  })
})

describe('replacing files', () => {
  it('lets editors and the uploader replace a file, and tells others who may', async () => {
    const mine = await png(groupEditor)
    expect(mine.uploadedBy).toMatchObject({ id: groupEditor.user.id })
    const replace = (id: number, user: TestUser) => {
      const form = new FormData()
      form.set('file', new Blob([PNG], { type: 'image/png' }), `${unique('new')}.png`)
      form.set('_payload', JSON.stringify({ alt: 'Replaced' }))
      return rest('PATCH', `/media/${id}`, { token: user.token, body: form })
    }
    expect((await replace(mine.id, groupEditor)).status).toBe(200)
    const refused = await replace(mine.id, translator)
    expect(refused.status).toBe(403)
    expect(refused.body.errors[0].message).toMatch(
      /^Your role \(Translator\) does not have the right to change media here; admins, editors.* can/,
    )
    const editor = await makeUser('editor')
    expect((await replace(mine.id, editor)).status).toBe(200)
    // Once a published document uses it, new bytes are an editor's call.
    await resourceUsing({ cover: mine.id }, 'published')
    const late = await replace(mine.id, groupEditor)
    expect(late.status).toBe(403)
    expect(late.body.errors[0].message).toMatch(/used by published content/)
    expect((await replace(mine.id, editor)).status).toBe(200)
  })
})

describe('attaching files', () => {
  it('lets a group editor attach only their own uploads; editors attach any', async () => {
    const someoneElses = await png()
    const own = await png(groupEditor)
    const attach = (photo: number, user: TestUser) =>
      rest('POST', '/people', { token: user.token, body: { name: unique('Speaker'), photo } })
    expect((await attach(someoneElses.id, groupEditor)).status).toBe(400)
    expect(await fetchFile(someoneElses.filename!)).toBe(403)
    expect((await attach(own.id, groupEditor)).status).toBe(201)
    const editor = await makeUser('editor')
    expect((await attach(someoneElses.id, editor)).status).toBe(201)
  })
})

describe('file types from their bytes', () => {
  it('takes a .zip language pack', async () => {
    const pack = await upload(
      zip('fr/guide.txt', 'Guide en français'),
      'cpms-fr.zip',
      'application/zip',
    )
    expect(pack.mimeType).toBe('application/zip')
  })

  it('refuses bytes that are not what the name says, naming the file', async () => {
    const cases: [Buffer, string, string][] = [
      [Buffer.from('just some text, not an archive'), 'pack.zip', 'application/zip'],
      [Buffer.from('<html><script>alert(1)</script></html>'), 'report.pdf', 'application/pdf'],
      [Buffer.from('MZ\x90\x00 a program'), 'flyer.png', 'image/png'],
    ]
    for (const [data, name, mimetype] of cases) {
      await expect(upload(data, name, mimetype, translator), name).rejects.toThrow(
        new RegExp(`"${name.replace('.', '\\.')}" is not a PDF|Invalid|not allowed`),
      )
    }
  })

  it('keeps refusing an SVG that carries a script, and takes a clean one', async () => {
    const svg = (inner: string) =>
      Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1">${inner}</svg>`)
    const refused = await upload(
      svg('<script>alert(1)</script>'),
      'logo.svg',
      'image/svg+xml',
    ).then(
      () => 'saved',
      (error: unknown) => JSON.stringify(error),
    )
    expect(refused).toMatch(/harmful/)
    const clean = await upload(svg('<rect width="1" height="1"/>'), 'logo.svg', 'image/svg+xml')
    expect(clean.mimeType).toBe('image/svg+xml')
  })
})
