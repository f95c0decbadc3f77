/**
 * MX lookups over the wire: node's own resolver (dnsResolver) asks the DNS stand-in on 127.0.0.1,
 * over UDP, and over TCP when the answer is too large for a datagram; and the stand-in keeps
 * serving through garbage. No test leaves the machine.
 */
import { afterEach, describe, expect, it } from '@jest/globals'
import { createSocket } from 'node:dgram'
import { once } from 'node:events'
import { connect } from 'node:net'
import * as dnsPacket from 'dns-packet'
import { Cancelled, systemClock } from '../src/core/clock.js'
import { MailServers, dnsResolver } from '../src/engine/forecast/mail-servers.js'
import { startDnsStandIn, type DnsStandIn } from '../stand-in/dns.js'

let standIn: DnsStandIn | undefined
afterEach(async () => {
  await standIn?.close()
  standIn = undefined
})

/** More MX records than 512 bytes hold: a datagram can only say it was truncated. */
const MANY = Array.from({ length: 30 }, (_, index) => ({ exchange: `mx${index}.inbound.large-provider.example`, priority: index }))

/** A query as a client writes it. */
function query(name: string, id: number): dnsPacket.Packet {
  return { type: 'query', id, flags: dnsPacket.RECURSION_DESIRED, questions: [{ type: 'MX', name }] }
}

describe('the DNS stand-in, asked through node’s resolver', () => {
  it('answers MX over UDP', async () => {
    standIn = await startDnsStandIn({ zones: { 'example.com': { mx: [{ exchange: 'aspmx.l.google.com', priority: 1 }] } } })
    const records = await dnsResolver([standIn.address], 2000).resolveMx('example.com')
    expect(records).toEqual([{ exchange: 'aspmx.l.google.com', priority: 1 }])
    expect(standIn.queries).toEqual([{ name: 'example.com', type: 'MX', transport: 'udp' }])
  })

  it('sends an answer too large for a datagram truncated, and whole when asked again over TCP', async () => {
    standIn = await startDnsStandIn({ zones: { 'large.example': { mx: MANY } } })
    const records = await dnsResolver([standIn.address], 2000).resolveMx('large.example')
    expect(records).toHaveLength(MANY.length)
    expect(records).toContainEqual({ exchange: 'mx29.inbound.large-provider.example', priority: 29 })
    expect(standIn.queries.map((q) => q.transport)).toEqual(['udp', 'tcp'])
  })

  it('names each domain’s mail server over the wire: MX, no MX, no such domain, SERVFAIL, silence', async () => {
    standIn = await startDnsStandIn({
      zones: {
        'gmail.example': { mx: [{ exchange: 'alt1.gmail-smtp-in.l.google.com', priority: 20 }] },
        'contoso.example': { mx: [{ exchange: 'contoso-example.mail.protection.outlook.com', priority: 0 }] },
        'own.example.co.uk': { a: ['192.0.2.25'] },
        'nomail.example': { mx: [{ exchange: '.', priority: 0 }] },
        'large.example': { mx: MANY },
        'broken.example': { servfail: true },
        'quiet.example': { silent: true }
      }
    })
    const lookups = new MailServers({ resolver: dnsResolver([standIn.address], 300), timeoutMs: 5000, clock: systemClock })
    const servers = await lookups.lookup([
      'gmail.example',
      'contoso.example',
      'own.example.co.uk',
      'missing.example',
      'nomail.example',
      'large.example',
      'broken.example',
      'quiet.example'
    ])
    expect(Object.fromEntries(servers)).toEqual({
      'gmail.example': { provider: 'google.com', host: 'alt1.gmail-smtp-in.l.google.com', source: 'mx' },
      'contoso.example': { provider: 'outlook.com', host: 'contoso-example.mail.protection.outlook.com', source: 'mx' },
      'own.example.co.uk': { provider: 'example.co.uk', source: 'address' },
      'missing.example': { provider: 'missing.example', source: 'address' },
      'nomail.example': { provider: 'nomail.example', source: 'mx' },
      'large.example': { provider: 'large-provider.example', host: 'mx0.inbound.large-provider.example', source: 'mx' },
      'broken.example': { provider: 'broken.example', source: 'failed', failure: 'DNS server failed (SERVFAIL)' },
      'quiet.example': { provider: 'quiet.example', source: 'failed', failure: 'DNS lookup timed out' }
    })
    expect(standIn.queries).toContainEqual({ name: 'large.example', type: 'MX', transport: 'tcp' })
  })

  it('a cancel gives up the query on the wire at once, long before its timeout', async () => {
    standIn = await startDnsStandIn({ zones: { 'quiet.example': { silent: true } } })
    const resolver = dnsResolver([standIn.address], 10_000)
    const cancel = new AbortController()
    const lookups = new MailServers({ resolver, timeoutMs: 10_000, clock: systemClock, signal: cancel.signal })
    const asked = resolver.resolveMx('quiet.example')
    const pending = lookups.lookup(['quiet.example'])
    while (standIn.queries.length < 2) await new Promise((resolve) => setTimeout(resolve, 5))
    const started = Date.now()
    cancel.abort()
    await expect(pending).rejects.toBeInstanceOf(Cancelled)
    await expect(asked).rejects.toMatchObject({ code: 'ECANCELLED' })
    expect(Date.now() - started).toBeLessThan(1000)
  })

  it('answers A questions, and NODATA for a type the name has none of', async () => {
    standIn = await startDnsStandIn({ zones: { 'own.example': { a: ['192.0.2.25'] } } })
    const { Resolver } = await import('node:dns/promises')
    const resolver = new Resolver({ timeout: 500, tries: 1 })
    resolver.setServers([standIn.address])
    expect(await resolver.resolve4('own.example')).toEqual(['192.0.2.25'])
    await expect(resolver.resolveMx('own.example')).rejects.toMatchObject({ code: 'ENODATA' })
    await expect(resolver.resolve4('missing.example')).rejects.toMatchObject({ code: 'ENOTFOUND' })
  })
})

describe('the DNS stand-in on the wire', () => {
  it('drops a garbage datagram and answers the next query', async () => {
    standIn = await startDnsStandIn({ zones: { 'example.com': { mx: [{ exchange: 'mx.example.net', priority: 10 }] } } })
    const client = createSocket('udp4')
    try {
      client.send(Buffer.from('not dns at all'), standIn.port, '127.0.0.1')
      client.send(Buffer.alloc(3), standIn.port, '127.0.0.1')
      client.send(dnsPacket.encode(query('example.com', 7)), standIn.port, '127.0.0.1')
      const [message] = (await once(client, 'message')) as [Buffer]
      const reply = dnsPacket.decode(message)
      expect(reply.id).toBe(7)
      expect(reply.answers).toEqual([expect.objectContaining({ type: 'MX', data: { preference: 10, exchange: 'mx.example.net' } })])
      expect(standIn.queries).toHaveLength(1)
    } finally {
      client.close()
    }
  })

  it('answers several length-prefixed messages on one TCP connection, garbage among them', async () => {
    standIn = await startDnsStandIn({ zones: { 'example.com': { mx: [{ exchange: 'mx.example.net', priority: 10 }] } } })
    const socket = connect(standIn.port, '127.0.0.1')
    try {
      await once(socket, 'connect')
      const garbage = Buffer.from([0, 5, 1, 2, 3, 4, 5])
      socket.write(
        Buffer.concat([dnsPacket.streamEncode(query('example.com', 1)), garbage, dnsPacket.streamEncode(query('missing.example', 2))])
      )
      let received = Buffer.alloc(0)
      const replies: dnsPacket.DecodedPacket[] = []
      while (replies.length < 2) {
        const [chunk] = (await once(socket, 'data')) as [Buffer]
        received = Buffer.concat([received, chunk])
        while (received.length >= 2 && received.length >= 2 + received.readUInt16BE(0)) {
          replies.push(dnsPacket.decode(received.subarray(2, 2 + received.readUInt16BE(0))))
          received = received.subarray(2 + received.readUInt16BE(0))
        }
      }
      expect(replies.map((reply) => [reply.id, (reply as { rcode?: string }).rcode, reply.answers?.length])).toEqual([
        [1, 'NOERROR', 1],
        [2, 'NXDOMAIN', 0]
      ])
      expect(standIn.queries.map((q) => q.transport)).toEqual(['tcp', 'tcp'])
    } finally {
      socket.destroy()
    }
  })
})
