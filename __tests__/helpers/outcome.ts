/** Outcomes made by hand, for renderings tested without a server. */
import { findDifferences } from '../../src/engine/differences.js'
import type { Outcome } from '../../src/engine/reconcile.js'
import type { DesiredTls, EnforcedTls } from '../../src/core/tls-setting.js'

/** The parent account read as `before` and compared against `policy` in verify, nothing written; `overrides` change the rest. */
export function readOutcome(policy: DesiredTls, before: EnforcedTls, overrides: Partial<Outcome> = {}): Outcome {
  const differences = findDifferences(policy, before)
  return {
    target: { kind: 'parent' },
    mode: 'verify',
    desired: policy,
    prior: before,
    result: before,
    differences,
    remaining: differences,
    confirmReads: 0,
    changed: false,
    compliant: differences.length === 0,
    ...overrides
  }
}
