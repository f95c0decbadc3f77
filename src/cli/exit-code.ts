import type { RunResult } from '../engine/enforce.js'
import { tallyOf } from '../engine/verdict.js'

/**
 * As `terraform plan -detailed-exitcode` answers: 0 when there is nothing to do, 2 when there is
 * (drift found by verify, changes pending in a plan), 1 when something went wrong. A script can
 * thus tell an account to fix from a run to repeat.
 */
export enum ExitCode {
  Done = 0,
  Error = 1,
  Pending = 2
}

/** An error anywhere outweighs drift: a target that could not be read may be the one that drifted. */
export function exitCodeOf(result: RunResult): ExitCode {
  if (result.error || result.cancelled) return ExitCode.Error
  const tally = tallyOf(result.outcomes)
  if (tally.failed > 0 || tally.held > 0) return ExitCode.Error
  return tally.drift > 0 || tally.planned > 0 ? ExitCode.Pending : ExitCode.Done
}
