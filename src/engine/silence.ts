import { SendGridError } from '../sendgrid/client.js'
import type { Outcome } from './reconcile.js'

/** Targets in a row that got no answer at all before the run stops starting new ones. */
const SILENT_TARGETS = 10

/**
 * A fleet behind an API that stopped answering, or answers 503 or 429 to everything, would take
 * each target's whole time budget in turn: hours for hundreds. After a run of targets that found
 * the API unavailable, the rest are not started, and say why.
 */
export class Silence {
  private inARow = 0
  private readonly limit: number

  constructor(concurrency: number) {
    // Several targets at once fail together: the run of them is counted past what was in flight.
    this.limit = Math.max(SILENT_TARGETS, 2 * concurrency)
  }

  record(outcome: Outcome): void {
    const status = outcome.error instanceof SendGridError ? outcome.error.status : 0
    // No answer, 5xx or 429 after every retry: the API is down or throttled for all, not this target.
    const unavailable = outcome.prior === undefined && (status === undefined || status === 429 || (status !== 0 && status >= 500))
    this.inARow = unavailable ? this.inARow + 1 : 0
  }

  broken(): boolean {
    return this.inARow >= this.limit
  }

  reason(): string {
    return `not read: SendGrid was unavailable to the last ${this.limit} targets (no answer, 5xx or 429 after every retry), so the run stopped starting new ones; run it again when the API answers`
  }
}
