import * as core from '@actions/core'
import fetch from 'node-fetch'
import { sleep, type Deadline } from '../deadline.js'
import { onBehalfOf, type Target } from '../target.js'
import { adviceFor, describeAnswer, describeRequest, SendGridError, type Method } from './errors.js'
import { backoffMs, isTransientStatus, MAX_ATTEMPTS, rateLimitWaitMs } from './retry.js'

export { SendGridError, type Method } from './errors.js'

export interface ClientOptions {
  /** Scheme and host, without a trailing slash: https://api.sendgrid.com */
  baseUrl: string
  apiKey: string
  userAgent: string
  /** How long one attempt may take, answer body included. */
  timeoutMs: number
}

/** One attempt's result: an answer, or the reason none came. */
type Attempt =
  | { kind: 'answer'; status: number; body: string; contentType: string; retryAfter: string | null; reset: string | null }
  | { kind: 'no answer'; reason: string }

/**
 * The only code that talks HTTP to SendGrid: authentication, on-behalf-of, retries with backoff,
 * rate-limit waits, and error bodies turned into messages a user can act on.
 */
export class SendGridClient {
  constructor(private readonly options: ClientOptions) {}

  get baseUrl(): string {
    return this.options.baseUrl
  }

  /** Sends one request, retrying what is transient within the deadline; returns the parsed JSON. */
  async request(method: Method, path: string, target: Target, deadline: Deadline, body?: object): Promise<unknown> {
    const what = describeRequest(method, path, target)
    for (let attempt = 1; ; attempt++) {
      const result = await this.attempt(method, path, target, deadline, body)
      const status = result.kind === 'answer' ? result.status : undefined
      if (result.kind === 'answer' && isSuccess(result.status)) {
        const parsed = parseJson(result.body)
        if (parsed) return parsed.value
      }

      const problem = this.redact(result.kind === 'answer' ? describeAnswer(result.status, result.body, result.contentType) : result.reason)
      if (status !== undefined && !isSuccess(status) && !isTransientStatus(status)) {
        const advice = adviceFor(status, method, target)
        throw new SendGridError(`${what}: ${problem}.${advice ? ` ${advice}` : ''}`, status)
      }

      const wait = (result.kind === 'answer' && status === 429 ? rateLimitWaitMs(result, Date.now()) : undefined) ?? backoffMs(attempt)
      if (attempt >= MAX_ATTEMPTS) {
        throw new SendGridError(`${what}: ${problem}; gave up after ${attempt} attempts`, status)
      }
      if (!deadline.allows(wait)) {
        throw new SendGridError(`${what}: ${problem}; gave up after ${attempt} of ${MAX_ATTEMPTS} attempts: the time allowed for this target is spent`, status)
      }
      core.info(`${what}: ${problem}; attempt ${attempt + 1} of ${MAX_ATTEMPTS} in ${(wait / 1000).toFixed(1)} s`)
      await sleep(wait)
    }
  }

  private async attempt(method: Method, path: string, target: Target, deadline: Deadline, body?: object): Promise<Attempt> {
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
        // A redirect would carry the key to a host nobody chose; SendGrid's API never redirects.
        redirect: 'error',
        signal: AbortSignal.timeout(Math.max(1, timeoutMs))
      })
      return {
        kind: 'answer',
        status: response.status,
        body: await response.text(),
        contentType: response.headers.get('content-type') ?? '',
        retryAfter: response.headers.get('retry-after'),
        reset: response.headers.get('x-ratelimit-reset')
      }
    } catch (error) {
      const timedOut = error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError')
      const reason = timedOut ? `no answer within ${(timeoutMs / 1000).toFixed(1)} s` : error instanceof Error ? error.message : String(error)
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
