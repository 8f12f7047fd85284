import { createRequire } from 'node:module'
import path from 'node:path'
import { defineConfig } from 'vitest/config'

const require = createRequire(import.meta.url)

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
    globalSetup: ['tests/setup/globalSetup.ts'],
    setupFiles: ['tests/setup/env.ts'],
    include: ['tests/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 2,
    fileParallelism: true,
    testTimeout: 60_000,
    hookTimeout: 180_000,
    reporters: ['default'],
  },
})
