import type { Outcome } from '../engine/reconcile.js'
import { FIELDS, type Field } from '../core/tls-setting.js'

/**
 * The fields a report has a column for. From inputs every target is held to one policy, the
 * first target's; from a policy file each to its own, and a field any target manages has a column.
 */
export function managedColumns(outcomes: readonly Outcome[]): { managed: Field[]; policyFile?: string } {
  const policyFile = outcomes.find((o) => o.selectedBy)?.selectedBy?.file
  const held = policyFile === undefined ? outcomes.slice(0, 1) : outcomes
  const managed = FIELDS.filter((field) => held.some((o) => o.desired[field] !== undefined))
  return policyFile === undefined ? { managed } : { managed, policyFile }
}
