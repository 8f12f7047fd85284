// Bodies partners can show: `body(format: HTML | TEXT | JSON)`. HTML comes from Payload's own
// Lexical converters and is safe to embed whatever the stored document holds (the hostile body is
// written straight to the database, past the editor's validation); Arabic is marked right-to-left.
import type { Payload } from 'payload'
import type pg from 'pg'
import { beforeAll, describe, expect, it } from 'vitest'

import { hub, unique } from '../helpers/hub'
import { partnerApi } from '../helpers/partner'

const { post } = partnerApi()
let payload: Payload
let slug: string

const text = (value: string, format = 0) => ({
  type: 'text',
  text: value,
  format,
  detail: 0,
  mode: 'normal',
  style: '',
  version: 1,
})
const block = (type: string, children: unknown[], extra: Record<string, unknown> = {}) => ({
  type,
  children,
  format: '',
  indent: 0,
  version: 1,
  direction: 'ltr',
  ...extra,
})
const link = (url: string, label: string, extra: Record<string, unknown> = {}) =>
  block('link', [text(label)], {
    version: 3,
    fields: { url, linkType: 'custom', newTab: false, ...extra },
  })
const lexical = (...children: unknown[]) => ({ root: block('root', children) })

const ENGLISH = lexical(
  block('heading', [text('Key actions')], { tag: 'h2' }),
  block('paragraph', [text('Children first', 1), text(' and <script>alert(1)</script> as text.')]),
  block('paragraph', [
    text('Read '),
    link('https://alliancecpha.org/en/cpms', 'the standards', { newTab: true }),
    text(' or '),
    link('javascript:alert(document.cookie)', 'this'),
    text('.'),
  ]),
  block('list', [block('listitem', [text('Assess')], { value: 1 })], {
    listType: 'bullet',
    tag: 'ul',
    start: 1,
  }),
)

// What a stored document could hold if something other than the editor wrote it.
const HOSTILE = lexical(
  block('paragraph', [text('Styled')], { format: 'center" onmouseover="alert(1)' }),
  { type: 'html', html: '<img src=x onerror=alert(1)>', version: 1 },
  block('paragraph', [text('after')], { indent: '1"><script>alert(2)</script>' }),
)

const ARABIC = lexical(block('paragraph', [text('معايير حماية الطفل')], { direction: 'rtl' }))

const body = async (format: string | null, chain = 'locale: EN, fallback: []') => {
  const argument = format ? `(format: ${format})` : ''
  const { body } = await post(
    `query @inContext(${chain}) { resource(slug: "${slug}") { body${argument} { text locale } } }`,
  )
  expect(body.errors).toBeUndefined()
  return body.data.resource.body as { text: string | null; locale: string | null }
}

beforeAll(async () => {
  payload = await hub()
  const doc = await payload.create({
    collection: 'resources',
    locale: 'en',
    data: { _status: 'published', title: unique('Body resource'), body: ENGLISH as never },
  })
  await payload.update({
    collection: 'resources',
    id: doc.id,
    locale: 'ar',
    data: { title: 'مورد', body: ARABIC as never },
  })
  slug = doc.slug!
})

describe('Resource.body for partners', () => {
  it('is HTML from Payload’s converters: headings, emphasis, lists and links kept', async () => {
    const { text: html, locale } = await body('HTML')
    expect(locale).toBe('EN')
    expect(html).toMatch(/^<div lang="en">/)
    expect(html).toContain('<h2>Key actions</h2>')
    expect(html).toContain('<strong>Children first</strong>')
    expect(html).toMatch(/<ul[^>]*><li[^>]*>Assess<\/li><\/ul>/)
    expect(html).toContain(
      '<a href="https://alliancecpha.org/en/cpms" rel="noopener noreferrer" target="_blank">the standards</a>',
    )
  })

  it('runs nothing: text is escaped, a javascript: link loses its address', async () => {
    const { text: html } = await body('HTML')
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(html).not.toMatch(/<script|javascript:|onerror|onmouseover/i)
    expect(html).toContain('this</a>')
  })

  it('stays safe whatever the stored document holds', async () => {
    const pool = (payload.db as unknown as { pool: pg.Pool }).pool
    await pool.query(
      `UPDATE resources_locales SET body = $1
        WHERE _locale = 'en' AND _parent_id = (SELECT id FROM resources WHERE slug = $2)`,
      [JSON.stringify(HOSTILE), slug],
    )
    try {
      const { text: html } = await body('HTML')
      expect(html).toContain('Styled')
      expect(html).toContain('after')
      expect(html).not.toMatch(/<script|<img|onerror|onmouseover|alert/i)
    } finally {
      await pool.query(
        `UPDATE resources_locales SET body = $1
          WHERE _locale = 'en' AND _parent_id = (SELECT id FROM resources WHERE slug = $2)`,
        [JSON.stringify(ENGLISH), slug],
      )
    }
  })

  it('is plain TEXT for snippets and feeds', async () => {
    const { text: plain } = await body('TEXT')
    expect(plain).toContain('Key actions')
    expect(plain).toContain('Children first and <script>alert(1)</script> as text.')
    expect(plain).toContain('Read the standards or this.')
    expect(plain).not.toMatch(/<(h2|strong|a|p)\b/)
  })

  it('is the stored Lexical JSON by default, as before', async () => {
    const byDefault = await body(null)
    expect(JSON.parse(byDefault.text!)).toEqual(ENGLISH)
    expect(await body('JSON')).toEqual(byDefault)
  })

  it('marks an Arabic body right-to-left, and follows the locale chain', async () => {
    const arabic = await body('HTML', 'locale: AR, fallback: [EN]')
    expect(arabic.locale).toBe('AR')
    expect(arabic.text).toBe('<div dir="rtl" lang="ar"><p>معايير حماية الطفل</p></div>')
    const french = await body('HTML', 'locale: FR, fallback: [EN]')
    expect(french.locale).toBe('EN')
    expect(french.text).toMatch(/^<div lang="en">/)
    expect(await body('TEXT', 'locale: FR, fallback: []')).toEqual({ text: null, locale: null })
  })
})
