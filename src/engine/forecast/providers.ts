/**
 * Judging recipients by who receives their mail. TLS is negotiated with a domain's mail server,
 * and most domains share theirs with many others, so domains are grouped by mail provider (the
 * registrable domain of the preferred MX host) and each group is judged by a delivery or two:
 * one to its biggest domain, and one to another of its domains when it holds several. When
 * the two disagree, the provider runs servers that differ, and the group is split by MX host.
 * A domain whose DNS failed is a group of its own, judged by its own deliveries.
 */
import { mapConcurrently } from '../../core/pool.js'
import type { MessageRef } from '../../sendgrid/email-logs.js'
import { judge, type DeliveryFacts, type Risk } from './forecast.js'
import type { MailServer } from './mail-servers.js'
import type { DomainMail } from './window.js'

/** Messages of one domain read at most, looking for a delivery: an open without a delivered event says nothing. */
const READS_PER_DOMAIN = 2
/** Groups judged at once for one target: the run's rate limiter paces the reads with everything else. */
const CONCURRENT_GROUPS = 4

/** Domains that share a mail provider, biggest first. */
export interface ProviderGroup {
  provider: string
  domains: string[]
  messages: number
}

export interface Verdict {
  risk: Risk | 'safe'
  /** The provider, or the MX host after a split, whose deliveries gave the verdict. */
  provider: string
}

export interface Judgement {
  /** Every domain given a verdict. */
  verdicts: Map<string, Verdict>
  /** Domains whose messages were read and held no delivery: not known to be safe. */
  unknown: string[]
  reads: number
}

/** How one message's delivery went; undefined when no delivery is recorded (or the message is gone). */
export type ReadDelivery = (ref: MessageRef) => Promise<DeliveryFacts | undefined>

/** Groups the mailed domains by provider, the busiest first; a domain not looked up stands alone. */
export function groupByProvider(domains: ReadonlyMap<string, DomainMail>, servers: ReadonlyMap<string, MailServer>): ProviderGroup[] {
  const groups = new Map<string, ProviderGroup>()
  for (const [domain, mail] of byVolume(domains)) {
    const provider = servers.get(domain)?.provider ?? domain
    const group = groups.get(provider) ?? { provider, domains: [], messages: 0 }
    group.domains.push(domain)
    group.messages += mail.messages
    groups.set(provider, group)
  }
  return [...groups.values()].sort((a, b) => b.messages - a.messages || a.provider.localeCompare(b.provider))
}

/** The domains, most mailed first (then by name, so that runs agree). */
export function byVolume(domains: ReadonlyMap<string, DomainMail>): [string, DomainMail][] {
  return [...domains].sort(([a, x], [b, y]) => y.messages - x.messages || a.localeCompare(b))
}

/**
 * Judges the groups, busiest first, with at most `maxReads` reads: groups the budget does not
 * reach are left without a verdict, and the forecast says how much mail that leaves unjudged.
 */
export async function judgeProviders(
  groups: readonly ProviderGroup[],
  domains: ReadonlyMap<string, DomainMail>,
  servers: ReadonlyMap<string, MailServer>,
  read: ReadDelivery,
  maxReads: number
): Promise<Judgement> {
  const judgement: Judgement = { verdicts: new Map(), unknown: [], reads: 0 }
  // Taken before each read, in the single thread, so groups judged at once never overspend it.
  const take = (): boolean => {
    if (judgement.reads >= maxReads) return false
    judgement.reads += 1
    return true
  }

  /** A domain's deliveries, read from its kept messages until one holds a delivery. */
  const deliveriesOf = async (domain: string): Promise<DeliveryFacts[] | undefined> => {
    for (const ref of (domains.get(domain)?.refs ?? []).slice(0, READS_PER_DOMAIN)) {
      if (!take()) return undefined
      const delivery = await read(ref)
      if (delivery) return [delivery]
    }
    judgement.unknown.push(domain)
    return []
  }

  const settle = (members: readonly string[], deliveries: readonly DeliveryFacts[], provider: string): void => {
    const risk = judge(deliveries)
    if (risk === 'unknown') return
    for (const domain of members) judgement.verdicts.set(domain, { risk, provider })
  }

  await mapConcurrently(groups, CONCURRENT_GROUPS, async (group) => {
    const [first, second] = group.domains
    if (first === undefined) return
    const firstSeen = (await deliveriesOf(first)) ?? []
    const secondSeen = second === undefined ? [] : ((await deliveriesOf(second)) ?? [])
    const [a, b] = [judge(firstSeen), judge(secondSeen)]
    if (a === 'unknown' || b === 'unknown' || a === b) return settle(group.domains, [...firstSeen, ...secondSeen], group.provider)
    // The provider's servers differ: each MX host is judged apart, by what was read of it or one read more.
    for (const [host, members] of byHost(group.domains, servers)) {
      const seen = [...(members.includes(first) ? firstSeen : []), ...(second !== undefined && members.includes(second) ? secondSeen : [])]
      const leader = members[0] as string
      settle(members, seen.length > 0 ? seen : ((await deliveriesOf(leader)) ?? []), host)
    }
  })
  // A domain with no delivery of its own may still have its provider's verdict: then it is judged, not unknown.
  judgement.unknown = judgement.unknown.filter((domain) => !judgement.verdicts.has(domain))
  return judgement
}

/** A group's domains by preferred MX host, in the group's order. */
function byHost(members: readonly string[], servers: ReadonlyMap<string, MailServer>): Map<string, string[]> {
  const hosts = new Map<string, string[]>()
  for (const domain of members) {
    const host = servers.get(domain)?.host ?? domain
    hosts.set(host, [...(hosts.get(host) ?? []), domain])
  }
  return hosts
}
