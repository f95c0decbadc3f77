import type { PullRequestComment } from '../inputs.js'

/** GitHub refuses a comment body over 65,536 characters. */
export const MAX_COMMENT_LENGTH = 65_536

/** The hidden line that finds this step's comment again on the next run. */
function commentMarker(key: string): string {
  return `<!-- sendgrid-enforced-tls-action: ${key.replace(/-->/g, '')} -->`
}

/**
 * Posts the report on the pull request, or updates the comment an earlier run of the same step
 * posted, so a pull request carries one current report, not one per push. Returns its URL.
 */
export async function upsertPullRequestComment(pr: PullRequestComment, markdown: string): Promise<string> {
  // Loaded only here: a run without a comment does not pay for Octokit at start-up.
  const { getOctokit } = await import('@actions/github')
  const octokit = getOctokit(pr.token)
  const marker = commentMarker(pr.key)
  const body = `${marker}\n${markdown}`
  const where = { owner: pr.owner, repo: pr.repo }
  const comments = await octokit.paginate(octokit.rest.issues.listComments, { ...where, issue_number: pr.number, per_page: 100 })
  const earlier = comments.find((comment) => comment.body?.includes(marker))
  if (earlier) {
    const { data } = await octokit.rest.issues.updateComment({ ...where, comment_id: earlier.id, body })
    return data.html_url
  }
  const { data } = await octokit.rest.issues.createComment({ ...where, issue_number: pr.number, body })
  return data.html_url
}
