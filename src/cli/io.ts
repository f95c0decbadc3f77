import type { RunEnvironment } from '../engine/enforce.js'
import type { Environment } from './settings.js'

/** Where text goes: stdout or stderr, and whether a person's terminal is at the other end. */
export interface Stream {
  write(text: string): void
  isTTY: boolean
}

/**
 * Everything `main` takes from its process, so that a test runs it in-process: the environment,
 * the two streams, the cancellation signal, and how time is spent (production's unless a test
 * passes its own).
 */
export interface Io extends Pick<RunEnvironment, 'signal' | 'clock' | 'retry' | 'confirmWaitsMs' | 'mxResolver'> {
  env: Environment
  /** Where a relative --policy-file or --export-file is found: the process's working directory. */
  cwd: string
  stdout: Stream
  stderr: Stream
}
