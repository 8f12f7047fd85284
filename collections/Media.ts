import type { CollectionConfig } from 'payload'

import { adminsAndEditors, anyone, signedIn } from '../src/access/rules'

export const MEDIA_MIME_TYPES = [
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/webp',
  'image/svg+xml',
]
export const MEDIA_MAX_BYTES = 50 * 1024 * 1024

export const Media: CollectionConfig = {
  slug: 'media',
  labels: { singular: 'File', plural: 'Media' },
  admin: {
    useAsTitle: 'filename',
    defaultColumns: ['filename', 'alt', 'mimeType', 'filesize', 'updatedAt'],
    group: 'Library',
    description: 'PDFs and images (covers, flyers, posters). Up to 50 MB each.',
  },
  access: { read: anyone, create: signedIn, update: signedIn, delete: adminsAndEditors },
  upload: { staticDir: 'media', mimeTypes: MEDIA_MIME_TYPES },
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
  ],
}
