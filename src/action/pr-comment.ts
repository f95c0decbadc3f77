import type { getOctokit } from '@actions/github'
import type { PullRequestComment } from './inputs.js'

/** GitHub refuses a comment body over 65,536 characters. */
export const MAX_COMMENT_LENGTH = 65_536
/** Pages of 100 comments read at most, looking for this step's earlier comment. */
const MAX_PAGES = 30
/** All the time the comment may take, every request included. */
const COMMENT_TIME_MS = 60_000

type Octokit = ReturnType<typeof getOctokit>

/** Whoever writes a comment, as GitHub names the author. */
interface Author {
  login: string
  type: string
}

/** The author of comments made with the default GITHUB_TOKEN, an installation token. */
const ACTIONS_BOT: Author = { login: 'github-actions[bot]', type: 'Bot' }

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
  // The API's address is the runner's (GitHub Enterprise Server has its own), read with the other
  // settings. A GitHub that does not answer costs a minute, not the job's six hours.
  const octokit = getOctokit(pr.token, { baseUrl: pr.apiUrl, request: { signal: AbortSignal.timeout(COMMENT_TIME_MS) } })
  const marker = commentMarker(pr.key)
  const body = `${marker}\n${markdown}`
  const where = { owner: pr.owner, repo: pr.repo }
  // At most MAX_PAGES pages of comments: a listing whose next page never ends is not followed forever.
  let pages = 0
  const comments = await octokit.paginate(
    octokit.rest.issues.listComments,
    { ...where, issue_number: pr.number, per_page: 100 },
    (response, done) => {
      if (++pages >= MAX_PAGES) done()
      return response.data
    }
  )
  const marked = comments.filter((comment) => comment.body?.includes(marker))
  // Anyone can copy the marker into a comment of their own: only one this token wrote is ours to
  // edit. Asking who the token is costs a request, so only when there is a comment to tell apart.
  const author = marked.length > 0 ? await tokenAuthor(octokit) : undefined
  const earlier = marked.find(({ user }) => user && author && user.login === author.login && user.type === author.type)
  if (earlier) {
    const { data } = await octokit.rest.issues.updateComment({ ...where, comment_id: earlier.id, body })
    return data.html_url
  }
  const { data } = await octokit.rest.issues.createComment({ ...where, issue_number: pr.number, body })
  return data.html_url
}

/**
 * Who comments with this token. GET /user answers for a user's token; the default GITHUB_TOKEN
 * is an installation token, which it refuses with 403, and whose comments are the Actions bot's.
 */
async function tokenAuthor(octokit: Octokit): Promise<Author> {
  try {
    const { data } = await octokit.rest.users.getAuthenticated()
    return { login: data.login, type: data.type }
  } catch (error) {
    if (statusOf(error) === 403) return ACTIONS_BOT
    throw error
  }
}

function statusOf(error: unknown): unknown {
  return typeof error === 'object' && error !== null && 'status' in error ? error.status : undefined
}
