// `npm run seed` loads the real records; `npm run seed -- --scale N` adds N generated resources.
// Needs DATABASE_URL and PAYLOAD_SECRET (npm run seed provides both for the embedded database);
// applies pending migrations first.
import { SingleBar, Presets } from 'cli-progress'
import { parseArgs } from 'node:util'
import { getPayload } from 'payload'
import { z } from 'zod'

import config from '../payload.config'
import { seedData } from './data'
import { generateVolume } from './generate'
import { runSeed, SeedError } from './seed'
import { ensureFirstAdmin } from './firstAdmin'
import { applyMigrations, oneAtATime } from '../src/db/applyMigrations'

const args = z
  .object({
    scale: z.coerce
      .number({ error: '--scale takes a whole number' })
      .int()
      .min(1)
      .max(1_000_000)
      .optional(),
    'if-empty': z.boolean().optional(),
  })
  .safeParse(
    parseArgs({ options: { scale: { type: 'string' }, 'if-empty': { type: 'boolean' } } }).values,
  )
if (!args.success) {
  console.error(
    `Invalid arguments: ${args.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; ')}`,
  )
  process.exit(2)
}

console.log('Connecting to the database…')
const payload = await getPayload({ config })
// A fresh clone's `npm run seed` comes before any `npm run migrate`: the tables are made first.
await applyMigrations(payload)
const bar = new SingleBar(
  // Off a terminal (CI logs), a line every few seconds instead of a redrawn bar.
  {
    format: ' {collection} [{bar}] {value}/{total}',
    hideCursor: true,
    noTTYOutput: true,
    notTTYSchedule: 5000,
  },
  Presets.shades_classic,
)
let exitCode = 0
try {
  // Hubs started together on an empty database (several machines) seed it, and make its first
  // admin, once.
  await oneAtATime(async () => {
    if (
      args.data['if-empty'] &&
      (await payload.count({ collection: 'working-groups' })).totalDocs > 0
    ) {
      console.log('The database already holds content: seed skipped.')
    } else {
      console.log('Seeding the Alliance’s records…')
      let current = ''
      const report = await runSeed(payload, seedData, {
        onProgress: (collection, done, total) => {
          if (collection !== current) {
            if (current) bar.stop()
            bar.start(total, 0, { collection: collection.padEnd(18) })
            current = collection
          }
          bar.update(done)
        },
      })
      bar.stop()
      console.table(report)
    }
    await ensureFirstAdmin(payload)
  })
  if (args.data.scale) {
    console.log(`Generating ${args.data.scale} resources with translations and webinars…`)
    bar.start(args.data.scale, 0, { collection: 'resources'.padEnd(18) })
    const result = await generateVolume(payload, args.data.scale, (done) => bar.update(done))
    bar.stop()
    console.log(`Generated ${result.created} resources (${result.kept} already there).`)
  }
} catch (error) {
  bar.stop()
  exitCode = 1
  console.error(error instanceof SeedError ? error.message : error)
  if (!(error instanceof SeedError)) console.error('The seed was rolled back: nothing was written.')
} finally {
  await payload.destroy()
}
process.exit(exitCode)
