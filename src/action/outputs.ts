import * as core from '@actions/core'
import { Output } from './constants.js'
import type { RunResult } from '../engine/enforce.js'
import { formatValue } from '../core/tls-setting.js'
import type { Outcome } from '../engine/reconcile.js'
import type { Target } from '../core/target.js'
import { safe } from '../core/guard.js'
import { annotate } from './log.js'
import { setting, type ReportEntry } from '../report/entries.js'

/** Every output goes through here: redacted of the key, whatever a server echoed into it. */
function setOutput(name: Output, value: string): void {
  core.setOutput(name, safe(value))
}

/** A step output holds at most 1 MB; stay clear of it, leaving room for the other outputs. */
export const MAX_OUTPUT_BYTES = 900_000

export function setOutputs(run: RunResult, entries: readonly ReportEntry[], reportFile: string): void {
  setOutput(Output.Compliant, String(!run.error && run.outcomes.every((o) => o.compliant)))
  setOutput(Output.Changed, String(run.outcomes.some((o) => o.changed)))
  setOutput(Output.ReportFile, reportFile)
  setOutput(Output.Report, boundedReport(entries, reportFile))

  if (run.multi) {
    setBounded(Output.Prior, JSON.stringify(byKind(run.outcomes, (o) => o.prior && setting(o.prior))), reportFile)
    setBounded(Output.Result, JSON.stringify(byKind(run.outcomes, (o) => o.result && setting(o.result))), reportFile)
    setBounded(Output.Forecast, JSON.stringify(byKind(run.outcomes, (o) => o.forecast)), reportFile)
    return
  }

  const [outcome] = run.outcomes
  // A setting that could not be read is null rather than guessed: still JSON for fromJSON.
  setOutput(Output.Prior, JSON.stringify(outcome?.prior ? setting(outcome.prior) : null))
  const result = outcome?.result
  setOutput(Output.Result, JSON.stringify(result ? setting(result) : null))
  setOutput(Output.Forecast, JSON.stringify(outcome?.forecast ?? null))
  if (result) {
    setOutput(Output.RequireTls, formatValue('require_tls', result.require_tls))
    setOutput(Output.RequireValidCert, formatValue('require_valid_cert', result.require_valid_cert))
    setOutput(Output.MinVersion, formatValue('version', result.version))
  }
}

/** Several targets' settings (or forecasts), each in its kind's place: null where one is not known. */
interface ByKind<T> {
  /** Only when the parent account is a target. */
  parent?: T | null
  subusers: Record<string, T | null>
  accounts: Record<string, T | null>
}

/**
 * Keyed by name within each kind, so no name takes another target's place: a subuser may be
 * called `parent`, or like a customer account's ID.
 */
function byKind<T>(outcomes: readonly Outcome[], pick: (outcome: Outcome) => T | undefined): ByKind<T> {
  const known = (outcome: Outcome) => pick(outcome) ?? null
  // Object.fromEntries makes every name an own key, even `__proto__`.
  const named = (nameOf: (target: Target) => string | undefined) =>
    Object.fromEntries(
      outcomes.flatMap((outcome) => {
        const name = nameOf(outcome.target)
        return name === undefined ? [] : [[name, known(outcome)]]
      })
    )
  const parent = outcomes.find((outcome) => outcome.target.kind === 'parent')
  return {
    ...(parent && { parent: known(parent) }),
    subusers: named((target) => (target.kind === 'subuser' ? target.username : undefined)),
    accounts: named((target) => (target.kind === 'account' ? target.id : undefined))
  }
}

/**
 * The report output: every target while it fits, else the targets that are not compliant (the
 * ones a reader acts on), else as many of those as fit. Either cut is announced in a warning.
 */
function boundedReport(entries: readonly ReportEntry[], reportFile: string): string {
  const all = JSON.stringify(entries)
  if (byteLength(all) <= MAX_OUTPUT_BYTES) return all
  const failing = entries.filter((e) => !e.compliant)
  let kept = failing
  let json = JSON.stringify(kept)
  while (byteLength(json) > MAX_OUTPUT_BYTES) {
    kept = kept.slice(0, Math.floor(kept.length * 0.9))
    json = JSON.stringify(kept)
  }
  const which =
    kept.length === failing.length
      ? 'the targets that are not compliant'
      : `${kept.length} of the ${failing.length} targets that are not compliant`
  annotate.warning(
    `The report of ${entries.length} targets is too large for a step output: 'report' holds ${which}. The whole report is in ${reportFile}.`
  )
  return json
}

function setBounded(name: Output, json: string, reportFile: string): void {
  if (byteLength(json) <= MAX_OUTPUT_BYTES) return setOutput(name, json)
  annotate.warning(`'${name}' is too large for a step output and is left empty: read ${reportFile} instead.`)
}

function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8')
}
