/**
 * Which proxy a run's requests take, from the environment as curl and the runner's own tools read
 * it: settings, read once, before any request, like every other setting.
 */
import type { Proxy } from '../../sendgrid/proxy.js'
import { isLoopback } from './loopback.js'
import { SettingError } from './source.js'

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
