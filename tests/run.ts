// `npm test`: everything the suite needs, in order, each step named. Installs Debian's Chromium,
// HAProxy and PgBouncer when they are missing (as root), checks the generated files are committed,
// type-checks, builds the admin for the end-to-end test, then runs vitest (which starts its own
// PostgreSQL).
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { userInfo } from 'node:os'

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const GENERATED = [
  'src/payload-types.ts',
  'src/app/(payload)/admin/importMap.js',
  'graphql/generated',
  'examples/generated',
  'site/generated',
  '.env.example',
]

const step = (
  label: string,
  command: string,
  args: string[],
  env: Record<string, string | undefined> = {},
) => {
  console.log(`\n▶ ${label}`)
  const started = Date.now()
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } })
  if (result.status !== 0) {
    console.error(`✖ ${label} failed (exit ${result.status ?? result.signal}).`)
    process.exit(result.status ?? 1)
  }
  console.log(`✔ ${label} (${((Date.now() - started) / 1000).toFixed(1)} s)`)
}

// Debian packages the tests drive: Chromium (the admin and the site in a browser), HAProxy and
// PgBouncer (the several-machines recipe, tests/int/cluster.test.ts).
const PACKAGES = [
  { name: 'chromium', path: CHROMIUM, for: 'the admin and site tests (or set CHROMIUM_PATH)' },
  { name: 'haproxy', path: '/usr/sbin/haproxy', for: 'the several-machines test' },
  { name: 'pgbouncer', path: '/usr/sbin/pgbouncer', for: 'the several-machines test' },
]
const missing = PACKAGES.filter((item) => !existsSync(item.path))
if (missing.length) {
  if (userInfo().uid !== 0) {
    for (const item of missing) {
      console.error(
        `${item.path} is needed for ${item.for}: install Debian's "${item.name}" package.`,
      )
    }
    process.exit(1)
  }
  const names = missing.map((item) => item.name).join(' ')
  step(`Installing ${names} (Debian packages)`, 'sh', [
    '-c',
    `apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${names} >/dev/null`,
  ])
}

step('Regenerating types and the admin import map', 'npm', ['run', '--silent', 'generate'])
step('Regenerating the partner API types and typed client', 'npm', ['run', '--silent', 'codegen'])
step('Checking generated files are committed', 'git', ['diff', '--exit-code', '--', ...GENERATED])
step('Type-checking', 'npx', ['tsc', '--noEmit'])
// The layers (.dependency-cruiser.cjs): the core imports nothing of the partner API or the site, no circles.
step('Checking the layers and import circles', 'npm', ['run', '--silent', 'lint:deps'])
step('Building the admin (next build)', 'npx', ['next', 'build'], { NEXT_TELEMETRY_DISABLED: '1' })
const report = 'test-results/vitest.json'
const vitest = spawnSync(
  'npx',
  [
    'vitest',
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
    ...process.argv.slice(2),
  ],
  // The admin's Chromium checks (tests/int/adminBrowser.test.ts) use the build just made, not next dev.
  { stdio: 'inherit', env: { ...process.env, ADMIN_UI_SERVER: 'prod' } },
)
// One plain closing line that any CI can read.
const summary = existsSync(report)
  ? (JSON.parse(readFileSync(report, 'utf8')) as Record<string, unknown>)
  : undefined
const count = (key: string) => Number(summary?.[key] ?? 0)
console.log(
  `\nvitest: ${count('numPassedTests')} passed, ${count('numFailedTests')} failed, ${count('numPendingTests')} skipped`,
)
// vitest's own exit code is not enough: the embedded PostgreSQL package's exit hook ends the
// process with 0 once it has stopped its server, whatever vitest meant to return.
const failed =
  !summary ||
  summary.success === false ||
  count('numFailedTests') > 0 ||
  count('numFailedTestSuites') > 0 ||
  count('numTotalTests') === 0
process.exit(vitest.status || (failed ? 1 : 0))
