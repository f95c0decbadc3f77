import { atMostPages, findOwn, hiddenMarker, withGitHub, type Octokit } from './github.js'
import type { PullRequestComment } from './inputs.js'

/** GitHub refuses a comment body over 65,536 characters. */
export const MAX_COMMENT_LENGTH = 65_536
/** Pages of 100 comments read at most, looking for this step's earlier comment. */
const MAX_PAGES = 30

/**
 * Posts the report on the pull request, or updates the comment an earlier run of the same step
 * posted, so a pull request carries one current report, not one per push. Returns its URL.
 */
export async function upsertPullRequestComment(pr: PullRequestComment, markdown: string): Promise<string> {
  return withGitHub(pr, (octokit) => upsert(octokit, pr, markdown))
}

async function upsert(octokit: Octokit, pr: PullRequestComment, markdown: string): Promise<string> {
  const marker = hiddenMarker(pr.key)
  const body = `${marker}\n${markdown}`
  const where = { owner: pr.owner, repo: pr.repo }
  const comments = await octokit.paginate(
    octokit.rest.issues.listComments,
    { ...where, issue_number: pr.number, per_page: 100 },
    atMostPages(MAX_PAGES)
  )
  const earlier = await findOwn(
    octokit,
    comments.filter((comment) => comment.body?.includes(marker))
  )
  if (earlier) {
    const { data } = await octokit.rest.issues.updateComment({ ...where, comment_id: earlier.id, body })
    return data.html_url
  }
  const { data } = await octokit.rest.issues.createComment({ ...where, issue_number: pr.number, body })
  return data.html_url
}
