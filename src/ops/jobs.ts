// Scheduled publishing runs on Payload's job runner: its `autoRun` timers (croner), which Payload
// starts in an instance made with `getPayload({ cron: true })`. The hub's server (src/cli/serve.ts)
// makes that instance for itself at start (`startJobRunner`), under its own cache key, apart from
// the instance Next's routes make at their first request (which is given no timers: one runner per
// process, running whether or not anyone has opened the admin).
//
// What "alive" means: the timer exists, is not stopped, and has completed a run within the last
// five minutes (or has been running for less than that; or was first seen less than five minutes
// ago and has not fired yet). A run that never returns holds every later run back (Payload starts
// the timer with `protect: true`), so it shows as "running for N minutes".
import { setTimeout as sleep } from 'node:timers/promises'
import { getPayload, type Payload, type SanitizedConfig } from 'payload'

import { sessionDatabaseUrl } from '../env'
import { createLeadership } from './leadership'

/** The advisory lock whose holder runs jobs ("JOBS"). */
export const JOBS_LOCK: [number, number] = [0x4a4f4253, 1]

/** Once a minute, up to 20 due jobs of the default queue (scheduled publications). */
export const AUTO_RUN = [{ cron: '* * * * *', queue: 'default', limit: 20 }]

/** How long to wait before trying again when Payload cannot start (the database is down). */
const RETRY_MS = 30_000

export type JobRunner = {
  /** The runner's timers: `undefined` until Payload has started. */
  timers: () => CronLike[] | undefined
  /** Whether this process's runner is the one that runs jobs now (src/ops/leadership.ts). */
  leads: () => Promise<boolean>
  /** Stops the timers (a run in progress finishes) and closes the runner's connections. */
  stop: () => Promise<void>
}

/**
 * Starts Payload's job runner in this process, trying again every 30 s while Payload cannot start
 * (the database down or not migrated yet), and saying so through `onError`.
 */
export const startJobRunner = (
  config: Promise<SanitizedConfig>,
  onError: (error: Error) => void,
  options: {
    /** Where the hubs that share jobs decide which one runs them (default: the session URL). */
    databaseUrl?: string
    /** Payload's cache key for the runner's instance (tests start two in one process). */
    key?: string
  } = {},
): JobRunner => {
  const stopped = new AbortController()
  let payload: Payload | undefined
  const databaseUrl = options.databaseUrl ?? sessionDatabaseUrl()
  // Every hub runs the timers; the one holding the lock runs the jobs (one run per job).
  const leadership = databaseUrl ? createLeadership(databaseUrl, JOBS_LOCK) : undefined
  const start = async () => {
    while (!stopped.signal.aborted) {
      try {
        const base = await config
        payload = await getPayload({
          config: {
            ...base,
            jobs: {
              ...base.jobs,
              autoRun: AUTO_RUN,
              ...(leadership ? { shouldAutoRun: () => leadership.holds() } : {}),
            },
          },
          cron: true,
          key: options.key ?? 'job-runner',
        })
        // Asked at once, not at the first tick: which hub runs the jobs is settled from the start.
        await leadership?.holds()
        return
      } catch (error) {
        onError(error as Error)
        await sleep(RETRY_MS, undefined, { signal: stopped.signal }).catch(() => undefined)
      }
    }
  }
  const starting = start()
  return {
    timers: () => {
      const timers = payload?.crons.filter(isCronLike)
      return timers?.length ? timers : undefined
    },
    leads: async () => (leadership ? leadership.holds() : true),
    stop: async () => {
      stopped.abort()
      await starting
      await payload?.destroy()
      await leadership?.release()
    },
  }
}

/** What this file needs of a croner `Cron`. */
export type CronLike = {
  isStopped: () => boolean
  isRunning: () => boolean
  isBusy: () => boolean
  currentRun: () => Date | null
  previousRun: () => Date | null
  nextRun: () => Date | null
}

const isCronLike = (value: unknown): value is CronLike =>
  typeof value === 'object' &&
  value !== null &&
  ['isStopped', 'isRunning', 'isBusy', 'currentRun', 'previousRun', 'nextRun'].every(
    (name) => typeof (value as Record<string, unknown>)[name] === 'function',
  )

export const RUNNER_SILENCE_MS = 5 * 60_000

export type RunnerVerdict =
  | { ok: true; lastRun: string | null; nextRun: string | null; running: boolean }
  | { ok: false; reason: string; notStarted?: boolean }

const minutes = (ms: number) => {
  const m = Math.floor(ms / 60_000)
  return m === 1 ? '1 minute' : `${m} minutes`
}

/**
 * Judges the timers. `firstSeen` is when this process first saw them (a timer that has not fired
 * yet is fine for `silenceMs` after that).
 */
export const judgeRunner = (
  timers: CronLike[] | undefined,
  now: number,
  firstSeen: number,
  silenceMs = RUNNER_SILENCE_MS,
): RunnerVerdict => {
  if (!timers?.length) {
    return {
      ok: false,
      notStarted: true,
      reason: 'the scheduled-publishing runner has not started yet',
    }
  }
  let lastRun: Date | null = null
  let nextRun: Date | null = null
  let running = false
  for (const timer of timers) {
    if (timer.isStopped() || !timer.isRunning()) {
      return { ok: false, reason: 'the scheduled-publishing runner is stopped' }
    }
    if (timer.isBusy()) {
      const since = timer.currentRun()?.getTime() ?? now
      if (now - since > silenceMs) {
        return {
          ok: false,
          reason: `a scheduled-publishing run has been running for ${minutes(now - since)}`,
        }
      }
      running = true
    } else {
      const previous = timer.previousRun()
      const quietSince = previous?.getTime() ?? firstSeen
      if (now - quietSince > silenceMs) {
        return {
          ok: false,
          reason: `the scheduled-publishing runner has not run for ${minutes(now - quietSince)}`,
        }
      }
    }
    const previous = timer.previousRun()
    if (previous && (!lastRun || previous > lastRun)) lastRun = previous
    const next = timer.nextRun()
    if (next && (!nextRun || next < nextRun)) nextRun = next
  }
  return {
    ok: true,
    lastRun: lastRun?.toISOString() ?? null,
    nextRun: nextRun?.toISOString() ?? null,
    running,
  }
}
