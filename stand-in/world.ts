/**
 * A week of a real sender's mail, made up: messages over a long tail of recipient domains, most
 * of them served by a few large providers and a few hundred hosting companies, some by their own
 * server. The domains without TLS sit where a sample of the biggest domains never looks: behind
 * two hosters that do not offer it, one hoster whose servers differ, and self-hosted relays.
 * Deterministic for a seed. Not product code: the tests, the bench and `npm start` use it.
 */
import type { SeededDelivery, SeededMessage } from './mail.js'

export interface WorldOptions {
  messages: number
  domains: number
  /** Domains whose mail server does not speak TLS, at least; the hosters' own domains may add a few. */
  noTlsDomains: number
  days?: number
  seed?: number
}

export interface World {
  mail: SeededMessage[]
  /** Each domain's MX hosts, preferred first; a domain absent has none and is served at its own address. */
  mx: Record<string, string[]>
  /** How each domain's server delivers. */
  delivery: Record<string, SeededDelivery>
}

const LARGE_PROVIDERS = ['mx.bigmail.example', 'mail.protection.outlookish.example', 'mx.yahooish.example']
const HOSTERS = 300

/** A small, fast, seeded generator (mulberry32): the same world for the same seed. */
function random(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export function syntheticWorld(options: WorldOptions): World {
  const next = random(options.seed ?? 1)
  const days = options.days ?? 7
  const names = Array.from({ length: options.domains }, (_, i) => `d${String(i).padStart(5, '0')}.example`)
  const mx: Record<string, string[]> = {}
  const delivery: Record<string, SeededDelivery> = {}
  // Hosters 0 and 1 offer no TLS; hoster 2 runs two servers, one of them without it.
  const hosterOf = (i: number) => `mx1.hoster${i}.example`
  names.forEach((domain, rank) => {
    const draw = next()
    if (rank < 20 || draw < 0.35) {
      mx[domain] = [LARGE_PROVIDERS[rank % LARGE_PROVIDERS.length] as string]
      delivery[domain] = 'tls'
    } else if (draw < 0.9) {
      const hoster = Math.floor(next() * HOSTERS)
      const split = hoster === 2 && next() < 0.5
      mx[domain] = [split ? 'mx2.hoster2.example' : hosterOf(hoster)]
      delivery[domain] = hoster < 2 || split ? 'no-tls' : 'tls'
    } else {
      mx[domain] = [`mail.${domain}`]
      delivery[domain] = 'tls'
    }
  })
  // Self-hosted relays without TLS, in the long tail, until there are enough domains without it.
  const tail = names.slice(Math.floor(names.length / 4)).filter((d) => mx[d]?.[0] === `mail.${d}`)
  let without = Object.values(delivery).filter((d) => d === 'no-tls').length
  for (const domain of tail) {
    if (without >= options.noTlsDomains) break
    delivery[domain] = 'no-tls'
    without += 1
  }
  // Volumes fall with rank (Zipf's law, as mail to domains does), so the tail gets a message or two.
  const weights = names.map((_, rank) => 1 / (rank + 1) ** 1.1)
  const total = weights.reduce((a, b) => a + b, 0)
  const cumulative: number[] = []
  weights.reduce((sum, w, i) => (cumulative[i] = sum + w / total), 0)
  const pick = (): string => {
    const r = next()
    let [low, high] = [0, names.length - 1]
    while (low < high) {
      const middle = (low + high) >> 1
      if ((cumulative[middle] as number) < r) low = middle + 1
      else high = middle
    }
    return names[low] as string
  }
  const mail: SeededMessage[] = []
  // Every domain is mailed at least once, then the rest by volume.
  for (let i = 0; i < options.messages; i++) {
    const domain = i < names.length ? (names[i] as string) : pick()
    mail.push({
      id: `w${i}.filter0001`,
      to: `person${i}@${domain}`,
      delivery: delivery[domain] ?? 'tls',
      ageHours: sendingHour(next, days)
    })
  }
  return { mail, mx, delivery }
}

/** A sending time in the window, busier by day than by night, as real mail is. */
function sendingHour(next: () => number, days: number): number {
  for (;;) {
    const hours = next() * days * 24
    if (next() < 0.6 + 0.4 * Math.sin((hours / 24) * 2 * Math.PI)) return hours
  }
}
