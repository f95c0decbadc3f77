/**
 * Reading a whole window of delivered mail through a search that answers at most 1,000 messages
 * and has no paging: the window is cut into slices of time, and a slice whose answer comes back
 * full is cut again, until every slice read holds fewer than the limit. What is kept per domain
 * is a count and a few messages to read later, so memory follows the domains, not the mail.
 *
 * When the slices would cost more searches than the budget allows, an evenly spaced share of
 * them is read instead and each stands for those left out: the counts are then estimates, and
 * the reading says so.
 */
import { mapConcurrently } from '../../core/pool.js'
import type { DeliveredSearch, MessageRef, Slice } from '../../sendgrid/email-logs.js'

/** Messages a slice should hold when cut: well under the limit, so that few slices need cutting again. */
const MESSAGES_PER_SLICE = 600
/**
 * A full slice is cut into at least this many parts, and at most this many. Four, not two: when
 * the answer's order tells nothing of the mail's density, a halving tree spends as many searches
 * on full answers, which count for nothing, as on the slices that count.
 */
const MIN_PARTS = 4
const MAX_PARTS = 256
const SECOND_MS = 1000
/** Messages kept per domain, to read its deliveries from: the newest seen first. */
export const MESSAGES_KEPT = 3
/** Searches of one target at once: the run's rate limiter paces them with everything else. */
const CONCURRENT_SEARCHES = 4
/** Recipient domains kept per target: past it, mail to new domains is counted in the window and judged nowhere, so memory stays bounded. */
export const MAX_DOMAINS = 50_000

/** One recipient domain's mail in the window. */
export interface DomainMail {
  /** Delivered messages: counted, or estimated when the window was sampled. */
  messages: number
  /** A few of its messages, whose deliveries can be read. */
  refs: MessageRef[]
}

export interface WindowReading {
  domains: Map<string, DomainMail>
  /** Delivered messages in the window: counted when `estimated` is false, else an estimate. */
  messagesInWindow: number
  /** Delivered messages the searches returned and were counted. */
  messagesRead: number
  /** Messages whose recipient or id could not be used: counted in the window, judged nowhere. */
  unreadable: number
  estimated: boolean
  searches: number
  /** Whether more recipient domains were seen than `MAX_DOMAINS`: the domain count is then a floor. */
  domainsCapped: boolean
}

/** One search of a slice, at most `MAX_SEARCH_LIMIT` messages (the API's limit). */
export type SearchSlice = (slice: Slice) => Promise<DeliveredSearch>

/** A slice still to read, and how many slices of the window it stands for (1 unless sampled). */
interface Pending {
  slice: Slice
  weight: number
}

/**
 * Reads `window` with at most `maxSearches` searches. Levels are read one after another: every
 * slice of a level is searched, the full ones cut, and the parts make the next level. Before a
 * level that would not fit in what is left of the budget, it is thinned to an evenly spaced share.
 */
export async function readWindow(window: Slice, search: SearchSlice, maxSearches: number): Promise<WindowReading> {
  const reading: WindowReading = {
    domains: new Map(),
    messagesInWindow: 0,
    messagesRead: 0,
    unreadable: 0,
    estimated: false,
    searches: 0,
    domainsCapped: false
  }
  let level: Pending[] = [{ slice: window, weight: 1 }]
  let tally = 0
  while (level.length > 0) {
    // At least one search is left: a level is made only while the budget has room for it.
    const left = maxSearches - reading.searches
    if (level.length > left) {
      level = thin(level, Math.max(1, Math.floor(left / 2)))
      reading.estimated = true
    }
    const answers = await mapConcurrently(level, CONCURRENT_SEARCHES, async (pending) => ({ pending, answer: await search(pending.slice) }))
    reading.searches += answers.length
    const next: Pending[] = []
    for (const { pending, answer } of answers) {
      const parts = answer.full ? cut(pending.slice, answer) : []
      if (parts.length > 0 && reading.searches < maxSearches) {
        next.push(...parts.map((slice) => ({ slice, weight: pending.weight })))
        continue
      }
      // A full slice one second wide cannot be cut (the query's grain), nor one the budget has
      // no room to cut: its messages count, scaled by how much of the slice they span (the
      // density a search answering newest first shows), and the figures are estimates there.
      if (answer.full) reading.estimated = true
      tally += count(reading, pending.slice, answer, pending.weight * (answer.full ? unseenShare(pending.slice, answer) : 1))
    }
    level = next
  }
  reading.messagesInWindow = Math.round(tally)
  return reading
}

/**
 * Adds one answer's messages to the reading, each standing for `weight` messages; returns how
 * many it stands for. A message stamped outside the slice asked for is not the slice's: counting
 * it would count it again in the slice it belongs to, so it is left out.
 */
function count(reading: WindowReading, slice: Slice, answer: DeliveredSearch, weight: number): number {
  let counted = 0
  for (const { domain, ref, createdMs } of answer.messages) {
    if (createdMs !== undefined && !within(slice, createdMs)) continue
    counted += 1
    const mail = reading.domains.get(domain)
    if (mail !== undefined) {
      mail.messages += weight
      if (mail.refs.length < MESSAGES_KEPT) mail.refs.push(ref)
    } else if (reading.domains.size < MAX_DOMAINS) reading.domains.set(domain, { messages: weight, refs: [ref] })
    else reading.domainsCapped = true
  }
  reading.messagesRead += counted
  reading.unreadable += answer.unreadable
  return (counted + answer.unreadable) * weight
}

function within(slice: Slice, ms: number): boolean {
  return ms > slice.afterMs && ms <= slice.untilMs
}

/**
 * The time an answer's messages span inside its slice, a second at least; the whole slice when
 * the answer does not say (a server's timestamps outside the slice asked for are not believed).
 */
function spanned(slice: Slice, answer: DeliveredSearch): number {
  const times = answer.messages.map((m) => m.createdMs).filter((ms): ms is number => ms !== undefined && within(slice, ms))
  return times.length > 1 ? Math.max(SECOND_MS, Math.max(...times) - Math.min(...times)) : slice.untilMs - slice.afterMs
}

/**
 * How many messages of a full slice each one returned stands for: the slice's span over the
 * answer's, from one to as many parts as a cut would make.
 */
function unseenShare(slice: Slice, answer: DeliveredSearch): number {
  return Math.min(MAX_PARTS, Math.max(1, (slice.untilMs - slice.afterMs) / spanned(slice, answer)))
}

/**
 * The parts a full slice is cut into, as many as its answer suggests: when the answer's messages
 * span only part of the slice (a search that answers newest first), the mail is that much denser,
 * and the slice is cut finer. An answer in any other order spans the whole slice and the slice
 * is cut in four, which costs a level more but never misses anything. Parts are whole seconds.
 */
export function cut(slice: Slice, answer: DeliveredSearch): Slice[] {
  const seconds = Math.round((slice.untilMs - slice.afterMs) / SECOND_MS)
  if (seconds < 2) return []
  const density = answer.messages.length / spanned(slice, answer)
  const wanted = Math.ceil((density * (slice.untilMs - slice.afterMs)) / MESSAGES_PER_SLICE)
  const parts = Math.min(seconds, MAX_PARTS, Math.max(MIN_PARTS, wanted))
  const bounds = Array.from({ length: parts + 1 }, (_, i) => slice.afterMs + Math.round((i * seconds) / parts) * SECOND_MS)
  return bounds.slice(1).map((untilMs, i) => ({ afterMs: bounds[i] as number, untilMs }))
}

/**
 * An evenly spaced share of a level, in time order, each kept slice standing for the ones beside
 * it: a systematic sample, so busy hours and quiet ones are both read.
 */
function thin(level: readonly Pending[], keep: number): Pending[] {
  const ordered = [...level].sort((a, b) => a.slice.afterMs - b.slice.afterMs)
  const step = ordered.length / keep
  return Array.from({ length: keep }, (_, i) => {
    const pending = ordered[Math.floor(i * step + step / 2)] as Pending
    return { slice: pending.slice, weight: pending.weight * step }
  })
}

/** The window of the last `days` days, in whole seconds, ending at `nowMs`. */
export function windowOf(nowMs: number, days: number): Slice {
  const untilMs = Math.ceil(nowMs / SECOND_MS) * SECOND_MS
  return { afterMs: untilMs - days * 24 * 60 * 60 * SECOND_MS, untilMs }
}
