/**
 * Judging domains by mail provider: a group is judged by its biggest domain and one other, split
 * by MX host when they disagree; a domain whose DNS failed stands alone; the budget of reads goes
 * to the busiest providers first.
 */
import { describe, expect, it } from '@jest/globals'
import type { DeliveryFacts } from '../src/engine/forecast/forecast.js'
import type { MailServer } from '../src/engine/forecast/mail-servers.js'
import { groupByProvider, judgeProviders } from '../src/engine/forecast/providers.js'
import type { DomainMail } from '../src/engine/forecast/window.js'
import { MessageRef } from '../src/sendgrid/email-logs.js'

const TLS: DeliveryFacts = { tls: true, certError: false }
const PLAIN: DeliveryFacts = { tls: false, certError: false }

/** Domains with their message counts; each message id is `<domain>#<n>`. */
function mailed(counts: Record<string, number>): Map<string, DomainMail> {
  return new Map(
    Object.entries(counts).map(([domain, messages]) => [
      domain,
      { messages, refs: [0, 1, 2].slice(0, messages).map((n) => MessageRef.of(`${domain}#${n}`) as MessageRef) }
    ])
  )
}

const mx = (host: string, provider: string): MailServer => ({ provider, host, source: 'mx' })

/** Reads answered from each domain's server, recording which domains were read. */
function reader(servers: Record<string, DeliveryFacts | undefined>) {
  const read: string[] = []
  return {
    read,
    delivery: (ref: MessageRef) => {
      const domain = MessageRef.idOf(ref).split('#')[0] as string
      read.push(domain)
      return Promise.resolve(servers[domain])
    }
  }
}

describe('grouping', () => {
  it('groups domains by provider, the busiest first, and leaves a domain not looked up alone', () => {
    const domains = mailed({ 'a.example': 5, 'b.example': 4, 'c.example': 20, 'lone.example': 1 })
    const servers = new Map([
      ['a.example', mx('aspmx.l.bigmail.example', 'bigmail.example')],
      ['b.example', mx('alt1.aspmx.l.bigmail.example', 'bigmail.example')],
      ['c.example', mx('mx.c.example', 'c.example')]
    ])
    expect(groupByProvider(domains, servers)).toEqual([
      { provider: 'c.example', domains: ['c.example'], messages: 20 },
      { provider: 'bigmail.example', domains: ['a.example', 'b.example'], messages: 9 },
      { provider: 'lone.example', domains: ['lone.example'], messages: 1 }
    ])
  })
})

describe('judging', () => {
  it('judges a whole provider by two of its domains when they agree', async () => {
    const domains = mailed({ 'a.example': 5, 'b.example': 4, 'c.example': 3, 'd.example': 2 })
    const servers = new Map(['a', 'b', 'c', 'd'].map((d) => [`${d}.example`, mx('mx.hoster.example', 'hoster.example')]))
    const { read, delivery } = reader({ 'a.example': PLAIN, 'b.example': PLAIN })
    const judgement = await judgeProviders(groupByProvider(domains, servers), domains, servers, delivery, 100)
    expect(read).toEqual(['a.example', 'b.example'])
    expect([...judgement.verdicts.keys()].sort()).toEqual(['a.example', 'b.example', 'c.example', 'd.example'])
    expect(judgement.verdicts.get('d.example')).toEqual({ risk: 'no-tls', provider: 'hoster.example' })
  })

  it('splits a provider by MX host when its two domains disagree, and reads a host not yet read', async () => {
    const domains = mailed({ 'a.example': 5, 'b.example': 4, 'c.example': 3, 'd.example': 2 })
    const servers = new Map([
      ['a.example', mx('mx1.hoster.example', 'hoster.example')],
      ['b.example', mx('mx2.hoster.example', 'hoster.example')],
      ['c.example', mx('mx1.hoster.example', 'hoster.example')],
      ['d.example', mx('mx3.hoster.example', 'hoster.example')]
    ])
    const { read, delivery } = reader({ 'a.example': TLS, 'b.example': PLAIN, 'd.example': PLAIN })
    const judgement = await judgeProviders(groupByProvider(domains, servers), domains, servers, delivery, 100)
    expect(read).toEqual(['a.example', 'b.example', 'd.example'])
    expect(Object.fromEntries(judgement.verdicts)).toEqual({
      'a.example': { risk: 'safe', provider: 'mx1.hoster.example' },
      'c.example': { risk: 'safe', provider: 'mx1.hoster.example' },
      'b.example': { risk: 'no-tls', provider: 'mx2.hoster.example' },
      'd.example': { risk: 'no-tls', provider: 'mx3.hoster.example' }
    })
  })

  it('judges a domain whose DNS failed by its own deliveries, and lists one with no delivery as unknown', async () => {
    const domains = mailed({ 'failed.example': 3, 'opened.example': 2 })
    const servers = new Map<string, MailServer>([
      ['failed.example', { provider: 'failed.example', source: 'failed', failure: 'DNS lookup timed out' }],
      ['opened.example', { provider: 'opened.example', source: 'address' }]
    ])
    const { read, delivery } = reader({ 'failed.example': PLAIN })
    const judgement = await judgeProviders(groupByProvider(domains, servers), domains, servers, delivery, 100)
    expect(judgement.verdicts.get('failed.example')).toEqual({ risk: 'no-tls', provider: 'failed.example' })
    // Two of its messages were read, and neither recorded a delivery.
    expect(read.filter((d) => d === 'opened.example')).toHaveLength(2)
    expect(judgement.unknown).toEqual(['opened.example'])
  })

  it('spends the reads on the busiest providers first and never more than the budget', async () => {
    const counts = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`own${i}.example`, 100 - i]))
    const domains = mailed(counts)
    const { delivery } = reader(Object.fromEntries(Object.keys(counts).map((d) => [d, TLS])))
    const judgement = await judgeProviders(groupByProvider(domains, new Map()), domains, new Map(), delivery, 4)
    expect(judgement.reads).toBe(4)
    expect([...judgement.verdicts.keys()].sort()).toEqual(['own0.example', 'own1.example', 'own2.example', 'own3.example'])
  })
})

describe('a provider whose biggest domain shows no delivery and whose second shows one', () => {
  it('does not list the biggest domain both as judged (at risk) and as unknown', async () => {
    const domains = mailed({ 'big.example': 50, 'small.example': 5 })
    const server: MailServer = { provider: 'hoster.example', host: 'mx.hoster.example', source: 'mx' }
    const servers = new Map([
      ['big.example', server],
      ['small.example', server]
    ])
    // big.example's messages were delivered per their status, but hold no delivered event (opened only).
    const read = (ref: MessageRef) => Promise.resolve(MessageRef.idOf(ref).startsWith('big.') ? undefined : PLAIN)
    const judgement = await judgeProviders(groupByProvider(domains, servers), domains, servers, read, 100)
    // Else the summary would list it in the at-risk table and under "Not known" at once.
    const both = judgement.unknown.filter((d) => judgement.verdicts.has(d))
    expect(both).toEqual([])
  })
})
