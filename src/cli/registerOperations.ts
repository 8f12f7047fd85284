// `npm run partner:operations -- "<organisation>" <persisted-documents.json>`: registers a partner's
// operations (trusted documents) from the manifest their build writes, replacing what was
// registered before. The same as pasting it under Partners › Registered operations in the admin.
import { readFile } from 'node:fs/promises'
import { getPayload } from 'payload'

import config from '../../payload.config'
import { readManifest } from '../partners/operations'

const USAGE =
  'Usage: npm run partner:operations -- "<partner organisation>" <persisted-documents.json>'

const fail = (message: string): never => {
  console.error(message)
  process.exit(1)
}

const readJson = async (file: string): Promise<unknown> => {
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) =>
    fail(`Cannot read ${file}: ${error.code === 'ENOENT' ? 'no such file' : error.message}.`),
  )
  try {
    return JSON.parse(text)
  } catch (error) {
    return fail(`${file} is not JSON: ${(error as Error).message}`)
  }
}

const [organisation, file] = process.argv.slice(2)
if (!organisation || !file) fail(USAGE)
const read = readManifest(await readJson(file!))
if (!read.ok) fail(`${file}: ${read.problem}`)
const payload = await getPayload({ config })
try {
  const { docs } = await payload.find({
    collection: 'partners',
    where: { organisation: { equals: organisation } },
    limit: 1,
    depth: 0,
  })
  const partner = docs[0]
  if (!partner)
    fail(
      `No partner is called “${organisation}”: add it in the admin first (Partner access › Partners).`,
    )
  const before = Object.keys((partner!.operations as object | null) ?? {}).length
  const manifest = read.ok ? read.manifest : {}
  await payload.update({
    collection: 'partners',
    id: partner!.id,
    data: { operations: manifest },
    depth: 0,
  })
  console.log(
    `Registered ${Object.keys(manifest).length} operation(s) for ${organisation} (there were ${before}).`,
  )
} finally {
  await payload.destroy()
}
process.exit(0)
