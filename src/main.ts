import * as core from '@actions/core'
import { adviseOnPolicy } from './advice.js'
import { ACTION_NAME, ACTION_VERSION } from './constants.js'
import { enforce, type Run } from './enforce.js'
import { readSettings, type Settings } from './inputs.js'
import { describeDifferences } from './policy.js'
import type { Outcome } from './reconcile.js'
import { setOutputs } from './report/outputs.js'
import { MAX_COMMENT_LENGTH, upsertPullRequestComment } from './report/pr-comment.js'
import { reportEntry, writeReportFile } from './report/report.js'
import { escape } from './report/markdown.js'
import { renderSummary, type SummaryContext } from './report/summary.js'
import { SendGridClient } from './sendgrid/client.js'
import { describeTarget, targetName } from './target.js'
import { describeFailing, problemOf, tallyOf, verdictOf } from './verdict.js'

/** Rows of the job summary's table at most: well under its 1 MiB limit for thousands of targets. */
const SUMMARY_ROWS = 2000
/** Rows of a pull-request comment's table at first; fewer if the comment would still be too long. */
const COMMENT_ROWS = 150
/** Error annotations at most: GitHub shows ten per step; the summary lists every target. */
const MAX_ANNOTATIONS = 10

/** settings -> targets -> read, compare, write -> outputs, report, summary; failures end in one setFailed. */
export async function run(): Promise<void> {
  let settings: Settings
  try {
    settings = readSettings()
  } catch (error) {
    return failBeforeWork(error)
  }
  const client = new SendGridClient({
    baseUrl: settings.baseUrl,
    apiKey: settings.apiKey,
    userAgent: `${ACTION_NAME}/${ACTION_VERSION}`,
    timeoutMs: settings.requestTimeoutMs
  })
  try {
    const result = await enforce(client, settings)
    await report(result, settings)
    conclude(result)
  } catch (error) {
    debugStack(error)
    core.setFailed(message(error))
  } finally {
    client.close()
  }
}

/** Bad input: the summary says so too, so whoever reviews the job sees why nothing ran. */
async function failBeforeWork(error: unknown): Promise<void> {
  core.setFailed(message(error))
  try {
    await writeSummary(`### SendGrid Enforced TLS: ❌ Failed\n\n**Error:** ${escape(message(error))}\n\nNothing was sent to SendGrid.\n`)
  } catch (summaryError) {
    core.debug(`The job summary could not be written: ${message(summaryError)}`)
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

async function report(result: Run, settings: Settings): Promise<void> {
  const advice = adviseOnPolicy(settings.desired, result.outcomes)
  for (const text of advice) core.warning(text)
  const entries = result.outcomes.map(reportEntry)
  setOutputs(result, entries, await writeReportFile(settings.reportDir, entries))
  const context: SummaryContext = { baseUrl: settings.baseUrl, advice, maxRows: SUMMARY_ROWS }
  await writeSummary(renderSummary(result, context))
  if (settings.pullRequest) await comment(result, settings.pullRequest, context)
}

/**
 * The pull-request gate's comment. A comment that cannot be written (a fork's read-only token, a
 * missing permission) is a warning: the step's verdict is about TLS, not about the comment.
 */
async function comment(result: Run, pr: NonNullable<Settings['pullRequest']>, context: SummaryContext): Promise<void> {
  let maxRows = COMMENT_ROWS
  const render = () => renderSummary(result, { ...context, maxRows }) + (pr.runUrl ? `\n[Workflow run](${pr.runUrl})\n` : '')
  let markdown = render()
  while (markdown.length > MAX_COMMENT_LENGTH - 200 && maxRows > 0) {
    maxRows = Math.floor(maxRows / 2)
    markdown = render()
  }
  try {
    core.info(`Pull-request comment: ${await upsertPullRequestComment(pr, markdown)}`)
  } catch (error) {
    core.warning(
      `Could not comment on pull request #${pr.number}: ${message(error)}. Grant the job 'pull-requests: write'; a pull request from a fork gets a read-only token.`
    )
  }
}

/** Fails the step when any target failed, drifted in verify, or did not confirm in apply. */
function conclude(result: Run): void {
  const { outcomes, multi } = result
  const failing = outcomes.filter((o) => ['failed', 'drift'].includes(verdictOf(o)))
  const planned = outcomes.filter((o) => verdictOf(o) === 'planned')
  if (!multi) {
    const [outcome] = outcomes
    if (outcome && failing.length > 0) core.setFailed(problem(outcome))
    else if (outcome && planned.length > 0)
      core.notice(`apply would change Enforced TLS of ${describeTarget(outcome.target)}: ${describeDifferences(outcome.differences)}`)
    else if (outcome) core.info(`Enforced TLS of ${describeTarget(outcome.target)}: ${verdictOf(outcome)}`)
    return
  }
  if (result.error) return core.setFailed(result.error.message)
  if (outcomes.length === 0) core.warning("No targets: the key's account has no subusers, and include-parent is false.")
  for (const outcome of failing.slice(0, MAX_ANNOTATIONS)) core.error(`${targetName(outcome.target)}: ${problem(outcome)}`)
  // What a plan would change is news even when another target failed: the two are told apart.
  if (planned.length > 0) core.notice(`apply would change Enforced TLS of ${planned.length} of ${outcomes.length} targets`)
  const failed = describeFailing(tallyOf(outcomes), outcomes.length)
  if (failed) {
    const annotated = failing.length > MAX_ANNOTATIONS ? '; the first ten are annotated' : ''
    core.setFailed(`${failed}${annotated}: see the job summary and the report output.`)
  } else if (planned.length === 0) {
    core.info(`All ${outcomes.length} targets are compliant`)
  }
}

/** The annotation for a failing target; its stack, if any, only under debug. */
function problem(outcome: Outcome): string {
  debugStack(outcome.error)
  return problemOf(outcome) ?? ''
}

/** A stack trace is for a maintainer with debug logging on, never for the log a user reads. */
function debugStack(error: unknown): void {
  if (core.isDebug() && error instanceof Error && error.stack) core.debug(error.stack)
}

/** Outside a runner (a local try-out) there is no summary file: print the summary instead. */
async function writeSummary(markdown: string): Promise<void> {
  if (process.env['GITHUB_STEP_SUMMARY']) {
    await core.summary.addRaw(markdown, true).write()
  } else {
    core.info(markdown)
  }
}
