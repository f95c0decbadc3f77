import { Agent as HttpAgent, request as httpRequest, type OutgoingHttpHeaders, type RequestOptions } from 'node:http'
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https'
import type { Duplex } from 'node:stream'
import { connect as connectTls, type ConnectionOptions as TlsOptions } from 'node:tls'
import { isLoopback, SettingError } from '../engine/settings.js'

/** The proxy requests to SendGrid tunnel through, and the variable that named it. */
export interface Proxy {
  url: URL
  variable: string
}

/**
 * The proxy for `baseUrl`, read from HTTPS_PROXY/https_proxy and NO_PROXY/no_proxy as curl and the
 * runner's own tools read them. Only https:// is ever proxied: plain http:// goes to loopback
 * alone. A malformed value is an error naming its variable, before any request, never echoing the
 * value, which may hold the proxy's password.
 */
export function proxyFor(baseUrl: string, env: Readonly<Record<string, string | undefined>>): Proxy | undefined {
  const target = new URL(baseUrl)
  if (target.protocol !== 'https:' || isLoopback(target.hostname)) return undefined
  const variable = ['https_proxy', 'HTTPS_PROXY'].find((name) => env[name])
  const value = variable && env[variable]
  if (!variable || !value) return undefined
  if (bypassed(target, env['no_proxy'] || env['NO_PROXY'] || '')) return undefined
  let url: URL | undefined
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`)
  } catch {
    url = undefined
  }
  if (!url?.hostname) {
    throw new SettingError(
      [],
      `The environment variable ${variable} is not a proxy URL such as http://proxy.example.com:3128; fix it or unset it`
    )
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new SettingError(
      [],
      `The environment variable ${variable} names a ${url.protocol.slice(0, -1)} proxy; only http:// and https:// proxies are supported`
    )
  }
  try {
    decodeURIComponent(url.username)
    decodeURIComponent(url.password)
  } catch {
    throw new SettingError(
      [],
      `The environment variable ${variable} holds a user name or password that is not valid percent-encoding; fix it`
    )
  }
  return { url, variable }
}

/** NO_PROXY: `*`, or host names (with or without a leading dot, optionally with :port) that match the host or end it. */
function bypassed(target: URL, noProxy: string): boolean {
  const host = target.hostname.toLowerCase()
  const port = target.port || '443'
  return noProxy
    .split(',')
    .map((entry) => entry.trim().toLowerCase())
    .filter((entry) => entry !== '')
    .some((entry) => {
      if (entry === '*') return true
      const [name = '', entryPort] = entry.replace(/^\./, '').split(':')
      if (entryPort !== undefined && entryPort !== port) return false
      return host === name || host.endsWith(`.${name}`)
    })
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
