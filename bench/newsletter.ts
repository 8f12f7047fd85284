// `npm run bench:newsletter [-- --subscribers 10000 --floor 2000]`: an edition of the newsletter
// sent to 10,000 subscribers as the hub sends it (src/newsletters/sender.ts: each rendered in the
// subscriber's language from the partner API, personalised, handed to SMTP, recorded), against a
// floor measured in the same run: the same message handed to the same SMTP server in a loop, with
// no database and no rendering. The SMTP server (smtp-server) runs here too and drops what it gets.
// Prints messages per second, their ratio to the floor, and the process's memory as the send goes:
// it must stay flat. A database of its own on the local server, with the real records.
import { writeFile } from 'node:fs/promises'
import { setTimeout as sleep } from 'node:timers/promises'
import { Presets, SingleBar } from 'cli-progress'
import getPort from 'get-port'
import pg from 'pg'
import { SMTPServer } from 'smtp-server'
import { z } from 'zod'

import { buildPartnerApi } from '../src/cli/buildApi'
import { run } from '../src/cli/run'
import { renderEdition } from '../site/email/edition'
import { createHub } from '../site/hub'
import { NewsletterQuery } from '../site/queries'
import { mailTransport } from '../src/mail/transport'
import { queueSend } from '../src/newsletters/sendEndpoint'
import { PERSONAL_PLACEHOLDERS, startSender } from '../src/newsletters/sender'
import { startServer } from '../tests/helpers/servers'
import { databaseOfItsOwn, dropDatabase, localDatabase, scriptOptions } from './script'

const Options = z.object({
  subscribers: z.coerce.number().int().min(10).max(1_000_000).default(10_000),
  floor: z.coerce.number().int().min(10).max(1_000_000).default(2000),
})
const options = scriptOptions(Options, {
  subscribers: { type: 'string' },
  floor: { type: 'string' },
})
const { databaseUrl: localUrl, payloadSecret } = localDatabase('bench:newsletter')

// ── A database of its own, with the real records ─────────────────────────────────────────────────
const NAME = 'hub_bench_newsletter'
const databaseUrl = await databaseOfItsOwn(localUrl, NAME)
console.log('▶ The real records, in a database of the bench’s own')
const env = { ...process.env, DATABASE_URL: databaseUrl, HUB_RUN_JOBS: 'false' }
if ((await run(process.execPath, ['--import', 'tsx', 'seed/run.ts'], env)) !== 0) process.exit(1)

// ── The SMTP server, and the partner API that editions are read from ────────────────────────────
let received = 0
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, _session, done) {
    stream.on('end', () => {
      received++
      done()
    })
    stream.resume()
  },
})
// A connection the sender drops (a retry, the end of a pool) is no failure of the bench.
smtp.on('error', () => undefined)
const smtpPort = await getPort()
await new Promise<void>((resolve) => smtp.listen(smtpPort, '127.0.0.1', resolve))
// The hub's own transport (src/mail/transport.ts), pointed at it: its variables are read at first use.
process.env.SMTP_URL = `smtp://127.0.0.1:${smtpPort}`
process.env.MAIL_FROM = 'Bench <bench@hub.invalid>'
const transport = mailTransport()
console.log('▶ The partner API (start:api)')
await buildPartnerApi()
const api = await startServer('api', { databaseUrl, payloadSecret })
const pool = new pg.Pool({ connectionString: databaseUrl, max: 4 })
const { rows: editions } = await pool.query<{ id: number; slug: string }>(
  `SELECT id, slug FROM newsletters WHERE _status = 'published' ORDER BY issue_date DESC LIMIT 1`,
)
const edition = editions[0]!
const hub = createHub(new URL('/graphql', api.base).toString())
const render = async (_: number, locale: 'en' | 'fr' | 'es' | 'ar') => {
  const data = await hub.query(NewsletterQuery, {
    locale: locale.toUpperCase() as 'EN',
    fallback: ['EN'],
    slug: edition.slug,
  })
  return renderEdition(data.newsletter!, locale, {
    siteUrl: 'https://www.example.org',
    ...PERSONAL_PLACEHOLDERS,
  })
}

// ── Memory, sampled as the send goes ─────────────────────────────────────────────────────────────
type Sample = { done: number; rssMb: number; heapMb: number }
const samples: Sample[] = []
const sample = (done: number) => {
  const { rss, heapUsed } = process.memoryUsage()
  samples.push({ done, rssMb: Math.round(rss / 2 ** 20), heapMb: Math.round(heapUsed / 2 ** 20) })
}

try {
  // ── The floor: the English edition to the same server, no database, no rendering ────────────
  const english = await render(edition.id, 'en')
  console.log(`▶ Floor: ${options.floor} messages handed to SMTP in a loop`)
  let began = performance.now()
  for (let i = 0; i < options.floor; i += 2) {
    await Promise.all(
      [i, i + 1].map((n) =>
        transport.sendMail({
          from: 'bench@hub.invalid',
          to: `floor-${n}@bench.invalid`,
          subject: english.subject,
          html: english.html,
          text: english.text,
        }),
      ),
    )
  }
  const floorRate = options.floor / ((performance.now() - began) / 1000)
  console.log(`  ${floorRate.toFixed(0)} messages/s`)

  // ── The hub's sender: 10,000 subscribers in four languages ──────────────────────────────────
  console.log(`▶ ${options.subscribers} subscribers, and a send of "${edition.slug}" to them`)
  const { rows: ids } = await pool.query<{ id: number }>(
    `INSERT INTO subscribers (email, status, locale, confirmed_at)
     SELECT 'reader-' || i || '@bench.invalid', 'subscribed',
            (ARRAY['en', 'fr', 'es', 'ar'])[1 + i % 4]::enum_subscribers_locale, now()
     FROM generate_series(1, $1) AS i RETURNING id`,
    [options.subscribers],
  )
  await pool.query(
    `INSERT INTO subscribers_interests ("order", parent_id, value)
     SELECT 1, id, 'newsletter' FROM unnest($1::int[]) AS id`,
    [ids.map((r) => r.id)],
  )
  const client = await pool.connect()
  await client.query('BEGIN')
  const { send } = await queueSend(client, {
    edition: edition.id,
    requestedBy: null,
    to: 'everyone',
  })
  await client.query('COMMIT')
  client.release()

  const before = received
  const bar = new SingleBar(
    { format: '  {bar} {value}/{total} sent · {rate} msg/s · RSS {rss} MB' },
    Presets.shades_classic,
  )
  bar.start(options.subscribers, 0, { rate: 0, rss: 0 })
  sample(0)
  began = performance.now()
  const sender = startSender({
    pool,
    sessionUrl: databaseUrl,
    render,
    deliver: ({ messageId, ...message }) =>
      transport.sendMail({ ...message, from: 'bench@hub.invalid', messageId }),
    siteUrl: 'https://www.example.org',
    rate: 1000,
    onEvent: () => undefined,
  })
  for (;;) {
    await sleep(500)
    const done = received - before
    sample(done)
    const seconds = (performance.now() - began) / 1000
    bar.update(done, { rate: (done / seconds).toFixed(0), rss: samples.at(-1)!.rssMb })
    const { rows } = await pool.query<{ status: string }>(
      'SELECT status::text FROM newsletter_sends WHERE id = $1',
      [send],
    )
    if (rows[0]!.status === 'done') break
  }
  const seconds = (performance.now() - began) / 1000
  bar.stop()
  await sender.stop()
  const senderRate = options.subscribers / seconds
  const at = (share: number) =>
    samples.find((s) => s.done >= share * options.subscribers) ?? samples.at(-1)!
  const report = {
    date: new Date().toISOString(),
    node: process.version,
    subscribers: options.subscribers,
    edition: edition.slug,
    floor: { messages: options.floor, perSecond: Math.round(floorRate) },
    sender: {
      perSecond: Math.round(senderRate),
      seconds: Math.round(seconds),
      shareOfFloor: Number((senderRate / floorRate).toFixed(2)),
    },
    memory: {
      atStart: samples[0],
      at10: at(0.1),
      at50: at(0.5),
      atEnd: samples.at(-1),
      peakRssMb: Math.max(...samples.map((s) => s.rssMb)),
    },
  }
  console.log(
    `\nSender: ${report.sender.perSecond} messages/s, ${Math.round(report.sender.shareOfFloor * 100)} % of the floor (${report.floor.perSecond}/s)`,
  )
  console.log(
    `Memory (RSS / heap used, MB): start ${report.memory.atStart?.rssMb}/${report.memory.atStart?.heapMb}, 10 % ${report.memory.at10.rssMb}/${report.memory.at10.heapMb}, 50 % ${report.memory.at50.rssMb}/${report.memory.at50.heapMb}, end ${report.memory.atEnd?.rssMb}/${report.memory.atEnd?.heapMb}; peak RSS ${report.memory.peakRssMb}`,
  )
  const file = `bench/results/${report.date.slice(0, 10)}-newsletter.json`
  await writeFile(file, `${JSON.stringify(report, null, 2)}\n`)
  console.log(`Report: ${file}`)
} finally {
  transport.close()
  await pool.end()
  await api.stop()
  await new Promise<void>((resolve) => smtp.close(() => resolve()))
  await dropDatabase(localUrl, NAME)
}
