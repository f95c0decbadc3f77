/**
 * When to try a request again, and how long to wait first. Transient: 429, 5xx, an answer that is
 * not JSON, a dropped connection, a timeout. Permanent: every other 4xx, and local refusals (a
 * redirect, a header that cannot be sent, a proxy that will not tunnel), which a retry cannot fix.
 */

/** The schedule of retries and waits; production's is `PRODUCTION_RETRY`, a test's can be microseconds. */
export interface RetrySchedule {
  /** Attempts of one request at most, the first included. */
  attempts: number
  /** Backoff before the second attempt; doubled before each later one, with jitter. */
  backoffBaseMs: number
  /** The longest wait for a rate limit (a 429, or headers that say the window is spent). */
  maxRateLimitWaitMs: number
}

export const PRODUCTION_RETRY: RetrySchedule = {
  attempts: 4,
  backoffBaseMs: 1000,
  // SendGrid's rate-limit window can be long; never sit on a runner longer than this for one wait.
  maxRateLimitWaitMs: 60_000
}

export function isTransientStatus(status: number): boolean {
  return status === 429 || status >= 500
}

/** Exponential backoff with jitter (about 1, 2, 4 s in production), so that parallel runs do not retry in step. */
export function backoffMs(failedAttempt: number, schedule: RetrySchedule, random: () => number = Math.random): number {
  return Math.round(schedule.backoffBaseMs * 2 ** (failedAttempt - 1) * (0.75 + 0.5 * random()))
}

export interface RateLimitHeaders {
  retryAfter?: string | null
  reset?: string | null
}

/**
 * How long a 429 asks us to wait: `Retry-After` when present (seconds or an HTTP date), else
 * until `X-RateLimit-Reset` (epoch seconds), plus a little jitter, capped. Undefined when neither
 * header says anything usable: the caller backs off instead.
 */
export function rateLimitWaitMs(
  headers: RateLimitHeaders,
  now: number,
  schedule: RetrySchedule,
  random: () => number = Math.random
): number | undefined {
  const until = retryAfterMs(headers.retryAfter, now) ?? resetMs(headers.reset, now)
  if (until === undefined) return undefined
  return Math.min(schedule.maxRateLimitWaitMs, Math.max(0, until) + Math.round(250 + 500 * random()))
}

function retryAfterMs(value: string | null | undefined, now: number): number | undefined {
  if (!value) return undefined
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Number(value) * 1000
  const date = Date.parse(value)
  return Number.isNaN(date) ? undefined : date - now
}

function resetMs(value: string | null | undefined, now: number): number | undefined {
  if (!value || !/^\d+$/.test(value.trim())) return undefined
  return Number(value) * 1000 - now
}
