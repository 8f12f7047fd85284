import { withPayload } from '@payloadcms/next/withPayload'
import { PHASE_PRODUCTION_SERVER } from 'next/constants.js'

/** @type {import('next').NextConfig} */
const nextConfig = {
  // The hub is an API and an admin: no image optimisation or public pages of its own.
  images: { unoptimized: true },
  // The hub's server logs each request itself (src/ops/log.ts) without query strings, which can hold
  // e-mail addresses and tokens; Next's development log would print them.
  logging: { incomingRequests: false },
}

/**
 * What a production server cannot run without. `next build` needs none of them (it loads the
 * config in its own phase), so only `next start` checks, before it listens: Payload itself reads
 * them at the first request, too late to stop a misconfigured deployment.
 * src/env.ts checks the same variables in full; this is the part that must fail at once.
 * @param {NodeJS.ProcessEnv} env
 */
export const productionProblems = (env) => {
  const problems = []
  const serverUrl = env.SERVER_URL?.trim()
  if (!serverUrl) {
    problems.push('SERVER_URL is not set (the public address, e.g. https://hub.example.org)')
  } else if (!/^https?:\/\/[^/]/.test(serverUrl)) {
    problems.push('SERVER_URL must be an http:// or https:// address')
  }
  const secret = env.PAYLOAD_SECRET?.trim()
  if (!secret) problems.push('PAYLOAD_SECRET is not set (32+ random characters)')
  else if (secret.length < 32) problems.push('PAYLOAD_SECRET must be at least 32 characters')
  return problems
}

/** @param {string} phase */
export default function config(phase) {
  if (phase === PHASE_PRODUCTION_SERVER && process.env.NODE_ENV === 'production') {
    const problems = productionProblems(process.env)
    if (problems.length > 0) {
      throw new Error(
        `The hub cannot start in production:\n  ${problems.join('\n  ')}\nSet them in the environment (or .env) and start again.`,
      )
    }
  }
  return withPayload(nextConfig, { devBundleServerPackages: false })
}
