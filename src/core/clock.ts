/**
 * Time as a parameter: production waits seconds, a test passes a clock whose sleeps pass at once.
 * A sleep ends early, with `Cancelled`, when the run is cancelled.
 */
export interface Clock {
  now: () => number
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>
  /** A signal that aborts when a request has waited `ms` for its answer. */
  timeout: (ms: number) => AbortSignal
}

/** The job was cancelled (SIGINT or SIGTERM from the runner): work in progress stops where it is. */
export class Cancelled extends Error {
  /** Whether the request it interrupted may have reached SendGrid. */
  reached = false

  constructor(message = 'the run was cancelled') {
    super(message)
    this.name = 'Cancelled'
  }
}

export const systemClock: Clock = {
  now: () => Date.now(),
  timeout: (ms) => AbortSignal.timeout(ms),
  sleep: (ms, signal) =>
    new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(new Cancelled())
      const onAbort = () => {
        clearTimeout(timer)
        reject(new Cancelled())
      }
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort)
        resolve()
      }, ms)
      signal?.addEventListener('abort', onAbort, { once: true })
    })
}
