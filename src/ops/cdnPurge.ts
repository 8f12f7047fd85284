// Purges a CDN in front of the partner API when a change commits: one request per change, naming
// the tags its answers carry (graphql/cacheTags.ts). Configured by a URL template, so that any CDN
// with a purge-by-tag API fits:
//   Cloudflare: CDN_PURGE_URL=https://api.cloudflare.com/client/v4/zones/<zone>/purge_cache
//               CDN_PURGE_AUTH="Bearer <token>"            (body {"tags": […]})
//   Fastly:     CDN_PURGE_URL=https://api.fastly.com/service/<id>/purge
//               CDN_PURGE_AUTH_HEADER=Fastly-Key CDN_PURGE_AUTH=<key>   (header Surrogate-Key: …)
//   Others:     `{tags}` in the URL is replaced by the tags, comma-separated and URL-encoded.
// A failed purge is logged and retried twice; answers then expire by their own s-maxage (60 s).
import { setTimeout as sleep } from 'node:timers/promises'
import pg from 'pg'

import { type ChangeListener, listenForChanges } from '../changes/listener'
import { survivePoolErrors } from '../db/outage'
import { tagsOfNotice } from '../changes/channel'
import { logEvent } from './log'

export type CdnPurgeConfig = {
  url: string
  authHeader?: string
  auth?: string
}

/** The purge request for a set of tags. */
export const purgeRequest = (config: CdnPurgeConfig, tags: string[]): Request =>
  new Request(config.url.replaceAll('{tags}', tags.map(encodeURIComponent).join(',')), {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'Surrogate-Key': tags.join(' '),
      ...(config.auth ? { [config.authHeader ?? 'Authorization']: config.auth } : {}),
    },
    body: JSON.stringify({ tags }),
    redirect: 'error',
    signal: AbortSignal.timeout(10_000),
  })

export const sendPurge = async (config: CdnPurgeConfig, tags: string[]) => {
  for (let attempt = 1; attempt <= 3; attempt++) {
    try {
      const response = await fetch(purgeRequest(config, tags))
      await response.arrayBuffer()
      if (response.ok) return true
      logEvent('warn', 'cdn-purge', `CDN purge answered ${response.status}`, {
        status: response.status,
        attempt,
      })
    } catch (error) {
      logEvent('warn', 'cdn-purge', 'CDN purge failed', { error: String(error), attempt })
    }
    if (attempt < 3) await sleep(1000 * attempt)
  }
  return false
}

/**
 * Waits (at most 30 s) until every streaming replica of the primary has replayed up to `lsn`: a CDN
 * purged before then would fetch a replica's old answer again. (Without the pg_read_all_stats role
 * the positions are hidden and nothing is waited for.)
 */
const replicasReplayed = async (primary: pg.Pool, lsn: string) => {
  const deadline = Date.now() + 30_000
  while (Date.now() < deadline) {
    const { rows } = await primary.query<{ done: boolean }>(
      `SELECT coalesce(bool_and(replay_lsn >= $1::pg_lsn), true) AS done FROM pg_stat_replication`,
      [lsn],
    )
    if (rows[0]?.done) return
    await sleep(50)
  }
  logEvent('warn', 'cdn-purge', 'A read replica is more than 30 s behind: purging the CDN anyway')
}

/** Listens on the primary and sends one purge per announced change, once replicas have it. */
export const startCdnPurge = (databaseUrl: string, config: CdnPurgeConfig): ChangeListener => {
  const primary = new pg.Pool({ connectionString: databaseUrl, max: 1 })
  survivePoolErrors(primary, 'CDN purge')
  const listener = listenForChanges(
    databaseUrl,
    async (notice, primaryLsn) => {
      await replicasReplayed(primary, await primaryLsn()).catch(() => {})
      await sendPurge(config, tagsOfNotice(notice))
    },
    'CDN purge',
  )
  return {
    listening: listener.listening,
    close: async () => {
      await listener.close()
      await primary.end()
    },
  }
}
