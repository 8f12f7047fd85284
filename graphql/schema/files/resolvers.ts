// Files on the hub (PDFs, language packs, recordings, images) and where a search found a resource.
// A file is only ever read through a visible parent: the ids come from a published resource or
// webinar, and the `file` loader kind has no way in from outside (no global id, no listing).
import type { PartnerContext } from '../../context'
import type { Resolvers } from '../../generated/resolvers'
import type { FileRow, ImageSizeRow, SearchMatchRow } from '../../rows'
import { MATCH_START, MATCH_STOP } from '../../sql/resources'
import { language, toEnum, translated } from '../shared'

/** The absolute URL of a stored file: Payload's file route on the hub's address. */
export const fileUrl = (ctx: PartnerContext, filename: string) =>
  `${ctx.origin}/api/media/file/${encodeURIComponent(filename)}`

export const loadFile = (ctx: PartnerContext, id: number | null | undefined) =>
  ctx.loaders.one<FileRow>('file', id)

export const loadFiles = (ctx: PartnerContext, ids: (number | null)[] | null | undefined) =>
  ctx.loaders.many<FileRow>('file', ids)

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

/** A snippet from ts_headline (matches between private-use markers) as escaped HTML with <mark>. */
export const snippetHtml = (headline: string) =>
  headline
    .replace(/[&<>"']/g, (c) => ESCAPES[c]!)
    .replaceAll(MATCH_START, '<mark>')
    .replaceAll(MATCH_STOP, '</mark>')
    .replace(/\s+/g, ' ')
    .trim()

export const fileResolvers: Resolvers = {
  File: {
    url: (f, _, ctx) => fileUrl(ctx, f.filename),
    mimeType: (f) => f.mimeType ?? 'application/octet-stream',
    size: (f) => Number(f.filesize ?? 0),
    language: (f) => (f.language ? language(f.language) : null),
    pageCount: (f) => (f.pageCount == null ? null : Number(f.pageCount)),
    caption: (f, _, ctx, info) => translated(f.locales, 'caption', ctx.chain(info)),
  },
  Image: {
    url: (f, _, ctx) => fileUrl(ctx, f.filename),
    mimeType: (f) => f.mimeType ?? 'application/octet-stream',
    size: (f) => Number(f.filesize ?? 0),
    width: (f) => (f.width == null ? null : Number(f.width)),
    height: (f) => (f.height == null ? null : Number(f.height)),
    alt: (f, _, ctx, info) => translated(f.locales, 'alt', ctx.chain(info)),
    caption: (f, _, ctx, info) => translated(f.locales, 'caption', ctx.chain(info)),
    sizes: (f) =>
      (f.sizes ?? [])
        .filter((s): s is ImageSizeRow => s != null)
        .sort((a, b) => Number(a.width) - Number(b.width)),
  },
  ImageSize: {
    name: (s) => toEnum(s.name),
    url: (s, _, ctx) => fileUrl(ctx, s.filename),
    width: (s) => Number(s.width),
    height: (s) => Number(s.height),
    size: (s) => Number(s.filesize),
  },
  SearchMatch: {
    in: (m: SearchMatchRow) => m.in,
    file: (m, _, ctx) => (m.in === 'FILE' ? loadFile(ctx, m.fileId) : null),
    snippet: (m) => snippetHtml(m.snippet ?? ''),
  },
}
