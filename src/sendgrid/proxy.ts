import { Agent as HttpAgent, request as httpRequest, type OutgoingHttpHeaders, type RequestOptions } from 'node:http'
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https'
import type { Duplex } from 'node:stream'
import { connect as connectTls, type ConnectionOptions as TlsOptions, type TLSSocket } from 'node:tls'

/** The proxy requests tunnel through, and the variable that named it (never its value, which may hold a password). */
export interface Proxy {
  url: URL
  variable: string
}

/**
 * The proxy did not open a tunnel: it answered CONNECT with `status` (a 407 wants credentials);
 * it could not be reached at all (`unreachable`, the system's code: ECONNREFUSED, ENOTFOUND…);
 * or, with neither, it took the connection and never answered within the time a request has.
 */
export class TunnelRefused extends Error {
  readonly code: string

  constructor(
    readonly status?: number,
    readonly unreachable?: string
  ) {
    super(
      status !== undefined
        ? `the proxy answered CONNECT with ${status}`
        : unreachable !== undefined
          ? `the proxy could not be reached (${unreachable})`
          : 'the proxy did not answer CONNECT in time'
    )
    this.name = 'TunnelRefused'
    // The HTTP client keeps only a system error's code: the facts travel in it, and `tunnelRefusal` reads them back.
    this.code = `${TUNNEL_CODE}${status ?? (unreachable === undefined ? 'SILENT' : `${UNREACHABLE}${unreachable}`)}`
  }
}

const TUNNEL_CODE = 'ERR_TUNNEL_'
const UNREACHABLE = 'UNREACHABLE_'

/** The refusal behind an error the HTTP client passed on, as the tunnel raised it; undefined for any other error. */
export function tunnelRefusal(error: unknown): TunnelRefused | undefined {
  const code = (error as { code?: unknown } | null)?.code
  if (typeof code !== 'string' || !code.startsWith(TUNNEL_CODE)) return undefined
  const fact = code.slice(TUNNEL_CODE.length)
  if (/^\d{3}$/.test(fact)) return new TunnelRefused(Number(fact))
  return fact.startsWith(UNREACHABLE) ? new TunnelRefused(undefined, fact.slice(UNREACHABLE.length)) : new TunnelRefused()
}

/**
 * One agent for the run, so that requests share connections: direct, or through a tunnel the
 * proxy opens (CONNECT), which sees where the action connects but never what it sends. A tunnel
 * the proxy does not open within `timeoutMs` is given up, so a silent proxy costs one attempt.
 */
export function agentFor(baseUrl: string, proxy: Proxy | undefined, timeoutMs: number): HttpAgent {
  const https = baseUrl.startsWith('https:')
  if (!proxy) return https ? new HttpsAgent({ keepAlive: true }) : new HttpAgent({ keepAlive: true })
  return new TunnelAgent(proxy.url, timeoutMs)
}

type Connected = (error: Error | null, socket?: Duplex) => void

/** The share of a request's time a tunnel may take to open: a CONNECT is one round trip to a nearby proxy. */
const TUNNEL_SHARE = 0.9

/**
 * An HTTPS agent whose connections are TLS inside a CONNECT tunnel through the proxy. TLS runs
 * end to end: the certificate checked is the server's, and the proxy carries bytes it cannot read.
 */
class TunnelAgent extends HttpsAgent {
  /** Tunnels still being opened, each as the way to give it up: with the agent, none keeps the process alive. */
  private readonly pending = new Set<() => void>()

  constructor(
    private readonly proxy: URL,
    private readonly timeoutMs: number
  ) {
    super({ keepAlive: true })
  }

  override createConnection(options: RequestOptions & TlsOptions, connected: Connected): undefined {
    const target = `${options.host ?? 'localhost'}:${options.port ?? 443}`
    const headers: OutgoingHttpHeaders = { host: target }
    if (this.proxy.username || this.proxy.password) {
      const credentials = `${decodeURIComponent(this.proxy.username)}:${decodeURIComponent(this.proxy.password)}`
      headers['Proxy-Authorization'] = `Basic ${Buffer.from(credentials).toString('base64')}`
    }
    const connect = (this.proxy.protocol === 'https:' ? httpsRequest : httpRequest)({
      host: this.proxy.hostname.replace(/^\[|\]$/g, ''),
      port: Number(this.proxy.port || (this.proxy.protocol === 'https:' ? 443 : 80)),
      method: 'CONNECT',
      path: target,
      headers,
      agent: false
    })
    let tls: TLSSocket | undefined
    let settled = false
    const settle = (error: Error | null, socket?: Duplex) => {
      clearTimeout(timer)
      this.pending.delete(giveUp)
      if (settled) return
      settled = true
      connected(error, socket)
    }
    // Given up as a whole, the CONNECT and the TLS inside it: nothing of it may keep the process alive.
    const giveUp = () => {
      connect.destroy()
      tls?.destroy()
      settle(tls ? new Error(`the TLS handshake with ${target} through the proxy did not finish in time`) : new TunnelRefused(undefined))
    }
    this.pending.add(giveUp)
    // A proxy that takes the connection and never answers would hold the request, and the process,
    // for ever. The tunnel and its handshake must be done within most of the request's time, so
    // that a silent proxy is named as the fault before the request's own timeout speaks of the server.
    const timer = setTimeout(giveUp, Math.round(this.timeoutMs * TUNNEL_SHARE))
    connect.once('connect', (answer, socket) => {
      if (answer.statusCode !== 200) {
        socket.destroy()
        return settle(new TunnelRefused(answer.statusCode))
      }
      // The agent has set servername for a host name (and left it out for an address).
      tls = connectTls({ ...options, socket })
      const secured = tls
      const failed = (error: Error) => settle(error)
      secured.once('error', failed)
      secured.once('secureConnect', () => {
        secured.removeListener('error', failed)
        settle(null, secured)
      })
    })
    // Before the proxy answered, a failure is the proxy's: it is named as such, not as the server's.
    connect.once('error', (error: NodeJS.ErrnoException) =>
      settle(tls ? error : new TunnelRefused(undefined, /^[A-Z_]+$/.test(error.code ?? '') ? error.code : 'ERROR'))
    )
    connect.end()
    return undefined
  }

  override destroy(): void {
    for (const giveUp of [...this.pending]) giveUp()
    super.destroy()
  }
}
