/**
 * A local stand-in for the part of SendGrid's v3 API this action uses: GET and PATCH of
 * /v3/user/settings/enforced_tls, with bearer keys and their scopes, on-behalf-of for subusers
 * and customer accounts, SendGrid's error bodies and rate-limit headers; and, for the forecast,
 * Email Logs and blocks over seeded mail (`mail.ts`). It follows the
 * official OpenAPI description and the quirks other clients met: `version` is left out until an
 * account sets it, and can be echoed as a float32. Used by `npm start`, the tests and the bench.
 */
import { createServer, type IncomingMessage, type RequestListener, type ServerResponse } from 'node:http'
import { createServer as createTlsServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import { gzipSync } from 'node:zlib'
import { answerMail, SCOPE_BLOCKS, SCOPE_LOGS, servesMail, type MailOptions } from './mail.js'

export { SCOPE_BLOCKS, SCOPE_LOGS, type SeededBlock, type SeededMessage } from './mail.js'

export const SCOPE_READ = 'user.settings.enforced_tls.read'
export const SCOPE_UPDATE = 'user.settings.enforced_tls.update'
export const SCOPE_SUBUSERS = 'subusers.read'
/** SendGrid's largest page of subusers. */
export const MAX_SUBUSER_PAGE = 500

/** An account as SendGrid stores it: `version` stays undefined until a PATCH sets it. */
export interface StoredSetting {
  require_tls: boolean
  require_valid_cert: boolean
  version?: number
}

/** A fault the stand-in answers with instead of the real thing, for the tests of failure paths. */
export type Fault =
  /** Any status with SendGrid's error body, or with the given body, content type and headers. */
  | { kind: 'status'; status: number; body?: string; contentType?: string; headers?: Record<string, string> }
  /** 429 with the rate-limit headers: reset this many seconds from now, and Retry-After if given. */
  | { kind: 'rate-limit'; resetInSeconds: number; retryAfter?: string }
  /** A proxy's HTML error page. */
  | { kind: 'html'; status: number }
  /** 200 with a body that is not JSON. */
  | { kind: 'malformed' }
  /** The connection is closed without an answer. */
  | { kind: 'drop' }
  /** The request is never answered. */
  | { kind: 'hang' }
  /** 200 with a JSON body that never ends. */
  | { kind: 'endless' }
  /** 200 with a small gzip body that decompresses to 64 MiB. */
  | { kind: 'bomb' }

export interface StandInOptions extends MailOptions {
  /** Keys the stand-in accepts, with their scopes. Default: one key with both scopes. */
  keys?: Record<string, string[]>
  /** The parent account's setting. Default: SendGrid's defaults, no version stored. */
  parent?: StoredSetting
  /** Subusers by username, and customer accounts by ID, with their settings. */
  subusers?: Record<string, StoredSetting>
  accounts?: Record<string, StoredSetting>
  /** Send `version` the way a float32 prints (1.2000000476837158), as generated clients have seen it. */
  float32Versions?: boolean
  /**
   * What a PATCH answers: the whole setting, as documented (default); only the fields sent; or
   * nothing (204). The action must not depend on the echo.
   */
  patchEcho?: 'full' | 'sent' | 'none'
  /**
   * Subusers pinned to the EU region. This stand-in plays the global host, and whether that
   * host serves EU subusers through on-behalf-of is undocumented: here it refuses them with 401.
   */
  euSubusers?: string[]
  /** Delay before each answer, as a distant API has. */
  latencyMs?: number
  /** After a PATCH, this many GETs of that account still show the setting from before it. */
  readLag?: number
  /**
   * How GET /v3/subusers pages, when not as documented: serving at most `maxPage` names whatever
   * the limit; ignoring the offset (the first page every time); or inventing new names forever.
   */
  subuserPaging?: { maxPage: number } | 'ignore-offset' | 'endless'
  /** Serve HTTPS with this key and certificate (PEM) instead of plain HTTP. */
  tls?: { key: string; cert: string }
  /** Requests allowed per rate-limit window, and the window's length (a whole number of seconds). */
  rateLimit?: { limit: number; windowMs: number }
  /** Rate-limit as a gateway in front of SendGrid might: no X-RateLimit-* headers, and a 429 that says only Retry-After. */
  bareRateLimit?: boolean
  /** The time its rate-limit windows are counted in: a test's clock, so that the run's waits move them on. */
  now?: () => number
  port?: number
}

export interface RecordedRequest {
  method: string
  path: string
  query: URLSearchParams
  headers: IncomingMessage['headers']
  body?: unknown
}

export interface StandIn {
  /** Base URL to give the action as `api-url`. */
  url: string
  requests: RecordedRequest[]
  /** Current state by account name: `parent`, a username, or `account-id <id>`. */
  setting(account?: string): StoredSetting | undefined
  /** How many requests were refused with 429 for going past the rate limit. */
  rateLimited(): number
  /** Answers the next `times` requests (of `method`, if given) with a fault, after letting `after` of them through. */
  inject(fault: Fault, times?: number, method?: 'GET' | 'PATCH', after?: number): void
  close(): Promise<void>
}

export const DEFAULT_STAND_IN_KEY = 'SG.stand-in-key.not-a-real-secret'

const PATH = '/v3/user/settings/enforced_tls'
/** A subuser's numeric id is its place among the subusers plus this. */
const FIRST_SUBUSER_ID = 1001
const SUBUSERS_PATH = '/v3/subusers'

export async function startStandIn(options: StandInOptions = {}): Promise<StandIn> {
  const keys = options.keys ?? { [DEFAULT_STAND_IN_KEY]: [SCOPE_READ, SCOPE_UPDATE, SCOPE_SUBUSERS, SCOPE_LOGS, SCOPE_BLOCKS] }
  const parent: StoredSetting = { ...(options.parent ?? { require_tls: false, require_valid_cert: false }) }
  // Accounts reached through on-behalf-of, keyed by the header's value.
  const store = new Map<string, StoredSetting>()
  for (const [name, setting] of Object.entries(options.subusers ?? {})) store.set(name, { ...setting })
  for (const [id, setting] of Object.entries(options.accounts ?? {})) store.set(`account-id ${id}`, { ...setting })

  // SendGrid counts requests per endpoint, in fixed windows that end on a whole second, since
  // X-RateLimit-Reset names that second. Here they lie on a grid of `windowMs` (whole seconds).
  const rate = options.rateLimit ?? { limit: 600, windowMs: 60_000 }
  const windows = new Map<string, { end: number; used: number }>()
  // The seeded mail's ages count from the stand-in's start: a message's creation time must not
  // drift between two searches, or one cut at a slice's edge would be counted twice.
  const mailNow = Date.now()
  const requests: RecordedRequest[] = []
  let rateLimited = 0
  const faults: { fault: Fault; times: number; method?: string; after: number }[] = []
  const stale = new Map<StoredSetting, { shown: StoredSetting; reads: number }>()

  const listener: RequestListener = (req, res) => {
    void readBody(req).then(async (raw) => {
      if (options.latencyMs) await new Promise((resolve) => setTimeout(resolve, options.latencyMs))
      const url = new URL(req.url ?? '/', 'http://stand-in')
      const recorded: RecordedRequest = { method: req.method ?? '', path: url.pathname, query: url.searchParams, headers: req.headers }
      requests.push(recorded)

      const now = (options.now ?? Date.now)()
      let window = windows.get(url.pathname)
      if (!window || now >= window.end) {
        window = { end: (Math.floor(now / rate.windowMs) + 1) * rate.windowMs, used: 0 }
        windows.set(url.pathname, window)
      }
      window.used += 1
      if (!options.bareRateLimit) {
        res.setHeader('X-RateLimit-Limit', String(rate.limit))
        res.setHeader('X-RateLimit-Remaining', String(Math.max(0, rate.limit - window.used)))
        res.setHeader('X-RateLimit-Reset', String(window.end / 1000))
      }
      if (window.used > rate.limit) {
        rateLimited += 1
        if (options.bareRateLimit) res.setHeader('Retry-After', String(Math.ceil((window.end - now) / 1000)))
        return sendErrors(res, 429, 'too many requests')
      }
      const fault = takeFault(recorded.method)
      if (fault) return answerWithFault(res, fault, now)
      handle(req, res, raw, recorded)
    })
  }
  const server = options.tls ? createTlsServer(options.tls, listener) : createServer(listener)

  function handle(req: IncomingMessage, res: ServerResponse, raw: string, recorded: RecordedRequest): void {
    if (servesMail(recorded.path)) return handleMail(req, res, raw, recorded)
    const endpoint = recorded.path === PATH ? 'enforced_tls' : recorded.path === SUBUSERS_PATH ? 'subusers' : undefined
    if (!endpoint) return sendErrors(res, 404, 'resource not found')
    if (req.method !== 'GET' && (endpoint === 'subusers' || req.method !== 'PATCH')) return sendErrors(res, 405, 'method not allowed')

    const auth = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')
    const scopes = auth ? keys[auth[1] ?? ''] : undefined
    if (!scopes) return sendErrors(res, 401, 'authorization required')
    if (!acceptsJson(req.headers.accept)) return sendErrors(res, 406, 'Accept header must allow application/json')
    const needed = endpoint === 'subusers' ? SCOPE_SUBUSERS : req.method === 'GET' ? SCOPE_READ : SCOPE_UPDATE
    if (!scopes.includes(needed)) return sendErrors(res, 403, 'access forbidden')
    if (endpoint === 'subusers') return listSubusers(res, recorded.query)

    const behalf = req.headers['on-behalf-of']
    if (behalf !== undefined && options.euSubusers?.includes(String(behalf))) return sendErrors(res, 401, 'authorization required')
    const setting = behalf === undefined ? parent : store.get(String(behalf))
    // What SendGrid answers for an unknown on-behalf-of is undocumented; a 403 is the likeliest.
    if (!setting) return sendErrors(res, 403, 'access forbidden')

    if (req.method === 'GET') {
      const lagging = stale.get(setting)
      if (lagging && lagging.reads-- > 0) return sendSetting(res, lagging.shown)
      return sendSetting(res, setting)
    }

    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
      return sendErrors(res, 400, 'Content-Type must be application/json')
    }
    let body: unknown
    try {
      body = JSON.parse(raw)
    } catch {
      return sendErrors(res, 400, 'request body is invalid JSON')
    }
    recorded.body = body
    const problem = validatePatch(body)
    if (problem) return sendErrors(res, 400, problem.message, problem.field)
    if (options.readLag) stale.set(setting, { shown: { ...setting }, reads: options.readLag })
    Object.assign(setting, body)
    if (options.patchEcho === 'none') return void res.writeHead(204).end()
    if (options.patchEcho === 'sent') return send(res, 200, body)
    sendSetting(res, setting)
  }

  /** Email Logs and blocks, over the seeded mail (`mail.ts`), behind the same keys. */
  function handleMail(req: IncomingMessage, res: ServerResponse, raw: string, recorded: RecordedRequest): void {
    const auth = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')
    const scopes = auth ? keys[auth[1] ?? ''] : undefined
    if (!scopes) return sendErrors(res, 401, 'authorization required')
    if (!acceptsJson(req.headers.accept)) return sendErrors(res, 406, 'Accept header must allow application/json')
    const behalf = req.headers['on-behalf-of']
    const names = subuserNames()
    const answer = answerMail(
      {
        method: req.method ?? '',
        path: recorded.path,
        query: recorded.query,
        body: raw,
        scopes,
        behalf: behalf === undefined ? undefined : String(behalf),
        subuserById: (id) => names[Number(id) - FIRST_SUBUSER_ID],
        accountKnown: (account) => store.has(account)
      },
      options,
      mailNow
    )
    if (answer.parsed !== undefined) recorded.body = answer.parsed
    send(res, answer.status, answer.body)
  }

  /**
   * As seeded, whatever they hold: a subuser named `account-id <id>` is listed, and its name, as
   * on-behalf-of, reaches the customer account of that id, as SendGrid's would.
   */
  function subuserNames(): string[] {
    return Object.keys(options.subusers ?? {})
  }

  /** GET /v3/subusers: a page of `limit` (capped at 500) from `offset`, or the one `username`; regions on request. */
  function listSubusers(res: ServerResponse, query: URLSearchParams): void {
    const names = subuserNames()
    const username = query.get('username')
    const paging = options.subuserPaging
    const limit = Math.min(typeof paging === 'object' ? paging.maxPage : MAX_SUBUSER_PAGE, Number(query.get('limit') ?? 100) || 100)
    const offset = paging === 'ignore-offset' ? 0 : Number(query.get('offset') ?? 0) || 0
    if (paging === 'endless') names.push(...Array.from({ length: offset + limit }, (_, i) => `invented-${i}`))
    const page = username !== null ? names.filter((name) => name === username) : names.slice(offset, offset + limit)
    const withRegion = query.get('include_region') === 'true'
    send(
      res,
      200,
      page.map((name, index) => ({
        id: (username !== null ? names.indexOf(name) : offset + index) + FIRST_SUBUSER_ID,
        username: name,
        email: `${name}@example.com`,
        disabled: false,
        ...(withRegion ? { region: options.euSubusers?.includes(name) ? 'eu' : 'global' } : {})
      }))
    )
  }

  function takeFault(method: string): Fault | undefined {
    const index = faults.findIndex((f) => f.method === undefined || f.method === method)
    const entry = faults[index]
    if (!entry) return undefined
    if (entry.after > 0) {
      entry.after -= 1
      return undefined
    }
    if (--entry.times <= 0) faults.splice(index, 1)
    return entry.fault
  }

  function sendSetting(res: ServerResponse, setting: StoredSetting): void {
    const shown: Record<string, unknown> = {
      require_tls: setting.require_tls,
      require_valid_cert: setting.require_valid_cert
    }
    if (setting.version !== undefined) {
      shown['version'] = options.float32Versions ? Math.fround(setting.version) : setting.version
    }
    send(res, 200, shown)
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    requests,
    rateLimited: () => rateLimited,
    inject: (fault, times = 1, method, after = 0) => {
      // Made now, not while a client waits for the answer: it takes a tenth of a second.
      if (fault.kind === 'bomb') bomb()
      faults.push({ fault, times, method, after })
    },
    setting: (account = 'parent') => {
      const setting = account === 'parent' ? parent : store.get(account)
      return setting && { ...setting }
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        if (!server.listening) return resolve()
        server.closeAllConnections()
        server.close((error) => (error ? reject(error) : resolve()))
      })
  }
}

function answerWithFault(res: ServerResponse, fault: Fault, now: number): void {
  switch (fault.kind) {
    case 'status':
      for (const [name, value] of Object.entries(fault.headers ?? {})) res.setHeader(name, value)
      if (fault.body === undefined) return sendErrors(res, fault.status, `stand-in fault ${fault.status}`)
      res.writeHead(fault.status, { 'Content-Type': fault.contentType ?? 'application/json' })
      return void res.end(fault.body)
    case 'rate-limit':
      res.setHeader('X-RateLimit-Remaining', '0')
      res.setHeader('X-RateLimit-Reset', String(Math.floor(now / 1000) + fault.resetInSeconds))
      if (fault.retryAfter !== undefined) res.setHeader('Retry-After', fault.retryAfter)
      return sendErrors(res, 429, 'too many requests')
    case 'html':
      res.writeHead(fault.status, { 'Content-Type': 'text/html' })
      return void res.end(
        `<!DOCTYPE html><html><head><title>${fault.status} Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>`
      )
    case 'malformed':
      res.writeHead(200, { 'Content-Type': 'application/json' })
      return void res.end('{"require_tls": tru')
    case 'drop':
      return void res.socket?.destroy()
    case 'hang':
      return
    case 'endless': {
      res.writeHead(200, { 'Content-Type': 'application/json' })
      res.write('{"require_tls": true, "padding": "')
      const chunk = 'x'.repeat(64 * 1024)
      const pump = () => {
        while (!res.destroyed && res.write(chunk));
        if (!res.destroyed) res.once('drain', pump)
      }
      return pump()
    }
    case 'bomb':
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' })
      return void res.end(bomb())
  }
}

let bombBody: Buffer | undefined
/** 64 MiB of spaces inside a JSON string, gzipped to about 64 kB. */
function bomb(): Buffer {
  bombBody ??= gzipSync(Buffer.concat([Buffer.from('{"require_tls": "'), Buffer.alloc(64 * 1024 * 1024, 0x20), Buffer.from('"}')]))
  return bombBody
}

function validatePatch(body: unknown): { field: string | null; message: string } | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { field: null, message: 'request body must be a JSON object' }
  }
  for (const [field, value] of Object.entries(body)) {
    if (field === 'require_tls' || field === 'require_valid_cert') {
      if (typeof value !== 'boolean') return { field, message: `${field} must be a boolean` }
    } else if (field === 'version') {
      if (typeof value !== 'number' || ![1.1, 1.2, 1.3].includes(value)) {
        return { field, message: 'version must be one of the numbers 1.1, 1.2, 1.3' }
      }
    } else {
      return { field, message: `unknown field ${field}` }
    }
  }
  return undefined
}

function acceptsJson(accept: string | undefined): boolean {
  return accept !== undefined && /application\/json|application\/\*|\*\/\*/.test(accept)
}

function sendErrors(res: ServerResponse, status: number, message: string, field: string | null = null): void {
  send(res, status, { errors: [{ field, message }] })
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' })
  res.end(JSON.stringify(body))
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}
