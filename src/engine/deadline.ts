/**
 * The time one target's work may take in all: requests, retries, rate-limit waits and the
 * confirming reads. Nothing waits past it, so a dead server fails the step in minutes, not hours.
 */
export class Deadline {
  private readonly end: number

  constructor(
    readonly budgetMs: number,
    private readonly now: () => number = Date.now
  ) {
    this.end = now() + budgetMs
  }

  remainingMs(): number {
    return Math.max(0, this.end - this.now())
  }

  /** Whether a wait of `ms` still leaves time for something to happen after it. */
  allows(ms: number): boolean {
    return ms < this.remainingMs()
  }
}
