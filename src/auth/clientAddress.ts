// Which client a request comes from, as the key the sign-in throttle counts on.
//
// Next gives route handlers no socket, only `x-forwarded-for`. The hub's own server
// (src/cli/serve.ts) appends the address of the peer it saw to that header, so the last entry is
// always real: the client itself, or the reverse proxy in front of the hub. Each trusted proxy
// appends its own peer's address in turn (nginx `$proxy_add_x_forwarded_for`), so the client is the
// entry `trustedProxies` places from the right. Entries further left were written by the client
// itself and prove nothing.
import type { IncomingMessage } from 'node:http'
import { isIP } from 'node:net'

/** Appends the peer this server saw to X-Forwarded-For (the servers call it on every request). */
export const recordPeer = (req: IncomingMessage) => {
  const peer = req.socket.remoteAddress
  if (!peer) return
  const prior = [req.headers['x-forwarded-for'] ?? []].flat().join(', ')
  req.headers['x-forwarded-for'] = prior ? `${prior}, ${peer}` : peer
}

/** Requests that name no usable address share this one key. */
export const UNKNOWN_CLIENT = 'unknown'

export const clientAddress = (headers: Headers, trustedProxies = 0): string => {
  const entries = (headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
  if (entries.length === 0) return UNKNOWN_CLIENT
  // Fewer entries than proxies: the request skipped the outer ones, and the leftmost entry is the
  // peer the first trusted proxy saw, the best we know.
  const entry = entries[Math.max(0, entries.length - 1 - trustedProxies)]!
  return addressKey(entry) ?? UNKNOWN_CLIENT
}

const expandIPv6 = (canonical: string): string[] => {
  const [head = '', tail] = canonical.split('::')
  const left = head ? head.split(':') : []
  const right = tail ? tail.split(':') : []
  const zeros = tail === undefined ? [] : Array(8 - left.length - right.length).fill('0')
  return [...left, ...zeros, ...right]
}

/**
 * A client's key as clientAddress gave it (an IPv4 address, or an IPv6 /64 as `a:b:c:d::/64`), or
 * an address to key; undefined for anything else. For keys passed between the hub's processes.
 */
export const visitorKey = (value: string): string | undefined =>
  /^[0-9a-f]{1,4}(:[0-9a-f]{1,4}){3}::\/64$/.test(value) ? value : addressKey(value)

/**
 * One key per IPv4 address and per IPv6 /64: a home, an office or a server is usually given a
 * whole /64, so counting single IPv6 addresses would give one client billions of fresh starts.
 * Accepts `1.2.3.4:567`, `[::1]:567`, IPv4-mapped IPv6 and zone ids; anything else is undefined.
 */
export const addressKey = (entry: string): string | undefined => {
  let value = entry.trim()
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value)
  if (bracketed) value = bracketed[1]!
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(value)) value = value.replace(/:\d+$/, '')
  value = value.replace(/%.*$/, '')
  const kind = isIP(value)
  if (kind === 4) return value
  if (kind !== 6) return undefined
  const canonical = new URL(`http://[${value}]/`).hostname.slice(1, -1)
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(canonical)
  if (mapped) {
    const high = parseInt(mapped[1]!, 16)
    const low = parseInt(mapped[2]!, 16)
    return [high >> 8, high & 255, low >> 8, low & 255].join('.')
  }
  return `${expandIPv6(canonical).slice(0, 4).join(':')}::/64`
}
