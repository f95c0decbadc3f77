import { Cancelled } from '../core/clock.js'
import { FIELD_LABELS, FIELDS, formatValue, type EnforcedTls, type Field } from '../core/tls-setting.js'
import { describeDifferences } from '../engine/differences.js'
import type { Outcome } from '../engine/reconcile.js'
import { ENFORCED_TLS_PATH } from '../sendgrid/enforced-tls.js'
import { verdictOf, type Verdict } from '../engine/verdict.js'
import { count, FAILED, heading, renderTarget, table, verbatim } from './markdown.js'
import { describeExport } from './run-summary.js'

const HEADLINES: Record<Verdict, (o: Outcome, exportFile: string | undefined) => string> = {
  compliant: (o, exportFile) => {
    if (o.mode === 'export') return `📤 Export: ${describeExport([o], renderTarget, exportFile && verbatim(exportFile))}`
    return o.mode === 'apply' ? '✅ Compliant: nothing to change' : '✅ Compliant'
  },
  applied: (o) => `✅ Applied: ${count(o.differences.length, 'setting')} changed and confirmed`,
  drift: (o) => `❌ Drift: ${count(o.differences.length, 'setting')} ${o.differences.length === 1 ? 'differs' : 'differ'} from the policy`,
  planned: (o) =>
    `📝 Plan: apply would change ${count(o.differences.length, 'setting')}${o.wouldHold ? ', but a safety rail would hold it back' : ''}`,
  held: (o) => `✋ Held: apply would change ${count(o.differences.length, 'setting')}, and a safety rail kept it back`,
  failed: () => FAILED
}

/**
 * One target in detail, as Markdown: a headline verdict, then one row per field with the value
 * before, the policy, and the value after, so a reviewer sees at a glance what is on the account.
 * An export's headline names the file it wrote.
 */
export function renderTargetSummary(outcome: Outcome, baseUrl: string, exportFile?: string): string[] {
  const verdict = verdictOf(outcome)
  const lines = [
    heading(HEADLINES[verdict](outcome, exportFile)),
    '',
    `**Target:** ${renderTarget(outcome.target)} · **Mode:** ${outcome.mode} · **API:** ${verbatim(baseUrl)}`,
    '',
    ...renderTable(outcome),
    ''
  ]
  lines.push(...renderWrite(outcome))
  // Why the rail held it, and why a plan says its apply would be held: the reader's next step.
  if (outcome.held)
    lines.push(`**Held:** ${verbatim(outcome.held)}`, '', 'Nothing was changed: the values above are what is on the account.', '')
  if (outcome.wouldHold) lines.push(`**Apply would hold it back:** ${verbatim(outcome.wouldHold)}`, '')
  if (outcome.error) {
    lines.push(`**Error:** ${verbatim(outcome.error.message)}`, '', stateAfterError(outcome), '')
  }
  return lines
}

function renderTable(outcome: Outcome): string[] {
  // An export holds the setting to no policy: what it read is what it pinned.
  if (outcome.mode === 'export')
    return table(
      ['Setting', 'On the account'],
      FIELDS.map((field) => [fieldLabel(field), value(field, outcome.prior)])
    )
  const apply = outcome.mode === 'apply'
  const header = apply
    ? ['Setting', 'Before', 'Policy', 'After', 'Status']
    : ['Setting', 'On the account', 'Policy', outcome.mode === 'plan' ? 'Plan' : 'Status']
  const rows = FIELDS.map((field) => {
    const cells = [fieldLabel(field), value(field, outcome.prior), policy(outcome, field)]
    if (apply) cells.push(value(field, outcome.result))
    cells.push(status(outcome, field))
    return cells
  })
  return table(header, rows)
}

function fieldLabel(field: Field): string {
  return `${FIELD_LABELS[field]} \`${field}\``
}

function status(outcome: Outcome, field: Field): string {
  const desired = outcome.desired[field]
  if (desired === undefined) return 'not managed'
  if (!outcome.prior) return '❓ unknown'
  const differed = outcome.differences.some((d) => d.field === field)
  switch (outcome.mode) {
    case 'verify':
      return differed ? '❌ drift' : '✅ matches'
    case 'plan':
    case 'export':
      return differed ? `change to \`${formatValue(field, desired)}\`` : '✅ no change'
    case 'apply':
      if (!outcome.result) return differed ? '❓ unknown' : '✅ unchanged'
      if (outcome.remaining.some((d) => d.field === field)) return differed ? '❌ not applied' : '❌ differs'
      return differed ? '✅ changed' : '✅ unchanged'
  }
}

function renderWrite(outcome: Outcome): string[] {
  if (!outcome.sent) return []
  const sent = `Sent \`PATCH ${ENFORCED_TLS_PATH}\` with \`${JSON.stringify(outcome.sent)}\``
  if (outcome.changed) {
    const late = outcome.confirmReads > 1 ? ` on read ${outcome.confirmReads} (SendGrid showed the write late)` : ''
    return [`${sent}; a fresh read confirmed it${late}.`, '']
  }
  if (outcome.result && !outcome.error) {
    const still = describeDifferences(outcome.remaining)
    return [
      `${sent}, but ${count(outcome.confirmReads, 'read')} since still show: ${still}. SendGrid may apply it late: run verify again later.`,
      ''
    ]
  }
  return [`${sent}.`, '']
}

function stateAfterError(outcome: Outcome): string {
  if (!outcome.prior) return 'The setting could not be read, so nothing was changed.'
  if (!outcome.sent) return 'Nothing was changed: the values above are what is on the account.'
  if (outcome.result) return 'A read after the failure shows the values in the After column: that is what is on the account now.'
  if (outcome.error instanceof Cancelled) {
    return 'The run was cancelled while the write was in flight: it may or may not have landed. Run this action in verify mode to see what is on the account.'
  }
  return 'The write may or may not have landed, and a read after it failed too: run this action in verify mode to see what is on the account.'
}

function value(field: Field, setting: EnforcedTls | undefined): string {
  return setting ? `\`${formatValue(field, setting[field])}\`` : 'unknown'
}

function policy(outcome: Outcome, field: Field): string {
  const desired = outcome.desired[field]
  return desired === undefined ? '—' : `\`${formatValue(field, desired)}\``
}
