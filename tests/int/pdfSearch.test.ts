// Search inside documents: a PDF's text is read on upload (in a bounded worker), indexed in the
// file's language, and the partner API's search finds a resource by a word only its PDF holds,
// saying which file matched with a safe snippet. Hostile PDFs neither stall nor crash the hub.
import pg from 'pg'
import type { Payload } from 'payload'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'

import { fileTextMatches } from '../../graphql/sql/resources'
import { backfillPdfText } from '../../src/uploads/backfillPdfText'
import { PDF_TEXT_LIMITS } from '../../src/uploads/pdfText'
import { contentBomb, pdf } from '../helpers/files'
import { hub, rest, unique } from '../helpers/hub'
import { partnerApi } from '../helpers/partner'

let payload: Payload
const { post } = partnerApi()
const word = () =>
  unique('zq')
    .replace('-', '')
    .replace(/[0-9]/g, (d) => 'abcdefghij'[Number(d)]!)

const upload = (data: Buffer, name: string, extra: Record<string, unknown> = {}) =>
  payload.create({
    collection: 'media',
    data: { ...extra },
    file: { data, name, mimetype: 'application/pdf', size: data.length },
  })

const publishWith = (fileIds: number[], data: Record<string, unknown> = {}) =>
  payload.create({
    collection: 'resources',
    data: { _status: 'published', title: unique('Resource'), files: fileIds, ...data },
  })

const search = (text: string, context = '') =>
  post(`query ${context} { resources(search: ${JSON.stringify(text)}, first: 10) { edges {
    node { slug } searchMatch { in snippet file { filename pageCount } } } } }`)

const limits = { ...PDF_TEXT_LIMITS }

beforeAll(async () => {
  payload = await hub()
})
afterEach(() => Object.assign(PDF_TEXT_LIMITS, limits))

describe('search inside documents', () => {
  it('reads a PDF’s text and page count on upload, and keeps the text from visitors', async () => {
    const secretWord = word()
    const file = await upload(
      pdf([`First page ${secretWord}`, 'Second page']),
      `${unique('doc')}.pdf`,
    )
    const stored = await payload.findByID({ collection: 'media', id: file.id })
    expect(stored.pageCount).toBe(2)
    expect(stored.extractedText).toContain(secretWord)
    expect(stored.extractionNote).toBeNull()
    await publishWith([file.id])
    const { status, body } = await rest('GET', `/media/${file.id}`)
    expect(status).toBe(200)
    expect(body.pageCount).toBe(2)
    expect(body).not.toHaveProperty('extractedText')
  })

  it('finds a resource by a word only inside its PDF, with a snippet naming the file', async () => {
    const only = word()
    const other = await upload(pdf(['Nothing to see here']), `${unique('other')}.pdf`)
    const file = await upload(
      pdf([
        'Guidance for case workers',
        `The ${only} approach: 5 < 6 & "safe" <script>alert(1)</script>`,
      ]),
      `${unique('guide')}.pdf`,
      { language: 'en' },
    )
    const resource = await publishWith([other.id, file.id])
    const { body } = await search(only)
    expect(body.errors).toBeUndefined()
    expect(body.data.resources.edges).toHaveLength(1)
    const [edge] = body.data.resources.edges
    expect(edge.node.slug).toBe(resource.slug)
    expect(edge.searchMatch.in).toBe('FILE')
    expect(edge.searchMatch.file).toEqual({ filename: file.filename, pageCount: 2 })
    expect(edge.searchMatch.snippet).toContain(`<mark>${only}</mark>`)
    // The document's own markup is text: escaped, never markup.
    expect(edge.searchMatch.snippet).toContain('5 &lt; 6 &amp; &quot;safe')
    expect(edge.searchMatch.snippet).not.toMatch(/<(?!\/?mark>)/)
    expect(edge.searchMatch.snippet).not.toContain('<script')
  })

  it('stems a file’s text in the file’s language', async () => {
    const marker = word()
    const file = await upload(
      pdf([`${marker} Les enfants mangeaient ensemble.`]),
      `${unique('fr')}.pdf`,
      { language: 'fr' },
    )
    const resource = await publishWith([file.id])
    // "manger" finds "mangeaient" only with French stemming (the file's language).
    const { body } = await search(`${marker} manger`)
    expect(body.data.resources.edges.map((e: any) => e.node.slug)).toEqual([resource.slug])
  })

  it('still finds titles and summaries first, following the locale chain', async () => {
    const marker = word()
    const file = await upload(pdf([`${marker} in the file too`]), `${unique('both')}.pdf`)
    const resource = await publishWith([file.id], { title: `${marker} in the title` })
    const { body } = await search(marker, '@inContext(locale: FR, fallback: [EN])')
    const [edge] = body.data.resources.edges
    expect(edge.node.slug).toBe(resource.slug)
    expect(edge.searchMatch).toMatchObject({ in: 'TITLE', file: null })
    expect(edge.searchMatch.snippet).toContain(`<mark>${marker}</mark>`)
  })

  it('reads matches and snippets in the listing’s own statement: no more statements per page', async () => {
    const marker = word()
    for (let i = 0; i < 3; i++) {
      const file = await upload(pdf([`Annex ${i} ${marker}`]), `${unique('annex')}.pdf`)
      await publishWith([file.id])
    }
    const counts: number[] = []
    for (const first of [1, 3]) {
      const res = await post(`{ resources(search: "${marker}", first: ${first}) { edges {
        node { slug files { url } } searchMatch { in snippet file { url pageCount } } } } }`)
      expect(res.body.errors).toBeUndefined()
      expect(res.body.data.resources.edges).toHaveLength(first)
      counts.push(res.statements)
    }
    expect(counts[0]).toBe(counts[1])
    expect(counts[1]).toBeLessThanOrEqual(2)
  })

  it('never finds a resource through a file of a draft', async () => {
    const hidden = word()
    const file = await upload(pdf([`Draft text ${hidden}`]), `${unique('draft')}.pdf`)
    await payload.create({
      collection: 'resources',
      data: { _status: 'draft', title: unique('Draft'), files: [file.id] },
    })
    const published = await publishWith([])
    await payload.update({
      collection: 'resources',
      id: published.id,
      draft: true,
      data: { _status: 'draft', files: [file.id] },
    })
    const { body } = await search(hidden)
    expect(body.data.resources.edges).toEqual([])
  })
})

describe('PDFs uploaded before text extraction', () => {
  it('are read by the backfill (npm run media:extract-text), once', async () => {
    const marker = word()
    const file = await upload(pdf([`Old upload ${marker}`]), `${unique('old')}.pdf`)
    // As it was stored before extraction existed.
    await (payload.db as unknown as { pool: pg.Pool }).pool.query(
      'UPDATE media SET extracted_text = NULL, extraction_note = NULL, page_count = NULL WHERE id = $1',
      [file.id],
    )
    expect(await backfillPdfText(payload)).toBeGreaterThanOrEqual(1)
    const stored = await payload.findByID({ collection: 'media', id: file.id })
    expect(stored.extractedText).toContain(marker)
    expect(stored.pageCount).toBe(1)
    expect(await backfillPdfText(payload)).toBe(0)
  })
})

describe('the index', () => {
  it('serves the search in files (media_text_search_idx), whatever the files’ languages', async () => {
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL })
    await client.connect()
    try {
      // Without the planner's cheapest alternative, so that the plan shows whether the index fits.
      await client.query('SET enable_seqscan = off')
      const { rows } = await client.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN SELECT m.id FROM media m WHERE ${fileTextMatches('$1')}`,
        ['children'],
      )
      expect(rows.map((r) => r['QUERY PLAN']).join('\n')).toContain('media_text_search_idx')
    } finally {
      await client.end()
    }
  })
})

describe('hostile PDFs', () => {
  it('stores a PDF whose objects nest a million deep, without text and with a note', async () => {
    const deep = pdf(['x'], {
      catalogExtra: `/Deep ${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}`,
    })
    const file = await upload(deep, `${unique('deep')}.pdf`)
    const stored = await payload.findByID({ collection: 'media', id: file.id })
    expect(stored.filename).toBe(file.filename)
    expect(typeof stored.extractionNote === 'string' || stored.extractedText === 'x').toBe(true)
  })

  it('gives up on a decompression bomb at the time limit, and the upload still succeeds', async () => {
    PDF_TEXT_LIMITS.timeoutMs = 3000
    const bomb = pdf(['x'], { compressedContent: await contentBomb(400) })
    expect(bomb.length).toBeLessThan(3 * 1024 * 1024)
    const started = Date.now()
    const file = await upload(bomb, `${unique('bomb')}.pdf`)
    const took = Date.now() - started
    expect(took).toBeLessThan(3000 + 5000)
    const stored = await payload.findByID({ collection: 'media', id: file.id })
    expect(stored.extractedText).toBeNull()
    expect(stored.extractionNote).toMatch(/longer than 3 s|more than \d+ MB/)
    // The hub still answers.
    expect((await post('{ topics { slug } }')).status).toBe(200)
  })

  it('reads no more pages than the limit from a PDF that claims billions', async () => {
    PDF_TEXT_LIMITS.maxPages = 2
    const file = await upload(
      pdf(['one', 'two', 'three'], { count: '2147483647' }),
      `${unique('count')}.pdf`,
    )
    const stored = await payload.findByID({ collection: 'media', id: file.id })
    expect(stored.extractedText ?? '').not.toContain('three')
  })
})
