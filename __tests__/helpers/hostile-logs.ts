/** A SendGrid whose Email Logs answer whatever a test makes them answer (attack reproductions, t18). */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface Answer {
  status?: number
  body: unknown
  /** Milliseconds before answering; Infinity never answers. */
  delayMs?: number
}

export interface HostileLogs {
  url: string
  requests: { method: string; path: string; body?: unknown }[]
  close(): Promise<void>
}

export async function startHostileLogs(handlers: {
  search: (query: string, n: number) => Answer
  read: (id: string, n: number) => Answer
}): Promise<HostileLogs> {
  const requests: HostileLogs['requests'] = []
  let searches = 0
  let reads = 0
  const hanging = new Set<ServerResponse>()
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let raw = ''
    req.on('data', (chunk: Buffer) => (raw += chunk.toString()))
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x')
      const body = raw === '' ? undefined : (JSON.parse(raw) as unknown)
      requests.push({ method: req.method ?? '', path: url.pathname, body })
      let answer: Answer
      if (url.pathname === '/v3/user/settings/enforced_tls')
        answer = { body: { require_tls: false, require_valid_cert: false, version: 1.2 } }
      else if (url.pathname === '/v3/logs' && req.method === 'POST') answer = handlers.search((body as { query: string }).query, searches++)
      else if (url.pathname.startsWith('/v3/logs/')) answer = handlers.read(decodeURIComponent(url.pathname.slice(9)), reads++)
      else answer = { status: 404, body: { errors: [{ field: null, message: 'not found' }] } }
      const send = () => {
        hanging.delete(res)
        res.writeHead(answer.status ?? 200, { 'content-type': 'application/json' })
        res.end(JSON.stringify(answer.body))
      }
      if (answer.delayMs === Infinity) hanging.add(res)
      else if (answer.delayMs) setTimeout(send, answer.delayMs)
      else send()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy()
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}

/** The (after, until] of a search's query, in ms. */
export function sliceOf(query: string): { afterMs: number; untilMs: number } {
  const [after, until] = [...query.matchAll(/TIMESTAMP "([^"]+)"/g)].map((m) => Date.parse(m[1] ?? ''))
  return { afterMs: after ?? NaN, untilMs: until ?? NaN }
}

export function delivered(id: string, to: string, createdMs: number) {
  return {
    from_email: 'a@sender.example',
    sg_message_id: id,
    subject: 'Payroll March',
    to_email: to,
    status: 'delivered',
    sg_message_id_created_at: new Date(createdMs).toISOString()
  }
}

export function deliveryEvents(id: string, to: string, tls: boolean) {
  return {
    sg_message_id: id,
    to_email: to,
    events: [{ event: 'delivered', timestamp: 1_700_000_000, email: to, ...(tls && { tls: 1 }) }]
  }
}
