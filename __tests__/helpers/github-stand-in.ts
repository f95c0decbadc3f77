/** The few GitHub REST endpoints the pull-request comment uses, on 127.0.0.1. */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface IssueComment {
  id: number
  body: string
  html_url: string
}

export interface GitHubStandIn {
  url: string
  comments: IssueComment[]
  requests: { method: string; path: string; authorization?: string }[]
  close(): Promise<void>
}

export async function startGitHubStandIn(owner: string, repo: string, pull: number): Promise<GitHubStandIn> {
  const comments: IssueComment[] = [{ id: 1, body: 'Looks good to me', html_url: 'https://github.test/c/1' }]
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
      if (path === list && req.method === 'GET') return reply(200, comments)
      if (path === list && req.method === 'POST') {
        const comment = {
          id: comments.length + 1,
          body: (JSON.parse(raw) as { body: string }).body,
          html_url: `https://github.test/c/${comments.length + 1}`
        }
        comments.push(comment)
        return reply(201, comment)
      }
      const match = one.exec(path)
      const existing = match && comments.find((c) => c.id === Number(match[1]))
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
