import type {
  CollectionBeforeChangeHook,
  CollectionBeforeOperationHook,
  CollectionConfig,
} from 'payload'
import { fileTypeFromBuffer, fileTypeFromFile } from 'file-type'
import { readFile } from 'node:fs/promises'

import { isInPublicUse, readMediaInPublicUse } from '../src/access/mediaInPublicUse'
import { hasRole } from '../src/access/roles'
import { env } from '../src/env'
import { HubRefusal } from '../src/hooks/refusal'
import { adminsAndEditors, editorsOrUploader, signedIn, signedInField } from '../src/access/rules'
import { languageField } from '../src/fields/languages'
import { fileCacheHeaders, serveWithValidators } from '../src/uploads/cacheHeaders'
import { extractPdfText } from '../src/uploads/pdfText'

export const MEDIA_MIME_TYPES = [
  'application/pdf',
  'application/zip',
  // Webinar recordings.
  'video/mp4',
  'audio/mpeg',
  'image/png',
  'image/jpeg',
  'image/webp',
  'image/svg+xml',
]

/**
 * Payload checks a file's type from its bytes when it can tell, and trusts the name when it cannot:
 * any bytes named `.zip` would pass. Here every upload must be recognisable as what it claims to
 * be; SVG (text, so without a signature) is left to Payload's own inspection, which refuses scripts.
 */
const checkTypeFromBytes: CollectionBeforeOperationHook = async ({ args, operation, req }) => {
  const file = req.file
  if (!file || (operation !== 'create' && operation !== 'update')) return args
  const detected = file.tempFilePath
    ? await fileTypeFromFile(file.tempFilePath)
    : await fileTypeFromBuffer(file.data)
  const svg = /\.svg$/i.test(file.name) && !detected
  if (!svg && (!detected || !MEDIA_MIME_TYPES.includes(detected.mime))) {
    throw new HubRefusal(
      `file: "${file.name}" is not a PDF, a ZIP archive, an MP4 or MP3 recording or a PNG, JPEG, WebP or SVG image` +
        (detected ? ` (its contents are ${detected.mime})` : ' (its contents match none of them)') +
        '.',
      400,
      'file',
    )
  }
  return args
}

/**
 * An uploader may replace their file only while nothing published uses it: new bytes under a
 * published document are a change to what partners see, which is an editor's call.
 */
const keepPublishedFilesToEditors: CollectionBeforeOperationHook = async ({
  args,
  operation,
  req,
}) => {
  const id = (args as { id?: unknown }).id
  if (operation !== 'update' || !req.file || hasRole(req.user, 'admin', 'editor')) return args
  if (typeof id === 'number' && (await isInPublicUse(req, id))) {
    throw new HubRefusal(
      'This file is used by published content: only an editor or an admin may replace it.',
      403,
      'file',
    )
  }
  return args
}

/**
 * A PDF's text and page count, read when its bytes arrive (created or replaced), for search inside
 * documents. Bounded (see src/uploads/pdfText.ts): a PDF that cannot be read within the limits is
 * still stored, with no text and a note for the editor.
 */
const readPdfText: CollectionBeforeChangeHook = async ({ data, req }) => {
  const file = req.file
  if (!file) return data
  // Payload has set the MIME type from the bytes by now; the client's word and the name are fallbacks.
  const isPdf =
    [data?.mimeType, file.mimetype].includes('application/pdf') || /\.pdf$/i.test(file.name)
  if (!isPdf) {
    return { ...data, pageCount: null, extractedText: null, extractionNote: null }
  }
  const bytes = file.tempFilePath ? await readFile(file.tempFilePath) : file.data
  const { text, pageCount, note } = await extractPdfText(bytes)
  return { ...data, pageCount, extractedText: text, extractionNote: note }
}

/** Who uploaded a file: they, and editors, may replace it. */
const stampUploader: CollectionBeforeChangeHook = ({ data, operation, req }) =>
  operation === 'create' ? { ...data, uploadedBy: req.user?.id ?? null } : data

export const Media: CollectionConfig = {
  slug: 'media',
  labels: { singular: 'File', plural: 'Media' },
  admin: {
    useAsTitle: 'filename',
    defaultColumns: ['filename', 'alt', 'mimeType', 'filesize', 'updatedAt'],
    // The list reads only the columns it shows (not a PDF's extracted text, possibly 400 kB each).
    enableListViewSelectAPI: true,
    group: 'Library',
    description:
      'PDFs, images (covers, flyers, posters), ZIP language packs and MP4/MP3 recordings. Up to 50 MB each. Public only while a published document uses them.',
  },
  access: {
    read: readMediaInPublicUse,
    create: signedIn,
    update: editorsOrUploader,
    delete: adminsAndEditors,
  },
  // A file populated into a resource or webinar (REST `depth`) comes without its extracted text.
  defaultPopulate: { extractedText: false },
  upload: {
    staticDir: env.MEDIA_DIR,
    mimeTypes: MEDIA_MIME_TYPES,
    // Widths for partner sites' responsive images (srcset), as WebP; never enlarged.
    imageSizes: [
      {
        name: 'thumbnail',
        width: 400,
        formatOptions: { format: 'webp', options: { quality: 80 } },
      },
      { name: 'card', width: 800, formatOptions: { format: 'webp', options: { quality: 80 } } },
      { name: 'large', width: 1600, formatOptions: { format: 'webp', options: { quality: 80 } } },
    ],
    adminThumbnail: 'thumbnail',
    handlers: [serveWithValidators],
    modifyResponseHeaders: fileCacheHeaders,
  },
  hooks: {
    beforeOperation: [checkTypeFromBytes, keepPublishedFilesToEditors],
    beforeChange: [stampUploader, readPdfText],
  },
  fields: [
    {
      name: 'alt',
      label: 'Alternative text',
      type: 'text',
      localized: true,
      admin: {
        description: 'What the image shows, for screen readers. Translate it in each locale.',
      },
    },
    { name: 'caption', type: 'text', localized: true },
    languageField({
      name: 'language',
      admin: {
        position: 'sidebar',
        description:
          'The language of the document: its text is searched with this language’s stemming.',
      },
    }),
    {
      name: 'pageCount',
      type: 'number',
      // Set by the hub from the file alone.
      access: { update: () => false, create: () => false },
      admin: { readOnly: true, position: 'sidebar', description: 'Read from the PDF on upload.' },
    },
    {
      name: 'extractionNote',
      type: 'text',
      access: { update: () => false, create: () => false },
      admin: {
        readOnly: true,
        position: 'sidebar',
        condition: (data) => Boolean(data?.extractionNote),
      },
    },
    {
      // The PDF's text, for search. Derived from the file, so not secret, but bulky: kept out of
      // REST answers for visitors (and of depth-populated relations), served to partners only as
      // search snippets. Editors see it in the admin, read-only.
      name: 'extractedText',
      label: 'Text (for search)',
      type: 'textarea',
      access: { read: signedInField, update: () => false, create: () => false },
      admin: { readOnly: true, condition: (data) => Boolean(data?.extractedText) },
    },
    {
      name: 'uploadedBy',
      type: 'relationship',
      relationTo: 'users',
      // Editor data: never shown to visitors; set once, by the hub.
      access: { read: signedInField, update: () => false },
      admin: { readOnly: true, position: 'sidebar' },
    },
  ],
}
