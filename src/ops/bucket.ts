// Backups and restores of a hub whose files are in an S3-compatible bucket (S3_BUCKET): the bucket is
// copied to a folder, which the backup holds as it holds MEDIA_DIR (src/ops/backup.ts), and a
// restore's files are put back in the bucket. Object keys are file names, as Payload's storage
// adapter writes them (src/uploads/objectStorage.ts).
import { createReadStream, createWriteStream } from 'node:fs'
import fs from 'node:fs/promises'
import path from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3'
import { fileTypeFromFile } from 'file-type'

import { s3ClientConfig } from '../uploads/s3Config'

export type Bucket = { client: S3Client; name: string }

export const bucketFromEnv = (name: string): Bucket => ({
  client: new S3Client(s3ClientConfig()),
  name,
})

/** Every key in the bucket. */
export const listKeys = async ({ client, name }: Bucket): Promise<string[]> => {
  const keys: string[] = []
  let token: string | undefined
  do {
    const page = await client.send(
      new ListObjectsV2Command({ Bucket: name, ContinuationToken: token }),
    )
    for (const object of page.Contents ?? []) if (object.Key) keys.push(object.Key)
    token = page.IsTruncated ? page.NextContinuationToken : undefined
  } while (token)
  return keys
}

const contentTypeOf = async (file: string) =>
  (await fileTypeFromFile(file))?.mime ??
  (/\.svg$/i.test(file) ? 'image/svg+xml' : 'application/octet-stream')

/** A key as a relative path inside `dir`, or undefined for one that would leave it. */
const pathFor = (dir: string, key: string) => {
  const file = path.resolve(dir, key)
  return file.startsWith(dir + path.sep) && !key.endsWith('/') ? file : undefined
}

/** Copies every object into `dir` (empty); says how many, and skips keys no folder can hold. */
export const copyBucketTo = async (
  bucket: Bucket,
  dir: string,
  log: (line: string) => void = console.log,
) => {
  const keys = await listKeys(bucket)
  log(`  Copying ${keys.length} file(s) from the bucket ${bucket.name}…`)
  for (const key of keys) {
    const file = pathFor(dir, key)
    if (!file) {
      log(`  Skipped ${JSON.stringify(key)}: not a file name the hub writes.`)
      continue
    }
    await fs.mkdir(path.dirname(file), { recursive: true })
    const object = await bucket.client.send(new GetObjectCommand({ Bucket: bucket.name, Key: key }))
    await pipeline(object.Body as Readable, createWriteStream(file))
  }
  return keys.length
}

/** Puts every file under `dir` into the bucket; with `replace`, deletes the objects it does not hold. */
export const copyFolderToBucket = async (
  dir: string,
  bucket: Bucket,
  { replace, log = console.log }: { replace: boolean; log?: (line: string) => void },
) => {
  const files = (await fs.readdir(dir, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) =>
      path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'),
    )
  log(`  Putting ${files.length} file(s) into the bucket ${bucket.name}…`)
  for (const key of files) {
    const file = path.join(dir, key)
    const { size } = await fs.stat(file)
    await bucket.client.send(
      new PutObjectCommand({
        Bucket: bucket.name,
        Key: key,
        Body: createReadStream(file),
        ContentLength: size,
        // The hub serves a file with the type its object carries.
        ContentType: await contentTypeOf(file),
      }),
    )
  }
  if (replace) {
    const kept = new Set(files)
    for (const key of await listKeys(bucket)) {
      if (!kept.has(key)) {
        await bucket.client.send(new DeleteObjectCommand({ Bucket: bucket.name, Key: key }))
      }
    }
  }
  return files.length
}

/** The readiness check of a hub whose files are in a bucket (src/ops/health.ts). */
export const bucketHealth = (name: string) => {
  const { client } = bucketFromEnv(name)
  return {
    bucket: name,
    check: (signal: AbortSignal) =>
      client.send(new HeadBucketCommand({ Bucket: name }), { abortSignal: signal }),
  }
}
