import { hideLongTokens } from '../core/redact.js'
import { describeTarget, type Target } from '../core/target.js'

export type Method = 'GET' | 'PATCH' | 'POST'

/**
 * A request SendGrid refused, or that never got a usable answer. The message is written for the
 * person reading the failed step: what was asked, what came back, what to do. It never holds a
 * request header, and provider text in it has the key redacted.
 */
export class SendGridError extends Error {
  /** Whether the request may have reached SendGrid (for a write: whether it may have landed). */
  reached = false

  constructor(
    message: string,
    /** The HTTP status of the last answer, or undefined when none came. */
    readonly status?: number
  ) {
    super(message)
    this.name = 'SendGridError'
  }
}

/**
 * A permanent refusal (a 4xx other than 429): what was asked, what SendGrid answered, and the
 * advice, kept apart so that a later lookup can replace the advice with a more precise one.
 */
export class RefusedError extends SendGridError {
  constructor(
    readonly request: string,
    readonly answer: string,
    status: number,
    /** The scope the request needed. */
    readonly scope: string,
    readonly advice: string
  ) {
    super(`${request}: ${answer}.${advice ? ` ${advice}` : ''}`, status)
    this.name = 'RefusedError'
  }

  withAdvice(advice: string): RefusedError {
    return new RefusedError(this.request, this.answer, this.status ?? 0, this.scope, advice)
  }
}

/** Longest stretch of an error body quoted in a message: enough for SendGrid's, not a whole page. */
const MAX_QUOTED_BODY = 1000

/**
 * What an answer that is not a success says, for the log and the summary. Only JSON is quoted, and
 * only as parsed (and redacted) by the client, cut to a length after redaction.
 */
export function describeAnswer(status: number, body: string, parsed: { value: unknown } | undefined, contentType: string): string {
  if (parsed) {
    const quoted = hideLongTokens(JSON.stringify(sendGridErrors(parsed.value) ?? parsed.value))
    return `SendGrid answered ${status} ${quoted.length > MAX_QUOTED_BODY ? `${quoted.slice(0, MAX_QUOTED_BODY)}…` : quoted}`
  }
  const trimmed = body.trim()
  if (/html/i.test(contentType) || /^<(!doctype|html)/i.test(trimmed)) {
    return `the server answered ${status} with an HTML page instead of SendGrid's JSON (a proxy or load balancer may have answered)`
  }
  return trimmed === '' ? `the server answered ${status} with an empty body` : `the server answered ${status} with a body that is not JSON`
}

/** An answer from an API whose text may hold recipients' data: its status, and why no more is said. */
export function describeWithheld(status: number): string {
  return `SendGrid answered ${status} (its text is not shown: this API's answers may hold recipients' addresses)`
}

/** Errors quoted at most, and the longest text of each: SendGrid's are a sentence or two. */
const MAX_ERRORS = 5
const MAX_ERROR_TEXT = 300

/**
 * SendGrid's error body (`{"errors":[{"field","message"}]}`) reduced to what a user reads: the
 * fields and messages, a few, each cut short. Anything else a server put in it is not quoted.
 */
function sendGridErrors(value: unknown): { errors: { field: string | null; message: string }[] } | undefined {
  const errors = (value as { errors?: unknown } | null)?.errors
  if (!Array.isArray(errors) || errors.length === 0) return undefined
  const text = (item: unknown) => (typeof item === 'string' ? item.slice(0, MAX_ERROR_TEXT) : null)
  return {
    errors: errors.slice(0, MAX_ERRORS).map((error) => {
      const { field, message } = (error ?? {}) as { field?: unknown; message?: unknown }
      return { field: text(field), message: text(message) ?? '' }
    })
  }
}

/**
 * What to tell the user about what the client found, worded by the engine in the face's own
 * vocabulary (`api-url`, `--api-url`): the client states facts, the advice is the engine's.
 */
export interface ClientAdvice {
  /** After a permanent refusal (a 4xx other than 429) of a request that needed `scope`. */
  refused(status: number, scope: string, target: Target): string
  /** After a redirect, which is never followed: the key must not go to another host. */
  redirected: string
}

export function describeRequest(method: Method, path: string, target: Target): string {
  return `${method} ${path} for ${describeTarget(target)}`
}
