// When a failed webhook delivery is tried again: exponential backoff from 30 s, capped at 4 hours,
// with full jitter; given up once it has been tried 12 times and is a day old.
import { describe, expect, it } from 'vitest'

import {
  DEFAULT_SCHEDULE,
  givesUp,
  maxRetryDelay,
  type RetrySchedule,
  retryDelay,
} from '../../src/webhooks/schedule'

const SECOND = 1000
const MINUTE = 60 * SECOND
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

describe('the longest wait after a failure', () => {
  it.each([
    [1, 30 * SECOND],
    [2, MINUTE],
    [3, 2 * MINUTE],
    [6, 16 * MINUTE],
    [9, 128 * MINUTE],
  ])('after failure %i is %i ms (doubling from 30 s)', (failures, ms) => {
    expect(maxRetryDelay(failures)).toBe(ms)
  })

  it('reaches the 4-hour cap at the 10th failure and stays there', () => {
    expect(maxRetryDelay(10)).toBe(4 * HOUR)
    expect(maxRetryDelay(11)).toBe(4 * HOUR)
    expect(maxRetryDelay(1_000_000)).toBe(4 * HOUR)
  })

  it('is the first wait for a count below 1, never less', () => {
    expect(maxRetryDelay(0)).toBe(30 * SECOND)
    expect(maxRetryDelay(-5)).toBe(30 * SECOND)
  })

  it('follows a schedule of its own', () => {
    const fast: RetrySchedule = { baseMs: 100, capMs: 1000, minAttempts: 2, giveUpAfterMs: 5000 }
    expect([1, 2, 3, 4, 5].map((n) => maxRetryDelay(n, fast))).toEqual([100, 200, 400, 800, 1000])
  })
})

describe('the wait after a failure (full jitter)', () => {
  it('is anywhere from 0 to just under the longest wait', () => {
    expect(retryDelay(3, DEFAULT_SCHEDULE, () => 0)).toBe(0)
    expect(retryDelay(3, DEFAULT_SCHEDULE, () => 0.5)).toBe(MINUTE)
    expect(retryDelay(3, DEFAULT_SCHEDULE, () => 0.999_999_9)).toBe(2 * MINUTE - 1)
  })

  it('is whole milliseconds', () => {
    expect(Number.isInteger(retryDelay(1, DEFAULT_SCHEDULE, () => 1 / 3))).toBe(true)
  })

  it('spreads deliveries that failed together over the whole range', () => {
    const waits = Array.from({ length: 400 }, () => retryDelay(5))
    expect(Math.min(...waits)).toBeGreaterThanOrEqual(0)
    expect(Math.max(...waits)).toBeLessThan(8 * MINUTE)
    // 400 draws: the chance that none falls in the first or last quarter is 2 × 0.75^400.
    expect(waits.some((w) => w < 2 * MINUTE)).toBe(true)
    expect(waits.some((w) => w > 6 * MINUTE)).toBe(true)
  })
})

describe('giving up', () => {
  it('needs both 12 attempts and a day', () => {
    expect(givesUp(12, DAY)).toBe(true)
    expect(givesUp(11, DAY)).toBe(false)
    expect(givesUp(12, DAY - 1)).toBe(false)
    expect(givesUp(100, DAY - 1)).toBe(false)
    expect(givesUp(11, 10 * DAY)).toBe(false)
  })

  it('comes after about 20 attempts over a day, with waits at their average', () => {
    let attempts = 1
    let age = 0
    while (!givesUp(attempts, age)) {
      age += retryDelay(attempts, DEFAULT_SCHEDULE, () => 0.5)
      attempts += 1
    }
    expect(attempts).toBeGreaterThanOrEqual(18)
    expect(attempts).toBeLessThanOrEqual(22)
    expect(age).toBeGreaterThanOrEqual(DAY)
    expect(age).toBeLessThan(DAY + 2 * HOUR)
  })
})
