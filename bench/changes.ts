// How fast partners follow changes (issue 11), measured on the bench's database:
//  - publish → webhook received: an edit published over REST, until a local receiver has the
//    signed request (the delivery worker runs in this process, as it runs in the hub's);
//  - publish → visible everywhere: until the hub and every cached `start:api` answer the new title;
//  - a delta sync after 100 changes against a full re-download: requests and bytes of each, and the
//    offline bundle's size.
import { setTimeout as sleep } from 'node:timers/promises'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted.length
    ? Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! * 10) /
        10
    : NaN
}

export type ChangeBench = {
  webhook: { samples: number; p50: number; p95: number }
  visible: { samples: number; processes: number; p50: number; p95: number }
  sync: {
    resources: number
    changes: number
    full: { requests: number; bytes: number }
    delta: { requests: number; bytes: number; upserts: number }
    bundleBytes: Record<string, number>
  }
}

type Options = {
  hub: string
  /** Partner API processes with their response cache on (start:api). */
  cached: string[]
  token: string
  databaseUrl: string
  payloadSecret: string
  samples: number
  changes: number
  /** Ids of published resources to edit. */
  ids: number[]
  resources: number
  log: (line: string) => void
}

/** The selection a partner's job keeps (as examples/nightly-sync.ts). */
const SYNC = `query($token: String) { sync(token: $token, first: 100) { hasMore token
  upserts { __typename ... on Resource { id slug title { text locale } summary { text } publicationDate }
    ... on Webinar { id slug startsAt title { text } } }
  tombstones { id typename } } }`

const syncAll = async (api: string, token?: string) => {
  let requests = 0
  let bytes = 0
  let upserts = 0
  for (;;) {
    const response = await fetch(`${api}/graphql`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Accept-Encoding': 'gzip' },
      body: JSON.stringify({ query: SYNC, variables: { token } }),
    })
    const text = await response.text()
    requests++
    // What crossed the wire: the compressed length when the server compressed.
    bytes += Number(response.headers.get('content-length')) || Buffer.byteLength(text)
    const page = (
      JSON.parse(text) as {
        data: { sync: { hasMore: boolean; token: string; upserts: unknown[] } }
      }
    ).data.sync
    upserts += page.upserts.length
    token = page.token
    if (!page.hasMore) return { requests, bytes, upserts, token }
  }
}

export const measureChanges = async (options: Options): Promise<ChangeBench> => {
  const { arrivals, receiver, port } = await startReceiver()
  const worker = await startDelivery(options, port)
  const everywhere = [`${options.hub}`, ...options.cached]
  try {
    const { webhookMs, visibleMs } = await measureVisibility(options, arrivals, everywhere)
    const sync = await measureSync(options)
    return {
      webhook: {
        samples: webhookMs.length,
        p50: percentile(webhookMs, 50),
        p95: percentile(webhookMs, 95),
      },
      visible: {
        samples: visibleMs.length,
        processes: everywhere.length,
        p50: percentile(visibleMs, 50),
        p95: percentile(visibleMs, 95),
      },
      sync,
    }
  } finally {
    await worker.stop(1000)
    receiver.close()
  }
}

type Hub = Pick<Options, 'hub' | 'token'>

const rest = ({ hub, token }: Hub, method: string, path: string, body: unknown) =>
  fetch(`${hub}/api${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', Authorization: `JWT ${token}` },
    body: JSON.stringify(body),
  }).then(async (r) => {
    if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${await r.text()}`)
    return (await r.json()) as { doc: { id: number; slug: string } }
  })
const publish = (hub: Hub, id: number, title: string) =>
  rest(hub, 'PATCH', `/resources/${id}`, { title, _status: 'published' })

/** A receiver for the webhook: when the first delivery for each record arrived. */
const startReceiver = async () => {
  const arrivals = new Map<string, number>()
  const receiver = createServer((req, res) => {
    let body = ''
    req.on('data', (chunk: Buffer) => (body += chunk.toString()))
    req.on('end', () => {
      const id = (JSON.parse(body) as { data?: { id?: string } }).data?.id
      if (id && !arrivals.has(id)) arrivals.set(id, performance.now())
      res.writeHead(204).end()
    })
  })
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
  const { port } = receiver.address() as AddressInfo
  return { arrivals, receiver, port }
}

/** The delivery worker (as the hub runs it), and a webhook to the receiver on `port`. */
const startDelivery = async (options: Options, port: number) => {
  // The worker's modules read the hub's environment when loaded.
  process.env.PAYLOAD_SECRET ||= options.payloadSecret
  process.env.DATABASE_URL ||= options.databaseUrl
  const { startWebhookWorker } = await import('../src/webhooks/worker')
  const worker = startWebhookWorker({
    databaseUrl: options.databaseUrl,
    payloadSecret: options.payloadSecret,
    allowPrivate: true,
  })
  await rest(options, 'POST', '/webhooks', {
    name: 'Bench receiver',
    url: `http://127.0.0.1:${port}/hook`,
    active: true,
  })
  return worker
}

/** Milliseconds from each published edit to its webhook, and until every process answers it. */
const measureVisibility = async (
  options: Options,
  arrivals: Map<string, number>,
  everywhere: string[],
) => {
  const { log } = options
  const webhookMs: number[] = []
  const visibleMs: number[] = []
  log(
    `  publish → webhook and → visible in ${everywhere.length} processes, ${options.samples} edits`,
  )
  for (let i = 0; i < options.samples; i++) {
    const id = options.ids[i % options.ids.length]!
    const title = `Bench edit ${i} ${Date.now()}`
    const { doc } = await publish(options, id, title)
    const committed = performance.now()
    const globalId = Buffer.from(`Resource:${id}`).toString('base64url')
    const query = encodeURIComponent(`{ resource(slug: "${doc.slug}") { title { text } } }`)
    const seen = new Set<string>()
    while (seen.size < everywhere.length && performance.now() - committed < 10_000) {
      await Promise.all(
        everywhere
          .filter((base) => !seen.has(base))
          .map(async (base) => {
            const answer = (await (await fetch(`${base}/graphql?query=${query}`)).json()) as {
              data?: { resource?: { title?: { text?: string } } }
            }
            if (answer.data?.resource?.title?.text === title) seen.add(base)
          }),
      )
    }
    visibleMs.push(performance.now() - committed)
    while (!arrivals.has(globalId) && performance.now() - committed < 10_000) await sleep(2)
    webhookMs.push((arrivals.get(globalId) ?? Number.NaN) - committed)
    arrivals.delete(globalId)
  }
  return { webhookMs, visibleMs }
}

/** A delta sync after `options.changes` edits against a full re-download; the bundle's size. */
const measureSync = async (options: Options): Promise<ChangeBench['sync']> => {
  const { log } = options
  log(
    `  delta sync after ${options.changes} changes among ${options.resources.toLocaleString('en')} resources`,
  )
  const api = options.cached[0] ?? options.hub
  const full = await syncAll(api)
  for (let i = 0; i < options.changes; i++) {
    await publish(options, options.ids[i % options.ids.length]!, `Bench change ${i} ${Date.now()}`)
  }
  await sleep(200)
  const delta = await syncAll(api, full.token)
  const bundleBytes: Record<string, number> = {}
  for (const locale of ['en', 'ar']) {
    const response = await fetch(`${api}/bundle/${locale}.json.gz`)
    bundleBytes[locale] = (await response.arrayBuffer()).byteLength
  }
  return {
    resources: options.resources,
    changes: options.changes,
    full: { requests: full.requests, bytes: full.bytes },
    delta: { requests: delta.requests, bytes: delta.bytes, upserts: delta.upserts },
    bundleBytes,
  }
}
