import { mkdtemp, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { DesiredTls, EnforcedTls, Field } from '../core/tls-setting.js'
import type { Outcome } from '../engine/reconcile.js'
import type { Forecast } from '../engine/forecast/forecast.js'
import { safe } from '../core/guard.js'
import { targetName, type Target } from '../core/target.js'
import { failureOf } from '../engine/verdict.js'

/** One target's line of the `report` output and report file. */
export interface ReportEntry {
  /** `parent`, a subuser's username, or `account-id <id>`. */
  target: string
  /** Tells a subuser named `parent` from the parent account, and a subuser from a customer account. */
  kind: Target['kind']
  prior: EnforcedTls | null
  desired: DesiredTls
  result: EnforcedTls | null
  changed: boolean
  compliant: boolean
  /** Managed fields whose prior value differed from the policy. */
  differences: Field[]
  /** What the policy would block, from the target's Email Logs; null when the run did not forecast it. */
  forecast: Forecast | null
  /** Why the target failed (an error, or a write the reads never showed); null otherwise. */
  error: string | null
}

export function reportEntry(outcome: Outcome): ReportEntry {
  return {
    target: targetName(outcome.target),
    kind: outcome.target.kind,
    prior: outcome.prior ? setting(outcome.prior) : null,
    desired: outcome.desired,
    result: outcome.result ? setting(outcome.result) : null,
    changed: outcome.changed,
    compliant: outcome.compliant,
    differences: outcome.differences.map((d) => d.field),
    forecast: outcome.forecast ?? null,
    error: failureOf(outcome) ?? null
  }
}

/** Fields in SendGrid's order, version a JSON number, so `fromJSON` gives the API's own shape. */
export function setting({ require_tls, require_valid_cert, version }: EnforcedTls): EnforcedTls {
  return { require_tls, require_valid_cert, version }
}

/**
 * The whole report as a file in the runner's temporary directory, since a step output holds at
 * most 1 MB and a report of thousands of targets can pass that. Returns the file's path.
 */
export async function writeReportFile(dir: string, entries: readonly ReportEntry[]): Promise<string> {
  const path = join(await mkdtemp(join(dir, 'sendgrid-enforced-tls-')), 'report.json')
  await writeFile(path, safe(`${JSON.stringify(entries, null, 2)}\n`))
  return path
}
