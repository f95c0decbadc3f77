/** The few GitHub REST endpoints the pull-request comment and the drift issue use, on 127.0.0.1. */
import { createServer, type RequestListener } from 'node:http'
import { createServer as createTlsServer } from 'node:https'
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

/** An issue of the repository, with its comments' bodies in order. */
export interface Issue {
  number: number
  title: string
  body: string
  state: 'open' | 'closed'
  state_reason?: string | null
  labels: { name: string }[]
  html_url: string
  user: GitHubUser
  comments: string[]
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
  /** Every page of comments or issues says there is a next one: a GitHub (or a stand-in for it) that never ends. */
  endlessPages?: boolean
  /** Every GET is answered with a JSON body that never ends: a GitHub, or something in its place, gone wrong. */
  endlessBody?: boolean
  /** Every write is refused with 403, as for a token without the permission it needs. */
  readOnly?: boolean
  /** Every write is refused with 422 and an error message of this many characters. */
  hugeRefusal?: number
  /** Serve HTTPS with this key and certificate (PEM), as GitHub does, for a runner behind a proxy. */
  tls?: { key: string; cert: string }
}

export interface GitHubStandIn {
  url: string
  /** The pull request's comments: a test may add one, by anyone. */
  comments: IssueComment[]
  /** The repository's issues: a test may add one, by anyone. */
  issues: Issue[]
  requests: { method: string; path: string; query: string; authorization?: string }[]
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
  const issues: Issue[] = []
  const requests: GitHubStandIn['requests'] = []
  const list = `/repos/${owner}/${repo}/issues/${pull}/comments`
  const one = new RegExp(`^/repos/${owner}/${repo}/issues/comments/(\\d+)$`)
  const repoIssues = `/repos/${owner}/${repo}/issues`
  const oneIssue = new RegExp(`^/repos/${owner}/${repo}/issues/(\\d+)(/comments)?$`)

  const listener: RequestListener = (req, res) => {
    let raw = ''
    req.on('data', (chunk: Buffer) => (raw += chunk.toString()))
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://stand-in')
      const path = url.pathname
      requests.push({ method: req.method ?? '', path, query: url.search, authorization: req.headers.authorization })
      const reply = (status: number, body: unknown) => {
        res.writeHead(status, { 'Content-Type': 'application/json' })
        res.end(JSON.stringify(body))
      }
      if (options.endlessBody && req.method === 'GET') {
        res.writeHead(200, { 'Content-Type': 'application/json' })
        res.write('[{"body":"')
        const chunk = 'x'.repeat(64 * 1024)
        const more = () => {
          while (!res.destroyed && res.write(chunk));
          if (!res.destroyed) res.once('drain', more)
        }
        res.on('close', () => res.removeAllListeners('drain'))
        return more()
      }
      const nextPage = () => {
        const page = Number(url.searchParams.get('page') ?? 1)
        res.setHeader('Link', `<http://${req.headers.host}${path}?per_page=100&page=${page + 1}>; rel="next"`)
      }
      if (options.hugeRefusal && req.method !== 'GET') {
        return reply(422, { message: `Validation Failed: ${'x'.repeat(options.hugeRefusal)}`, status: '422' })
      }
      if (options.readOnly && req.method !== 'GET') {
        return reply(403, { message: 'Resource not accessible by integration', status: '403' })
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
        if (options.endlessPages) nextPage()
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
      if (path.startsWith(repoIssues)) return serveIssues(req.method ?? '', path, url.searchParams, raw, reply, nextPage)
      reply(404, { message: 'Not Found' })
    })
  }
  /** The issues endpoints: a listing filtered as GitHub filters it, creation, edits and comments. */
  function serveIssues(
    method: string,
    path: string,
    query: URLSearchParams,
    raw: string,
    reply: (status: number, body: unknown) => void,
    nextPage: () => void
  ): void {
    // As GitHub, a listing holds the open issues unless asked for others, and an issue has every label asked for.
    const shown = (issue: Issue) => ({ ...issue, comments: issue.comments.length })
    if (path === repoIssues && method === 'GET') {
      const state = query.get('state') ?? 'open'
      const wanted = (query.get('labels') ?? '').split(',').filter(Boolean)
      const has = (issue: Issue, label: string) => issue.labels.some((l) => l.name.toLowerCase() === label.toLowerCase())
      if (options.endlessPages) nextPage()
      return reply(200, issues.filter((i) => (state === 'all' || i.state === state) && wanted.every((label) => has(i, label))).map(shown))
    }
    const sent = raw ? (JSON.parse(raw) as Partial<Omit<Issue, 'labels'>> & { labels?: string[] }) : {}
    if (path === repoIssues && method === 'POST') {
      const number = Math.max(pull, ...issues.map((i) => i.number)) + 1
      const issue: Issue = {
        number,
        title: sent.title ?? '',
        body: sent.body ?? '',
        state: 'open',
        state_reason: null,
        labels: (sent.labels ?? []).map((name) => ({ name })),
        html_url: `https://github.test/${owner}/${repo}/issues/${number}`,
        user: options.tokenUser ?? ACTIONS_BOT,
        comments: []
      }
      issues.push(issue)
      return reply(201, shown(issue))
    }
    const match = oneIssue.exec(path)
    const issue = match && issues.find((i) => i.number === Number(match[1]))
    if (!issue) return reply(404, { message: 'Not Found' })
    if (match[2] && method === 'POST') {
      issue.comments.push(sent.body ?? '')
      return reply(201, { id: 1000 + issue.comments.length, body: sent.body, html_url: `${issue.html_url}#c${issue.comments.length}` })
    }
    if (!match[2] && method === 'PATCH') {
      const { title, body, state, state_reason } = sent
      Object.assign(issue, { title: title ?? issue.title, body: body ?? issue.body, state: state ?? issue.state })
      if (state_reason !== undefined) issue.state_reason = state_reason
      return reply(200, shown(issue))
    }
    reply(404, { message: 'Not Found' })
  }

  const server = options.tls ? createTlsServer(options.tls, listener) : createServer(listener)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${(server.address() as AddressInfo).port}`,
    comments,
    issues,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve()))
  }
}
