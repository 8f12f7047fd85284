// How the hub reaches its bucket (S3_* variables): for Payload's storage adapter
// (./objectStorage.ts) and for backups and readiness (src/ops/bucket.ts), without loading the adapter.
import type { S3ClientConfig } from '@aws-sdk/client-s3'

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
