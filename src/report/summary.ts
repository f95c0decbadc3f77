import type { Vocabulary } from '../engine/vocabulary.js'
import { managesNothing } from '../core/tls-setting.js'
import type { RunResult } from '../engine/enforce.js'
import { verbatim } from './markdown.js'
import { renderRunSummary } from './run-summary.js'
import { renderTargetSummary } from './target-summary.js'
import { renderForecasts } from './forecast.js'
import { FIELD_SETTINGS } from '../engine/settings/names.js'

/** Rows of the job summary's table at most: well under its 1 MiB limit for thousands of targets. */
export const SUMMARY_ROWS = 2000

export interface SummaryContext {
  baseUrl: string
  /** Warnings that prevent a misconfiguration, repeated here so a reviewer sees them. */
  advice: readonly string[]
  /** At most this many target rows in a several-targets table. */
  maxRows: number
  /** How the face names its settings, where the summary names one; the action's input names by default. */
  vocabulary?: Vocabulary
  /** Where an export wrote its policy file; unset when it could not be written. */
  exportFile?: string
}

/**
 * The summary with as many target rows as fit: from `context.maxRows`, halved until `fits` says
 * yes. Rows are hundreds of bytes at most, so a summary of thousands of targets, or of long names
 * and messages from a hostile server, still fits GitHub's limits; the rest is counted.
 */
export function renderSummaryWithin(run: RunResult, context: SummaryContext, fits: (markdown: string) => boolean, suffix = ''): string {
  let maxRows = context.maxRows
  let markdown = renderSummary(run, context) + suffix
  while (!fits(markdown) && maxRows > 0) {
    maxRows = Math.floor(maxRows / 2)
    markdown = renderSummary(run, { ...context, maxRows }) + suffix
  }
  return markdown
}

/** The job summary (and pull-request comment) as Markdown: one target in detail, several as a table. */
export function renderSummary(run: RunResult, context: SummaryContext): string {
  const [first] = run.outcomes
  const lines =
    run.multi || !first
      ? renderRunSummary(run, context.baseUrl, context.maxRows, context.exportFile)
      : renderTargetSummary(first, context.baseUrl, context.exportFile)
  if (first && run.mode !== 'export' && managesNothing(first.desired)) {
    const names = Object.values(FIELD_SETTINGS).map((name) => `\`${context.vocabulary?.name(name) ?? name}\``)
    lines.push(
      `No setting is managed (${names[0]}, ${names[1]} and ${names[2]} are not given): this run only reports the current values.`,
      ''
    )
  }
  lines.push(...renderForecasts(run.outcomes))
  // Ours, but it names targets, and a name from SendGrid's listing is the server's text.
  for (const advice of context.advice) lines.push(`> ⚠️ ${verbatim(advice)}`, '')
  return lines.join('\n')
}
