/**
 * The step's verdict, as GitHub shows it: an error annotation per failing target (placed on the
 * policy file's line when one set it), notices for what a plan would change, and one closing
 * line that fails the step or says all is well.
 */
import { describeChanges } from '../engine/change-limit.js'
import * as core from '@actions/core'
import { describeTarget } from '../core/target.js'
import { describeDifferences } from '../engine/differences.js'
import type { RunResult } from '../engine/enforce.js'
import type { Outcome } from '../engine/reconcile.js'
import { describeFailing, describePlanned, noteOf, problemOf, tallyOf, verdictOf } from '../engine/verdict.js'
import { annotate, liveLog } from './log.js'
import { annotationsOf, placeOf } from './placed.js'

/** Error annotations at most: GitHub shows ten per step; the summary lists every target. */
export const MAX_ANNOTATIONS = 10

/** Fails the step when any target failed, drifted in verify, or did not confirm in apply. */
export function conclude(result: RunResult): void {
  const { outcomes, multi, changes } = result
  for (const outcome of outcomes.filter((o) => o.wouldHold).slice(0, MAX_ANNOTATIONS)) {
    annotate.warning(`${describeTarget(outcome.target)}: ${noteOf(outcome) ?? ''}`)
  }
  if (changes && result.mode === 'plan') {
    annotate.notice(`max-changes: ${describeChanges(changes, result.mode)}`)
  }
  const failing = outcomes.filter((o) => ['failed', 'held', 'drift'].includes(verdictOf(o)))
  const planned = outcomes.filter((o) => verdictOf(o) === 'planned')
  if (!multi) {
    const [outcome] = outcomes
    if (outcome && failing.length > 0) annotate.fail(problem(outcome))
    else if (outcome && planned.length > 0)
      annotate.notice(`apply would change Enforced TLS of ${describeTarget(outcome.target)}: ${describeDifferences(outcome.differences)}`)
    else if (outcome) liveLog.info(`Enforced TLS of ${describeTarget(outcome.target)}: ${verdictOf(outcome)}`)
    return
  }
  if (result.error) return annotate.fail(result.error.message)
  if (outcomes.length === 0) annotate.warning("No targets: the key's account has no subusers, and include-parent is false.")
  // One annotation is kept for the verdict below; a target from a policy file may take several.
  const shown = failing.flatMap((o) => annotationsOf(o).map((annotation) => ({ outcome: o, annotation }))).slice(0, MAX_ANNOTATIONS - 1)
  for (const { outcome, annotation } of shown) {
    debugStack(outcome.error)
    annotate.error(annotation[0], annotation[1] && placeOf(annotation[1]))
  }
  const annotatedTargets = new Set(shown.map((s) => s.outcome)).size
  // What a plan would change is news even when another target failed: the two are told apart.
  // From a policy file, on the lines a pull request changed, so its diff shows what each would do.
  const placed = planned.filter((o) => o.origins).flatMap(annotationsOf)
  for (const [text, at] of placed.slice(0, MAX_ANNOTATIONS)) annotate.notice(text, at && placeOf(at))
  if (planned.length > 0) annotate.notice(`Plan: ${describePlanned(outcomes)}`)
  const failed = describeFailing(tallyOf(outcomes), outcomes.length)
  if (failed) {
    const annotated = failing.length > annotatedTargets ? `; the first ${annotatedTargets} are annotated` : ''
    annotate.fail(`${failed}${annotated}: see the job summary and the report output.`)
  } else if (planned.length === 0) {
    liveLog.info(`All ${outcomes.length} targets are compliant`)
  }
}

/** The annotation for a failing target; its stack, if any, only under debug. */
function problem(outcome: Outcome): string {
  debugStack(outcome.error)
  return problemOf(outcome) ?? ''
}

/** A stack trace is for a maintainer with debug logging on, never for the log a user reads. */
export function debugStack(error: unknown): void {
  if (core.isDebug() && error instanceof Error && error.stack) liveLog.debug(error.stack)
}
