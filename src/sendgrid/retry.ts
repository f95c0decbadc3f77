/**
 * When to try a request again, and how long to wait first. Transient: 429, 5xx, an answer that is
 * not JSON, a dropped connection, a timeout. Permanent: every other 4xx, which a retry cannot fix.
 */

export const MAX_ATTEMPTS = 4
/** Backoff before attempts 2, 3, 4: about 1, 2 and 4 s. */
export const BACKOFF_BASE_MS = 1000
/** SendGrid's rate-limit window can be long; never sit on a runner longer than this for one 429. */
export const MAX_RATE_LIMIT_WAIT_MS = 60_000

export function isTransientStatus(status: number): boolean {
  return status === 429 || status >= 500
}

/** Exponential backoff with jitter, so that parallel runs do not retry in step. */
export function backoffMs(failedAttempt: number, random: () => number = Math.random): number {
  return Math.round(BACKOFF_BASE_MS * 2 ** (failedAttempt - 1) * (0.75 + 0.5 * random()))
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
export function rateLimitWaitMs(headers: RateLimitHeaders, now: number, random: () => number = Math.random): number | undefined {
  const until = retryAfterMs(headers.retryAfter, now) ?? resetMs(headers.reset, now)
  if (until === undefined) return undefined
  return Math.min(MAX_RATE_LIMIT_WAIT_MS, Math.max(0, until) + Math.round(250 + 500 * random()))
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
