import * as core from '@actions/core'
import { resolve } from 'node:path'
import { messageOf } from '../core/errors.js'
import { exportFileProblem } from '../core/file.js'
import { count } from '../core/plural.js'
import { enforce, type RunEnvironment, type RunResult } from '../engine/enforce.js'
import { safe } from '../core/guard.js'
import { PRODUCT_NAME, PRODUCT_VERSION } from '../core/product.js'
import { targetName } from '../core/target.js'
import { managesNothing } from '../core/tls-setting.js'
import { describeCancellation } from '../report/cancellation.js'
import { reportEntry, writeReportFile } from '../report/entries.js'
import { renderFailure, verbatim } from '../report/markdown.js'
import { renderSummaryWithin, SUMMARY_ROWS, type SummaryContext } from '../report/summary.js'
import { conclude, debugStack, MAX_ANNOTATIONS } from './conclusion.js'
import { Input, Output } from './constants.js'
import { PolicyError } from '../engine/policy/problems.js'
import { keepDriftIssue } from './drift-issue.js'
import { describeGitHubError } from './github.js'
import { ACTION_VOCABULARY, describeInputs, readInputs, type ActionSettings } from './inputs.js'
import { withPolicy } from '../engine/settings/settings.js'
import { annotate, liveLog, runLog } from './log.js'
import { annotateAt } from './placed.js'
import { setOutputs } from './outputs.js'
import { MAX_COMMENT_LENGTH, upsertPullRequestComment } from './pr-comment.js'
import { SettingError } from '../engine/settings/source.js'

/** A job summary holds at most 1 MiB; this leaves room for the lines around the table. */
const MAX_SUMMARY_BYTES = 900_000
/** Rows of a pull-request comment's table at first; fewer if the comment would still be too long. */
const COMMENT_ROWS = 150

/** What a test may change about how a run spends time; production leaves it all to the defaults. */
export type RunOptions = Pick<RunEnvironment, 'clock' | 'retry' | 'confirmWaitsMs' | 'signal' | 'mxResolver'>

/** inputs -> engine -> outputs, report, summary, comment; failures end in one setFailed. */
export async function run(options: RunOptions = {}): Promise<void> {
  let settings: ActionSettings
  try {
    const read = readInputs()
    const policyPath = read.policyFile && resolve(read.workspace, read.policyFile)
    const exportProblem = read.mode === 'export' ? await exportFileProblem(read.exportFile, policyPath) : undefined
    if (exportProblem?.kind === 'policy-file') {
      throw new SettingError(
        [Input.ExportFile],
        `${describeInputs([Input.ExportFile, Input.PolicyFile])} name the same file: write the export elsewhere and compare`
      )
    }
    if (exportProblem) {
      throw new SettingError(
        [Input.ExportFile],
        `${describeInputs([Input.ExportFile])} names ${read.exportFile}, which ${exportProblem.why}`
      )
    }
    settings = { ...read, ...(await withPolicy(read, { dir: read.workspace, name: 'the workspace', confined: true }, describeInputs)) }
  } catch (error) {
    return failBeforeWork(error)
  }
  if (!settings.policy && settings.mode !== 'export' && managesNothing(settings.desired)) {
    annotate.notice(
      'No setting is managed (require-tls, require-valid-cert and min-version are empty): this plan only shows the current setting.'
    )
  }
  try {
    const result = await enforce(settings, {
      ...options,
      log: runLog,
      vocabulary: ACTION_VOCABULARY,
      userAgent: `${PRODUCT_NAME}/${PRODUCT_VERSION}`,
      proxy: settings.proxy
    })
    const unwritten = await report(result, settings)
    conclude(result)
    if (result.cancelled) annotate.fail(cancellationNote(result))
    for (const problem of unwritten) (problem.fatal ? annotate.fail : annotate.warning)(problem.message)
  } catch (error) {
    debugStack(error)
    annotate.fail(messageOf(error))
  }
}

/**
 * Bad input: nothing ran. The outputs still hold valid values, so a later `if: always()` step that
 * reads them with fromJSON does not break, and the summary says why nothing ran.
 */
async function failBeforeWork(error: unknown): Promise<void> {
  // Each problem of a policy file is shown on its line, in the file a pull request changes.
  if (error instanceof PolicyError) for (const problem of error.problems.slice(0, MAX_ANNOTATIONS)) annotateAt(problem)
  annotate.fail(messageOf(error))
  try {
    for (const [name, value] of Object.entries(NOTHING_RAN)) core.setOutput(name, value)
  } catch (outputError) {
    annotate.warning(`The step's outputs could not be written to ${describeFile('GITHUB_OUTPUT')}: ${messageOf(outputError)}`)
  }
  try {
    // Every problem of a policy file, where the annotations show only the first ten.
    const problems =
      error instanceof PolicyError ? error.problems.map((p) => `- ${verbatim(`${p.file}:${p.line}:${p.column}: ${p.message}`)}`) : []
    await writeSummary([...renderFailure(messageOf(error), 'Nothing was sent to SendGrid.'), ...problems].join('\n'))
  } catch (summaryError) {
    liveLog.debug(`The job summary could not be written: ${messageOf(summaryError)}`)
  }
}

/** The outputs of a run that sent nothing: not compliant, nothing changed, no setting known. */
const NOTHING_RAN: Partial<Record<Output, string>> = {
  [Output.Compliant]: 'false',
  [Output.Changed]: 'false',
  [Output.Prior]: 'null',
  [Output.Result]: 'null',
  [Output.Report]: '[]',
  [Output.Forecast]: 'null'
}

/** A file the runner gave the step could not be written; fatal when a later step depends on it. */
interface Unwritten {
  message: string
  fatal: boolean
}

/**
 * Outputs, report file, summary and comment. A file that cannot be written (a full disk, a
 * directory in its place) does not stop the others nor the verdict: it is named afterwards.
 */
async function report(result: RunResult, settings: ActionSettings): Promise<Unwritten[]> {
  const unwritten: Unwritten[] = []
  const advice = result.advice ?? []
  for (const text of advice) annotate.warning(text)
  for (const warning of result.policyWarnings ?? []) annotateAt(warning)
  const exportFile = result.mode === 'export' ? await writeExport(result, settings, unwritten) : undefined
  const entries = result.outcomes.map(reportEntry)
  let reportFile = ''
  try {
    reportFile = await writeReportFile(settings.reportDir, entries)
  } catch (error) {
    unwritten.push({ message: `The report file could not be written in ${settings.reportDir}: ${messageOf(error)}`, fatal: false })
  }
  try {
    setOutputs(result, entries, reportFile)
  } catch (error) {
    unwritten.push({
      message: `The step's outputs could not be written to ${describeFile('GITHUB_OUTPUT')}: ${messageOf(error)}. Steps that read them get nothing.`,
      fatal: true
    })
  }
  const context: SummaryContext = { baseUrl: settings.baseUrl, advice, maxRows: SUMMARY_ROWS, vocabulary: ACTION_VOCABULARY, exportFile }
  try {
    const note = result.cancelled ? `\n> ⚠️ ${verbatim(cancellationNote(result))}\n` : ''
    await writeSummary(renderSummaryWithin(result, context, (markdown) => Buffer.byteLength(markdown) <= MAX_SUMMARY_BYTES, note))
  } catch (error) {
    unwritten.push({
      message: `The job summary could not be written to ${describeFile('GITHUB_STEP_SUMMARY')}: ${messageOf(error)}`,
      fatal: false
    })
  }
  // A cancelled job has seconds left: the comment waits for the next run.
  if (settings.pullRequest && !result.cancelled) await comment(result, settings.pullRequest, context)
  if (settings.driftIssue) await keepDriftIssue(result, settings.driftIssue)
  return unwritten
}

function describeFile(variable: string): string {
  return `${variable} (${process.env[variable] ?? 'not set'})`
}

function cancellationNote(result: RunResult): string {
  return `The job was cancelled: ${describeCancellation(result)}. Run this action in verify mode to see what is on the accounts.`
}

/**
 * The pull-request gate's comment. A comment that cannot be written (a fork's read-only token, a
 * missing permission) is a warning: the step's verdict is about TLS, not about the comment.
 */
async function comment(result: RunResult, pr: NonNullable<ActionSettings['pullRequest']>, context: SummaryContext): Promise<void> {
  const link = pr.runUrl ? `\n[Workflow run](${pr.runUrl})\n` : ''
  const fits = (markdown: string) => markdown.length <= MAX_COMMENT_LENGTH - 200
  const markdown = renderSummaryWithin(result, { ...context, maxRows: COMMENT_ROWS }, fits, link)
  try {
    liveLog.info(`Pull-request comment: ${await upsertPullRequestComment(pr, safe(markdown))}`)
  } catch (error) {
    // Only a refusal is about permissions; a GitHub that does not answer is not.
    const status = (error as { status?: unknown }).status
    const hint =
      status === 403 || status === 404
        ? " Grant the job 'pull-requests: write'; a pull request from a fork gets a read-only token."
        : ' The verdict above stands; the comment will be written by a later run.'
    annotate.warning(`Could not comment on pull request #${pr.number}: ${describeGitHubError(error)}.${hint}`)
  }
}

/** `mode: export`: the policy file that pins what was read, and its path as an output. Returns the file once it is written. */
async function writeExport(result: RunResult, settings: ActionSettings, unwritten: Unwritten[]): Promise<string | undefined> {
  const { exported } = result
  const file = settings.exportFile
  if (!exported) return undefined
  try {
    const { writeExportFile } = await import('../engine/policy/export.js')
    await writeExportFile(file, exported)
  } catch (error) {
    unwritten.push({ message: `The exported policy could not be written to ${file}: ${messageOf(error)}`, fatal: true })
    return undefined
  }
  liveLog.info(`Policy file written to ${file}: ${count(exported.pinned, 'target')} pinned at today's setting`)
  if (exported.unpinned.length > 0) {
    annotate.warning(
      `${count(exported.unpinned.length, 'target')} ${exported.unpinned.length === 1 ? 'is' : 'are'} not pinned in ${file} (${exported.unpinned
        .slice(0, MAX_ANNOTATIONS)
        .map((u) => `${targetName(u.target)}: ${u.why}`)
        .join('; ')}${exported.unpinned.length > MAX_ANNOTATIONS ? '; …' : ''}): each has a comment in the file`
    )
  }
  try {
    core.setOutput(Output.ExportFile, file)
  } catch (error) {
    unwritten.push({
      message: `The step's outputs could not be written to ${describeFile('GITHUB_OUTPUT')}: ${messageOf(error)}`,
      fatal: true
    })
  }
  return file
}

/** Outside a runner (a local try-out) there is no summary file: print the summary instead. */
async function writeSummary(markdown: string): Promise<void> {
  if (process.env['GITHUB_STEP_SUMMARY']) {
    await core.summary.addRaw(safe(markdown), true).write()
  } else {
    for (const line of markdown.split('\n')) liveLog.info(line)
  }
}
