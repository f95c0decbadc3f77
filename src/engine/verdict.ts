import { describeDifferences } from './differences.js'
import type { Outcome } from './reconcile.js'
import { count } from '../core/plural.js'
import { describeTarget } from '../core/target.js'

/** The one-word answer a reviewer looks for, derived from an outcome. */
export type Verdict = 'compliant' | 'drift' | 'planned' | 'applied' | 'held' | 'failed'

export function verdictOf(outcome: Outcome): Verdict {
  if (outcome.error) return 'failed'
  if (outcome.held) return 'held'
  if (outcome.compliant) return outcome.changed ? 'applied' : 'compliant'
  switch (outcome.mode) {
    case 'verify':
      return 'drift'
    case 'plan':
    case 'export':
      return 'planned'
    case 'apply':
      // Written, yet the read-back still differs from the policy.
      return 'failed'
  }
}

/** Why a target failed, in one sentence: its error, or a write the reads never showed. */
export function failureOf(outcome: Outcome): string | undefined {
  if (outcome.error) return outcome.error.message
  if (outcome.held) return `not changed: ${outcome.held}`
  if (outcome.sent && !outcome.compliant) {
    return (
      `Enforced TLS of ${describeTarget(outcome.target)} was written, but ${outcome.confirmReads} reads since still show: ` +
      `${describeDifferences(outcome.remaining)}. SendGrid may apply it late: run verify again later`
    )
  }
  return undefined
}

/** A report's note on a target: its failure, or in a plan why apply would hold it back. */
export function noteOf(outcome: Outcome): string | undefined {
  return failureOf(outcome) ?? (outcome.wouldHold === undefined ? undefined : `apply would hold it back: ${outcome.wouldHold}`)
}

/** What is wrong with a target, in one sentence: its failure or its drift. */
export function problemOf(outcome: Outcome): string | undefined {
  const failure = failureOf(outcome)
  if (failure !== undefined || outcome.compliant) return failure
  return `Enforced TLS of ${describeTarget(outcome.target)} does not match the policy: ${describeDifferences(outcome.differences)}`
}

/**
 * What a plan's apply would do, in a phrase: change so many targets, and hold back those a safety
 * rail would keep, so a plan never promises a change its apply would refuse.
 */
export function describePlanned(outcomes: readonly Outcome[]): string {
  const planned = outcomes.filter((o) => verdictOf(o) === 'planned')
  const held = planned.filter((o) => o.wouldHold !== undefined).length
  const hold = held > 0 ? ` and hold ${held} back` : ''
  return `apply would change ${planned.length - held} of ${count(outcomes.length, 'target')}${hold}`
}

/** How many targets reached each verdict. */
export type Tally = Record<Verdict, number>

export function tallyOf(outcomes: readonly Outcome[]): Tally {
  const tally: Tally = { compliant: 0, drift: 0, planned: 0, applied: 0, held: 0, failed: 0 }
  for (const outcome of outcomes) tally[verdictOf(outcome)] += 1
  return tally
}

/**
 * The targets that fail the step, in one phrase, or undefined when none does. Drift is the
 * account's doing, a failure SendGrid's, the network's or the key's: they are counted apart so a
 * reviewer knows where to look.
 */
export function describeFailing(tally: Tally, total: number): string | undefined {
  const { drift, failed, held } = tally
  if (drift === 0 && failed === 0 && held === 0) return undefined
  // Only verify drifts, and there every target that is not compliant drifted or failed. In a plan
  // the targets it would change are not compliant either: only the failures are counted here.
  // Only apply holds a write back.
  if (drift === 0) {
    const heldBack = held > 0 ? `${held} of ${count(total, 'target')} held back by a safety rail` : ''
    const failing = failed > 0 ? `${failed} of ${count(total, 'target')} failed` : ''
    return [failing, heldBack].filter(Boolean).join('; ')
  }
  return `${describeNotCompliant(drift + failed, total)} (${drift} drifted${failed > 0 ? `, ${failed} failed` : ''})`
}

/** "1 of 4 targets is not compliant", "2 of 4 targets are not compliant": a reviewer reads it as a sentence. */
function describeNotCompliant(notCompliant: number, total: number): string {
  return `${notCompliant} of ${count(total, 'target')} ${notCompliant === 1 ? 'is' : 'are'} not compliant`
}
