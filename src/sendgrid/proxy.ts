import { Agent as HttpAgent, request as httpRequest, type OutgoingHttpHeaders, type RequestOptions } from 'node:http'
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https'
import type { Duplex } from 'node:stream'
import { connect as connectTls, type ConnectionOptions as TlsOptions } from 'node:tls'

/** The proxy requests to SendGrid tunnel through, and the variable that named it. */
export interface Proxy {
  url: URL
  variable: string
}

/**
 * One agent for the run, so that requests share connections: direct, or through a tunnel the
 * proxy opens (CONNECT), which sees where the action connects but never what it sends.
 */
export function agentFor(baseUrl: string, proxy: Proxy | undefined): HttpAgent {
  const https = baseUrl.startsWith('https:')
  if (!proxy) return https ? new HttpsAgent({ keepAlive: true }) : new HttpAgent({ keepAlive: true })
  return new TunnelAgent(proxy.url)
}

type Connected = (error: Error | null, socket?: Duplex) => void

/**
 * An HTTPS agent whose connections are TLS inside a CONNECT tunnel through the proxy. TLS runs
 * end to end: the certificate checked is SendGrid's, and the proxy carries bytes it cannot read.
 */
class TunnelAgent extends HttpsAgent {
  constructor(private readonly proxy: URL) {
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
    connect.once('connect', (answer, socket) => {
      if (answer.statusCode !== 200) {
        socket.destroy()
        // Worded as the client reads a refused tunnel: the status decides whether a retry can help.
        return connected(new Error(`tunneling socket could not be established, statusCode=${answer.statusCode}`))
      }
      // The agent has set servername for a host name (and left it out for an address).
      const tls = connectTls({ ...options, socket })
      const failed = (error: Error) => connected(error)
      tls.once('error', failed)
      tls.once('secureConnect', () => {
        tls.removeListener('error', failed)
        connected(null, tls)
      })
    })
    connect.once('error', (error) => connected(error))
    connect.end()
    return undefined
  }
}
