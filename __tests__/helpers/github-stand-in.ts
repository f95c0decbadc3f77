/** The few GitHub REST endpoints the pull-request comment uses, on 127.0.0.1. */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface GitHubUser {
  login: string
  type: 'User' | 'Bot'
}

export interface IssueComment {
  id: number
  body: string
  html_url: string
  user: GitHubUser
}

/** Who writes the comments of a job that uses the default GITHUB_TOKEN. */
export const ACTIONS_BOT: GitHubUser = { login: 'github-actions[bot]', type: 'Bot' }

export interface GitHubStandInOptions {
  /**
   * Whose token the action holds: a user's, which GET /user answers with that user. By default an
   * installation token, as the GITHUB_TOKEN is: GET /user refuses it with 403, and its comments
   * are the Actions bot's.
   */
  tokenUser?: GitHubUser
  /** Every page of comments says there is a next one: a GitHub (or a stand-in for it) that never ends. */
  endlessPages?: boolean
}

export interface GitHubStandIn {
  url: string
  /** The pull request's comments: a test may add one, by anyone. */
  comments: IssueComment[]
  requests: { method: string; path: string; authorization?: string }[]
  close(): Promise<void>
}

export async function startGitHubStandIn(
  owner: string,
  repo: string,
  pull: number,
  options: GitHubStandInOptions = {}
): Promise<GitHubStandIn> {
  const comments: IssueComment[] = [
    { id: 1, body: 'Looks good to me', html_url: 'https://github.test/c/1', user: { login: 'reviewer', type: 'User' } }
  ]
  const requests: GitHubStandIn['requests'] = []
  const list = `/repos/${owner}/${repo}/issues/${pull}/comments`
  const one = new RegExp(`^/repos/${owner}/${repo}/issues/comments/(\\d+)$`)

  const server = createServer((req, res) => {
    let raw = ''
    req.on('data', (chunk: Buffer) => (raw += chunk.toString()))
    req.on('end', () => {
      const path = (req.url ?? '').split('?')[0] ?? ''
      requests.push({ method: req.method ?? '', path, authorization: req.headers.authorization })
      const reply = (status: number, body: unknown) => {
        res.writeHead(status, { 'Content-Type': 'application/json' })
        res.end(JSON.stringify(body))
      }
      if (path === '/user' && req.method === 'GET') {
        if (options.tokenUser) return reply(200, { ...options.tokenUser, id: 7 })
        return reply(403, {
          message: 'Resource not accessible by integration',
          documentation_url: 'https://docs.github.com/rest/users/users#get-the-authenticated-user',
          status: '403'
        })
      }
      if (path === list && req.method === 'GET') {
        if (options.endlessPages) {
          const page = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('page') ?? 1)
          res.setHeader('Link', `<http://${req.headers.host}${list}?per_page=100&page=${page + 1}>; rel="next"`)
        }
        return reply(200, comments)
      }
      if (path === list && req.method === 'POST') {
        const id = Math.max(0, ...comments.map((c) => c.id)) + 1
        const comment = {
          id,
          body: (JSON.parse(raw) as { body: string }).body,
          html_url: `https://github.test/c/${id}`,
          user: options.tokenUser ?? ACTIONS_BOT
        }
        comments.push(comment)
        return reply(201, comment)
      }
      const match = one.exec(path)
      const existing = match && comments.find((c) => c.id === Number(match[1]))
      // As on GitHub, a token that may write to the repository may edit anyone's comment.
      if (existing && req.method === 'PATCH') {
        existing.body = (JSON.parse(raw) as { body: string }).body
        return reply(200, existing)
      }
      reply(404, { message: 'Not Found' })
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    comments,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve()))
  }
}
