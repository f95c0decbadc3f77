import { describeChanges } from '../engine/change-limit.js'
import { describeDifferences } from '../engine/differences.js'
import type { RunResult } from '../engine/enforce.js'
import { safeLine } from '../core/guard.js'
import type { Outcome } from '../engine/reconcile.js'
import { describeTarget, type Target } from '../core/target.js'
import { managedColumns } from './managed.js'
import { FIELDS, formatValue, type DesiredTls, type EnforcedTls, type Field } from '../core/tls-setting.js'
import { describeFailing, describePlanned, noteOf, tallyOf, verdictOf, type Verdict } from '../engine/verdict.js'
import { count } from './markdown.js'
import { describeExport, FOLD_AFTER, ORDER } from './run-summary.js'
import { describeForecast } from '../engine/forecast/forecaster.js'
import type { Forecast } from '../engine/forecast/forecast.js'
import { SettingName } from '../engine/settings/names.js'
import type { Vocabulary } from '../engine/vocabulary.js'

export interface TextOptions {
  /** ANSI colours: only for a terminal that shows them and a user who has not turned them off. */
  colour: boolean
  /** Where an export wrote its policy file. */
  exportFile?: string
  /** How the face names its settings: `--max-changes`. */
  vocabulary: Vocabulary
}

type Style = 'red' | 'green' | 'yellow' | 'bold'
const ANSI: Record<Style, string> = { red: '31', green: '32', yellow: '33', bold: '1' }

const VERDICT_STYLES: Record<Verdict, Style> = {
  compliant: 'green',
  applied: 'green',
  planned: 'yellow',
  held: 'red',
  drift: 'red',
  failed: 'red'
}

/** Best first, worst last: on a terminal the last rows stay in view, beside the verdict. */
const BEST_FIRST: readonly Verdict[] = [...ORDER].reverse()

/** Text and how to paint it; painted after padding, so an escape never counts as width. */
interface Cell {
  text: string
  style?: Style
}

/**
 * A run for a terminal: the policy, a row per target with each managed field as its value or
 * `before → after`, a one-line verdict and the advice. Every name and message from a server or
 * an error goes through `safeLine`, so none can move the cursor, recolour the screen or forge a line.
 */
export function renderText(run: RunResult, options: TextOptions): string {
  const paint = ({ text, style }: Cell): string => (options.colour && style ? `\u001b[${ANSI[style]}m${text}\u001b[0m` : text)
  const lines = run.error
    ? [runFailed(run.error)]
    : [...renderTargets(run, options.exportFile), ...changesLines(run, options.vocabulary), ...renderForecastLines(run.outcomes)]
  for (const advice of run.advice ?? []) lines.push([{ text: 'warning:', style: 'yellow' }, { text: safeLine(advice) }])
  return lines.map((cells) => cells.map(paint).join(' ')).join('\n') + '\n'
}

/** `max-changes` against what apply would change, as the job summary says it. */
function changesLines({ changes, mode }: RunResult, vocabulary: Vocabulary): Line[] {
  if (!changes) return []
  const over = changes.wanted > changes.allowed
  return [
    [
      { text: `${vocabulary.name(SettingName.MaxChanges)}:`, style: over ? 'red' : 'bold' },
      { text: safeLine(`${describeChanges(changes, mode)}.`) }
    ]
  ]
}

/** Each line as cells joined by a space. */
type Line = Cell[]

function runFailed(error: Error): Line {
  return [{ text: 'Failed:', style: 'red' }, { text: `no target was read or changed: ${safeLine(error.message)}` }]
}

function renderTargets(run: RunResult, exportFile: string | undefined): Line[] {
  const { outcomes } = run
  const desired = outcomes[0]?.desired ?? {}
  const { managed, policyFile } = managedColumns(outcomes)
  const lines: Line[] = []
  if (policyFile !== undefined) lines.push([{ text: 'Policy:', style: 'bold' }, { text: `${safeLine(policyFile)}, each target's own` }])
  else if (managed.length > 0) lines.push([{ text: 'Policy:', style: 'bold' }, { text: describePolicy(desired, managed) }])

  const sorted = [...outcomes].sort((a, b) => BEST_FIRST.indexOf(verdictOf(a)) - BEST_FIRST.indexOf(verdictOf(b)))
  // Past a screenful, the compliant targets are counted, not listed: the others are what to act on.
  const folded = outcomes.length > FOLD_AFTER ? sorted.filter((o) => verdictOf(o) === 'compliant') : []
  const shown = sorted.filter((o) => !folded.includes(o))
  // With nothing managed there is nothing to compare: a plan then shows the setting as it is.
  const columns = managed.length > 0 ? managed : FIELDS
  if (shown.length > 0)
    lines.push(
      ...table(
        ['TARGET', 'VERDICT', ...columns, 'NOTE'],
        shown.map((o) => row(o, columns))
      )
    )
  if (folded.length > 0)
    lines.push([{ text: `${count(folded.length, 'compliant target')} not listed; the JSON report lists every target.` }])
  lines.push(verdictLine(outcomes, managed.length > 0, exportFile))
  return lines
}

function describePolicy(desired: DesiredTls, managed: readonly Field[]): string {
  return managed.map((field) => `${field} ${value(field, desired[field])}`).join(', ')
}

function row(outcome: Outcome, columns: readonly Field[]): Cell[] {
  const verdict = verdictOf(outcome)
  const note = noteOf(outcome) ?? (verdict === 'drift' ? describeDifferences(outcome.differences) : '')
  // An export checks no policy: what it read, it pinned.
  const label = outcome.mode === 'export' && verdict === 'compliant' ? 'pinned' : verdict
  return [
    { text: targetLabel(outcome.target) },
    { text: label, style: VERDICT_STYLES[verdict] },
    ...columns.map((field) => fieldCell(outcome, field)),
    { text: safeLine(note) }
  ]
}

/** The parent account in words that no username can take, since a subuser may be called `parent`. */
function targetLabel(target: Target): string {
  switch (target.kind) {
    case 'parent':
      return '(parent account)'
    case 'subuser':
      return safeLine(target.username)
    case 'account':
      return `account-id ${safeLine(target.id)}`
  }
}

/**
 * A field as read, or `before → after` where it differs: in verify the value the policy wants, in
 * a plan what apply would write, after apply what a fresh read shows.
 */
function fieldCell(outcome: Outcome, field: Field): Cell {
  const before = outcome.prior?.[field]
  if (before === undefined) return { text: 'unknown' }
  const difference = outcome.differences.find((d) => d.field === field)
  if (!difference) return { text: value(field, before) }
  // Held, nothing was written: the value apply wanted, as a plan shows it.
  const after = outcome.mode === 'apply' && !outcome.held ? outcome.result?.[field] : difference.desired
  const text = `${value(field, before)} → ${value(field, after)}`
  switch (outcome.mode) {
    case 'verify':
      return { text, style: 'red' }
    case 'plan':
    case 'export':
      return { text, style: 'yellow' }
    case 'apply':
      return { text, style: after === undefined || outcome.remaining.some((d) => d.field === field) ? 'red' : 'green' }
  }
}

function value(field: Field, setting: EnforcedTls[Field] | undefined): string {
  return setting === undefined ? 'unknown' : formatValue(field, setting)
}

/** Columns padded to their widest cell, two spaces apart; a row's last filled cell (often the note) runs on unpadded. */
function table(header: readonly string[], rows: readonly Cell[][]): Line[] {
  const all: Cell[][] = [header.map((text): Cell => ({ text, style: 'bold' })), ...rows]
  const hasNotes = rows.some((cells) => cells.at(-1)?.text)
  const kept = hasNotes ? all : all.map((cells) => cells.slice(0, -1))
  const widths = kept[0]?.map((_, column) => Math.max(...kept.map((cells) => cells[column]?.text.length ?? 0))) ?? []
  return kept.map((cells) => {
    const last = cells.reduce((found, cell, column) => (cell.text !== '' ? column : found), -1)
    return cells
      .slice(0, last + 1)
      .map((cell, column) => (column === last ? cell : { ...cell, text: cell.text.padEnd((widths[column] ?? 0) + 1) }))
  })
}

/**
 * The answer in one line: what fails first, then what a plan would change, apply changed or an
 * export pinned beside it.
 */
function verdictLine(outcomes: readonly Outcome[], managed: boolean, exportFile: string | undefined): Line {
  const [only] = outcomes
  if (!only) return [{ text: 'No targets:', style: 'yellow' }, { text: "the key's account has no subusers." }]
  const name = (target: Target) => safeLine(describeTarget(target))
  const exported = only.mode === 'export' ? describeExport(outcomes, name, exportFile && safeLine(exportFile)) : undefined
  if (outcomes.length === 1 && (!exported || only.error)) return targetVerdictLine(only, managed)
  const tally = tallyOf(outcomes)
  const total = outcomes.length
  const failing = describeFailing(tally, total)
  if (failing) {
    const besides = [
      ...(tally.planned > 0 ? [describePlanned(outcomes)] : []),
      ...(tally.applied > 0 ? [`${tally.applied} changed`] : []),
      ...(exported && tally.compliant > 0 ? [exported] : [])
    ]
    return [{ text: tally.drift > 0 ? 'Drift:' : 'Failed:', style: 'red' }, { text: `${[failing, ...besides].join('; ')}.` }]
  }
  if (exported) return [{ text: 'Export:', style: 'green' }, { text: `${exported}.` }]
  if (!managed) return NOTHING_MANAGED
  if (tally.planned > 0) return [{ text: 'Plan:', style: 'yellow' }, { text: `${describePlanned(outcomes)}.` }]
  const changed = tally.applied > 0 ? `; ${tally.applied} changed and confirmed` : ''
  return [{ text: 'Compliant:', style: 'green' }, { text: `all ${total} targets match the policy${changed}.` }]
}

/** A line per forecast target, then what a forecast cannot see. */
function renderForecastLines(outcomes: readonly Outcome[]): Line[] {
  const forecast = outcomes.filter((o) => o.forecast !== undefined)
  if (forecast.length === 0) return []
  return [
    ...forecast.map((o): Line => {
      const blocking = (o.forecast?.at_risk.length ?? 0) > 0 || o.forecast?.unavailable !== undefined
      return [
        { text: 'Forecast:', style: blocking ? 'yellow' : 'bold' },
        { text: `${safeLine(describeTarget(o.target))}: ${safeLine(describeForecast(o.forecast as Forecast))}` }
      ]
    }),
    [
      {
        text: 'The forecast reads the delivered mail of the window and judges each mail provider by a delivery or two; it cannot see the TLS version, so min-version is never forecast.'
      }
    ]
  ]
}

const NOTHING_MANAGED: Line = [{ text: 'No setting is managed:', style: 'yellow' }, { text: 'this plan only shows the current setting.' }]

/** One target's verdict as a sentence about it: a count of one says less than its name. */
function targetVerdictLine(outcome: Outcome, managed: boolean): Line {
  const target = safeLine(describeTarget(outcome.target))
  const verdict = verdictOf(outcome)
  const label = (text: string): Cell => ({ text, style: VERDICT_STYLES[verdict] })
  switch (verdict) {
    case 'failed':
      return [label('Failed:'), { text: `${target}; see the note above.` }]
    case 'drift':
      return [label('Drift:'), { text: `${target} does not match the policy.` }]
    case 'planned':
      return [label('Plan:'), { text: `apply would change ${target}.` }]
    case 'held':
      return [label('Held:'), { text: `${target} was not changed; see the note above.` }]
    case 'applied':
      return [label('Compliant:'), { text: `${target} matches the policy, changed and confirmed.` }]
    case 'compliant':
      return managed ? [label('Compliant:'), { text: `${target} matches the policy.` }] : NOTHING_MANAGED
  }
}
