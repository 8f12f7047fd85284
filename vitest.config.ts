import { createRequire } from 'node:module'
import path from 'node:path'
import { defineConfig } from 'vitest/config'

const require = createRequire(import.meta.url)
/**
 * Test files that must not share the machine with another: they time real processes (a load at a
 * fixed rate; kills and restarts with deadlines) and start their own PostgreSQL.
 */
const ALONE = ['tests/int/soak.test.ts', 'tests/int/faults.test.ts']
/** Pure logic (ids, cursors, locale chains, retry delays, slugs…): no database, no Payload config. */
const UNIT = 'tests/unit/**/*.test.ts'

export default defineConfig({
  // The Next app's alias for the config, so that tests can call its route handlers.
  resolve: {
    alias: [
      {
        find: '@payload-config',
        replacement: path.resolve(import.meta.dirname, 'payload.config.ts'),
      },
      // One graphql for all: Vite would pick its ESM build, Node (for dependencies) its CommonJS one.
      { find: /^graphql$/, replacement: require.resolve('graphql') },
    ],
  },
  test: {
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 180_000,
    reporters: ['default'],
    projects: [
      {
        extends: true,
        test: {
          name: 'suite',
          globalSetup: ['tests/setup/globalSetup.ts'],
          setupFiles: ['tests/setup/env.ts'],
          include: ['tests/**/*.test.ts'],
          exclude: [...ALONE, UNIT],
          maxWorkers: 2,
          fileParallelism: true,
        },
      },
      // `npm run test:unit`: seconds, nothing started (no globalSetup, no setupFiles).
      {
        extends: true,
        test: {
          name: 'unit',
          include: [UNIT],
          // Beside the suite's files in `npm test` (projects in one group share their workers).
          maxWorkers: 2,
        },
      },
      // The soak sends a fixed rate whatever the answers take, so it measures the machine: beside
      // another test file on two cores its first half-minute queued saves past their 10 s limit.
      // The fault tests' seed, beside the bench's smoke run, did not start within a minute. They
      // run after the rest, one at a time, each on its own PostgreSQL (nothing from globalSetup).
      {
        extends: true,
        test: {
          name: 'alone',
          include: [...ALONE],
          maxWorkers: 1,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
})
