// Where a webhook may point. A webhook makes the hub send requests to an address an admin typed in:
// without a check, it could reach the hub's own machine, its database, a cloud metadata service
// (169.254.169.254) or anything else on the private network (server-side request forgery). Only
// globally routable unicast addresses are allowed (ipaddr.js names the ranges; anything it does not
// call `unicast` is refused: private, loopback, link-local, unique-local, CGNAT, multicast,
// unspecified, broadcast, documentation, NAT64 and 6to4 prefixes that embed an IPv4 address…).
//
// Checked twice: when the webhook is saved (the URL's host, resolved) and again on every send, on
// the addresses the connection will actually use (`guardedLookup`), so a name that resolved to a
// public address at save time and to 127.0.0.1 later (DNS rebinding) is still refused.
// WEBHOOK_ALLOW_PRIVATE=true turns both checks off (tests, a hub on a private network).
import { lookup as dnsLookup, type LookupAddress } from 'node:dns'
import { promises as dns } from 'node:dns'
import type { LookupFunction } from 'node:net'
import ipaddr from 'ipaddr.js'

import { env } from '../env'

export const allowPrivateTargets = () => env.WEBHOOK_ALLOW_PRIVATE === 'true'

/** ipaddr.js's range names, in words. */
const RANGE_WORDS: Record<string, string> = {
  carrierGradeNat: 'carrier-grade NAT',
  linkLocal: 'link-local',
  uniqueLocal: 'unique local',
  rfc6052: 'NAT64',
  '6to4': '6to4',
}

/** Why an address may not be a webhook's target (`127.0.0.1 (loopback)`); null when it may. */
export const refusedAddress = (address: string): string | null => {
  const host = address.replace(/^\[(.*)\]$/, '$1')
  if (!ipaddr.isValid(host)) return `${address} (not an IP address)`
  // IPv4-mapped IPv6 (::ffff:127.0.0.1) is judged as the IPv4 address it stands for.
  const parsed = ipaddr.process(host)
  const range = parsed.range()
  return range === 'unicast' ? null : `${parsed.toString()} (${RANGE_WORDS[range] ?? range})`
}

export const isPublicAddress = (address: string) => refusedAddress(address) === null

/** The URL's host without IPv6 brackets, and whether it is an address rather than a name. */
const hostOf = (url: URL) => {
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1')
  return { host, literal: ipaddr.isValid(host) }
}

export type UrlCheck = { ok: true; url: URL } | { ok: false; reason: string }

/**
 * Whether `value` may be a webhook's URL: https (http too when private targets are allowed), no
 * credentials in it, and a host whose every address is public. `resolve` is for tests.
 */
export const checkWebhookUrl = async (
  value: string,
  {
    allowPrivate = allowPrivateTargets(),
    resolve = (host: string) => dns.lookup(host, { all: true, verbatim: true }),
  }: {
    allowPrivate?: boolean
    resolve?: (host: string) => Promise<LookupAddress[]>
  } = {},
): Promise<UrlCheck> => {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return { ok: false, reason: 'Enter a full address starting with https://.' }
  }
  const protocols = allowPrivate ? ['https:', 'http:'] : ['https:']
  if (!protocols.includes(url.protocol)) {
    return { ok: false, reason: 'The address must start with https://.' }
  }
  if (url.username || url.password) {
    return { ok: false, reason: 'The address must not contain a user name or password.' }
  }
  if (allowPrivate) return { ok: true, url }
  const { host, literal } = hostOf(url)
  let addresses: string[]
  if (literal) addresses = [host]
  else {
    try {
      addresses = (await resolve(host)).map((a) => a.address)
    } catch {
      return { ok: false, reason: `${host} does not resolve to an address.` }
    }
  }
  for (const address of addresses) {
    const refused = refusedAddress(address)
    if (refused) {
      return {
        ok: false,
        reason: `${literal ? 'The address is' : `${host} resolves to`} ${refused}: webhooks may only reach public addresses.`,
      }
    }
  }
  return { ok: true, url }
}

/** A refused connection: the error a send reports. */
export class RefusedTarget extends Error {
  override name = 'RefusedTarget'
}

/**
 * A `lookup` for net/http that resolves as usual and refuses any private address: the connection
 * is made to the address checked here, never to one resolved again later.
 */
export const guardedLookup =
  (allowPrivate = allowPrivateTargets()): LookupFunction =>
  (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 0)
      const list = addresses as LookupAddress[]
      const refused = allowPrivate
        ? null
        : list.map((a) => refusedAddress(a.address)).find((reason) => reason !== null)
      if (refused) {
        return callback(
          new RefusedTarget(`${hostname} resolves to ${refused}`) as NodeJS.ErrnoException,
          '',
          0,
        )
      }
      if (!list.length) {
        return callback(new Error(`${hostname} has no address`) as NodeJS.ErrnoException, '', 0)
      }
      if (options.all) return (callback as (e: null, a: LookupAddress[]) => void)(null, list)
      callback(null, list[0]!.address, list[0]!.family)
    })
  }

/** An IP-literal host is connected to without a lookup: it is checked here instead. */
export const refusedLiteralHost = (url: URL, allowPrivate = allowPrivateTargets()) => {
  const { host, literal } = hostOf(url)
  return !allowPrivate && literal ? refusedAddress(host) : null
}
