/**
 * The text of the rolling compliance issue a scheduled verify keeps: what is out of policy, told
 * apart from what could not be checked, and the comments that follow its life.
 */
import { describeDifferences } from '../engine/differences.js'
import type { RunResult } from '../engine/enforce.js'
import type { Outcome } from '../engine/reconcile.js'
import { describeFailing, problemOf, tallyOf, verdictOf } from '../engine/verdict.js'
import { count, heading, renderTarget, shorten, verbatim } from './markdown.js'

export interface IssueText {
  title: string
  body: string
}

/** Whether a verify leaves anything to act on: a target drifted or could not be read, or no target was checked at all. */
export function isOutOfPolicy(run: RunResult): boolean {
  return run.error !== undefined || describeFailing(tallyOf(run.outcomes), run.outcomes.length) !== undefined
}

/** "run <link>", or "this run" where the run has no address (outside a runner). */
function runLink(runUrl: string | undefined): string {
  return runUrl ? `run ${runUrl}` : 'this run'
}

/**
 * The issue for a verify that is out of policy: its title, and a body of at most `maxLength`
 * characters listing the drifted targets, then those that could not be checked. Names and errors
 * come from SendGrid and are shown as code; past the room, the rest are counted, not listed.
 */
export function renderComplianceIssue(run: RunResult, runUrl: string | undefined, maxLength: number): IssueText {
  const link = runLink(runUrl)
  if (run.error) {
    return {
      title: 'SendGrid Enforced TLS: the check could not run',
      body: [
        heading('❌ The check could not run'),
        '',
        `**Error:** ${verbatim(shorten(run.error.message))}`,
        '',
        `No target was checked in ${link}: this says nothing of what is on the accounts. ${KEPT}`,
        ''
      ].join('\n')
    }
  }
  const drifted = run.outcomes.filter((o) => verdictOf(o) === 'drift')
  const unchecked = run.outcomes.filter((o) => verdictOf(o) === 'failed')
  const failing = describeFailing(tallyOf(run.outcomes), run.outcomes.length) ?? ''
  const head = [heading(`❌ ${failing}`), '', `As of ${link}. ${KEPT}`, '']
  const sections = [
    { intro: DRIFT, items: drifted.map(driftItem), unlisted: 'drifted' },
    { intro: UNCHECKED, items: unchecked.map(uncheckedItem), unlisted: 'could not be checked' }
  ]
  // The room left for the lists, with some for the line that counts what did not fit.
  let room = maxLength - head.join('\n').length - 200
  const lines = [...head]
  const unlisted: string[] = []
  let left = 0
  for (const { intro, items, unlisted: verb } of sections) {
    const shown: string[] = []
    for (const item of items) {
      const cost = (shown.length === 0 ? intro.length + 2 : 0) + item.length + 1
      if (cost > room) break
      room -= cost
      shown.push(item)
    }
    if (shown.length > 0) lines.push(intro, '', ...shown, '')
    if (items.length > shown.length) unlisted.push(`${items.length - shown.length} ${verb}`)
    left += items.length - shown.length
  }
  if (left > 0) {
    lines.push(`… and ${count(left, 'more target')} (${unlisted.join(', ')}) not listed here: see the job summary of ${link}.`, '')
  }
  return { title: titleOf(drifted.length, unchecked.length), body: lines.join('\n') }
}

/** What keeps the issue: a reader should know not to close it by hand while the problem lasts. */
const KEPT = 'This issue is kept by the scheduled check: it is updated while targets are out of policy, and closed once all are compliant.'

const DRIFT = '**Drift:** the account holds another setting than the policy. Run the action with `mode: apply`, or change it in SendGrid.'

const UNCHECKED =
  '**Could not be checked:** the setting could not be read (the key, the network, or SendGrid failed), so whether it complies is not known.'

function driftItem(outcome: Outcome): string {
  return `- ${renderTarget(outcome.target)}: ${verbatim(describeDifferences(outcome.differences))}`
}

function uncheckedItem(outcome: Outcome): string {
  return `- ${renderTarget(outcome.target)}: ${verbatim(shorten(problemOf(outcome) ?? ''))}`
}

function titleOf(drifted: number, unchecked: number): string {
  const parts = [
    ...(drifted > 0 ? [`${count(drifted, 'target')} out of policy`] : []),
    ...(unchecked > 0 ? [`${drifted > 0 ? unchecked : count(unchecked, 'target')} could not be checked`] : [])
  ]
  return `SendGrid Enforced TLS: ${parts.join(', ')}`
}

/** The comment on an issue that stays open, or is reopened: the problem is still there. */
export function describeStillOutOfPolicy(run: RunResult, runUrl: string | undefined): string {
  const problem = run.error ? 'the check could not run' : (describeFailing(tallyOf(run.outcomes), run.outcomes.length) ?? '')
  return `Still out of policy: ${problem}, ${runLink(runUrl)}`
}

/** The comment that closes the issue. */
export function describeAllCompliant(run: RunResult, runUrl: string | undefined): string {
  return `All ${count(run.outcomes.length, 'target')} compliant as of ${runLink(runUrl)}`
}
