// Trusted documents: the operations a partner's build registers ahead of use — the manifest
// `@graphql-codegen/client-preset` writes with `persistedDocuments` (`{ "sha256:<hash>": "<text>" }`).
// Checked when saved: each hash is the SHA-256 of its text, each text a GraphQL document.
import { parse } from 'graphql'
import { createHash } from 'node:crypto'
import { z } from 'zod'

/** Hashes as codegen writes them (`sha256:` + 64 hex digits), or bare. */
export const operationHash = (hash: string) => hash.replace(/^sha256:/, '').toLowerCase()
export const hashOf = (text: string) => createHash('sha256').update(text).digest('hex')

export const MAX_OPERATIONS = 2000

const HASH = /^(sha256:)?[0-9a-fA-F]{64}$/

const manifest = z
  .record(
    z.string(),
    z.string().min(1, 'has an empty text').max(100_000, 'is longer than 100,000 characters'),
  )
  .refine((value) => Object.keys(value).length <= MAX_OPERATIONS, {
    message: `holds more than ${MAX_OPERATIONS} operations`,
  })

export type Manifest = Record<string, string>

/** The manifest with bare hashes, or a sentence saying what is wrong with it. */
export const readManifest = (
  value: unknown,
): { ok: true; manifest: Manifest } | { ok: false; problem: string } => {
  const parsed = manifest.safeParse(value)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    const where = issue.path.length ? `the entry ${JSON.stringify(String(issue.path[0]))} ` : 'it '
    return {
      ok: false,
      problem: `The manifest is not one codegen writes: ${where}${issue.message}.`,
    }
  }
  const out: Manifest = {}
  for (const [hash, text] of Object.entries(parsed.data)) {
    if (!HASH.test(hash)) {
      return {
        ok: false,
        problem: `The entry ${JSON.stringify(hash)} is not named by a SHA-256 hash (sha256:<64 hex digits>).`,
      }
    }
    if (hashOf(text) !== operationHash(hash)) {
      return {
        ok: false,
        problem: `The hash ${hash} is not the SHA-256 of its text: build the manifest again.`,
      }
    }
    try {
      parse(text)
    } catch (error) {
      return {
        ok: false,
        problem: `The operation ${hash} is not GraphQL: ${(error as Error).message}`,
      }
    }
    out[operationHash(hash)] = text
  }
  return { ok: true, manifest: out }
}
