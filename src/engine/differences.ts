import { FIELDS, formatValue, type DesiredTls, type EnforcedTls, type Field } from '../core/tls-setting.js'

/** One managed field whose value on the account is not the one the policy asks for. */
export interface Difference {
  field: Field
  actual: EnforcedTls[Field]
  desired: EnforcedTls[Field]
}

/**
 * Compares only the fields the user manages; the others are the account's business. With
 * `allowStricter`, a value stricter than the policy (TLS or a valid certificate required when
 * not demanded, a higher minimum version) is no difference, so apply leaves it alone.
 */
export function findDifferences(desired: DesiredTls, actual: EnforcedTls, allowStricter = false): Difference[] {
  const differences: Difference[] = []
  for (const field of FIELDS) {
    const want = desired[field]
    if (want === undefined || want === actual[field]) continue
    if (allowStricter && isStricter(field, actual[field], want)) continue
    differences.push({ field, actual: actual[field], desired: want })
  }
  return differences
}

/** Booleans are stricter when true, versions when higher: both order the same way as numbers. */
function isStricter(field: Field, actual: EnforcedTls[Field], desired: EnforcedTls[Field]): boolean {
  return field === 'version' ? (actual as number) > (desired as number) : actual === true && desired === false
}

/**
 * The PATCH body that makes the account match: only the fields that differ. A field the user
 * does not manage is never sent, so a partial update cannot reset it to a default.
 */
export function patchBody(differences: readonly Difference[]): DesiredTls {
  return Object.fromEntries(differences.map((d) => [d.field, d.desired]))
}

export function describeDifference(d: Difference): string {
  return `${d.field} is ${formatValue(d.field, d.actual)}, policy wants ${formatValue(d.field, d.desired)}`
}

export function describeDifferences(differences: readonly Difference[]): string {
  return differences.map(describeDifference).join('; ')
}
