import { setMaxListeners } from 'node:events'
import type { Agent } from 'node:http'
import fetch from 'node-fetch'
import { Cancelled, systemClock, type Clock } from '../core/clock.js'
import type { Deadline } from '../core/deadline.js'
import type { Log } from '../core/log.js'
import { Redactor, TooDeep } from '../core/redact.js'
import { onBehalfOf, type Target } from '../core/target.js'
import { decodeBody, readBounded } from './body.js'
import { noAnswer, type NoAnswer } from './no-answer.js'
import { agentFor, type Proxy } from './proxy.js'
import { describeAnswer, describeRequest, describeWithheld, RefusedError, SendGridError, type ClientAdvice, type Method } from './errors.js'
import { readRateLimit, RateLimiter, type RateLimitState } from './rate-limiter.js'
import { backoffMs, isTransientStatus, PRODUCTION_RETRY, rateLimitWaitMs, type RetrySchedule } from './retry.js'

export { RefusedError, SendGridError, type Method } from './errors.js'

export interface ClientOptions {
  /** Scheme and host, without a trailing slash: https://api.sendgrid.com */
  baseUrl: string
  apiKey: string
  userAgent: string
  /** How long one attempt may take, answer body included. */
  timeoutMs: number
  clock?: Clock
  retry?: RetrySchedule
  /** Aborted when the job is cancelled: requests and waits in progress stop. */
  signal?: AbortSignal
  /** The proxy to tunnel through, from `proxyFor`. */
  proxy?: Proxy
  /** What to tell the user about a refusal or a redirect: the engine words it, in the face's vocabulary. */
  advice: ClientAdvice
}

export interface RequestOptions {
  target: Target
  /** The scope the key needs for this request, named in the error when SendGrid refuses it. */
  scope: string
  deadline: Deadline
  log: Log
  body?: object
  /**
   * The path as logged, quoted in errors and paced: for a path that holds personal data (a
   * message id), the path with that part named instead, such as `/v3/logs/{sg_message_id}`.
   */
  label?: string
  /**
   * The API's answers hold recipients' data (Email Logs, blocks): its error text is never quoted,
   * in an error or a log line, since a server may echo an address, a subject or a message id there.
   */
  personal?: boolean
}

/** One attempt's result: an answer, or the reason none came (worth a retry, or not). */
type Attempt =
  | {
      kind: 'answer'
      status: number
      body: string
      contentType: string
      /** The window's state for pacing, when all three X-RateLimit-* headers came and made sense. */
      rateLimit?: RateLimitState
      /** The raw headers a 429's wait is read from (either one suffices). */
      retryAfter: string | null
      reset: string | null
    }
  | NoAnswer

/**
 * How many 429s one request waits out before they count as failed attempts: a fleet behind a tight
 * limit waits its turns, and an API that answers 429 to everything still fails in bounded time.
 */
const MAX_TURNS = 10

/** Why a request was not made, or not made again: said alike wherever the budget runs out. */
const SPENT = 'the time allowed for this target is spent (rate-limit waits aside)'

/**
 * The only code that talks HTTP to SendGrid: authentication, on-behalf-of, pacing by the rate-limit
 * headers, retries with backoff, proxies, bounded answers, and error bodies turned into messages a
 * user can act on. One client is shared by every target of a run, so they share its pacing and its
 * connections. Every answer is redacted of the key before anything else reads it.
 */
export class SendGridClient {
  private readonly limiter: RateLimiter
  /** Keeps connections open across requests, directly or through the proxy's tunnel. */
  private readonly agent: Agent
  private readonly redactor: Redactor
  private readonly clock: Clock
  private readonly retry: RetrySchedule

  constructor(private readonly options: ClientOptions) {
    this.agent = agentFor(options.baseUrl, options.proxy, options.timeoutMs)
    this.redactor = new Redactor(options.apiKey)
    this.clock = options.clock ?? systemClock
    this.retry = options.retry ?? PRODUCTION_RETRY
    this.limiter = new RateLimiter(this.clock, this.retry.maxRateLimitWaitMs)
    // Every request in flight listens for the cancellation: dozens at once is expected, not a leak.
    if (options.signal) setMaxListeners(0, options.signal)
  }

  /** Lets the process end as soon as the work is done: idle connections and unanswered tunnels are closed. */
  close(): void {
    this.agent.destroy()
  }

  /**
   * Sends one request, retrying what is transient within the deadline; returns the parsed JSON,
   * redacted (undefined for an empty body). An error it throws says, in `reached`, whether the
   * request may have reached SendGrid, so a caller can tell a write that may have landed.
   */
  async request(method: Method, path: string, options: RequestOptions): Promise<unknown> {
    const shown = options.label ?? path
    const what = describeRequest(method, shown, options.target)
    const endpoint = shown.split('?')[0] ?? shown
    const { attempts } = this.retry
    const { deadline } = options
    const { timeoutMs } = this.options
    let reached = false
    try {
      let turns = 0
      for (let attempt = 1; ; attempt++) {
        this.throwIfCancelled()
        // Every attempt gets its whole timeout or is not made: one cut short would fail for want
        // of time, and a PATCH cut short may land while the run reports it failed.
        if (!deadline.fits(timeoutMs)) throw new SendGridError(`${what}: not sent: ${SPENT}`)
        await deadline.excluding(() => this.limiter.acquire(endpoint, options.log, this.options.signal))
        const result = await this.attempt(method, path, options)
        reached ||= result.kind === 'answer' || result.reached
        const rateLimit = result.kind === 'answer' ? result.rateLimit : undefined
        const status = result.kind === 'answer' ? result.status : undefined
        const rateLimitWait = result.kind === 'answer' && status === 429 ? rateLimitWaitMs(result, this.clock.now(), this.retry) : undefined
        this.limiter.release(endpoint, rateLimit)
        // After a 429 the whole endpoint pauses for as long as this request will (Retry-After wins over the reset).
        if (rateLimitWait !== undefined) this.limiter.pause(endpoint, this.clock.now() + rateLimitWait)
        this.throwIfCancelled()

        let parsed: { value: unknown } | undefined
        if (result.kind === 'answer') {
          parsed = this.parse(result.body, what)
          // An empty success (204) is an answer; a garbled body is a fault on the way, worth a retry.
          if (isSuccess(result.status) && result.body.trim() === '') return undefined
          if (isSuccess(result.status) && parsed) return parsed.value
        }

        const problem =
          result.kind === 'answer'
            ? options.personal
              ? describeWithheld(result.status)
              : describeAnswer(result.status, result.body, parsed, result.contentType)
            : this.redactor.redact(result.reason)
        if (status !== undefined && !isSuccess(status) && !isTransientStatus(status)) {
          throw new RefusedError(what, problem, status, options.scope, this.options.advice.refused(status, options.scope, options.target))
        }
        if (result.kind === 'no answer' && !result.transient) throw new SendGridError(`${what}: ${problem}`)

        // A 429 that says how long to wait is the account's turn in a queue: waited out, outside the
        // target's time, without using up an attempt, up to MAX_TURNS times for one request.
        if (rateLimitWait !== undefined && turns < MAX_TURNS) {
          turns += 1
          attempt -= 1
          options.log.info(
            `${what}: ${problem}; waiting ${(rateLimitWait / 1000).toFixed(1)} s for the rate limit (turn ${turns} of ${MAX_TURNS})`
          )
          await deadline.excluding(() => this.clock.sleep(rateLimitWait, this.options.signal))
          continue
        }
        const wait = rateLimitWait ?? backoffMs(attempt, this.retry)
        if (attempt >= attempts) {
          throw new SendGridError(`${what}: ${problem}; gave up after ${attempt} attempts`, status)
        }
        // A 429's pause is the account's turn in a queue, not this target's time: only a backoff is spent from it.
        const spent = rateLimitWait === undefined ? wait : 0
        if (!deadline.fits(spent + timeoutMs)) {
          throw new SendGridError(`${what}: ${problem}; gave up after ${attempt} of ${attempts} attempts: ${SPENT}`, status)
        }
        options.log.info(`${what}: ${problem}; attempt ${attempt + 1} of ${attempts} in ${(wait / 1000).toFixed(1)} s`)
        const sleep = () => this.clock.sleep(wait, this.options.signal)
        await (rateLimitWait === undefined ? sleep() : deadline.excluding(sleep))
      }
    } catch (error) {
      if (error instanceof SendGridError || error instanceof Cancelled) error.reached ||= reached
      throw error
    }
  }

  /** The answer's JSON, redacted before anything reads it; undefined when it is not JSON. */
  private parse(body: string, what: string): { value: unknown } | undefined {
    const parsed = parseJson(body)
    if (!parsed) return undefined
    try {
      return { value: this.redactor.redactJson(parsed.value) }
    } catch (error) {
      if (error instanceof TooDeep) throw new SendGridError(`${what}: ${error.message} (from ${this.options.baseUrl})`)
      throw error
    }
  }

  private throwIfCancelled(): void {
    if (this.options.signal?.aborted) throw new Cancelled()
  }

  private async attempt(method: Method, path: string, { target, body }: RequestOptions): Promise<Attempt> {
    const headers: Record<string, string> = {
      Authorization: `Bearer ${this.options.apiKey}`,
      Accept: 'application/json',
      // Decompressed here, within the body's bound, rather than by node-fetch without one.
      'Accept-Encoding': 'gzip, deflate, br',
      'User-Agent': this.options.userAgent
    }
    const behalf = onBehalfOf(target)
    if (behalf !== undefined) headers['on-behalf-of'] = behalf
    if (body !== undefined) headers['Content-Type'] = 'application/json'

    const { timeoutMs } = this.options
    const timeout = this.clock.timeout(timeoutMs)
    const signal = this.options.signal ? AbortSignal.any([timeout, this.options.signal]) : timeout
    try {
      const response = await fetch(this.options.baseUrl + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        agent: this.agent,
        compress: false,
        // A redirect would carry the key to a host nobody chose; SendGrid's API never redirects.
        redirect: 'error',
        signal
      })
      const raw = await readBounded(response.body)
      return {
        kind: 'answer',
        status: response.status,
        body: decodeBody(raw, response.headers.get('content-encoding')),
        contentType: response.headers.get('content-type') ?? '',
        rateLimit: readRateLimit(response.headers),
        retryAfter: response.headers.get('retry-after'),
        reset: response.headers.get('x-ratelimit-reset')
      }
    } catch (error) {
      if (this.options.signal?.aborted) throw Object.assign(new Cancelled(), { reached: true })
      return noAnswer(error, timeout.aborted, { ...this.options, redact: (text) => this.redactor.redact(text) })
    }
  }
}

function isSuccess(status: number): boolean {
  return status >= 200 && status < 300
}

function parseJson(text: string): { value: unknown } | undefined {
  if (text.trim() === '') return undefined
  try {
    return { value: JSON.parse(text) as unknown }
  } catch {
    return undefined
  }
}
