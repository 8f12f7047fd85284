// What a hub on this machine knows about its own address (used by `npm start -- --production`).
import { isIP } from 'node:net'

const unbracketed = (host: string) => host.replace(/^\[(.*)\]$/, '$1')

/** 127.0.0.0/8, ::1 (also IPv4-mapped) and localhost: only this machine reaches a server there. */
export const isLoopbackHost = (host: string): boolean => {
  const bare = unbracketed(host.trim()).toLowerCase()
  if (bare === 'localhost' || bare.endsWith('.localhost')) return true
  if (isIP(bare) === 4) return bare.startsWith('127.')
  if (isIP(bare) !== 6) return false
  // The URL parser writes every IPv6 address in one canonical form: ::1, ::ffff:7f00:1…
  const canonical = new URL(`http://[${bare}]/`).hostname
  return canonical === '[::1]' || /^\[::ffff:7f[0-9a-f]{2}:/.test(canonical)
}

/** http://HOST:PORT, with an IPv6 address in brackets. */
export const localServerUrl = (host: string, port: number): string => {
  const bare = unbracketed(host.trim())
  return `http://${isIP(bare) === 6 ? `[${bare}]` : bare}:${port}`
}
