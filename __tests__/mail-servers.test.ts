/**
 * Who receives a domain's mail, from its MX records: grouped by the provider's registrable domain,
 * bounded in concurrency and time, asked once per run, and proof against what a hostile DNS
 * server answers. The logic runs on a table resolver; `dns-stand-in.test.ts` asks over the wire.
 */
import { describe, expect, it } from '@jest/globals'
import { Resolver } from 'node:dns/promises'
import { Cancelled, systemClock, type Clock } from '../src/core/clock.js'
import { MailServers, parseDnsServers, type MxRecord, type MxResolver } from '../src/engine/forecast/mail-servers.js'
import { fakeClock } from './helpers/clock.js'

/** A lookup failing, as node's resolver fails: an Error with one of its codes (or none). */
class Failure {
  constructor(
    readonly code: string | undefined,
    readonly message = 'queryMx\n::error::a message never repeated'
  ) {}
}

/** An answer in the table: MX records, a failure, no answer until cancelled, or whatever a hostile server makes of it. */
type Answer = unknown

function dnsError(code: string | undefined, message = `queryMx ${code}`): Error {
  return Object.assign(new Error(message), code === undefined ? {} : { code })
}

/** MX records from a table; a name not in it does not exist (ENOTFOUND). Counts what it is asked. */
class TableResolver implements MxResolver {
  readonly asked: string[] = []
  inFlight = 0
  maxInFlight = 0
  cancels = 0
  /** When set, answers wait for it: lookups pile up in flight. */
  gate?: Promise<void>
  readonly #unanswered: ((error: Error) => void)[] = []

  constructor(readonly table: Record<string, Answer>) {}

  async resolveMx(domain: string): Promise<MxRecord[]> {
    this.asked.push(domain)
    this.maxInFlight = Math.max(this.maxInFlight, ++this.inFlight)
    try {
      await (this.gate ?? new Promise((resolve) => setImmediate(resolve)))
      const answer = this.table[domain]
      if (answer === 'never') return await new Promise<never>((_, reject) => this.#unanswered.push(reject))
      if (answer === undefined) throw dnsError('ENOTFOUND')
      if (answer instanceof Failure) throw dnsError(answer.code, answer.message)
      return answer as MxRecord[]
    } finally {
      this.inFlight--
    }
  }

  cancel(): void {
    this.cancels++
    for (const reject of this.#unanswered.splice(0)) reject(dnsError('ECANCELLED'))
  }
}

function mailServers(
  resolver: MxResolver,
  options: { concurrency?: number; timeoutMs?: number; clock?: Clock; signal?: AbortSignal } = {}
) {
  return new MailServers({ resolver, timeoutMs: 5000, clock: fakeClock(), ...options })
}

const mx = (exchange: string, priority = 10): MxRecord => ({ exchange, priority })

/**
 * Timeouts that expire a few turns of the event loop after they start: after any answer the
 * table gives (one turn), with no time passing, so a lookup left unanswered times out at once.
 */
function turnsClock(): Clock {
  return {
    ...fakeClock(),
    timeout: () => {
      const controller = new AbortController()
      let turns = 3
      const turn = (): void => void (--turns > 0 ? setImmediate(turn) : controller.abort())
      setImmediate(turn)
      return controller.signal
    }
  }
}

describe('MailServers: who receives a domain’s mail', () => {
  it('groups domains by the registrable domain of their preferred MX host', async () => {
    const resolver = new TableResolver({
      'gmail.com': [mx('gmail-smtp-in.l.google.com', 5), mx('alt1.gmail-smtp-in.l.google.com', 10)],
      'example.org': [mx('aspmx.l.google.com', 1), mx('alt1.aspmx.l.google.com', 5)],
      'school.example': [mx('mx1.google.com')],
      'contoso.com': [mx('contoso-com.mail.protection.outlook.com', 0)],
      'fabrikam.com': [mx('fabrikam-com.mail.protection.outlook.com', 0)],
      'example.co.uk': [mx('mx.mailhost.co.uk')],
      'shop.example.com.au': [mx('in1.smtp.mailhost.com.au')]
    })
    const servers = await mailServers(resolver).lookup(Object.keys(resolver.table))
    const providers = Object.fromEntries([...servers].map(([domain, server]) => [domain, server.provider]))
    expect(providers).toEqual({
      'gmail.com': 'google.com',
      'example.org': 'google.com',
      'school.example': 'google.com',
      'contoso.com': 'outlook.com',
      'fabrikam.com': 'outlook.com',
      'example.co.uk': 'mailhost.co.uk',
      'shop.example.com.au': 'mailhost.com.au'
    })
    expect(servers.get('example.org')).toEqual({ provider: 'google.com', host: 'aspmx.l.google.com', source: 'mx' })
  })

  it('prefers the lowest priority number, the first name among equals, and writes the host in lower case without its dot', async () => {
    const resolver = new TableResolver({
      'a.example': [mx('a-backup.example.net', 20), mx('Z.Other.NET.', 5), mx('b.other.net', 5), mx('mx.third.org', 10)],
      'b.example': [mx('MX1.Google.COM.', 10)]
    })
    const servers = await mailServers(resolver).lookup(['a.example', 'b.example'])
    expect(servers.get('a.example')).toEqual({ provider: 'other.net', host: 'b.other.net', source: 'mx' })
    expect(servers.get('b.example')).toEqual({ provider: 'google.com', host: 'mx1.google.com', source: 'mx' })
  })

  it.each([
    ['ENODATA (no MX record)', { 'shop.example.co.uk': new Failure('ENODATA') }],
    ['ENOTFOUND (no such name)', {}],
    ['an empty answer', { 'shop.example.co.uk': [] }]
  ])('a domain without MX is served at its own address: %s', async (_, table) => {
    const servers = await mailServers(new TableResolver(table)).lookup(['shop.example.co.uk'])
    expect(servers.get('shop.example.co.uk')).toEqual({ provider: 'example.co.uk', source: 'address' })
  })

  it.each(['.', ''])('a null MX ("%s", RFC 7505) takes no mail: an MX without host, a group of its own', async (exchange) => {
    const servers = await mailServers(new TableResolver({ 'nomail.example.com': [mx(exchange, 0)] })).lookup(['nomail.example.com'])
    expect(servers.get('nomail.example.com')).toEqual({ provider: 'nomail.example.com', source: 'mx' })
  })

  it('a root entry among other MX records is skipped, as a sender would', async () => {
    const servers = await mailServers(new TableResolver({ 'odd.example': [mx('', 0), mx('mx.provider.net', 10)] })).lookup(['odd.example'])
    expect(servers.get('odd.example')).toEqual({ provider: 'provider.net', host: 'mx.provider.net', source: 'mx' })
  })

  it('an MX host that is an address, or a bare public suffix, is its own provider', async () => {
    const resolver = new TableResolver({ 'literal.example': [mx('192.0.2.25')], 'suffix.example': [mx('co.uk')] })
    const servers = await mailServers(resolver).lookup(['literal.example', 'suffix.example'])
    expect(servers.get('literal.example')).toEqual({ provider: '192.0.2.25', host: '192.0.2.25', source: 'mx' })
    expect(servers.get('suffix.example')).toEqual({ provider: 'co.uk', host: 'co.uk', source: 'mx' })
  })

  it.each([
    ['ETIMEOUT', 'DNS lookup timed out'],
    ['ESERVFAIL', 'DNS server failed (SERVFAIL)'],
    ['EREFUSED', 'DNS server refused the query (REFUSED)'],
    ['ECONNREFUSED', 'DNS server refused the connection'],
    ['EBADRESP', 'DNS answer was malformed'],
    ['EWHATEVER', 'DNS lookup failed (EWHATEVER)'],
    ['E\n::error::owned', 'DNS lookup failed'],
    [undefined, 'DNS lookup failed']
  ])('a lookup failing with %j is its own provider, and says why in one line: %s', async (code, failure) => {
    const resolver = new TableResolver({ 'mail.example.net': new Failure(code) })
    const servers = await mailServers(resolver).lookup(['Mail.Example.NET'])
    expect(servers.get('Mail.Example.NET')).toEqual({ provider: 'mail.example.net', source: 'failed', failure })
  })

  it.each([
    ['a line break and a workflow command', 'mx.example.net\n::error::owned'],
    ['Markdown', '<img src=x>.example.net'],
    ['a space', 'mx example.net'],
    ['a label of 64 characters', `${'a'.repeat(64)}.example.net`],
    ['a name of 254 characters', `${'a'.repeat(62)}.`.repeat(4) + 'example.ne'],
    ['an empty label', 'mx..example.net'],
    ['a bracketed address', '[192.0.2.1]'],
    ['a number for a name', 42],
    ['a negative priority', 'mx.example.net', -1],
    ['a fractional priority', 'mx.example.net', 1.5],
    ['a priority past 65535', 'mx.example.net', 65536],
    ['a priority in words', 'mx.example.net', '10']
  ])('an answer naming a host with %s names no usable mail server', async (_, exchange, priority: unknown = 10) => {
    const servers = await mailServers(new TableResolver({ 'hostile.example': [{ exchange, priority }] })).lookup(['hostile.example'])
    expect(servers.get('hostile.example')).toEqual({
      provider: 'hostile.example',
      source: 'failed',
      failure: 'the DNS answer named no usable mail server'
    })
  })

  it('a hostile record preferred over a usable one is passed over, and an answer that is no list is failed', async () => {
    const resolver = new TableResolver({
      'mixed.example': [mx('evil\n.example.net', 0), mx('mx.provider.net', 10)],
      'odd.example': { exchange: 'mx.provider.net', priority: 10 }
    })
    const servers = await mailServers(resolver).lookup(['mixed.example', 'odd.example'])
    expect(servers.get('mixed.example')).toEqual({ provider: 'provider.net', host: 'mx.provider.net', source: 'mx' })
    expect(servers.get('odd.example')).toEqual({
      provider: 'odd.example',
      source: 'failed',
      failure: 'the DNS answer named no usable mail server'
    })
  })

  it('asks about a domain in ASCII: an internationalised name in punycode, without its trailing dot', async () => {
    const resolver = new TableResolver({ 'xn--bcher-kva.example': [mx('mx.provider.net')] })
    const servers = await mailServers(resolver).lookup(['Bücher.example.'])
    expect(resolver.asked).toEqual(['xn--bcher-kva.example'])
    expect(servers.get('Bücher.example.')).toMatchObject({ provider: 'provider.net' })
  })

  it('does not ask about what is no domain name', async () => {
    const resolver = new TableResolver({})
    const lookups = mailServers(resolver)
    const servers = await lookups.lookup(['not a domain', 'x'.repeat(2000)])
    expect(servers.get('not a domain')).toEqual({ provider: 'not a domain', source: 'failed', failure: 'not a domain name' })
    expect(resolver.asked).toEqual([])
    expect(lookups.queries).toBe(0)
  })
})

describe('MailServers: bounded, and asked once', () => {
  const domains = Array.from({ length: 40 }, (_, index) => `d${index}.example`)
  const table = Object.fromEntries(domains.map((domain) => [domain, [mx(`mx.${domain}`)]]))

  it.each([
    [3, 3],
    [undefined, 16]
  ])('runs no more lookups at once than the concurrency asked (%p; at most %p)', async (concurrency, most) => {
    const resolver = new TableResolver(table)
    const servers = await mailServers(resolver, { concurrency }).lookup(domains)
    expect(servers.size).toBe(40)
    expect(resolver.asked).toHaveLength(40)
    expect(resolver.maxInFlight).toBe(most)
  })

  it('asks each domain once per run: lookups at the same time share the question, later ones the answer', async () => {
    const resolver = new TableResolver(table)
    let open = () => {}
    resolver.gate = new Promise((resolve) => (open = resolve))
    const lookups = mailServers(resolver)
    const first = lookups.lookup(['d1.example', 'd2.example', 'd3.example'])
    const second = lookups.lookup(['D2.Example.', 'd3.example', 'd4.example', 'd4.example'])
    await new Promise((resolve) => setImmediate(resolve))
    expect(resolver.inFlight).toBe(4)
    open()
    const [one, two] = await Promise.all([first, second])
    expect(two.get('D2.Example.')).toEqual(one.get('d2.example'))
    expect(two.get('D2.Example.')).toMatchObject({ host: 'mx.d2.example' })
    expect(lookups.queries).toBe(4)

    await lookups.lookup(domains.slice(1, 5))
    expect(lookups.queries).toBe(4)
    expect(resolver.asked.sort()).toEqual(['d1.example', 'd2.example', 'd3.example', 'd4.example'])
  })

  it('gives a lookup up after timeoutMs on the clock given, and its slot to the next', async () => {
    const timeouts: { ms: number; controller: AbortController }[] = []
    const clock: Clock = {
      ...fakeClock(),
      timeout: (ms) => {
        const controller = new AbortController()
        timeouts.push({ ms, controller })
        return controller.signal
      }
    }
    const resolver = new TableResolver({ 'slow.example': 'never', 'fast.example': [mx('mx.provider.net')] })
    const pending = mailServers(resolver, { concurrency: 1, timeoutMs: 1234, clock }).lookup(['slow.example', 'fast.example'])
    await new Promise((resolve) => setImmediate(resolve))
    expect(resolver.asked).toEqual(['slow.example'])
    expect(timeouts.map((timeout) => timeout.ms)).toEqual([1234])
    timeouts[0]?.controller.abort()
    const servers = await pending
    expect(servers.get('slow.example')).toEqual({ provider: 'slow.example', source: 'failed', failure: 'DNS lookup timed out' })
    expect(servers.get('fast.example')).toMatchObject({ source: 'mx', host: 'mx.provider.net' })
    expect(resolver.cancels).toBe(0)
  })

  it('gives up on a resolver that never answers, on the system clock', async () => {
    const resolver = new TableResolver({ 'slow.example': 'never' })
    const servers = await mailServers(resolver, { timeoutMs: 50, clock: systemClock }).lookup(['slow.example'])
    expect(servers.get('slow.example')).toMatchObject({ source: 'failed', failure: 'DNS lookup timed out' })
  })

  it('stops asking once two waves of lookups in a row go unanswered: a dead resolver costs a run seconds, not an hour', async () => {
    const many = Array.from({ length: 5000 }, (_, i) => `d${i}.example`)
    const resolver = new TableResolver(Object.fromEntries(many.map((domain) => [domain, 'never'])))
    const servers = await mailServers(resolver, { clock: turnsClock() }).lookup(many)
    // Two waves time out; the lookups each timeout let into its slot meanwhile are the last asked.
    expect(resolver.asked.length).toBeGreaterThanOrEqual(32)
    expect(resolver.asked.length).toBeLessThanOrEqual(3 * 16)
    expect(new Set([...servers.values()].map((server) => server.failure))).toEqual(
      new Set(['DNS lookup timed out', 'DNS lookups stopped: the resolvers left too many lookups in a row unanswered'])
    )
  })

  it('an answer of any kind, NXDOMAIN included, starts the count of unanswered lookups again', async () => {
    // Every thirty-first domain does not exist (absent from the table); the thirty between are never answered: never two waves in a row.
    const all = Array.from({ length: 100 }, (_, i) => `d${i}.example`)
    const resolver = new TableResolver(Object.fromEntries(all.filter((_, i) => i % 31 !== 30).map((domain) => [domain, 'never'])))
    await mailServers(resolver, { concurrency: 1, clock: turnsClock() }).lookup(all)
    expect(resolver.asked).toHaveLength(100)
  })

  it('close ends the queries still in flight, once', () => {
    const resolver = new TableResolver({})
    const lookups = mailServers(resolver)
    lookups.close()
    lookups.close()
    expect(resolver.cancels).toBe(1)
  })

  it('a cancel rejects with Cancelled, cancels the queries in flight and asks nothing more', async () => {
    const never = Object.fromEntries(domains.map((domain) => [domain, 'never']))
    const resolver = new TableResolver(never)
    const cancel = new AbortController()
    const lookups = mailServers(resolver, { concurrency: 2, signal: cancel.signal })
    const pending = lookups.lookup(domains.slice(0, 5))
    await new Promise((resolve) => setImmediate(resolve))
    expect(resolver.inFlight).toBe(2)
    cancel.abort()
    await expect(pending).rejects.toBeInstanceOf(Cancelled)
    expect(resolver.cancels).toBe(1)
    await new Promise((resolve) => setImmediate(resolve))
    expect(resolver.asked).toHaveLength(2)
    expect(lookups.queries).toBe(2)
    await expect(lookups.lookup(['other.example'])).rejects.toBeInstanceOf(Cancelled)
    expect(resolver.asked).toHaveLength(2)
  })
})

describe('parseDnsServers: the dns-servers input', () => {
  it.each([
    ['192.0.2.53', ['192.0.2.53']],
    ['192.0.2.53:5353', ['192.0.2.53:5353']],
    ['2001:db8::53', ['2001:db8::53']],
    ['[2001:db8::53]:5353', ['[2001:db8::53]:5353']],
    ['[2001:db8::53]', ['2001:db8::53']],
    [' 192.0.2.1 ,\r\n\n 192.0.2.2:053, 192.0.2.1\n', ['192.0.2.1', '192.0.2.2:53']],
    ['', []],
    [' \n , ', []]
  ])('reads %j as %j, which node’s resolver takes', (text, servers) => {
    const parsed = parseDnsServers(text)
    expect(parsed).toEqual(servers)
    if (parsed.length > 0) expect(() => new Resolver().setServers(parsed)).not.toThrow()
  })

  it.each([
    ['dns.google', '"dns.google" is a host name: DNS resolvers are addressed by IP address'],
    ['dns.google:53', '"dns.google:53" is a host name: DNS resolvers are addressed by IP address'],
    ['192.0.2.53:0', '"192.0.2.53:0" has port "0", not a number from 1 to 65535'],
    ['192.0.2.53:65536', 'has port "65536", not a number from 1 to 65535'],
    ['192.0.2.53:', 'has port "", not a number from 1 to 65535'],
    ['192.0.2.53:dns', 'has port "dns", not a number from 1 to 65535'],
    ['[2001:db8::53]:99999', 'has port "99999"'],
    ['[192.0.2.53]:53', '"[192.0.2.53]:53" puts something other than an IPv6 address in brackets'],
    ['300.1.1.1', '"300.1.1.1" is not an IP address (192.0.2.53, 192.0.2.53:5353, 2001:db8::53 or [2001:db8::53]:5353)'],
    ['192.0.2.1, 192.0.2.2 ; 192.0.2.3', '"192.0.2.2 ; 192.0.2.3" is not an IP address'],
    ['fe80::1%eth0', '"fe80::1%eth0" has a zone index']
  ])('refuses %j, naming the entry and what is wrong with it', (text, message) => {
    expect(() => parseDnsServers(text)).toThrow(message)
  })

  it('takes eight resolvers at most: each one a query tries adds its timeout to a lookup nobody answers', () => {
    const nine = Array.from({ length: 9 }, (_, i) => `192.0.2.${i + 1}`)
    expect(parseDnsServers(nine.slice(0, 8).join(','))).toHaveLength(8)
    expect(() => parseDnsServers(nine.join('\n'))).toThrow('names 9 resolvers; at most 8')
  })

  it('quotes a long or unprintable entry short and on one line', () => {
    let message = ''
    try {
      parseDnsServers(`\u001b[31m${'x'.repeat(500)}`)
    } catch (error) {
      message = (error as Error).message
    }
    expect(message).toMatch(/^has an entry it cannot use: "\?\[31mx+…" is not an IP address/)
    expect(message.length).toBeLessThan(200)
  })
})
