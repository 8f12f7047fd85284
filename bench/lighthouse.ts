// `npm run lighthouse`: Lighthouse 12 (mobile: a mid-range phone on slow 4G, simulated) on every page
// type of the Alliance's site, in English and Arabic, with Debian's Chromium. Starts its own seeded
// database and the production build, like `npm run fuzz`; prints the four scores per page and
// exits 1 when one is under its target (Performance 95, Accessibility, Best Practices and SEO 100).
// Writes bench/results/lighthouse-<date>.json.
//   npm run lighthouse                       every page type, en and ar
//   npm run lighthouse -- --base-url URL     a hub that is already running
import fs from 'node:fs/promises'
import { parseArgs } from 'node:util'
import { launch } from 'chrome-launcher'
import lighthouse from 'lighthouse'

import { ensureBuild, prepareDatabase } from '../tests/fuzz/run'
import { startServer, stopAllServers } from '../tests/helpers/servers'

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const TARGETS = { performance: 95, accessibility: 100, 'best-practices': 100, seo: 100 } as const
type Category = keyof typeof TARGETS

/** One of each page type (tests/int/siteBrowser.test.ts checks the same ones in Chromium). */
const PAGES: [string, string][] = [
  ['home', '/'],
  ['library', '/resources?language=fr'],
  ['resource', '/resources/minimum-standards-for-child-protection-in-humanitarian-action'],
  ['groups', '/groups'],
  ['group', '/groups/cpms-working-group'],
  ['webinars', '/webinars'],
  ['webinar', '/webinars/live-qa-child-neglect-in-humanitarian-settings'],
  ['newsletters', '/newsletters'],
  ['newsletter', '/newsletters/2021-02'],
  ['news', '/news'],
  ['news post', '/news/the-cpms-is-now-available-in-polish-and-more'],
  ['standards', '/standards'],
]

const { values } = parseArgs({ options: { 'base-url': { type: 'string' } } })

type Row = { page: string; url: string; scores: Record<Category, number> }

const main = async () => {
  const { base, stop } = values['base-url']
    ? { base: new URL(values['base-url']), stop: async () => {} }
    : await startHub()
  const chrome = await launch({
    chromePath: CHROMIUM,
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run'],
  })
  const rows: Row[] = []
  try {
    for (const lang of ['en', 'ar']) {
      for (const [name, path] of PAGES) {
        const url = new URL(`/${lang}${path}`, base).href
        process.stdout.write(`  ${lang} ${name.padEnd(12)} `)
        const scores = await audit(chrome.port, url)
        rows.push({ page: `${lang} ${name}`, url, scores })
      }
    }
  } finally {
    await chrome.kill()
    await stop()
    await stopAllServers()
  }
  await report(rows)
}

/** The production build on a seeded database of its own, and how to stop both. */
const startHub = async () => {
  await ensureBuild()
  const database = await prepareDatabase()
  console.log('▶ Starting the production build')
  const server = await startServer('prod', {
    databaseUrl: database.url,
    payloadSecret: database.secret,
  })
  const stop = async () => {
    await server.stop()
    await database.stop()
  }
  return { base: server.base, stop }
}

/** Lighthouse on `url` with the Chromium on `port`: the four scores, printed. */
const audit = async (port: number, url: string) => {
  const result = await lighthouse(url, {
    port,
    output: 'json',
    logLevel: 'error',
    onlyCategories: Object.keys(TARGETS),
  })
  const categories = result?.lhr.categories ?? {}
  const scores = Object.fromEntries(
    (Object.keys(TARGETS) as Category[]).map((key) => [
      key,
      Math.round((categories[key]?.score ?? 0) * 100),
    ]),
  ) as Record<Category, number>
  console.log(Object.values(scores).join(' · '))
  // What cost a point, so that a failing run says why.
  for (const key of Object.keys(TARGETS) as Category[]) {
    if (scores[key] >= TARGETS[key]) continue
    const audits = categories[key]?.auditRefs
      .map((ref) => result!.lhr.audits[ref.id]!)
      .filter(
        (audit) =>
          audit.score !== null && audit.score < 1 && audit.scoreDisplayMode !== 'informative',
      )
      .map((audit) => `${audit.id} (${audit.displayValue ?? audit.score})`)
    console.log(`      ${key} ${scores[key]} < ${TARGETS[key]}: ${audits?.join(', ')}`)
  }
  return scores
}

/** The table, bench/results/lighthouse-<date>.json, and exit 1 when a page is under a target. */
const report = async (rows: Row[]) => {
  console.log(
    '\n| page | Performance | Accessibility | Best Practices | SEO |\n| --- | ---: | ---: | ---: | ---: |',
  )
  for (const row of rows) {
    console.log(`| ${row.page} | ${Object.values(row.scores).join(' | ')} |`)
  }
  await fs.mkdir('bench/results', { recursive: true })
  const file = `bench/results/lighthouse-${new Date().toISOString().slice(0, 10)}.json`
  await fs.writeFile(
    file,
    `${JSON.stringify({ lighthouse: '12.2.3', chromium: CHROMIUM, targets: TARGETS, rows }, null, 2)}\n`,
  )
  console.log(`\nWritten to ${file}`)
  const under = rows.filter((row) =>
    (Object.keys(TARGETS) as Category[]).some((key) => row.scores[key] < TARGETS[key]),
  )
  if (under.length) {
    console.error(`✖ Under target: ${under.map((row) => row.page).join(', ')}`)
    process.exitCode = 1
  } else {
    console.log('✔ Every page meets its targets.')
  }
}

await main()
