import { count } from '../core/plural.js'
import type { Log } from '../core/log.js'
import type { Outcome, Reconciliation } from './reconcile.js'
import type { Mode } from './mode.js'
import type { ChangeLimit } from './settings/reader.js'

/** How many targets the run would change, against the limit; `held` when apply was stopped by it. */
export interface ChangeCount {
  wanted: number
  allowed: number
  /** The limit as the user wrote it, with what a share came to: `10`, `20% of 31 targets`. */
  limit: string
  held: boolean
}

/**
 * The count against the limit in one sentence, the same in every rendering: what apply would
 * change (or changed), the limit, and whether the limit stops it.
 */
export function describeChanges(changes: ChangeCount, mode: Mode): string {
  const targets = count(changes.wanted, 'target')
  if (mode === 'apply' && changes.held)
    return `apply would have changed ${targets}, more than the limit of ${changes.limit}, so it changed none`
  if (mode === 'apply') return `apply changed or tried ${targets}, the limit is ${changes.limit}`
  const over = changes.wanted > changes.allowed ? ': an apply would change none of them, and fail' : ''
  return `apply would change ${targets}, the limit is ${changes.limit}${over}`
}

/**
 * A share is of the targets read, rounded down: 20 % of 31 allows 6. Not of every target named:
 * names that do not exist, or targets that could not be read, must not raise the limit.
 */
function allowedChanges(limit: ChangeLimit, targets: number): number {
  return 'count' in limit ? limit.count : Math.floor((targets * limit.percent) / 100)
}

function describeLimit(limit: ChangeLimit, targets: number): string {
  return 'count' in limit
    ? String(limit.count)
    : `${limit.percent}% of ${count(targets, 'target')} read, so ${allowedChanges(limit, targets)}`
}

/**
 * A target apply would write: read, not compliant, and not held back by anything else (in a plan,
 * not one its apply would hold), so that a plan and its apply count alike.
 */
function wouldChange(outcome: Outcome): boolean {
  return outcome.prior !== undefined && !outcome.error && !outcome.compliant && !outcome.held && !outcome.wouldHold
}

/**
 * Like a Terraform plan that is refused as a whole, an apply that would change more targets than
 * the limit changes none: a policy edit that touches the whole fleet by mistake is stopped before
 * its first write, and a half-applied fleet is never left behind. A plan only counts.
 */
export function holdOverLimit(
  reconciliations: readonly Reconciliation[],
  limit: ChangeLimit,
  /** The setting as the face names it: `max-changes`, `--max-changes`. */
  name: string,
  log: Log
): ChangeCount {
  const changing = reconciliations.filter(({ outcome }) => wouldChange(outcome))
  const read = reconciliations.filter(({ outcome }) => outcome.prior !== undefined && !outcome.error).length
  const allowed = allowedChanges(limit, read)
  const described = describeLimit(limit, read)
  const over = changing.length > allowed
  const apply = reconciliations[0]?.outcome.mode === 'apply'
  log.info(`Changes: ${changing.length} of ${count(reconciliations.length, 'target')}; ${name} allows ${described}`)
  if (over && apply) {
    const reason = `apply would change ${count(changing.length, 'target')}, more than ${name} allows (${described}), so it changed none`
    for (const reconciliation of changing) reconciliation.hold(reason)
  }
  return { wanted: changing.length, allowed, limit: described, held: over && apply }
}
