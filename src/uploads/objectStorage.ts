// Uploaded files in an S3-compatible bucket when S3_BUCKET is set (Payload's own storage-s3
// adapter), so that a file one hub received is served by every other; on local disk (MEDIA_DIR)
// otherwise, the default of `npm start`. Either way the fields the adapter adds are in the schema
// (`alwaysInsertFields`), so one set of migrations fits both.
//
// Files are still served through the hub (`/api/media/file/<name>`), after its access check: a
// file only while published content uses it (src/access/mediaInPublicUse.ts). The bucket is never
// read by visitors directly and needs no public access.
import { s3Storage } from '@payloadcms/storage-s3'

import { env } from '../env'
import { s3ClientConfig } from './s3Config'

export const objectStorage = () =>
  s3Storage({
    enabled: Boolean(env.S3_BUCKET),
    alwaysInsertFields: true,
    collections: { media: true },
    bucket: env.S3_BUCKET ?? '',
    config: s3ClientConfig(),
  })
