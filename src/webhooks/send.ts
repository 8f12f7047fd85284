// One signed POST to a webhook (Standard Webhooks: headers webhook-id, webhook-timestamp and
// webhook-signature, `v1,` HMAC-SHA256 over `id.timestamp.body`), signed by the `standardwebhooks`
// package. Sent with node:http(s) rather than fetch: it follows no redirect (a 3xx is a failure:
// a redirect could lead anywhere, past the address check), and its `lookup` option makes the
// connection go to the very address that was checked (src/webhooks/addresses.ts). Everything,
// from connecting to the end of the answer, must finish within the timeout.
import http from 'node:http'
import https from 'node:https'
import { Webhook } from 'standardwebhooks'

import { allowPrivateTargets, guardedLookup, refusedLiteralHost } from './addresses'

export const SEND_TIMEOUT_MS = 10_000
export const USER_AGENT = 'AllianceKnowledgeHub-Webhooks/1'

export type SendResult = {
  ok: boolean
  /** The answer's HTTP status; null when there was no answer. */
  status: number | null
  durationMs: number
  /** Why it failed, in a few words, for the admin; null when it succeeded. */
  error: string | null
}

export type Delivery = {
  url: string
  /** `whsec_…` */
  secret: string
  messageId: string
  /** The JSON text to send, exactly as signed. */
  body: string
}

const clip = (text: string, max = 300) => (text.length > max ? `${text.slice(0, max)}…` : text)

/** The URL to send to, or why it is refused. */
const checkTarget = (url: string, allowPrivate: boolean): URL | string => {
  let target: URL
  try {
    target = new URL(url)
  } catch {
    return 'the URL is not valid'
  }
  if (target.protocol !== 'https:' && !(allowPrivate && target.protocol === 'http:')) {
    return `refused: ${target.protocol} is not allowed (https only)`
  }
  const refused = refusedLiteralHost(target, allowPrivate)
  return refused ? `refused: the address is ${refused}` : target
}

const signedHeaders = ({ secret, messageId, body }: Delivery) => {
  const now = new Date()
  return {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(body)),
    'user-agent': USER_AGENT,
    'webhook-id': messageId,
    'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
    'webhook-signature': new Webhook(secret).sign(messageId, now, body),
  }
}

/** What an answer with `status` means: null for a success, else the error to record. */
const answerError = (status: number, location: string | undefined) => {
  if (status >= 200 && status < 300) return null
  if (status >= 300 && status < 400) {
    return `HTTP ${status}: redirect${location ? ` to ${location}` : ''} not followed`
  }
  return `HTTP ${status}`
}

const requestError = (error: Error) =>
  error.name === 'RefusedTarget'
    ? `refused: ${error.message}`
    : `${(error as NodeJS.ErrnoException).code ?? error.name}: ${error.message}`

type Outcome = { status: number | null; error: string | null }

/** One POST, its answer read to the end (a receiver may fail half-way) but not kept. */
const post = (
  target: URL,
  delivery: Delivery,
  { timeoutMs, allowPrivate }: { timeoutMs: number; allowPrivate: boolean },
) =>
  new Promise<Outcome>((resolve) => {
    let settled = false
    const settle = (status: number | null, error: string | null) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      request.destroy()
      resolve({ status, error })
    }
    const request = (target.protocol === 'https:' ? https : http).request(target, {
      method: 'POST',
      headers: signedHeaders(delivery),
      agent: false,
      lookup: guardedLookup(allowPrivate),
    })
    const timer = setTimeout(
      () => settle(null, `no answer within ${timeoutMs / 1000} s`),
      timeoutMs,
    )
    request.on('error', (error) => settle(null, requestError(error)))
    request.on('response', (response) => {
      const status = response.statusCode ?? 0
      response.on('data', () => {})
      response.on('error', (error) => settle(status, `answer cut off: ${error.message}`))
      response.on('end', () => settle(status, answerError(status, response.headers.location)))
    })
    request.end(delivery.body)
  })

export const sendSigned = async (
  delivery: Delivery,
  { timeoutMs = SEND_TIMEOUT_MS, allowPrivate = allowPrivateTargets() } = {},
): Promise<SendResult> => {
  const started = performance.now()
  const target = checkTarget(delivery.url, allowPrivate)
  const { status, error } =
    typeof target === 'string'
      ? { status: null, error: target }
      : await post(target, delivery, { timeoutMs, allowPrivate })
  return {
    ok: error === null,
    status,
    durationMs: Math.round(performance.now() - started),
    error: error === null ? null : clip(error),
  }
}
