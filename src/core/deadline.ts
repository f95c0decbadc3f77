/**
 * The time one phase of a target's work may take: its requests, retries and confirming reads.
 * It starts when that work starts, never when the run does, so a target queued behind others
 * has its whole budget when its turn comes. Waiting for SendGrid's rate limit is not spent from
 * it: the limit is the account's, shared by the whole fleet, and a run that waits its turn is
 * slow, not failing. Nothing else waits past it, so a dead server fails the step in minutes.
 */
export class Deadline {
  private end: number

  constructor(
    readonly budgetMs: number,
    private readonly now: () => number = Date.now
  ) {
    this.end = now() + budgetMs
  }

  remainingMs(): number {
    return Math.max(0, this.end - this.now())
  }

  /** Whether work that may take `ms` (a wait and the attempt after it) fits whole in what is left. */
  fits(ms: number): boolean {
    return ms <= this.remainingMs()
  }

  /**
   * Runs a wait that is not this target's to spend (a rate-limit pause), moving the end on by as
   * long as it lasted. Concurrent waits against one deadline each move it: a little generous, never short.
   */
  async excluding<T>(wait: () => Promise<T>): Promise<T> {
    const start = this.now()
    try {
      return await wait()
    } finally {
      this.end += Math.max(0, this.now() - start)
    }
  }
}
