/** A clock whose sleeps pass at once and move its time on: waits of minutes cost microseconds. */
import { Cancelled, type Clock } from '../../src/engine/clock.js'
import type { RetrySchedule } from '../../src/sendgrid/retry.js'

export interface FakeClock extends Clock {
  /** Every wait asked for, in milliseconds, in order. */
  slept: number[]
}

export function fakeClock(start = Date.now()): FakeClock {
  let now = start
  const slept: number[] = []
  return {
    slept,
    now: () => now,
    sleep: async (ms, signal) => {
      if (signal?.aborted) throw new Cancelled()
      slept.push(ms)
      now += ms
      await new Promise((resolve) => setImmediate(resolve))
      if (signal?.aborted) throw new Cancelled()
    }
  }
}

/** The production schedule's shape, with backoff in microseconds. */
export const FAST_RETRY: RetrySchedule = { attempts: 4, backoffBaseMs: 1, maxRateLimitWaitMs: 60_000 }
