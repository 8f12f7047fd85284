// `npm run build:api` (run by `npm run start:api` first): the partner API alone, bundled by esbuild
// into one JavaScript file with its dependencies. Started from it, Node reads one file instead of
// compiling TypeScript at start (tsx) and resolving about a thousand modules: the API answers its
// first query in well under a second, which matters when replicas are added under load.
import { build } from 'esbuild'
import { mkdir, rename, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

import {
  FINISHED_CACHE_BYTES,
  PARSE_CACHE_BYTES,
  PERSISTED_QUERY_BYTES,
  PLAN_CACHE_BYTES,
  SHORTCUT_CACHE_BYTES,
} from '../cacheBudgets'
import { env, type Env } from '../env'

const ROOT = process.cwd()

/** The bundle `start:api` runs; under .build/ (not committed: built from the sources each start). */
export const PARTNER_API_BUNDLE = path.join(ROOT, '.build/partner-api/standalone.mjs')

/**
 * The heap a partner API process needs beyond its caches: yoga, pg and a request's garbage. Under
 * a long load (26,400 requests of the bench's scenarios) a ceiling of 75 MB plus the default caches
 * (160 MB) held start:api at 180 MB of RSS on Node 24 and 153 MB on Node 20, at about 5 % more CPU;
 * uncapped, V8 let it grow to 263 MB while most of it was garbage (docs/performance.md, "Memory").
 */
const API_WORKING_HEAP_MB = 75

/**
 * The old generation's ceiling for a partner API process: PARTNER_API_HEAP_MB when set, else the
 * working heap plus every cache's budget full, so that a larger response cache raises it with it.
 */
export const partnerApiHeapMb = ({
  PARTNER_API_HEAP_MB,
  PARTNER_RESPONSE_CACHE_BYTES,
}: Pick<Env, 'PARTNER_API_HEAP_MB' | 'PARTNER_RESPONSE_CACHE_BYTES'>) =>
  PARTNER_API_HEAP_MB ??
  API_WORKING_HEAP_MB +
    Math.ceil(
      (PARTNER_RESPONSE_CACHE_BYTES +
        FINISHED_CACHE_BYTES +
        PARSE_CACHE_BYTES * (1 + 1 / 16) +
        PERSISTED_QUERY_BYTES +
        PLAN_CACHE_BYTES +
        SHORTCUT_CACHE_BYTES) /
        2 ** 20,
    )

/**
 * Node's arguments to run the bundle: stack traces point into the TypeScript sources, the old
 * generation is capped (partnerApiHeapMb) and the young one held to Node 20's 16 MB semi-spaces.
 * Node 24 lets them grow to 32 MB, which under the bench's load took start:api from ~215 MB of RSS
 * to ~295 MB at the same CPU per request: its garbage (a few hundred KB per request) dies within 16 MB.
 */
export const partnerApiArgs = (heapMb = partnerApiHeapMb(env)) => [
  '--enable-source-maps',
  `--max-old-space-size=${heapMb}`,
  '--max-semi-space-size=16',
  PARTNER_API_BUNDLE,
]

/**
 * Builds the bundle and its source map, each written whole under a temporary name and then renamed:
 * a process starting it meanwhile (tests build it in several at once) reads the old file or the new.
 */
export const buildPartnerApi = async () => {
  const began = performance.now()
  const { outputFiles, metafile } = await build({
    entryPoints: [path.join(ROOT, 'graphql/standalone.ts')],
    outfile: PARTNER_API_BUNDLE,
    write: false,
    metafile: true,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: true,
    sourcesContent: false,
    // pg's optional native binding is never installed here; pg falls back to JavaScript.
    external: ['pg-native'],
    // Some dependencies are CommonJS and call `require` for Node's own modules.
    banner: {
      js: "import { createRequire as __hubRequire } from 'node:module'; const require = __hubRequire(import.meta.url);",
    },
    logLevel: 'warning',
  })
  await mkdir(path.dirname(PARTNER_API_BUNDLE), { recursive: true })
  // The map first: the bundle names it, and is the file that tells a starting process it is there.
  const isMap = (file: { path: string }) => file.path.endsWith('.map')
  for (const file of [...outputFiles.filter(isMap), ...outputFiles.filter((f) => !isMap(f))]) {
    const temporary = `${file.path}.${process.pid}.tmp`
    await writeFile(temporary, file.contents)
    await rename(temporary, file.path)
  }
  return {
    ms: Math.round(performance.now() - began),
    /** Every source file in the bundle, relative to the project's root. */
    inputs: Object.keys(metafile.inputs),
  }
}

let built: Promise<unknown> | undefined

/**
 * The bundle built once in this process, for tests and tools that start `start:api` (the test
 * run's global setup builds it and says so in HUB_PARTNER_API_BUILT, so its workers need not).
 */
export const ensurePartnerApi = async () => {
  if (env.HUB_PARTNER_API_BUILT === PARTNER_API_BUNDLE) return
  await (built ??= buildPartnerApi())
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { ms } = await buildPartnerApi()
  console.log(`Partner API bundled in ${ms} ms: ${path.relative(ROOT, PARTNER_API_BUNDLE)}`)
}
