import fetch from 'node-fetch'
import { describeTarget, onBehalfOf, type Target } from '../target.js'

export interface ClientOptions {
  /** Scheme and host, without a trailing slash: https://api.sendgrid.com */
  baseUrl: string
  apiKey: string
  userAgent: string
  timeoutMs: number
}

/** One entry of SendGrid's error body: {"errors":[{"field":…,"message":…}]}. */
export interface ApiErrorDetail {
  field: string | null
  message: string
}

export type Method = 'GET' | 'PATCH'

/**
 * A request SendGrid refused or that never got an answer. The message is written for the
 * person reading the failed step; it never holds a header, so it cannot hold the key.
 */
export class SendGridError extends Error {
  constructor(
    message: string,
    /** The HTTP status, or undefined when no answer came. */
    readonly status?: number,
    readonly details: readonly ApiErrorDetail[] = []
  ) {
    super(message)
    this.name = 'SendGridError'
  }
}

/** The only code that talks HTTP to SendGrid: authentication, on-behalf-of, and error bodies. */
export class SendGridClient {
  constructor(private readonly options: ClientOptions) {}

  get baseUrl(): string {
    return this.options.baseUrl
  }

  async request(method: Method, path: string, target: Target, body?: object): Promise<unknown> {
    const headers: Record<string, string> = {
      Authorization: `Bearer ${this.options.apiKey}`,
      Accept: 'application/json',
      'User-Agent': this.options.userAgent
    }
    const behalf = onBehalfOf(target)
    if (behalf !== undefined) headers['on-behalf-of'] = behalf
    if (body !== undefined) headers['Content-Type'] = 'application/json'

    const what = `${method} ${path} for ${describeTarget(target)}`
    let status: number
    let text: string
    try {
      const response = await fetch(this.options.baseUrl + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        // A redirect would carry the key to a host nobody chose; SendGrid's API never redirects.
        redirect: 'error',
        signal: AbortSignal.timeout(this.options.timeoutMs)
      })
      status = response.status
      text = await response.text()
    } catch (error) {
      throw new SendGridError(`${what}: no answer from ${this.options.baseUrl}: ${this.transportReason(error)}`)
    }

    if (status < 200 || status >= 300) throw errorFromResponse(what, method, target, status, text)
    try {
      return JSON.parse(text) as unknown
    } catch {
      throw new SendGridError(`${what}: SendGrid answered ${status} with a body that is not JSON`, status)
    }
  }

  private transportReason(error: unknown): string {
    if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
      return `no response within ${this.options.timeoutMs / 1000} s`
    }
    return error instanceof Error ? error.message : String(error)
  }
}

function errorFromResponse(what: string, method: Method, target: Target, status: number, text: string): SendGridError {
  const details = parseErrorBody(text)
  const said = details.length > 0 ? details.map(formatDetail).join('; ') : 'no error details'
  const advice = adviceFor(status, method, target)
  return new SendGridError(
    `${what}: SendGrid answered ${status} (${said})${advice ? `. ${advice}` : ''}`,
    status,
    details
  )
}

function adviceFor(status: number, method: Method, target: Target): string {
  const behalf =
    target.kind === 'parent'
      ? ''
      : ` Acting for ${describeTarget(target)} needs the parent account's key, and the name must exist under that parent.`
  switch (status) {
    case 401:
      return `The API key was not accepted: check that it is complete, not revoked, and made in the region the action targets.${behalf}`
    case 403: {
      const scope = method === 'GET' ? 'user.settings.enforced_tls.read' : 'user.settings.enforced_tls.update'
      return `The API key may not ${method === 'GET' ? 'read' : 'change'} Enforced TLS: give it the scope ${scope}.${behalf}`
    }
    case 404:
      return `Nothing answers at this address: check the region and api-url.${behalf}`
    default:
      return ''
  }
}

function formatDetail(detail: ApiErrorDetail): string {
  return detail.field ? `${detail.field}: ${detail.message}` : detail.message
}

function parseErrorBody(text: string): ApiErrorDetail[] {
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    return []
  }
  const errors = (body as { errors?: unknown } | null)?.errors
  if (!Array.isArray(errors)) return []
  return errors
    .filter((e): e is { field?: unknown; message: string } => typeof e?.message === 'string')
    .map((e) => ({ field: typeof e.field === 'string' ? e.field : null, message: e.message }))
}
