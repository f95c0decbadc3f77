/**
 * A local DNS server for the forecast's MX lookups: the tests and the demo ask it through node's
 * own resolver, over UDP and, when an answer is too large for a datagram, over TCP, both on one
 * port of 127.0.0.1 as a resolver's address names only one. Zones answer MX and A questions, or
 * fail the ways real servers do (NXDOMAIN, NODATA, SERVFAIL, silence). The wire format is
 * dns-packet's; nothing here encodes a byte by hand but the length prefix TCP frames it with.
 */
import { createSocket, type Socket as UdpSocket } from 'node:dgram'
import { once } from 'node:events'
import { createServer, type Server, type Socket } from 'node:net'
import * as dnsPacket from 'dns-packet'

export interface DnsZone {
  mx?: { exchange: string; priority: number }[]
  a?: string[]
  /** Every question about the name fails with SERVFAIL. */
  servfail?: boolean
  /** Questions about the name are never answered: the client times out. */
  silent?: boolean
}

export interface DnsStandInOptions {
  /** By name; a name not here does not exist (NXDOMAIN). */
  zones: Record<string, DnsZone>
  /** 0 (the default): a port the system chooses, free for both UDP and TCP. */
  port?: number
}

export interface DnsQuery {
  name: string
  type: string
  transport: 'udp' | 'tcp'
}

export interface DnsStandIn {
  port: number
  /** '127.0.0.1:PORT', as dnsResolver and the dns-servers input take it. */
  address: string
  /** Every question asked, in order; garbage is not a question and is not counted. */
  queries: DnsQuery[]
  close(): Promise<void>
}

const HOST = '127.0.0.1'
/** The largest answer a plain DNS datagram carries (RFC 1035 4.2.1); more is sent truncated, and asked again over TCP. */
const UDP_LIMIT = 512
const TTL = 300
/** RFC 1035 4.1.1 response codes, which dns-packet takes in the low bits of `flags`. */
const NXDOMAIN = 3
const SERVFAIL = 2
/** Tries at a port free for both transports, when the system chooses it for UDP and TCP finds it taken. */
const PORT_TRIES = 10

export async function startDnsStandIn(options: DnsStandInOptions): Promise<DnsStandIn> {
  const zones = new Map(Object.entries(options.zones).map(([name, zone]) => [canonical(name), zone]))
  const queries: DnsQuery[] = []
  const answer = (message: Buffer, transport: DnsQuery['transport']) => answerQuery(zones, queries, message, transport)
  for (let attempt = 1; ; attempt++) {
    const udp = await bindUdp(options.port ?? 0)
    const port = udp.address().port
    try {
      const tcp = await listenTcp(port)
      return serve(udp, tcp, port, queries, answer)
    } catch (error) {
      udp.close()
      const taken = (error as NodeJS.ErrnoException).code === 'EADDRINUSE'
      if (!taken || options.port || attempt >= PORT_TRIES) throw error
    }
  }
}

function serve(
  udp: UdpSocket,
  tcp: Server,
  port: number,
  queries: DnsQuery[],
  answer: (message: Buffer, transport: DnsQuery['transport']) => Buffer | undefined
): DnsStandIn {
  udp.on('message', (message, peer) => {
    const reply = answer(message, 'udp')
    if (reply) udp.send(reply, peer.port, peer.address)
  })
  const connections = new Set<Socket>()
  tcp.on('connection', (socket) => {
    connections.add(socket)
    socket.on('close', () => connections.delete(socket))
    // A client that resets its connection is no failure of the stand-in.
    socket.on('error', () => socket.destroy())
    let pending = Buffer.alloc(0)
    socket.on('data', (chunk) => {
      pending = Buffer.concat([pending, chunk])
      // Each message is prefixed with its length (RFC 1035 4.2.2); a client may send several on one connection.
      while (pending.length >= 2 && pending.length >= 2 + pending.readUInt16BE(0)) {
        const message = pending.subarray(2, 2 + pending.readUInt16BE(0))
        pending = pending.subarray(2 + message.length)
        const reply = answer(message, 'tcp')
        if (reply) socket.write(reply)
      }
    })
  })
  return {
    port,
    address: `${HOST}:${port}`,
    queries,
    close: async () => {
      for (const socket of connections) socket.destroy()
      await Promise.all([new Promise<void>((resolve) => udp.close(() => resolve())), new Promise((resolve) => tcp.close(resolve))])
    }
  }
}

async function bindUdp(port: number): Promise<UdpSocket> {
  const udp = createSocket('udp4')
  // A datagram the stand-in cannot send back (the client gone) is no reason to stop serving.
  udp.on('error', () => {})
  udp.bind(port, HOST)
  await once(udp, 'listening')
  return udp
}

async function listenTcp(port: number): Promise<Server> {
  const tcp = createServer()
  tcp.listen(port, HOST)
  await once(tcp, 'listening')
  return tcp
}

/** The reply to one message, framed for its transport; undefined for garbage and for a silent zone. */
function answerQuery(
  zones: Map<string, DnsZone>,
  queries: DnsQuery[],
  message: Buffer,
  transport: DnsQuery['transport']
): Buffer | undefined {
  try {
    return reply(zones, queries, dnsPacket.decode(message), transport)
  } catch {
    // Garbage, or a question dns-packet cannot write back: a real server would drop it too.
    return undefined
  }
}

function reply(
  zones: Map<string, DnsZone>,
  queries: DnsQuery[],
  query: dnsPacket.DecodedPacket,
  transport: DnsQuery['transport']
): Buffer | undefined {
  const question = query.questions?.[0]
  if (query.type !== 'query' || question === undefined) return undefined
  queries.push({ name: question.name, type: question.type, transport })
  const zone = zones.get(canonical(question.name))
  if (zone?.silent) return undefined

  const flags = (query.flag_rd ? dnsPacket.RECURSION_DESIRED : 0) | dnsPacket.RECURSION_AVAILABLE | dnsPacket.AUTHORITATIVE_ANSWER
  const response: dnsPacket.Packet = { type: 'response', id: query.id, flags, questions: [question], answers: [] }
  if (zone === undefined) response.flags = flags | NXDOMAIN
  else if (zone.servfail) response.flags = flags | SERVFAIL
  else response.answers = records(question, zone)

  if (transport === 'tcp') return dnsPacket.streamEncode(response)
  if (dnsPacket.encodingLength(response) <= UDP_LIMIT) return dnsPacket.encode(response)
  return dnsPacket.encode({ ...response, flags: flags | dnsPacket.TRUNCATED_RESPONSE, answers: [] })
}

/** The zone's records of the type asked; none (NODATA) for a type it has none of. */
function records(question: dnsPacket.Question, zone: DnsZone): dnsPacket.Answer[] {
  const name = question.name
  if (question.type === 'MX') {
    return (zone.mx ?? []).map(({ exchange, priority }) => ({ type: 'MX', name, ttl: TTL, data: { exchange, preference: priority } }))
  }
  if (question.type === 'A') return (zone.a ?? []).map((address) => ({ type: 'A', name, ttl: TTL, data: address }))
  return []
}

/** Names compare without case and without the root's trailing dot. */
function canonical(name: string): string {
  return name.toLowerCase().replace(/\.$/, '')
}
