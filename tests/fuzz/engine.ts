// Runs fuzz cases against servers and judges every answer: a status ≥ 500 (503 excepted), a stack
// trace or file path in the answer, no answer within the deadline, a status a case does not expect.
// Used by `npm run fuzz` (tests/fuzz/run.ts) and by the short form in `npm test`.
import { setTimeout as sleep } from 'node:timers/promises'
import type { Endpoint, Expect, FuzzCase } from './cases'
import { type Outcome, send } from './send'

export const TIMEOUT_MS = 5000
export const CONCURRENCY = 4

export type Target = {
  /** prod, dev, api, or the host of --base-url. */
  name: string
  base: URL
  endpoints: Endpoint[]
  /** Whether the server process still runs (when we started it). */
  alive?: () => boolean
}

export type Verdict = {
  target: string
  endpoint: Endpoint
  case: FuzzCase
  outcome: Outcome
  /** Why the case fails; empty when it passes. */
  failures: string[]
  /** The answer is a masked internal error ("Unexpected error.", "Something went wrong."). */
  masked: boolean
}

export type Tally = {
  target: string
  endpoint: Endpoint
  requests: number
  status500: number
  leaks: number
  hangs: number
  unexpected: number
  /** Connections closed without an answer (not a failure unless the case expects a status). */
  dropped: number
  /** Answers that are masked internal errors (informational). */
  masked: number
  slowestMs: number
  healthy?: boolean
}

// ---------------------------------------------------------------------------------------------
// What counts as a leak

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
/** An absolute path, not the path of a URL (no host or word character just before it). */
const absolute = (path: string) => new RegExp(`(?<![\\w.~%:/@-])${path}`)

const LEAK_PATTERNS: [string, RegExp][] = [
  [
    'a stack frame',
    /\bat (?:async )?[\w$.<>[\] ]{0,200} \((?:file:\/\/|node:)?[^()\s]{1,400}:\d+:\d+\)/,
  ],
  ['a stack frame', /(?:\n|\\n)\s*at (?:async )?(?:file:\/\/)?\/[^\s"]+:\d+:\d+/],
  ['an error with its stack', /Error:[^\n]{0,500}(?:\n|\\n)\s*at /],
  ['a "stack" field', /"stack"\s*:/],
  ['an "originalError" field', /"originalError"/],
  // As a path segment: Next's development HTML names chunks "node_modules_next_dist_…", no path.
  ['a node_modules path', /node_modules[\\/]/],
  ['a source position', /\.(?:[cm]?[jt]sx?):\d+(?::\d+)?\b/],
  ['a system path', absolute('\\/(?:root|home|tmp|usr|etc|var|opt|proc|srv|work)\\/')],
  ['a bundler path', /webpack-internal:|\[turbopack\]|\[project\]\//],
  ['the contents of /etc/passwd', /root:x?:0:0:/],
  ['the contents of package.json', /"name"\s*:\s*"alliance-knowledge-hub"/],
  ['a database URL', /postgres(?:ql)?:\/\/[^\s"']*@/],
]

const leakPatterns = (secrets: string[]) => {
  const cwd = process.cwd()
  return [
    ...LEAK_PATTERNS,
    ['the working directory', absolute(escape(cwd))] as [string, RegExp],
    ...secrets
      .filter((s) => s.length >= 12)
      .map((s): [string, RegExp] => ['a secret', new RegExp(escape(s))]),
  ]
}

/** The first leak in an answer, as "what: excerpt", or undefined. */
export const findLeak = (text: string, patterns: [string, RegExp][]) => {
  for (const [what, pattern] of patterns) {
    const match = pattern.exec(text)
    if (match) {
      const from = Math.max(0, match.index - 60)
      const excerpt = text.slice(from, match.index + match[0].length + 60).replace(/\s+/g, ' ')
      return `${what}: …${excerpt}…`
    }
  }
  return undefined
}

/**
 * Next's development pages (a 404 under `next dev`) carry the module ids of Next's own client
 * components, e.g. `[project]/node_modules/next/dist/client/components/layout-router.js`: the same in
 * every Next app, no path of this server's disk. Any other `[project]/…` id still counts as a leak.
 */
const NEXT_DEV_MODULE_IDS = /\[project\]\/node_modules\/next\/dist\/[\w./-]+\.js/g

const MASKED = /Unexpected error\.|Something went wrong\.|Internal Server Error/

const inRange = (status: number, expect: Expect) =>
  typeof expect === 'number' ? status === expect : status >= expect[0] && status <= expect[1]

export const describeExpect = (expect: Expect) =>
  typeof expect === 'number' ? String(expect) : `${expect[0]}–${expect[1]}`

export const judge = (
  target: string,
  c: FuzzCase,
  outcome: Outcome,
  patterns: [string, RegExp][],
): Verdict => {
  const failures: string[] = []
  let masked = false
  if (outcome.kind === 'hang') {
    failures.push(
      `hang: no complete answer in ${TIMEOUT_MS / 1000} s${outcome.status ? ` (status ${outcome.status} came, the body did not finish)` : ''}`,
    )
  } else if (outcome.kind === 'dropped') {
    if (c.expect !== undefined) {
      failures.push(
        `unexpected: connection closed without an answer (${outcome.error}), expected ${describeExpect(c.expect)}`,
      )
    }
  } else {
    if (outcome.status >= 500 && outcome.status !== 503) failures.push(`status ${outcome.status}`)
    const text =
      `${outcome.headers.map(([n, v]) => `${n}: ${v}`).join('\n')}\n\n${outcome.body.toString('utf8')}`.replace(
        NEXT_DEV_MODULE_IDS,
        '[next module]',
      )
    const leak = findLeak(text, patterns)
    if (leak) failures.push(`leak: ${leak}`)
    if (c.expect !== undefined && !inRange(outcome.status, c.expect)) {
      failures.push(`unexpected: status ${outcome.status}, expected ${describeExpect(c.expect)}`)
    }
    masked = MASKED.test(outcome.body.subarray(0, 64 * 1024).toString('utf8'))
  }
  return { target, endpoint: c.endpoint, case: c, outcome, failures, masked }
}

// ---------------------------------------------------------------------------------------------
// Health

const healthCases: Record<Endpoint, FuzzCase> = {
  graphql: {
    name: 'health: { __typename } over POST',
    family: 'health',
    endpoint: 'graphql',
    method: 'POST',
    path: '/graphql',
    headers: [['Content-Type', 'application/json']],
    body: '{"query":"{ __typename }"}',
  },
  rest: {
    name: 'health: GET /api/resources?limit=1',
    family: 'health',
    endpoint: 'rest',
    method: 'GET',
    path: '/api/resources?limit=1',
    headers: [['Accept', 'application/json']],
  },
  site: {
    name: 'health: GET /en/',
    family: 'health',
    endpoint: 'site',
    method: 'GET',
    path: '/en/',
    headers: [['Accept', 'text/html']],
  },
}

/** One health check of an endpoint: a 200 within 10 s. */
export const healthy = async (base: URL, endpoint: Endpoint) => {
  const outcome = await send(base, healthCases[endpoint], 10_000)
  return outcome.kind === 'answer' && outcome.status === 200
}

/** Polls until every endpoint of the target is healthy, or `withinMs` passes. */
export const waitHealthy = async (target: Target, withinMs: number) => {
  const deadline = Date.now() + withinMs
  for (;;) {
    let ok = true
    for (const endpoint of target.endpoints) ok = ok && (await healthy(target.base, endpoint))
    if (ok || Date.now() > deadline || target.alive?.() === false) return ok
    await sleep(1000)
  }
}

// ---------------------------------------------------------------------------------------------
// Running

export type RunOptions = {
  concurrency?: number
  timeoutMs?: number
  /** Texts that must never appear in an answer (the PAYLOAD_SECRET, the database password). */
  secrets?: string[]
  onVerdict?: (verdict: Verdict, done: number, total: number) => void
  /** Checked before each case: true ends the run early (Ctrl-C). */
  stop?: () => boolean
}

/**
 * Runs the cases of the target's endpoints, at most `concurrency` at once; a `solo` case runs
 * alone. After a hang, waits for the server to answer again before going on, so that one stall
 * is not counted against the cases that happen to follow it.
 */
export const runTarget = async (
  target: Target,
  cases: FuzzCase[],
  options: RunOptions = {},
): Promise<{ verdicts: Verdict[]; tallies: Tally[] }> => {
  const concurrency = options.concurrency ?? CONCURRENCY
  const timeoutMs = options.timeoutMs ?? TIMEOUT_MS
  const patterns = leakPatterns(options.secrets ?? [])
  const mine = cases.filter((c) => target.endpoints.includes(c.endpoint))
  const verdicts: Verdict[] = new Array(mine.length)
  const inFlight = new Set<Promise<void>>()
  let done = 0
  let stalled = false
  /** The server did not recover from a hang within a minute: stop waiting for it. */
  let wedged = false

  const run = async (index: number) => {
    const c = mine[index]!
    const outcome = await send(target.base, c, timeoutMs)
    const verdict = judge(target.name, c, outcome, patterns)
    verdicts[index] = verdict
    if (outcome.kind === 'hang') stalled = true
    options.onVerdict?.(verdict, ++done, mine.length)
  }

  for (let index = 0; index < mine.length; index++) {
    if (options.stop?.()) break
    const c = mine[index]!
    if (c.solo || stalled) await Promise.all(inFlight)
    if (stalled) {
      if (!wedged) wedged = !(await waitHealthy(target, 60_000))
      stalled = false
    }
    while (inFlight.size >= concurrency) await Promise.race(inFlight)
    const promise = run(index).finally(() => inFlight.delete(promise))
    inFlight.add(promise)
    if (c.solo) await promise
  }
  await Promise.all(inFlight)
  if (stalled && !wedged) await waitHealthy(target, 60_000)

  const tallies: Tally[] = []
  for (const endpoint of target.endpoints) {
    if (options.stop?.()) break
    const mineHere = verdicts.filter((v) => v?.endpoint === endpoint)
    const has = (prefix: string) =>
      mineHere.filter((v) => v.failures.some((f) => f.startsWith(prefix))).length
    tallies.push({
      target: target.name,
      endpoint,
      requests: mineHere.length,
      status500: has('status '),
      leaks: has('leak'),
      hangs: has('hang'),
      unexpected: has('unexpected'),
      dropped: mineHere.filter((v) => v.outcome.kind === 'dropped').length,
      masked: mineHere.filter((v) => v.masked).length,
      slowestMs: Math.max(0, ...mineHere.map((v) => v.outcome.ms)),
      healthy: await waitHealthy({ ...target, endpoints: [endpoint] }, wedged ? 0 : 30_000),
    })
  }
  return { verdicts: verdicts.filter(Boolean), tallies }
}

// ---------------------------------------------------------------------------------------------
// Reporting

const ENDPOINT_PATH: Record<Endpoint, string> = {
  graphql: '/graphql',
  rest: '/api',
  site: '/ (site)',
}

export const tallyFailed = (t: Tally) =>
  t.status500 + t.leaks + t.hangs + t.unexpected > 0 || t.healthy === false

/** The figures as a Markdown table. */
export const formatTable = (tallies: Tally[]) => {
  const rows = [
    '| server | endpoint | requests | answers ≥ 500 | leaks | hangs > 5 s | unexpected status | healthy after | dropped | masked errors | slowest ms |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: |',
  ]
  for (const t of tallies) {
    rows.push(
      `| ${t.target} | ${ENDPOINT_PATH[t.endpoint]} | ${t.requests} | ${t.status500} | ${t.leaks} | ${t.hangs} | ${t.unexpected} | ${t.healthy === undefined ? '—' : t.healthy ? 'yes' : '**no**'} | ${t.dropped} | ${t.masked} | ${t.slowestMs} |`,
    )
  }
  return rows.join('\n')
}

const shorten = (text: string, max: number) => (text.length > max ? `${text.slice(0, max)}…` : text)

/** The request line of a case, shortened for a report. */
export const requestLine = (c: FuzzCase) => {
  if (c.raw !== undefined) {
    const raw = typeof c.raw === 'string' ? c.raw : Buffer.from(c.raw).toString('latin1')
    return `raw: ${shorten(JSON.stringify(raw), 160)}`
  }
  const body =
    c.body === undefined
      ? ''
      : ` body ${typeof c.body === 'string' ? `${shorten(JSON.stringify(c.body), 160)} (${Buffer.byteLength(c.body)} B)` : `${c.body.length} bytes`}`
  return `${c.method} ${shorten(c.path, 160)}${body}`
}

/** One failing case, for a person: what was sent, what came back, why it fails. */
export const formatFailure = (v: Verdict) => {
  const answer =
    v.outcome.kind === 'answer'
      ? `${v.outcome.status} in ${v.outcome.ms} ms: ${shorten(v.outcome.body.toString('utf8').replace(/\s+/g, ' '), 300)}`
      : v.outcome.kind === 'hang'
        ? `no answer in ${v.outcome.ms} ms`
        : `connection closed (${v.outcome.error}) after ${v.outcome.ms} ms`
  return [
    `✖ [${v.target} ${ENDPOINT_PATH[v.endpoint]}] ${v.case.family} › ${v.case.name}`,
    `    sent:   ${requestLine(v.case)}`,
    `    got:    ${answer}`,
    `    why:    ${v.failures.join('; ')}`,
  ].join('\n')
}

/** A JSON-friendly record of a failing case. */
export const failureRecord = (v: Verdict) => ({
  target: v.target,
  endpoint: v.endpoint,
  family: v.case.family,
  name: v.case.name,
  request: requestLine(v.case),
  failures: v.failures,
  status: v.outcome.kind === 'answer' ? v.outcome.status : null,
  ms: v.outcome.ms,
  body: v.outcome.kind === 'answer' ? v.outcome.body.toString('utf8').slice(0, 300) : null,
})
