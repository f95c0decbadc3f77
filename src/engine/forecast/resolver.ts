/**
 * Asking DNS for a domain's MX records: the resolver the forecast's mail servers are looked up
 * with, and the `dns-servers` input that points it at resolvers of the user's choosing (a runner
 * behind a firewall may reach only its own).
 */
import { Resolver } from 'node:dns/promises'
import { isIP } from 'node:net'

export interface MxRecord {
  exchange: string
  priority: number
}

/**
 * Looks MX records up: node's resolver in production, a table in tests. Rejects with an Error
 * carrying a `code` (node's dns codes: 'ENODATA', 'ENOTFOUND', 'ETIMEOUT', 'ESERVFAIL',
 * 'ECONNREFUSED', 'ECANCELLED', ...).
 */
export interface MxResolver {
  resolveMx(domain: string): Promise<MxRecord[]>
  /** Gives up every query in flight: they reject with 'ECANCELLED'. */
  cancel(): void
}

/** How often c-ares asks each server before it answers ETIMEOUT. */
const TRIES = 2

/**
 * Node's resolver (`node:dns/promises` Resolver, with its own timeout/tries options), asking
 * `servers` ('ip' or 'ip:port' / '[v6]:port' strings, as `parseDnsServers` returns) or the
 * system's when empty.
 */
export function dnsResolver(servers: readonly string[], timeoutMs: number): MxResolver {
  // c-ares doubles a query's timeout on each retry: two tries of a third each (t + 2t) end within
  // the lookup's own budget, so the resolver gives up about when the lookup does instead of
  // querying on, unseen, behind a lookup already called timed out.
  const resolver = new Resolver({ timeout: Math.max(1, Math.floor(timeoutMs / (2 ** TRIES - 1))), tries: TRIES })
  if (servers.length > 0) resolver.setServers([...servers])
  return {
    resolveMx: (domain) => resolver.resolveMx(domain),
    cancel: () => resolver.cancel()
  }
}

/** Where a message quotes an entry: enough to recognise it, never a wall of pasted text. */
const QUOTED_LENGTH = 60

/** Resolvers at most: a system's own configuration holds three. */
const MAX_SERVERS = 8

const EXAMPLES = '192.0.2.53, 192.0.2.53:5353, 2001:db8::53 or [2001:db8::53]:5353'

/**
 * The `dns-servers` input: IP addresses, each optionally with a port (`192.0.2.53`,
 * `192.0.2.53:5353`, `2001:db8::53`, `[2001:db8::53]:5353`), separated by commas or newlines,
 * blanks ignored; empty → []. Throws an Error whose message names what is wrong with which entry
 * (worded to follow the input's name). Returns them in the form node's Resolver.setServers accepts.
 */
export function parseDnsServers(text: string): string[] {
  const entries = text
    .split(/[,\r\n]/)
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
  const servers = [...new Set(entries.map(parseDnsServer))]
  if (servers.length > MAX_SERVERS) {
    throw new Error(
      `names ${servers.length} resolvers; at most ${MAX_SERVERS}, since each one a query tries adds its timeout to a lookup nobody answers`
    )
  }
  return servers
}

function parseDnsServer(entry: string): string {
  const bracketed = /^\[([^\]]*)\](?::(.*))?$/.exec(entry)
  if (bracketed) {
    const [, address = '', port] = bracketed
    if (isIP(address) !== 6) throw invalid(entry, 'puts something other than an IPv6 address in brackets')
    return withPort(entry, address, port)
  }
  const kind = isIP(entry)
  if (kind === 4) return entry
  if (kind === 6) return withPort(entry, entry, undefined)
  const colon = entry.indexOf(':')
  if (colon >= 0 && entry.indexOf(':', colon + 1) < 0) {
    const address = entry.slice(0, colon)
    if (isIP(address) === 4) return withPort(entry, address, entry.slice(colon + 1))
    if (isHostName(address)) throw namedByHost(entry)
  }
  if (isHostName(entry)) throw namedByHost(entry)
  throw invalid(entry, `is not an IP address (${EXAMPLES})`)
}

/** The form setServers takes: an IPv6 address with a port is bracketed, so its colons are not read as the port's. */
function withPort(entry: string, address: string, port: string | undefined): string {
  // Node drops a zone index without a word, and would ask the resolver on the wrong interface.
  if (address.includes('%')) throw invalid(entry, 'has a zone index (%…), which node’s resolver cannot use')
  if (port === undefined) return address
  if (!/^[0-9]{1,5}$/.test(port) || Number(port) < 1 || Number(port) > 65535) {
    throw invalid(entry, `has port "${quote(port)}", not a number from 1 to 65535`)
  }
  return isIP(address) === 6 ? `[${address}]:${Number(port)}` : `${address}:${Number(port)}`
}

function isHostName(text: string): boolean {
  return /[a-z]/i.test(text) && /^[a-z0-9.-]+$/i.test(text)
}

function namedByHost(entry: string): Error {
  return invalid(
    entry,
    `is a host name: DNS resolvers are addressed by IP address (${EXAMPLES}), since a name would need a resolver to find one`
  )
}

/** Worded to follow the input's name: `Input 'dns-servers' has an entry it cannot use: "…" is …`. */
function invalid(entry: string, problem: string): Error {
  return new Error(`has an entry it cannot use: "${quote(entry)}" ${problem}`)
}

function quote(text: string): string {
  const shown = text.length > QUOTED_LENGTH ? `${text.slice(0, QUOTED_LENGTH)}…` : text
  return shown.replace(/[^\x20-\x7e…]/g, '?')
}
