/** A clock whose sleeps pass at once and move its time on: waits of minutes cost microseconds. */
import { Cancelled, type Clock } from '../../src/core/clock.js'
import type { RetrySchedule } from '../../src/sendgrid/retry.js'

export interface FakeClock extends Clock {
  /** Every wait asked for, in milliseconds, in order. */
  slept: number[]
}

/**
 * A request's timeout, in real milliseconds at most: the stand-in on 127.0.0.1 answers in a few,
 * so a request left unanswered is given up in a fraction of a second, not the seconds production waits.
 */
const TIMEOUT_MS = 500

/** `maxTimeoutMs`: a request's real timeout at most; raised for tests whose stand-in does heavy work per answer. */
export function fakeClock(start = Date.now(), maxTimeoutMs = TIMEOUT_MS): FakeClock {
  let now = start
  const slept: number[] = []
  return {
    slept,
    now: () => now,
    timeout: (ms) => AbortSignal.timeout(Math.min(ms, maxTimeoutMs)),
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
