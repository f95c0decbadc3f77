/**
 * Annotations placed on a policy file's lines: a problem of the file where it is written, a
 * drift or a planned change on the line that set the field, a failure on the entry that named the
 * target. A pull request's "Files changed" view then shows each on the policy itself.
 */
import { describeDifferences, type Difference } from '../engine/differences.js'
import type { PolicyProblem } from '../engine/policy/problems.js'
import type { Outcome } from '../engine/reconcile.js'
import { describeTarget } from '../core/target.js'
import type { Origin } from '../engine/target-policy.js'
import { problemOf } from '../engine/verdict.js'
import { annotate, type Annotation } from './log.js'

/**
 * What to annotate about a failing target, and where: a drift from a policy file on the line that
 * set each field, so a pull request shows it on that line; a failure on the entry that named the target.
 */
export function annotationsOf(outcome: Outcome): [string, Origin | undefined][] {
  const target = describeTarget(outcome.target)
  if (!outcome.origins || outcome.error || outcome.held || outcome.differences.length === 0) {
    return [[`${target}: ${problemOf(outcome) ?? ''}`, outcome.selectedBy]]
  }
  const byLine = new Map<Origin | undefined, Difference[]>()
  for (const difference of outcome.differences) {
    const origin = outcome.origins[difference.field]
    const same = [...byLine.keys()].find((o) => o?.line === origin?.line) ?? origin
    byLine.set(same, [...(byLine.get(same) ?? []), difference])
  }
  const verb = outcome.mode === 'plan' ? ': apply would change it to match' : ' does not match'
  return [...byLine].map(([origin, differences]) => [
    `${target}${verb} ${describeOrigin(origin)}: ${describeDifferences(differences)}`,
    origin
  ])
}

/** `the policy's default (line 3)`, `the policy's entry at line 11 (subuser legacy-billing)`. */
function describeOrigin(origin: Origin | undefined): string {
  if (!origin) return 'the policy'
  return origin.entry === 'default' ? `the policy's default (line ${origin.line})` : `the policy's entry at ${origin.entry}`
}

export function placeOf(at: Origin | PolicyProblem): Annotation {
  return { file: at.file, startLine: at.line, startColumn: at.column }
}

export function annotateAt(problem: PolicyProblem): void {
  ;(problem.severity === 'error' ? annotate.error : annotate.warning)(problem.message, placeOf(problem))
}
