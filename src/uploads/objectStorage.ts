// Uploaded files in an S3-compatible bucket when S3_BUCKET is set (Payload's own storage-s3
// adapter), so that a file one hub received is served by every other; on local disk (MEDIA_DIR)
// otherwise, the default of `npm start`. Either way the fields the adapter adds are in the schema
// (`alwaysInsertFields`), so one set of migrations fits both.
//
// Files are still served through the hub (`/api/media/file/<name>`), after its access check: a
// file only while published content uses it (src/access/mediaInPublicUse.ts). The bucket is never
// read by visitors directly and needs no public access.
import type { S3ClientConfig } from '@aws-sdk/client-s3'
import { s3Storage } from '@payloadcms/storage-s3'

import { env } from '../env'

/** The S3 client settings from the environment (also for backups: src/ops/bucket.ts). */
export const s3ClientConfig = (): S3ClientConfig => ({
  region: env.S3_REGION,
  ...(env.S3_ENDPOINT ? { endpoint: env.S3_ENDPOINT } : {}),
  forcePathStyle: env.S3_FORCE_PATH_STYLE === 'true',
  ...(env.S3_ACCESS_KEY_ID && env.S3_SECRET_ACCESS_KEY
    ? {
        credentials: {
          accessKeyId: env.S3_ACCESS_KEY_ID,
          secretAccessKey: env.S3_SECRET_ACCESS_KEY,
        },
      }
    : {}),
  // Checksums only where S3 requires them: many S3-compatible stores refuse the SDK's newer
  // default (streamed uploads with trailing checksums).
  requestChecksumCalculation: 'WHEN_REQUIRED',
  responseChecksumValidation: 'WHEN_REQUIRED',
})

export const objectStorage = () =>
  s3Storage({
    enabled: Boolean(env.S3_BUCKET),
    alwaysInsertFields: true,
    collections: { media: true },
    bucket: env.S3_BUCKET ?? '',
    config: s3ClientConfig(),
  })
