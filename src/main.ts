import * as core from '@actions/core'
import { ACTION_NAME, ACTION_VERSION } from './constants.js'
import { readSettings } from './inputs.js'
import { describeDifference } from './policy.js'
import { reconcile, type Outcome } from './reconcile.js'
import { setOutputs } from './report/outputs.js'
import { renderSummary } from './report/summary.js'
import { SendGridClient } from './sendgrid/client.js'
import { describeTarget } from './target.js'
import { verdictOf } from './verdict.js'

/**
 * All the time one target may take: every request's four attempts at the request timeout fit,
 * plus a minute for rate-limit waits and the confirming reads. A dead server fails in minutes.
 */
export function budgetFor(requestTimeoutMs: number): number {
  return 5 * requestTimeoutMs + 60_000
}

/** settings -> read, compare, write -> outputs and summary; every failure ends in one setFailed. */
export async function run(): Promise<void> {
  try {
    const settings = readSettings()
    const client = new SendGridClient({
      baseUrl: settings.baseUrl,
      apiKey: settings.apiKey,
      userAgent: `${ACTION_NAME}/${ACTION_VERSION}`,
      timeoutMs: settings.requestTimeoutMs
    })
    const timing = { budgetMs: budgetFor(settings.requestTimeoutMs), requestTimeoutMs: settings.requestTimeoutMs }
    const outcome = await reconcile(client, settings.target, settings.mode, settings.desired, timing)
    setOutputs(outcome)
    await writeSummary(renderSummary(outcome, settings.baseUrl))
    conclude(outcome)
  } catch (error) {
    if (error instanceof Error && error.stack) core.debug(error.stack)
    core.setFailed(error instanceof Error ? error.message : String(error))
  }
}

/** One annotation per run: drift names every field that differs, with both values. */
function conclude(outcome: Outcome): void {
  const who = describeTarget(outcome.target)
  const fields = (differences: Outcome['differences']) => differences.map(describeDifference).join('; ')
  const verdict = verdictOf(outcome)
  switch (verdict) {
    case 'failed':
      if (outcome.error?.stack) core.debug(outcome.error.stack)
      core.setFailed(
        outcome.error?.message ??
          `Enforced TLS of ${who} was written, but ${outcome.confirmReads} reads since still show: ${fields(outcome.remaining)}. SendGrid may apply it late: run verify again later`
      )
      break
    case 'drift':
      core.setFailed(`Enforced TLS of ${who} does not match the policy: ${fields(outcome.differences)}`)
      break
    case 'planned':
      core.notice(`apply would change Enforced TLS of ${who}: ${fields(outcome.differences)}`)
      break
    default:
      core.info(`Enforced TLS of ${who}: ${verdict}`)
  }
}

/** Outside a runner (a local try-out) there is no summary file: print the summary instead. */
async function writeSummary(markdown: string): Promise<void> {
  if (process.env['GITHUB_STEP_SUMMARY']) {
    await core.summary.addRaw(markdown, true).write()
  } else {
    core.info(markdown)
  }
}
