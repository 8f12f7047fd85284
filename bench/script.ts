// What the bench scripts share: their checked options, the local database that
// `src/cli/withDatabase.ts` started, a database of their own on that server, and medians.
import { parseArgs, type ParseArgsConfig } from 'node:util'
import pg from 'pg'
import type { z } from 'zod'

/** The script's `--options` as `schema` reads them; each wrong one is named, then exit 2. */
export const scriptOptions = <T extends z.ZodType>(
  schema: T,
  options: NonNullable<ParseArgsConfig['options']>,
): z.output<T> => {
  const parsed = schema.safeParse(parseArgs({ options }).values)
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      console.error(`--${issue.path.join('.')}: ${issue.message}`)
    process.exit(2)
  }
  return parsed.data
}

/** DATABASE_URL and PAYLOAD_SECRET, which `npm run <script>` sets; else how to run it, then exit 2. */
export const localDatabase = (script: string) => {
  const databaseUrl = process.env.DATABASE_URL
  const payloadSecret = process.env.PAYLOAD_SECRET
  if (!databaseUrl || !payloadSecret) {
    console.error(`Run it as \`npm run ${script}\`, which starts the local database.`)
    process.exit(2)
  }
  return { databaseUrl, payloadSecret }
}

const onServer = async (serverUrl: string, statements: string[]) => {
  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  try {
    for (const statement of statements) await admin.query(statement)
  } finally {
    await admin.end()
  }
}

/** An empty database `name` on the server of `serverUrl` (dropped first if it exists); its URL. */
export const databaseOfItsOwn = async (serverUrl: string, name: string) => {
  await onServer(serverUrl, [
    `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`,
    `CREATE DATABASE ${name}`,
  ])
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  return url.toString()
}

/** Drops what `databaseOfItsOwn` made. */
export const dropDatabase = (serverUrl: string, name: string) =>
  onServer(serverUrl, [`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`])

/** The median of `values` (the mean of the middle two when they are even). */
export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}
