import type {
  CollectionBeforeChangeHook,
  CollectionBeforeOperationHook,
  CollectionConfig,
} from 'payload'
import { fileTypeFromBuffer, fileTypeFromFile } from 'file-type'

import { isInPublicUse, readMediaInPublicUse } from '../src/access/mediaInPublicUse'
import { hasRole } from '../src/access/roles'
import { env } from '../src/env'
import { HubRefusal } from '../src/hooks/refusal'
import { adminsAndEditors, editorsOrUploader, signedIn, signedInField } from '../src/access/rules'

export const MEDIA_MIME_TYPES = [
  'application/pdf',
  'application/zip',
  'image/png',
  'image/jpeg',
  'image/webp',
  'image/svg+xml',
]
export const MEDIA_MAX_BYTES = 50 * 1024 * 1024

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
      `file: "${file.name}" is not a PDF, a ZIP archive or a PNG, JPEG, WebP or SVG image` +
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

/** Who uploaded a file: they, and editors, may replace it. */
const stampUploader: CollectionBeforeChangeHook = ({ data, operation, req }) =>
  operation === 'create' ? { ...data, uploadedBy: req.user?.id ?? null } : data

export const Media: CollectionConfig = {
  slug: 'media',
  labels: { singular: 'File', plural: 'Media' },
  admin: {
    useAsTitle: 'filename',
    defaultColumns: ['filename', 'alt', 'mimeType', 'filesize', 'updatedAt'],
    group: 'Library',
    description:
      'PDFs, images (covers, flyers, posters) and ZIP language packs. Up to 50 MB each. Public only while a published document uses them.',
  },
  access: {
    read: readMediaInPublicUse,
    create: signedIn,
    update: editorsOrUploader,
    delete: adminsAndEditors,
  },
  upload: { staticDir: env.MEDIA_DIR, mimeTypes: MEDIA_MIME_TYPES },
  hooks: {
    beforeOperation: [checkTypeFromBytes, keepPublishedFilesToEditors],
    beforeChange: [stampUploader],
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
