import type { Outcome } from './reconcile.js'

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
