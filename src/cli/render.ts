import { CLI_VOCABULARY } from './settings.js'
import type { RunResult } from '../engine/enforce.js'
import { safe, safeLine } from '../core/guard.js'
import { reportEntry } from '../report/entries.js'
import { verbatim } from '../report/markdown.js'
import { renderSummary, SUMMARY_ROWS } from '../report/summary.js'
import { renderText } from '../report/text.js'
import type { Format } from './args.js'

export interface RenderContext {
  baseUrl: string
  colour: boolean
  /** What a cancelled run left behind, for the formats that tell it. */
  cancellation?: string
  /** Where an export wrote its policy file, for the formats that tell it. */
  exportFile?: string
}

/** The run on stdout, in the format asked for; redacted, and harmless to the terminal it lands on. */
export function renderResult(result: RunResult, format: Format, context: RenderContext): string {
  switch (format) {
    case 'text':
      return safe(renderText(result, { colour: context.colour, exportFile: context.exportFile, vocabulary: CLI_VOCABULARY }))
    case 'json':
      return jsonReport(result)
    case 'markdown':
      return markdownSummary(result, context)
  }
}

/**
 * The action's `report` output, whole, as its report file holds it. JSON escapes the C0 controls
 * but leaves DEL, the C1 controls (among them a one-byte CSI) and bidirectional marks as they
 * are: those are escaped too, which changes no value a parser reads.
 */
function jsonReport(result: RunResult): string {
  const json = `${JSON.stringify(result.outcomes.map(reportEntry), null, 2)}\n`
  return safe(
    json.replace(
      /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g,
      (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`
    )
  )
}

/** The job summary the action writes, with the same bounds; each line neutralised, as it may be shown raw. */
function markdownSummary(result: RunResult, context: RenderContext): string {
  const markdown =
    renderSummary(result, {
      baseUrl: context.baseUrl,
      advice: result.advice ?? [],
      maxRows: SUMMARY_ROWS,
      vocabulary: CLI_VOCABULARY,
      exportFile: context.exportFile
    }) + (context.cancellation ? `\n> ⚠️ ${verbatim(context.cancellation)}\n` : '')
  return markdown.split('\n').map(safeLine).join('\n')
}
