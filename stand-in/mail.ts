/**
 * The stand-in's mail: Email Logs (`POST /v3/logs`, `GET /v3/logs/{sg_message_id}`) and blocks
 * (`GET /v3/suppression/blocks`), as Twilio's OpenAPI descriptions have them, over seeded
 * messages. A parent key reads a subuser's logs by its numeric id (`subusers`, `?subuser=`), and
 * its blocks through on-behalf-of. Not product code: the tests and `npm start` use it.
 */

export const SCOPE_LOGS = 'email_activity.read'
export const SCOPE_BLOCKS = 'suppression.blocks.read'

/**
 * How a message's delivery went: over TLS, without it, with a certificate error; or `none`: its
 * status is delivered (from an open event, as the spec allows) but no delivered event is kept.
 */
export type SeededDelivery = 'tls' | 'no-tls' | 'cert-error' | 'none'

export interface SeededMessage {
  id: string
  to: string
  subject?: string
  delivery?: SeededDelivery
  /** How long ago it was sent; an hour by default. */
  ageHours?: number
}

export interface SeededBlock {
  email: string
  reason: string
  ageHours?: number
}

export interface MailOptions {
  /** Messages by account: `parent` or a subuser's username. */
  mail?: Record<string, SeededMessage[]>
  /** Blocks by account: `parent`, a username, or `account-id <id>`. */
  blocks?: Record<string, SeededBlock[]>
}

/** What the server knows that the mail needs: the key's scopes, the on-behalf-of header, the subusers' ids. */
export interface MailRequest {
  method: string
  path: string
  query: URLSearchParams
  body: string
  scopes: readonly string[]
  behalf?: string
  subuserById: (id: string) => string | undefined
  accountKnown: (account: string) => boolean
}

export interface MailAnswer {
  status: number
  body: unknown
  /** The request body as parsed, for the tests to read. */
  parsed?: unknown
}

const HOUR_MS = 60 * 60 * 1000
const LOGS = '/v3/logs'
const BLOCKS = '/v3/suppression/blocks'

export function servesMail(path: string): boolean {
  return path === LOGS || path.startsWith(`${LOGS}/`) || path === BLOCKS
}

export function answerMail(request: MailRequest, options: MailOptions, now = Date.now()): MailAnswer {
  const { path, method } = request
  if (path === BLOCKS) return method === 'GET' ? blocks(request, options, now) : errors(405, 'method not allowed')
  if (!request.scopes.includes(SCOPE_LOGS)) return errors(403, 'access forbidden')
  // The spec addresses a subuser's logs by id, never by on-behalf-of: this stand-in holds the client to it.
  if (request.behalf !== undefined) return errors(400, 'on-behalf-of is not supported here: pass the subuser id')
  if (path === LOGS) return method === 'POST' ? search(request, options, now) : errors(405, 'method not allowed')
  if (method !== 'GET') return errors(405, 'method not allowed')
  return message(request, options, now, decodeURIComponent(path.slice(LOGS.length + 1)))
}

function search(request: MailRequest, options: MailOptions, now: number): MailAnswer {
  let parsed: unknown
  try {
    parsed = JSON.parse(request.body)
  } catch {
    return errors(400, 'request body is invalid JSON')
  }
  const { query, limit = 10, subusers } = (parsed ?? {}) as { query?: unknown; limit?: unknown; subusers?: unknown }
  if (typeof query !== 'string') return errors(400, 'query is required', 'query')
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > 1000) {
    return errors(400, 'limit must be from 1 to 1000', 'limit')
  }
  let account = 'parent'
  if (subusers !== undefined) {
    if (!Array.isArray(subusers) || subusers.length !== 1 || typeof subusers[0] !== 'string' || !/^\d+$/.test(subusers[0])) {
      return errors(400, 'subusers takes one numeric subuser id', 'subusers')
    }
    const name = request.subuserById(subusers[0])
    if (name === undefined) return errors(403, 'access forbidden')
    account = name
  }
  const filter = parseQuery(query)
  if (!filter) return errors(400, 'query could not be parsed', 'query')
  const found: unknown[] = []
  if (filter.statuses.includes('delivered')) {
    // Newest first, as the stand-ins answer; SendGrid does not document an order.
    for (const m of newestFirst(options.mail?.[account] ?? [])) {
      const created = createdAt(m, now)
      if (filter.times.every((test) => test(created))) found.push(summary(m, now))
      if (found.length >= limit) break
    }
  }
  return { status: 200, body: { messages: found }, parsed }
}

/** Each account's messages, newest first, sorted once: a week of 100,000 is searched many times. */
const sorted = new WeakMap<SeededMessage[], SeededMessage[]>()
function newestFirst(mail: SeededMessage[]): SeededMessage[] {
  let ordered = sorted.get(mail)
  if (!ordered) {
    ordered = [...mail].sort((a, b) => (a.ageHours ?? 1) - (b.ageHours ?? 1))
    sorted.set(mail, ordered)
  }
  return ordered
}

/** A message's creation time, to the second, as SendGrid's timestamps have it. */
function createdAt(m: SeededMessage, now: number): number {
  return Math.floor((now - (m.ageHours ?? 1) * HOUR_MS) / 1000) * 1000
}

/** Each account's messages by id, indexed once. */
const indexed = new WeakMap<SeededMessage[], Map<string, SeededMessage>>()
function byId(mail: SeededMessage[], id: string): SeededMessage | undefined {
  let index = indexed.get(mail)
  if (!index) {
    index = new Map(mail.map((m) => [m.id, m]))
    indexed.set(mail, index)
  }
  return index.get(id)
}

function message(request: MailRequest, options: MailOptions, now: number, id: string): MailAnswer {
  const subuser = request.query.get('subuser')
  const account = subuser === null ? 'parent' : /^\d+$/.test(subuser) ? request.subuserById(subuser) : undefined
  if (account === undefined) return errors(403, 'access forbidden')
  const mail = options.mail?.[account]
  const found = mail && byId(mail, id)
  // SendGrid's text for a missing message is not documented; this one quotes the id, as a server might.
  if (!found) return errors(404, `message ${id} not found`)
  return { status: 200, body: { ...summary(found, now), api_key_id: 'stand-in', client_ip: '192.0.2.10', events: events(found, now) } }
}

function blocks(request: MailRequest, options: MailOptions, now: number): MailAnswer {
  if (!request.scopes.includes(SCOPE_BLOCKS)) return errors(403, 'access forbidden')
  const account = request.behalf ?? 'parent'
  if (account !== 'parent' && !request.accountKnown(account)) return errors(403, 'access forbidden')
  const number = (name: string, fallback: number) => {
    const value = request.query.get(name)
    return value === null ? fallback : Number(value)
  }
  const start = number('start_time', 0)
  const end = number('end_time', Number.MAX_SAFE_INTEGER)
  const limit = Math.min(500, number('limit', 500))
  const offset = number('offset', 0)
  const all = (options.blocks?.[account] ?? [])
    .map((b) => ({ created: Math.floor((now - (b.ageHours ?? 1) * HOUR_MS) / 1000), email: b.email, reason: b.reason, status: '4.0.0' }))
    .filter((b) => b.created >= start && b.created <= end)
  return { status: 200, body: all.slice(offset, offset + limit) }
}

const COMPARE: Record<string, (a: number, b: number) => boolean> = {
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b
}

/** The conditions the forecast sends, joined by AND: `status IN (...)` and `sg_message_id_created_at` compared with a TIMESTAMP. */
function parseQuery(query: string): { statuses: string[]; times: ((ms: number) => boolean)[] } | undefined {
  let statuses: string[] = []
  const times: ((ms: number) => boolean)[] = []
  for (const condition of query.split(/\s+AND\s+/)) {
    const status = /^status IN \(((?:'[a-z]+'(?:,\s*)?)+)\)$/.exec(condition.trim())
    const time = /^sg_message_id_created_at (>=|<=|>|<) TIMESTAMP "(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)"$/.exec(condition.trim())
    if (status) statuses = [...(status[1] ?? '').matchAll(/'([a-z]+)'/g)].map((m) => m[1] ?? '')
    else if (time) {
      const compare = COMPARE[time[1] ?? ''] as (a: number, b: number) => boolean
      const bound = Date.parse(time[2] ?? '')
      times.push((ms) => compare(ms, bound))
    } else return undefined
  }
  return { statuses, times }
}

function summary(m: SeededMessage, now: number) {
  return {
    from_email: 'sender@stand-in.example',
    sg_message_id: m.id,
    subject: m.subject ?? 'Your receipt',
    to_email: m.to,
    status: 'delivered',
    sg_message_id_created_at: new Date(createdAt(m, now)).toISOString()
  }
}

/** A processed event, then the delivery: `tls: 1` only when TLS was used, `cert_err: "1"` when the certificate failed. */
function events(m: SeededMessage, now: number): unknown[] {
  const at = Math.floor((now - (m.ageHours ?? 1) * HOUR_MS) / 1000)
  const common = { email: m.to, sg_message_id: m.id, sg_event_id: `${m.id}-e`, 'smtp-id': `<${m.id}@stand-in>`, ip: '192.0.2.20' }
  const processed = { ...common, event: 'processed', timestamp: at }
  const delivery = m.delivery ?? 'tls'
  if (delivery === 'none') return [processed, { ...common, event: 'open', timestamp: at + 600 }]
  return [
    processed,
    {
      ...common,
      event: 'delivered',
      timestamp: at + 5,
      response: '250 OK',
      ...(delivery !== 'no-tls' && { tls: 1 }),
      ...(delivery === 'cert-error' && { cert_err: '1' })
    }
  ]
}

function errors(status: number, message: string, field: string | null = null): MailAnswer {
  return { status, body: { errors: [{ field, message }] } }
}
