import type { Clock } from '../core/clock.js'
import type { Log } from '../core/log.js'

/** What one answer's X-RateLimit-* headers said. */
export interface RateLimitState {
  limit: number
  remaining: number
  /** When the window ends, in epoch seconds (X-RateLimit-Reset, or sooner after a Retry-After). */
  reset: number
}

interface Window {
  limit?: number
  remaining?: number
  resetAtMs?: number
  inFlight: number
  /** The reset a pause was last announced for, so a crowd of waiting requests logs it once. */
  announced?: number
}

/**
 * Paces requests by SendGrid's rate-limit headers so that a large run rarely meets a 429: when
 * the requests left in a window are all in flight, the next waits for the window's reset.
 * SendGrid counts per endpoint; whether requests on behalf of different subusers share the
 * parent's count is not documented, so they are assumed to share it.
 */
export class RateLimiter {
  private readonly windows = new Map<string, Window>()

  constructor(
    private readonly clock: Clock,
    /** The longest pause for one window, whatever its reset says: after it, a request goes out and its answer tells. */
    private readonly maxWaitMs: number
  ) {}

  /**
   * Waits until a request to `endpoint` fits in the current window; the caller must `release`.
   * However long the wait, it is a turn in a queue, not a failure: the caller keeps it out of its
   * target's time budget, and only a cancellation ends it early.
   */
  async acquire(endpoint: string, log: Log, signal?: AbortSignal): Promise<void> {
    const window = this.window(endpoint)
    for (;;) {
      const now = this.clock.now()
      if (window.resetAtMs !== undefined && now >= window.resetAtMs) {
        // The window is over: assume a full one until an answer says otherwise.
        window.remaining = window.limit
        window.resetAtMs = undefined
      }
      if (window.remaining === undefined || window.remaining - window.inFlight > 0) {
        window.inFlight += 1
        return
      }
      // Small jitter past the reset, so the waiting requests do not all land in its first millisecond.
      const untilReset = window.resetAtMs === undefined ? undefined : window.resetAtMs - now + Math.round(Math.random() * 100)
      const capped = untilReset !== undefined && untilReset > this.maxWaitMs
      const wait = untilReset === undefined ? 100 : Math.min(untilReset, this.maxWaitMs)
      if (window.resetAtMs !== undefined && window.announced !== window.resetAtMs) {
        window.announced = window.resetAtMs
        log.info(
          `Rate limit of ${endpoint} used up (${window.limit ?? '?'} per window): pausing ${(wait / 1000).toFixed(1)} s until it resets`
        )
      }
      await this.clock.sleep(wait, signal)
      if (capped && window.resetAtMs !== undefined) {
        // A reset this far away is not believed: let a request go, and let its answer say more.
        window.remaining = undefined
        window.resetAtMs = undefined
      }
    }
  }

  /**
   * A 429 asked every request to the endpoint to wait until `untilMs`, whether or not it said how
   * large its window is: the others wait their turn here instead of each meeting the same refusal.
   */
  pause(endpoint: string, untilMs: number): void {
    const window = this.window(endpoint)
    // A limit the server will not tell is taken as one request at a time, until an answer says more:
    // a crowd let go at once would meet the limit again, each spending a turn.
    window.limit ??= 1
    window.remaining = 0
    window.resetAtMs = Math.max(window.resetAtMs ?? 0, untilMs)
  }

  /** Records what an answer said about the window; `state` is undefined when no answer came. */
  release(endpoint: string, state: RateLimitState | undefined): void {
    const window = this.window(endpoint)
    window.inFlight -= 1
    if (!state) return
    const resetAtMs = state.reset * 1000
    if (resetAtMs <= this.clock.now()) return // describes a window already over
    window.limit = state.limit
    if (window.resetAtMs === undefined || resetAtMs > window.resetAtMs) {
      window.resetAtMs = resetAtMs
      window.remaining = state.remaining
    } else if (resetAtMs === window.resetAtMs) {
      // Answers arrive out of order: the lowest count is the latest.
      window.remaining = Math.min(window.remaining ?? state.remaining, state.remaining)
    }
  }

  private window(endpoint: string): Window {
    let window = this.windows.get(endpoint)
    if (!window) {
      window = { inFlight: 0 }
      this.windows.set(endpoint, window)
    }
    return window
  }
}

/**
 * Reads the X-RateLimit-* headers, or undefined when they are missing or make no sense (a limit of
 * 0, more remaining than the limit, numbers too long to be counts): nonsense is no information.
 */
export function readRateLimit(headers: { get(name: string): string | null }): RateLimitState | undefined {
  const [limit, remaining, reset] = ['x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset'].map((name) => {
    const value = headers.get(name)?.trim()
    return value !== undefined && /^\d{1,12}$/.test(value) ? Number(value) : undefined
  })
  if (limit === undefined || remaining === undefined || reset === undefined) return undefined
  if (limit === 0 || remaining > limit) return undefined
  return { limit, remaining, reset }
}
