// Asking again until an answer holds, as a partner polling would. Another test file's open
// transaction holds the sync's horizon back, and with it recent changes, for a while: they come in
// a later sync, never lost, so tests about syncs ask again for up to 15 s.
import { setTimeout as sleep } from 'node:timers/promises'

/** The same patience for vitest's `expect.poll` and `vi.waitFor`. */
export const PATIENCE = { timeout: 15_000, interval: 200 }

/**
 * Calls `step` (first with nothing, then with what it gave last, for it to add to) until `done`
 * holds of its result or `timeoutMs` has passed, `everyMs` apart; returns the last result.
 */
export const pollUntil = async <T>(
  step: (previous: T | undefined) => Promise<T>,
  done: (result: T) => boolean,
  { timeoutMs = PATIENCE.timeout, everyMs = PATIENCE.interval } = {},
): Promise<T> => {
  const deadline = Date.now() + timeoutMs
  let result = await step(undefined)
  while (!done(result) && Date.now() < deadline) {
    await sleep(everyMs)
    result = await step(result)
  }
  return result
}
