import type { Clock } from '../core/clock.js'
import { Deadline } from '../core/deadline.js'
import type { RunLog } from '../core/log.js'
import type { SendGridClient } from '../sendgrid/client.js'
import type { Mode } from './mode.js'
import type { Vocabulary } from './vocabulary.js'

/**
 * What every part of one run shares, built once by `enforce`: the client and its pacing, how time
 * is spent, where to log, and how the face names its settings. The steps of a target's work
 * (read, forecast, write) and the lookups around them each start a deadline of their own from it.
 */
export interface RunContext {
  client: SendGridClient
  mode: Mode
  clock: Clock
  /** Aborted when the job is cancelled: requests and waits stop where they are. */
  signal?: AbortSignal
  log: RunLog
  vocabulary: Vocabulary
  /** One request's timeout. */
  requestTimeoutMs: number
  /** The time one step may take from when it starts: `budgetFor(requestTimeoutMs)`. */
  budgetMs: number
  /** Waits before each repeated confirming read: `CONFIRM_WAITS_MS` in production. */
  confirmWaitsMs: readonly number[]
}

/**
 * The time one step of a target's work may take (listing, reading, forecasting, writing), from
 * when that step starts: a request's four attempts at the request timeout fit, plus a minute for
 * backoff and the confirming reads. Waits for the rate limit are not counted. A dead server
 * fails a step in minutes.
 */
export function budgetFor(requestTimeoutMs: number): number {
  return 5 * requestTimeoutMs + 60_000
}

/** A step's deadline, starting now: when its work does, not when the run did. */
export function startStep(run: RunContext): Deadline {
  return new Deadline(run.budgetMs, run.clock.now)
}

export function isCancelled(run: RunContext): boolean {
  return run.signal?.aborted === true
}
