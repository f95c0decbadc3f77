import { describeChanges } from '../engine/change-limit.js'
import { managedColumns } from './managed.js'
import { FIELDS, formatValue, type DesiredTls, type EnforcedTls, type Field } from '../core/tls-setting.js'
import type { RunResult } from '../engine/enforce.js'
import type { Outcome } from '../engine/reconcile.js'
import { describeFailing, describePlanned, noteOf, tallyOf, verdictOf, type Verdict } from '../engine/verdict.js'
import type { Target } from '../core/target.js'
import { count, escape, heading, renderFailure, renderTarget, shorten, table, targetCell, verbatim, verbatimCell } from './markdown.js'

/** Past this many targets, the compliant ones fold away so the ones to act on stand out. */
export const FOLD_AFTER = 50

/** Worst first: a reviewer reads the top of the table. */
export const ORDER: readonly Verdict[] = ['failed', 'held', 'drift', 'planned', 'applied', 'compliant']

const VERDICT_LABELS: Record<Verdict, string> = {
  failed: '❌ failed',
  drift: '❌ drift',
  planned: '📝 would change',
  held: '✋ held',
  applied: '✅ changed',
  compliant: '✅ compliant'
}

/**
 * What an export did, in every face's words: the targets it read (one by its name), and the policy
 * file that pins them now, or that it could not be written. `name` and `file` show them as the face does.
 */
export function describeExport(outcomes: readonly Outcome[], name: (target: Target) => string, file: string | undefined): string {
  const pinned = outcomes.filter((o) => verdictOf(o) === 'compliant')
  const [one] = pinned
  const targets = one && outcomes.length === 1 ? name(one.target) : count(pinned.length, 'target')
  return file === undefined ? `${targets} read, but the policy file was not written` : `${targets} read and pinned to ${file}`
}

/** An export checks no policy: what it read, it pinned. */
function labelOf(verdict: Verdict, mode: RunResult['mode']): string {
  return mode === 'export' && verdict === 'compliant' ? '📤 pinned' : VERDICT_LABELS[verdict]
}

/**
 * Many targets as Markdown: counts at the top, then a row per target (worst first) with each
 * managed field's value before and after. `maxRows` bounds the rows so that the summary stays
 * under GitHub's size limits for thousands of targets; the rest is counted, not listed. An export
 * shows every field as read, and its headline names the file it wrote.
 */
export function renderRunSummary(run: RunResult, baseUrl: string, maxRows: number, exportFile?: string): string[] {
  const { outcomes, mode } = run
  if (run.error) {
    return renderFailure(run.error.message, 'No target was read or changed.', [`**Mode:** ${mode} · **API:** ${verbatim(baseUrl)}`])
  }
  const sorted = [...outcomes].sort((a, b) => ORDER.indexOf(verdictOf(a)) - ORDER.indexOf(verdictOf(b)))
  const tally = tallyOf(outcomes)

  const { managed, policyFile: file } = managedColumns(outcomes)
  const desired = outcomes[0]?.desired ?? {}
  // An export manages no field: each column shows what it read and pinned.
  const columns = mode === 'export' ? FIELDS : managed
  const header = ['Target', 'Verdict', ...columns.map((field) => `\`${field}\``), ...(file === undefined ? [] : ['Policy']), 'Note']
  const row = (outcome: Outcome) => [
    targetCell(outcome.target),
    labelOf(verdictOf(outcome), mode),
    ...columns.map((field) => cell(outcome, field)),
    ...(file === undefined ? [] : [policyCell(outcome)]),
    verbatimCell(shorten(noteOf(outcome) ?? ''))
  ]

  const lines = [
    heading(headline(outcomes, mode === 'export' ? describeExport(outcomes, renderTarget, exportFile && verbatim(exportFile)) : undefined)),
    '',
    ...(file === undefined
      ? policyLine(desired, managed)
      : [`**Policy file:** ${verbatim(file)}: each target's policy and where it was written in the Policy column`, '']),
    ...(run.policyWarnings ?? []).flatMap((w) => [`> ⚠️ ${verbatim(`${w.file}:${w.line}: ${w.message}`)}`, '']),
    ...changesLine(run),
    `**Targets:** ${outcomes.length} · **Mode:** ${mode} · **API:** ${verbatim(baseUrl)}`,
    '',
    ORDER.filter((v) => tally[v] > 0)
      .map((v) => `${labelOf(v, mode)}: ${tally[v]}`)
      .join(' · '),
    ''
  ]
  if (outcomes.length === 0) return lines

  const fold = outcomes.length > FOLD_AFTER
  const open = fold ? sorted.filter((o) => verdictOf(o) !== 'compliant') : sorted
  const folded = fold ? sorted.filter((o) => verdictOf(o) === 'compliant') : []
  const shown = open.slice(0, maxRows)
  if (shown.length > 0) lines.push(...table(header, shown.map(row)), '')
  if (open.length > shown.length)
    lines.push(`… and ${count(open.length - shown.length, 'more target')} not listed here: see the report file.`, '')

  const room = maxRows - shown.length
  if (folded.length > 0 && room >= folded.length) {
    lines.push(
      `<details><summary>${count(folded.length, 'compliant target')}</summary>`,
      '',
      ...table(header, folded.map(row)),
      '',
      '</details>',
      ''
    )
  } else if (folded.length > 0) {
    lines.push(`${count(folded.length, 'compliant target')}, not listed here: see the report file.`, '')
  }
  return lines
}

/**
 * The verdict in a line: what fails the step first, then what a plan would change, apply changed
 * or an export pinned beside it.
 */
function headline(outcomes: readonly Outcome[], exported?: string): string {
  const n = outcomes.length
  const tally = tallyOf(outcomes)
  if (n === 0) return '⚠️ No targets'
  const failing = describeFailing(tally, n)
  if (failing) {
    const planned = tally.planned > 0 ? [`📝 ${describePlanned(outcomes)}`] : []
    const applied = tally.applied > 0 ? [`✅ ${tally.applied} changed`] : []
    const pinned = exported && tally.compliant > 0 ? [`📤 ${exported}`] : []
    return [`❌ ${failing}`, ...planned, ...applied, ...pinned].join(' · ')
  }
  if (exported) return `📤 Export: ${exported}`
  if (tally.planned > 0) return `📝 Plan: ${describePlanned(outcomes)}`
  return tally.applied > 0 ? `✅ All ${count(n, 'target')} compliant, ${tally.applied} changed` : `✅ All ${count(n, 'target')} compliant`
}

/**
 * What a target of a policy file is held to, and where each value was written: `default`, or the
 * line of the entry that set it, so a reviewer finds the line to change.
 */
function policyCell(outcome: Outcome): string {
  const parts = FIELDS.map((field) => {
    const origin = outcome.origins?.[field]
    if (!origin) return `\`${field}\` not managed`
    const from = origin.entry === 'default' ? 'default' : `line ${origin.line}${origin.expires ? `, until ${origin.expires}` : ''}`
    return `\`${field}\` = ${value(field, outcome.desired[field])} (${from})`
  })
  return parts.join('<br>')
}

/** `max-changes` against what apply would change: a reviewer sees how near the rail the change comes. */
function changesLine({ changes, mode }: RunResult): string[] {
  if (!changes) return []
  return [`**max-changes:** ${changes.held ? '✋ ' : ''}${escape(describeChanges(changes, mode))}`, '']
}

/** What every row is held to, so that a ❌ cell says what was wanted; fields not managed are left out. */
function policyLine(desired: DesiredTls, managed: readonly Field[]): string[] {
  if (managed.length === 0) return []
  return [`**Policy:** ${managed.map((field) => `\`${field}\` = ${value(field, desired[field])}`).join(' · ')}`, '']
}

/**
 * A field's value: `before → after` where it differs, so a row reads on its own: drift beside the
 * value the policy wants, a plan beside what apply would write, an apply beside what a read shows.
 */
function cell(outcome: Outcome, field: Field): string {
  const prior = outcome.prior?.[field]
  if (prior === undefined) return 'unknown'
  const before = value(field, prior)
  const difference = outcome.differences.find((d) => d.field === field)
  if (!difference) return before
  // Not written: what apply wanted, beside what stays.
  if (outcome.held) return `✋ ${before} → ${value(field, difference.desired)}`
  switch (outcome.mode) {
    case 'verify':
      return `❌ ${before} → ${value(field, difference.desired)}`
    case 'plan':
    case 'export':
      return `${before} → ${value(field, difference.desired)}`
    case 'apply':
      return `${before} → ${value(field, outcome.result?.[field])}`
  }
}

/** A value as code, or `unknown` when it could not be read. */
function value(field: Field, setting: EnforcedTls[Field] | undefined): string {
  return setting === undefined ? 'unknown' : `\`${formatValue(field, setting)}\``
}
