// A rich-text body as a partner site can use it, whatever it is built with: HTML to embed, plain
// text for search snippets and feeds, or Payload's Lexical JSON. HTML and text come from Payload's
// own Lexical converters, so they follow the admin's editor; the HTML is then sanitised for embedding
// in someone else's page (no script, no event handler, no `javascript:` link, no layout-breaking
// style), and an Arabic body is wrapped in `dir="rtl"`.
import type { HTMLConverters } from '@payloadcms/richtext-lexical/html'
import type { IOptions } from 'sanitize-html'

import type { Locale } from './localeChain'

export type BodyFormat = 'HTML' | 'TEXT' | 'JSON'

const RIGHT_TO_LEFT = new Set<string>(['ar'])

type LexicalState = Parameters<
  (typeof import('@payloadcms/richtext-lexical/html'))['convertLexicalToHTML']
>[0]['data']

/** What an embedded body may hold: the editor's structure and emphasis, nothing that runs. */
const SAFE: IOptions = {
  allowedTags: [
    'p',
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'blockquote',
    'ul',
    'ol',
    'li',
    'a',
    'strong',
    'em',
    'code',
    'sub',
    'sup',
    'span',
    'br',
    'hr',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
  ],
  allowedAttributes: {
    a: ['href', 'rel', 'target'],
    '*': ['dir', 'style'],
    ol: ['start'],
    li: ['value'],
    td: ['colspan', 'rowspan'],
    th: ['colspan', 'rowspan'],
  },
  // Alignment, indentation and strike/underline only: nothing that positions or overlays.
  allowedStyles: {
    '*': {
      'text-align': [/^(left|right|center|justify|start|end)$/],
      'text-decoration': [/^(underline|line-through)$/],
      'padding-inline-start': [/^\d{1,3}(px|em|rem)$/],
    },
  },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowProtocolRelative: false,
  transformTags: {
    // A link that opens elsewhere must not hand the partner's page to the target.
    a: (tagName, attribs) => ({
      tagName,
      attribs: attribs.target ? { ...attribs, rel: 'noopener noreferrer' } : attribs,
    }),
  },
}

type Renderers = { html: (data: LexicalState) => string; text: (data: LexicalState) => string }
let renderers: Renderers | undefined
let loading: Promise<Renderers> | undefined

/**
 * Payload's Lexical converters and the sanitiser take a second and some 20 MB to load: they are
 * loaded when a body is first asked for as HTML or TEXT, not when the partner API starts. Await
 * this before `renderBody`.
 */
export const loadBodyRenderers = (): Promise<Renderers> =>
  (loading ??= (async () => {
    const [
      { convertLexicalToHTML, defaultHTMLConverters },
      { convertLexicalToPlaintext },
      sanitizer,
    ] = await Promise.all([
      import('@payloadcms/richtext-lexical/html'),
      import('@payloadcms/richtext-lexical/plaintext'),
      import('sanitize-html'),
    ])
    const sanitizeHtml = sanitizer.default
    const converters: HTMLConverters = {
      ...defaultHTMLConverters,
      // An internal link points at a record of the hub, whose page lives on each partner's own
      // site: the text stays, the link goes (a partner resolves ids through the API).
      link: (args) =>
        args.node.fields.linkType === 'internal'
          ? args.nodesToHTML({ nodes: args.node.children }).join('')
          : (defaultHTMLConverters.link as (a: typeof args) => string)(args),
      // Files in a body are reached through the resource's `files`; the HTML does not embed them.
      upload: () => '',
    }
    return (renderers = {
      html: (data) =>
        sanitizeHtml(convertLexicalToHTML({ data, converters, disableContainer: true }), SAFE),
      text: (data) => convertLexicalToPlaintext({ data }),
    })
  })())

const isLexical = (value: unknown): value is LexicalState =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as { root?: { children?: unknown } }).root === 'object' &&
  Array.isArray((value as { root: { children?: unknown } }).root.children)

/** The body in `format`, or null when there is none (or it is not a Lexical document). */
export const renderBody = (
  value: unknown,
  format: BodyFormat,
  locale: Locale | null,
): string | null => {
  if (value === null || value === undefined || value === '') return null
  const data: unknown = typeof value === 'string' ? safeParse(value) : value
  if (format === 'JSON') return typeof value === 'string' ? value : JSON.stringify(value)
  if (!isLexical(data)) return null
  if (!renderers) throw new Error('renderBody: await loadBodyRenderers() first')
  if (format === 'TEXT') return renderers.text(data).trim() || null
  const html = renderers.html(data)
  if (!html.trim()) return null
  return locale && RIGHT_TO_LEFT.has(locale)
    ? `<div dir="rtl" lang="${locale}">${html}</div>`
    : `<div lang="${locale ?? 'en'}">${html}</div>`
}

const safeParse = (text: string): unknown => {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}
