// When a failed delivery is tried again: exponential backoff with full jitter (each wait is random
// between 0 and 30 s × 2^(failures−1), capped at 4 hours), so that many deliveries failing together
// (a partner's outage) do not come back together. Retries go on until the delivery is at least 24
// hours old and has been tried at least 12 times; the next failure gives up (and disables the
// webhook). With these numbers a delivery is tried about 20 times over a day.
export type RetrySchedule = {
  /** The longest first wait. */
  baseMs: number
  /** No wait is longer than this. */
  capMs: number
  /** Never give up before this many attempts… */
  minAttempts: number
  /** …nor before the delivery is this old. */
  giveUpAfterMs: number
}

export const DEFAULT_SCHEDULE: RetrySchedule = {
  baseMs: 30_000,
  capMs: 4 * 60 * 60_000,
  minAttempts: 12,
  giveUpAfterMs: 24 * 60 * 60_000,
}

/** The longest wait after the `failures`-th failure (1-based). */
export const maxRetryDelay = (failures: number, schedule: RetrySchedule = DEFAULT_SCHEDULE) =>
  Math.min(schedule.capMs, schedule.baseMs * 2 ** Math.max(0, Math.min(failures - 1, 40)))

/** The wait after the `failures`-th failure: anywhere from 0 to the longest (full jitter). */
export const retryDelay = (
  failures: number,
  schedule: RetrySchedule = DEFAULT_SCHEDULE,
  random: () => number = Math.random,
) => Math.floor(random() * maxRetryDelay(failures, schedule))

/** Whether a delivery that has now failed `attempts` times, queued `ageMs` ago, is given up. */
export const givesUp = (attempts: number, ageMs: number, schedule = DEFAULT_SCHEDULE) =>
  attempts >= schedule.minAttempts && ageMs >= schedule.giveUpAfterMs
