import type { RunResult } from '../engine/enforce.js'
import { safe } from '../core/guard.js'
import { describeAllCompliant, describeStillOutOfPolicy, isOutOfPolicy, renderComplianceIssue } from '../report/compliance-issue.js'
import { atMostPages, describeGitHubError, findOwn, hiddenMarker, statusOf, withGitHub, type Octokit } from './github.js'
import type { DriftIssue } from './inputs.js'
import { annotate, liveLog } from './log.js'
import { MAX_COMMENT_LENGTH } from './pr-comment.js'

/** Pages of 100 issues with the label read at most: a listing that never ends is not followed forever. */
const MAX_PAGES = 5
/** GitHub refuses an issue body over 65,536 characters, as it does a comment's; the marker and redaction need a little room. */
const MAX_BODY_LENGTH = MAX_COMMENT_LENGTH - 1000

/**
 * Keeps one issue per label that says what a scheduled verify found out of policy: opened on the
 * first drift or failure, updated and commented on while it lasts, reopened if it was closed while
 * it lasts, and closed once every target is compliant. The issue is news about the accounts, not
 * the verdict: one that cannot be written is a warning, and the step's verdict stands.
 */
export async function keepDriftIssue(result: RunResult, issue: DriftIssue): Promise<void> {
  // A cancelled job knows only part of the accounts, and has seconds left.
  if (result.cancelled) return liveLog.info('The job was cancelled: the drift issue is left as it is until the next verify.')
  try {
    liveLog.info(`Drift issue: ${await reconcileIssue(result, issue)}`)
  } catch (error) {
    const status = statusOf(error)
    const cause = status === 403 || status === 404 ? "Grant the job 'issues: write'" : 'A later run will try again'
    annotate.warning(
      `Could not keep the drift issue labelled '${issue.label}': ${describeGitHubError(error)}. ${cause}. The verdict above stands.`
    )
  }
}

/** Brings the issue in line with the run; says what it did, for the log. */
async function reconcileIssue(result: RunResult, issue: DriftIssue): Promise<string> {
  return withGitHub(issue, (octokit) => reconcileWith(octokit, result, issue))
}

async function reconcileWith(octokit: Octokit, result: RunResult, issue: DriftIssue): Promise<string> {
  const where = { owner: issue.owner, repo: issue.repo }
  const marker = hiddenMarker(`drift-issue ${issue.label}`)
  const found = await ownIssue(octokit, issue, marker)
  if (!isOutOfPolicy(result)) {
    if (found?.state !== 'open') return 'every target is compliant, and no issue is open'
    await octokit.rest.issues.createComment({
      ...where,
      issue_number: found.number,
      body: safe(describeAllCompliant(result, issue.runUrl))
    })
    await octokit.rest.issues.update({ ...where, issue_number: found.number, state: 'closed', state_reason: 'completed' })
    return `closed ${found.html_url}`
  }
  const text = renderComplianceIssue(result, issue.runUrl, MAX_BODY_LENGTH)
  const title = safe(text.title)
  const body = `${marker}\n${safe(text.body)}`
  if (!found) {
    const { data } = await octokit.rest.issues.create({ ...where, title, body, labels: [issue.label] })
    return `opened ${data.html_url}`
  }
  const reopen = found.state !== 'open'
  await octokit.rest.issues.update({
    ...where,
    issue_number: found.number,
    title,
    body,
    ...(reopen ? { state: 'open', state_reason: 'reopened' } : {})
  })
  await octokit.rest.issues.createComment({
    ...where,
    issue_number: found.number,
    body: safe(describeStillOutOfPolicy(result, issue.runUrl))
  })
  return `${reopen ? 'reopened' : 'updated'} ${found.html_url}`
}

/**
 * The issue an earlier run opened: among the repository's issues with the label, one that holds
 * the marker and was written by this token, an open one before a closed one.
 */
async function ownIssue(octokit: Octokit, issue: DriftIssue, marker: string) {
  const labelled = await octokit.paginate(
    octokit.rest.issues.listForRepo,
    { owner: issue.owner, repo: issue.repo, labels: issue.label, state: 'all', per_page: 100 },
    atMostPages(MAX_PAGES)
  )
  // The listing holds pull requests too; a pull request is never this issue.
  const marked = labelled.filter((found) => !found.pull_request && found.body?.includes(marker))
  return findOwn(octokit, [...marked.filter((found) => found.state === 'open'), ...marked.filter((found) => found.state !== 'open')])
}
