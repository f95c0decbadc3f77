/**
 * Who receives a domain's mail. TLS is negotiated with the recipient's mail server, not with its
 * domain: domains whose MX records name one provider's hosts share that provider's TLS, so the
 * forecast judges them together. One DNS question per domain per run, bounded in number and time.
 */
import { domainToASCII } from 'node:url'
import { Cancelled, type Clock } from '../../core/clock.js'
import type { MxRecord, MxResolver } from './resolver.js'

export { dnsResolver, parseDnsServers, type MxRecord, type MxResolver } from './resolver.js'

export type MailServerSource = 'mx' | 'address' | 'failed'

export interface MailServer {
  /**
   * Who receives the domain's mail, the key the forecast groups by: the registrable domain
   * (Public Suffix List) of the preferred MX host; the domain's own registrable domain when it
   * has no MX (RFC 5321 5.1: served at its own address); the domain itself when its lookup failed
   * or it accepts no mail (null MX). Lower case, no trailing dot.
   */
  provider: string
  /** The preferred MX host (lowest priority number; ties broken by name), lower case, no trailing dot; undefined without MX. */
  host?: string
  /**
   * 'mx' without a `host` is a null MX (RFC 7505): the domain published that it accepts no mail.
   * It is not 'address', since a sender must not fall back to the domain's address then.
   */
  source: MailServerSource
  /** For 'failed': why, in a few words (e.g. "DNS lookup timed out", "DNS server failed (SERVFAIL)"), never more than a line. */
  failure?: string
}

export interface MailServerOptions {
  resolver: MxResolver
  /** Lookups under way at once; default 16. */
  concurrency?: number
  /** How long one lookup waits for its answer. */
  timeoutMs: number
  clock: Clock
  /** The run's cancellation. */
  signal?: AbortSignal
}

const DEFAULT_CONCURRENCY = 16
/**
 * Lookups in a row that went unanswered (timed out, or no resolver took the question) before
 * the run stops asking: two waves of lookups. A dead resolver then costs a run twice the lookup
 * timeout, not an hour of timeouts over thousands of domains.
 */
const MAX_UNANSWERED_IN_A_ROW = 2 * DEFAULT_CONCURRENCY
/** Codes that mean no resolver answered at all, as against an answer that says something. */
const UNANSWERED = new Set(['ETIMEOUT', 'ECONNREFUSED'])
const SILENT = 'DNS lookups stopped: the resolvers left too many lookups in a row unanswered'

/** The longest name DNS carries (RFC 1035 2.3.4). */
const MAX_NAME = 253
/** Letters, digits and hyphens, and the underscore some operators' host names carry. */
const LABEL = /^[a-z0-9_-]{1,63}$/

const NO_USABLE_SERVER = 'the DNS answer named no usable mail server'

/** Node's dns codes, in words a reader of the summary can act on. */
const FAILURES = new Map([
  ['ETIMEOUT', 'DNS lookup timed out'],
  ['ESERVFAIL', 'DNS server failed (SERVFAIL)'],
  ['EREFUSED', 'DNS server refused the query (REFUSED)'],
  ['ECONNREFUSED', 'DNS server refused the connection'],
  ['EFORMERR', 'DNS server could not read the query (FORMERR)'],
  ['ENOTIMP', 'DNS server does not answer MX queries (NOTIMP)'],
  ['EBADRESP', 'DNS answer was malformed'],
  ['ECANCELLED', 'DNS lookup was cancelled'],
  ['ESILENT', SILENT]
])

type RegistrableDomain = (host: string) => string | null

let publicSuffixList: Promise<RegistrableDomain> | undefined

/**
 * tldts carries the Public Suffix List: it is loaded by the first lookup, so a run that never
 * forecasts never loads it. Only the list's ICANN section counts: a provider's own private
 * suffixes (amazonaws.com's regions, say) name its customers, while the provider runs the server.
 */
function loadPublicSuffixList(): Promise<RegistrableDomain> {
  publicSuffixList ??= import('tldts').then(({ getDomain }) => getDomain)
  return publicSuffixList
}

export class MailServers {
  readonly #options: MailServerOptions
  readonly #concurrency: number
  /** Each domain's server, or its lookup under way: subusers share recipients, and a domain is asked once per run. */
  readonly #servers = new Map<string, Promise<MailServer>>()
  /** Lookups waiting for a slot, first come first served. */
  readonly #waiting: (() => void)[] = []
  #running = 0
  #queries = 0
  #resolverCancelled = false
  /** Lookups unanswered since the last answer of any kind. */
  #unanswered = 0

  constructor(options: MailServerOptions) {
    this.#options = options
    this.#concurrency = Math.max(1, Math.floor(options.concurrency ?? DEFAULT_CONCURRENCY))
  }

  /** DNS queries made so far (cache hits not counted). */
  get queries(): number {
    return this.#queries
  }

  /** Each domain's mail server, by the domain as given. A cancel (signal) rejects with `Cancelled`. */
  async lookup(domains: readonly string[]): Promise<Map<string, MailServer>> {
    if (this.#options.signal?.aborted) throw new Cancelled()
    const registrable = await loadPublicSuffixList()
    const entries = await Promise.all(domains.map(async (domain) => [domain, await this.#serverOf(domain, registrable)] as const))
    return new Map(entries)
  }

  #serverOf(domain: string, registrable: RegistrableDomain): Promise<MailServer> {
    const name = domainName(domain)
    // Not a name DNS could be asked about: the domain is its own group, and DNS is spared the question.
    if (name === undefined) return Promise.resolve(failed(domain.trim().toLowerCase().replace(/\.$/, ''), 'not a domain name'))
    let server = this.#servers.get(name)
    if (server === undefined) {
      server = this.#inSlot(() => this.#ask(name)).then(
        (records) => fromRecords(name, records, registrable),
        (error: unknown) => fromError(name, error, registrable)
      )
      this.#servers.set(name, server)
    }
    return server
  }

  async #inSlot<T>(work: () => Promise<T>): Promise<T> {
    if (this.#running < this.#concurrency) this.#running++
    else await new Promise<void>((resolve) => this.#waiting.push(resolve))
    try {
      return await work()
    } finally {
      // The slot passes straight to the next lookup waiting, so no newcomer slips in between.
      const next = this.#waiting.shift()
      if (next) next()
      else this.#running--
    }
  }

  /**
   * One MX query, given up when its time is out or the run is cancelled. A query given up on
   * time frees its slot; the resolver's own timeout (see dnsResolver) ends it soon after.
   */
  async #ask(name: string): Promise<unknown> {
    const { resolver, clock, timeoutMs, signal } = this.#options
    if (signal?.aborted) throw new Cancelled()
    if (this.#unanswered >= MAX_UNANSWERED_IN_A_ROW) throw Object.assign(new Error(SILENT), { code: 'ESILENT' })
    this.#queries++
    const timeout = clock.timeout(timeoutMs)
    let giveUp = () => {}
    const givenUp = new Promise<never>((_, reject) => {
      const onTimeout = () => reject(Object.assign(new Error('DNS lookup timed out'), { code: 'ETIMEOUT' }))
      const onCancel = () => {
        this.#cancelResolver()
        reject(new Cancelled())
      }
      timeout.addEventListener('abort', onTimeout, { once: true })
      signal?.addEventListener('abort', onCancel, { once: true })
      giveUp = () => {
        timeout.removeEventListener('abort', onTimeout)
        signal?.removeEventListener('abort', onCancel)
      }
      if (timeout.aborted) onTimeout()
    })
    try {
      // The race keeps hold of the answer: one that comes, or fails, after the lookup was given up is dropped.
      const answer = await Promise.race([Promise.resolve().then(() => resolver.resolveMx(name)), givenUp])
      this.#unanswered = 0
      return answer
    } catch (error) {
      const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined
      if (typeof code === 'string' && UNANSWERED.has(code)) this.#unanswered++
      else this.#unanswered = 0
      throw error
    } finally {
      giveUp()
    }
  }

  /** Ends every query still in flight: the run is over, and c-ares would otherwise go on asking each listed server, holding the process open. */
  close(): void {
    this.#cancelResolver()
  }

  /** Stops every query in flight at once: the run is over, and its questions with it. */
  #cancelResolver(): void {
    if (this.#resolverCancelled) return
    this.#resolverCancelled = true
    this.#options.resolver.cancel()
  }
}

/** A recipient's domain as DNS is asked about it: lower case, ASCII (punycode), no trailing dot. */
function domainName(domain: string): string | undefined {
  if (domain.length > 4 * MAX_NAME) return undefined
  return hostName(domainToASCII(domain.trim().toLowerCase()))
}

/**
 * A plausible host name, or undefined. DNS text from a server nobody vouches for ends up in logs
 * and Markdown: only names of bounded length made of letters, digits, `-` and `_` pass.
 */
function hostName(text: string): string | undefined {
  if (text.length > MAX_NAME + 1) return undefined
  const name = text.toLowerCase().replace(/\.$/, '')
  return name.length <= MAX_NAME && name.split('.').every((label) => LABEL.test(label)) ? name : undefined
}

function fromRecords(domain: string, records: unknown, registrable: RegistrableDomain): MailServer {
  if (!Array.isArray(records)) return failed(domain, NO_USABLE_SERVER)
  // An empty answer is as good as NODATA: no MX.
  if (records.length === 0) return atOwnAddress(domain, registrable)
  // RFC 7505: a lone MX naming the root is the domain saying it takes no mail. It shares no
  // server with anyone, so it stands alone; among other MX records the root entry is unusable
  // and simply skipped, as a sender would.
  if (records.length === 1 && isNullMx(records[0])) return { provider: domain, source: 'mx' }
  const preferred = records
    .flatMap(usable)
    .sort((a, b) => a.priority - b.priority || (a.exchange < b.exchange ? -1 : a.exchange > b.exchange ? 1 : 0))[0]
  if (preferred === undefined) return failed(domain, NO_USABLE_SERVER)
  return { provider: providerOf(preferred.exchange, registrable), host: preferred.exchange, source: 'mx' }
}

function isNullMx(record: unknown): boolean {
  const exchange = typeof record === 'object' && record !== null && 'exchange' in record ? record.exchange : undefined
  return exchange === '' || exchange === '.'
}

/** The record as a priority and a sanitised host name; nothing when either is not what DNS can carry. */
function usable(record: unknown): MxRecord[] {
  if (typeof record !== 'object' || record === null || !('exchange' in record) || !('priority' in record)) return []
  const { exchange, priority } = record
  if (typeof exchange !== 'string' || typeof priority !== 'number') return []
  if (!Number.isInteger(priority) || priority < 0 || priority > 65535) return []
  const host = hostName(exchange)
  return host === undefined ? [] : [{ exchange: host, priority }]
}

function fromError(domain: string, error: unknown, registrable: RegistrableDomain): MailServer {
  if (error instanceof Cancelled) throw error
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined
  // NODATA: no MX, so the domain's own address takes its mail (RFC 5321 5.1). NXDOMAIN has no MX
  // either; its mail bounces for want of a domain, not of TLS, and it groups as an address would.
  if (code === 'ENODATA' || code === 'ENOTFOUND') return atOwnAddress(domain, registrable)
  if (typeof code !== 'string') return failed(domain, 'DNS lookup failed')
  // An unknown code is named only when it looks like one of node's: it is printed as it comes.
  return failed(domain, FAILURES.get(code) ?? (/^E[A-Z]{1,20}$/.test(code) ? `DNS lookup failed (${code})` : 'DNS lookup failed'))
}

function atOwnAddress(domain: string, registrable: RegistrableDomain): MailServer {
  return { provider: providerOf(domain, registrable), source: 'address' }
}

/**
 * A name with no registrable domain (a bare public suffix) is its own provider, and so is an
 * address: tldts knows one when it sees it and names no domain for it.
 */
function providerOf(host: string, registrable: RegistrableDomain): string {
  return registrable(host) ?? host
}

function failed(domain: string, failure: string): MailServer {
  return { provider: domain, source: 'failed', failure }
}
