// Is scheduled publishing running in this process? Payload runs it from a cron timer (croner) that
// it starts in the process serving the app, at its first request (`jobs.autoRun` in
// payload.config.ts, every minute). The hub's gate runs in that same process (src/cli/serve.ts is
// Next's custom server), so it can look at the timer itself: Payload keeps its instance in
// `globalThis._payload` and the timers in `payload.crons`.
//
// What "alive" means: the timer exists, is not stopped, and has completed a run within the last
// five minutes (or has been running for less than that; or was first seen less than five minutes
// ago and has not fired yet). A run that never returns holds every later run back (Payload starts
// the timer with `protect: true`), so it shows as "running for N minutes".

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

type PayloadCache = Map<string, { payload?: { crons?: unknown } | null } | undefined>

/**
 * The job timers of the Payload instance in this process: `undefined` while Payload has not
 * started here (or has started without its timers).
 */
export const payloadJobTimers = (): CronLike[] | undefined => {
  const cache = (globalThis as { _payload?: unknown })._payload
  if (!(cache instanceof Map)) return undefined
  const crons = (cache as PayloadCache).get('default')?.payload?.crons
  if (!Array.isArray(crons)) return undefined
  const timers = crons.filter(isCronLike)
  return timers.length ? timers : undefined
}

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
