import { hideLongTokens } from '../core/redact.js'
import { GarbledBody, UnreadableBody } from './body.js'
import type { ClientAdvice } from './errors.js'
import { tunnelRefusal, type Proxy } from './proxy.js'

/** A request that got no usable answer: why, whether a retry can help, and whether it may have reached the server. */
export interface NoAnswer {
  kind: 'no answer'
  reason: string
  /** A retry can help (a timeout, a dropped connection), or cannot (a refused redirect, a proxy's 407). */
  transient: boolean
  /** Whether the request may have reached SendGrid: false only when it surely did not leave. */
  reached: boolean
}

/** What the words about a failed request need: where it went, through what, and how to redact what came back. */
export interface NoAnswerContext {
  baseUrl: string
  proxy?: Proxy
  timeoutMs: number
  advice: ClientAdvice
  redact: (text: string) => string
}

/** Codes of a connection that never carried the request: nothing reached SendGrid. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH'])
/** A certificate that is not trusted will not become trusted on a retry. */
const UNTRUSTED_CERTIFICATE =
  /^(CERT_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_(VERIFY|GET_ISSUER)|ERR_TLS_CERT_ALTNAME_INVALID)/

/**
 * Why no answer came, and whether a retry can help: a timeout, a body too large or garbled, a
 * redirect, a header that cannot be sent, a proxy that would not tunnel, a certificate not trusted,
 * or the network's own error, quoted as server text.
 */
export function noAnswer(error: unknown, timedOut: boolean, context: NoAnswerContext): NoAnswer {
  const from = `from ${context.baseUrl}`
  if (timedOut)
    return {
      kind: 'no answer',
      reason: `no answer ${from} within ${(context.timeoutMs / 1000).toFixed(1)} s`,
      transient: true,
      reached: true
    }
  if (error instanceof UnreadableBody) return { kind: 'no answer', reason: `${error.message} (${from})`, transient: false, reached: true }
  if (error instanceof GarbledBody) return { kind: 'no answer', reason: `${error.message} (${from})`, transient: true, reached: true }
  const { message, code, type, name } = error as { message?: string; code?: string; type?: string; name?: string }
  const text = String(message ?? error)
  if (type === 'no-redirect') {
    return {
      kind: 'no answer',
      reason: `the server ${from} answered with a redirect, which is never followed: the key must not go to another host. ${context.advice.redirected}`,
      transient: false,
      reached: true
    }
  }
  if (name === 'TypeError' && /header/i.test(text)) {
    return { kind: 'no answer', reason: `the request could not be sent: ${text}`, transient: false, reached: false }
  }
  const refused = tunnelRefusal(error)
  if (refused) {
    const proxy = `the proxy (${context.proxy?.variable ?? 'HTTPS_PROXY'})`
    const { status, unreachable } = refused
    if (unreachable !== undefined) {
      return {
        kind: 'no answer',
        reason: `${proxy} could not be reached (${unreachable}) for a tunnel to ${context.baseUrl}`,
        transient: true,
        reached: false
      }
    }
    if (status === undefined) {
      const within = `${(context.timeoutMs / 1000).toFixed(1)} s`
      return {
        kind: 'no answer',
        reason: `${proxy} took the connection but did not answer its CONNECT to ${context.baseUrl} in time (a request has ${within})`,
        transient: true,
        reached: false
      }
    }
    return {
      kind: 'no answer',
      reason: `${proxy} refused to open a tunnel to ${context.baseUrl}: it answered ${status}${status === 407 ? ' Proxy Authentication Required' : ''}`,
      transient: status >= 500,
      reached: false
    }
  }
  if (code && UNTRUSTED_CERTIFICATE.test(code)) {
    return {
      kind: 'no answer',
      reason: `the TLS certificate ${from} is not trusted (${code}); a proxy that inspects TLS needs its CA given to Node through NODE_EXTRA_CA_CERTS`,
      transient: false,
      reached: false
    }
  }
  // node-fetch says "request to <url> failed, reason: …": the URL is ours and said already. The
  // rest may quote what the server sent (a Location header, say): redacted and cut like server text.
  const cause = text.replace(/^request to \S+ failed, reason: /, '')
  const reason = `no usable answer ${from} (${hideLongTokens(context.redact(cause)).slice(0, 500)})`
  return { kind: 'no answer', reason, transient: true, reached: !(code && NOT_SENT.has(code)) }
}
