/** Where the engine's work writes what it does; each face decides how that is shown. */
export interface Log {
  info: (message: string) => void
  debug: (message: string) => void
}

/** The log of a whole run, which also frames the work of each part. */
export interface RunLog extends Log {
  /** Work whose lines belong together under a title: a group in a GitHub log, a heading on a terminal. */
  group: <T>(title: string, work: () => Promise<T>) => Promise<T>
  /**
   * The log of one of several targets worked on at once: its lines are kept and shown together
   * when the target is done, so the log reads target by target.
   */
  forTarget: () => TargetLog
  /** Several targets are known and about to be worked on: a face may count them down as each is done. */
  starting?: (targets: number) => void
}

export interface TargetLog extends Log {
  /** The target is done: show its lines under `title`. */
  done: (title: string) => void
}

/** For work whose lines no one reads: an outcome made up without a request. */
export const silentLog: Log = { info: () => {}, debug: () => {} }
