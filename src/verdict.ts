import { describeDifferences } from './policy.js'
import type { Outcome } from './reconcile.js'
import { describeTarget } from './target.js'

/** The one-word answer a reviewer looks for, derived from an outcome. */
export type Verdict = 'compliant' | 'drift' | 'planned' | 'applied' | 'failed'

export function verdictOf(outcome: Outcome): Verdict {
  if (outcome.error) return 'failed'
  if (outcome.compliant) return outcome.changed ? 'applied' : 'compliant'
  switch (outcome.mode) {
    case 'verify':
      return 'drift'
    case 'plan':
      return 'planned'
    case 'apply':
      // Written, yet the read-back still differs from the policy.
      return 'failed'
  }
}

/** Why a target failed, in one sentence: its error, or a write the reads never showed. */
export function failureOf(outcome: Outcome): string | undefined {
  if (outcome.error) return outcome.error.message
  if (outcome.sent && !outcome.compliant) {
    return (
      `Enforced TLS of ${describeTarget(outcome.target)} was written, but ${outcome.confirmReads} reads since still show: ` +
      `${describeDifferences(outcome.remaining)}. SendGrid may apply it late: run verify again later`
    )
  }
  return undefined
}

/** What is wrong with a target, in one sentence: its failure or its drift. */
export function problemOf(outcome: Outcome): string | undefined {
  const failure = failureOf(outcome)
  if (failure !== undefined || outcome.compliant) return failure
  return `Enforced TLS of ${describeTarget(outcome.target)} does not match the policy: ${describeDifferences(outcome.differences)}`
}

/** "1 of 4 targets is not compliant", "2 of 4 targets are not compliant": a reviewer reads it as a sentence. */
export function describeNotCompliant(notCompliant: number, total: number): string {
  return `${notCompliant} of ${total} target${total === 1 ? '' : 's'} ${notCompliant === 1 ? 'is' : 'are'} not compliant`
}
