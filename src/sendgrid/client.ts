import { HttpClient } from '@actions/http-client'
import type { Agent } from 'node:http'
import fetch from 'node-fetch'
import { sleep, type Deadline } from '../deadline.js'
import type { Log } from '../log.js'
import { onBehalfOf, type Target } from '../target.js'
import { adviceFor, describeAnswer, describeRequest, RefusedError, SendGridError, type Method } from './errors.js'
import { readRateLimit, RateLimiter, type RateLimitState } from './rate-limiter.js'
import { backoffMs, isTransientStatus, MAX_ATTEMPTS, rateLimitWaitMs } from './retry.js'

export { RefusedError, SendGridError, type Method } from './errors.js'

export interface ClientOptions {
  /** Scheme and host, without a trailing slash: https://api.sendgrid.com */
  baseUrl: string
  apiKey: string
  userAgent: string
  /** How long one attempt may take, answer body included. */
  timeoutMs: number
}

export interface RequestOptions {
  target: Target
  /** The scope the key needs for this request, named in the error when SendGrid refuses it. */
  scope: string
  deadline: Deadline
  log: Log
  body?: object
}

/** One attempt's result: an answer, or the reason none came. */
type Attempt =
  | {
      kind: 'answer'
      status: number
      body: string
      contentType: string
      /** The window's state for pacing, when all three X-RateLimit-* headers came. */
      rateLimit?: RateLimitState
      /** The raw headers a 429's wait is read from (either one suffices). */
      retryAfter: string | null
      reset: string | null
    }
  | { kind: 'no answer'; reason: string }

/**
 * The only code that talks HTTP to SendGrid: authentication, on-behalf-of, pacing by the rate-limit
 * headers, retries with backoff, proxies, and error bodies turned into messages a user can act on.
 * One client is shared by every target of a run, so they share its pacing and its connections.
 */
export class SendGridClient {
  private readonly limiter = new RateLimiter()
  /** Keeps connections open across requests, through HTTPS_PROXY/NO_PROXY as @actions/http-client reads them. */
  private readonly agent: Agent

  constructor(private readonly options: ClientOptions) {
    this.agent = new HttpClient(options.userAgent, [], { keepAlive: true }).getAgent(options.baseUrl)
  }

  /** Lets the process end as soon as the work is done, instead of when idle connections time out. */
  close(): void {
    this.agent.destroy()
  }

  /** Sends one request, retrying what is transient within the deadline; returns the parsed JSON (undefined for an empty body). */
  async request(method: Method, path: string, options: RequestOptions): Promise<unknown> {
    const what = describeRequest(method, path, options.target)
    const endpoint = path.split('?')[0] ?? path
    for (let attempt = 1; ; attempt++) {
      await this.limiter.acquire(endpoint, options.deadline, options.log)
      const result = await this.attempt(method, path, options)
      const rateLimit = result.kind === 'answer' ? result.rateLimit : undefined
      const status = result.kind === 'answer' ? result.status : undefined
      const rateLimitWait = result.kind === 'answer' && status === 429 ? rateLimitWaitMs(result, Date.now()) : undefined
      // After a 429 the whole endpoint pauses for as long as this request will (Retry-After wins over the reset).
      this.limiter.release(
        endpoint,
        rateLimit && rateLimitWait !== undefined ? { ...rateLimit, remaining: 0, reset: (Date.now() + rateLimitWait) / 1000 } : rateLimit
      )

      if (result.kind === 'answer' && isSuccess(result.status)) {
        // An empty success (204) is an answer; a garbled body is a fault on the way, worth a retry.
        if (result.body.trim() === '') return undefined
        const parsed = parseJson(result.body)
        if (parsed) return parsed.value
      }

      const problem = this.redact(result.kind === 'answer' ? describeAnswer(result.status, result.body, result.contentType) : result.reason)
      if (status !== undefined && !isSuccess(status) && !isTransientStatus(status)) {
        throw new RefusedError(what, problem, status, options.scope, adviceFor(status, options.scope, options.target))
      }

      const wait = rateLimitWait ?? backoffMs(attempt)
      if (attempt >= MAX_ATTEMPTS) {
        throw new SendGridError(`${what}: ${problem}; gave up after ${attempt} attempts`, status)
      }
      if (!options.deadline.allows(wait)) {
        throw new SendGridError(
          `${what}: ${problem}; gave up after ${attempt} of ${MAX_ATTEMPTS} attempts: the time allowed for this target is spent`,
          status
        )
      }
      options.log.info(`${what}: ${problem}; attempt ${attempt + 1} of ${MAX_ATTEMPTS} in ${(wait / 1000).toFixed(1)} s`)
      await sleep(wait)
    }
  }

  private async attempt(method: Method, path: string, { target, deadline, body }: RequestOptions): Promise<Attempt> {
    const headers: Record<string, string> = {
      Authorization: `Bearer ${this.options.apiKey}`,
      Accept: 'application/json',
      'User-Agent': this.options.userAgent
    }
    const behalf = onBehalfOf(target)
    if (behalf !== undefined) headers['on-behalf-of'] = behalf
    if (body !== undefined) headers['Content-Type'] = 'application/json'

    const timeoutMs = Math.min(this.options.timeoutMs, deadline.remainingMs())
    try {
      const response = await fetch(this.options.baseUrl + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        agent: this.agent,
        // A redirect would carry the key to a host nobody chose; SendGrid's API never redirects.
        redirect: 'error',
        signal: AbortSignal.timeout(Math.max(1, timeoutMs))
      })
      return {
        kind: 'answer',
        status: response.status,
        body: await response.text(),
        contentType: response.headers.get('content-type') ?? '',
        rateLimit: readRateLimit(response.headers),
        retryAfter: response.headers.get('retry-after'),
        reset: response.headers.get('x-ratelimit-reset')
      }
    } catch (error) {
      const timedOut = error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError')
      const reason = timedOut
        ? `no answer within ${(timeoutMs / 1000).toFixed(1)} s`
        : error instanceof Error
          ? error.message
          : String(error)
      return { kind: 'no answer', reason: `no usable answer from ${this.options.baseUrl} (${reason})` }
    }
  }

  /** Provider text is quoted to the user; a server that echoes the key must not make us print it. */
  private redact(text: string): string {
    return text.split(this.options.apiKey).join('***')
  }
}

function isSuccess(status: number): boolean {
  return status >= 200 && status < 300
}

function parseJson(text: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(text) as unknown }
  } catch {
    return undefined
  }
}
