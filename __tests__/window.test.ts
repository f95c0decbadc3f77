/**
 * Reading a window through a search of at most 1,000 messages with no paging: every message
 * counted once when the budget allows, whatever order the search answers in; an even share,
 * scaled, and said to be an estimate, when it does not.
 */
import { describe, expect, it } from '@jest/globals'
import { cut, readWindow, windowOf, type SearchSlice } from '../src/engine/forecast/window.js'
import { MessageRef, type DeliveredSearch, type Slice } from '../src/sendgrid/email-logs.js'

const HOUR_MS = 60 * 60 * 1000
const NOW = Date.UTC(2026, 11, 4, 12, 0, 0)
const WEEK = windowOf(NOW, 7)

/** Messages sent at the given times (ms), to `d<i % domains>.example`. */
function mailAt(times: readonly number[], domains = 50) {
  return times.map((ms, i) => ({ ms: Math.floor(ms / 1000) * 1000, domain: `d${i % domains}.example`, id: `m${i}` }))
}

/** A search over `mail` as SendGrid's is described: `(after, until]`, at most 1,000, in the order `order` gives. */
function searchOf(mail: ReturnType<typeof mailAt>, order: 'newest' | 'shuffled' = 'newest') {
  const slices: Slice[] = []
  const search: SearchSlice = (slice) => {
    slices.push(slice)
    let inSlice = mail.filter((m) => m.ms > slice.afterMs && m.ms <= slice.untilMs)
    inSlice = order === 'newest' ? inSlice.sort((a, b) => b.ms - a.ms) : shuffle(inSlice)
    const answer = inSlice.slice(0, 1000)
    return Promise.resolve<DeliveredSearch>({
      messages: answer.map((m) => ({ domain: m.domain, ref: MessageRef.of(m.id) as MessageRef, createdMs: m.ms })),
      unreadable: 0,
      full: answer.length >= 1000
    })
  }
  return { search, slices }
}

function shuffle<T>(items: T[]): T[] {
  let seed = 7
  const next = () => (seed = (seed * 16807) % 2147483647) / 2147483647
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1))
    ;[items[i], items[j]] = [items[j] as T, items[i] as T]
  }
  return items
}

/** `n` messages spread over the week, with a burst of `burst` in one hour. */
function week(n: number, burst = 0) {
  const spread = Array.from({ length: n }, (_, i) => WEEK.afterMs + 1000 + ((i * 7919) % (7 * 24 * 3600)) * 1000)
  const busy = Array.from({ length: burst }, (_, i) => NOW - 3 * HOUR_MS + (i % 3600) * 1000)
  return mailAt([...spread, ...busy])
}

describe('a window the budget covers', () => {
  it.each([0, 1, 999, 1000, 1001, 25_000])('counts %s messages exactly, each once', async (n) => {
    const mail = week(n)
    const { search } = searchOf(mail)
    const reading = await readWindow(WEEK, search, 1000)
    expect(reading).toMatchObject({ messagesInWindow: n, messagesRead: n, estimated: false })
    const counted = [...reading.domains.values()].reduce((sum, d) => sum + d.messages, 0)
    expect(counted).toBe(n)
  })

  it('counts a burst of 20,000 messages in one hour beside a quiet week, whatever order the search answers in', async () => {
    for (const order of ['newest', 'shuffled'] as const) {
      const mail = week(5_000, 20_000)
      const reading = await readWindow(WEEK, searchOf(mail, order).search, 1000)
      expect([order, reading.messagesInWindow, reading.estimated]).toEqual([order, 25_000, false])
    }
  })

  it('costs about one search per 1,000 messages, plus the cuts, when the search answers newest first', async () => {
    const reading = await readWindow(WEEK, searchOf(week(60_000)).search, 1000)
    expect(reading.searches).toBeLessThanOrEqual(2 * 60 + 1)
  })

  it('never reads a slice that is not whole seconds, and the slices read tile the window', async () => {
    const { search, slices } = searchOf(week(12_000))
    await readWindow(WEEK, search, 1000)
    for (const slice of slices) {
      expect(slice.afterMs % 1000).toBe(0)
      expect(slice.untilMs % 1000).toBe(0)
      expect(slice.untilMs).toBeGreaterThan(slice.afterMs)
    }
  })

  it('keeps at most three messages per domain to read later, however much mail went there', async () => {
    const reading = await readWindow(WEEK, searchOf(week(10_000)).search, 1000)
    expect(Math.max(...[...reading.domains.values()].map((d) => d.refs.length))).toBe(3)
  })
})

describe('a window larger than the budget', () => {
  it('reads an even share of its slices, scales the counts, and says they are estimates', async () => {
    const mail = week(200_000)
    const reading = await readWindow(WEEK, searchOf(mail).search, 60)
    expect(reading.searches).toBeLessThanOrEqual(60)
    expect(reading.estimated).toBe(true)
    expect(reading.messagesRead).toBeLessThan(200_000)
    expect(Math.abs(reading.messagesInWindow - 200_000) / 200_000).toBeLessThan(0.15)
  })
})

describe('cutting a full slice', () => {
  const full = (times: number[]): DeliveredSearch => ({
    messages: times.map((ms, i) => ({ domain: 'a.example', ref: MessageRef.of(`m${i}`) as MessageRef, createdMs: ms })),
    unreadable: 0,
    full: true
  })

  it('cuts finer when the answer spans only part of the slice: the mail is that much denser', () => {
    const slice = { afterMs: 0, untilMs: 100_000_000 }
    // 1,000 messages in the last 100 seconds of a 100,000-second slice.
    const parts = cut(slice, full(Array.from({ length: 1000 }, (_, i) => 100_000_000 - i * 100)))
    expect(parts.length).toBe(256)
    expect(parts[0]?.afterMs).toBe(0)
    expect(parts.at(-1)?.untilMs).toBe(100_000_000)
    parts.slice(1).forEach((part, i) => expect(part.afterMs).toBe(parts[i]?.untilMs))
  })

  it('cuts in four when the answer spans the slice, and not at all when it is one second wide', () => {
    const slice = { afterMs: 0, untilMs: 100_000 }
    expect(cut(slice, full(Array.from({ length: 1000 }, (_, i) => i * 100)))).toEqual([
      { afterMs: 0, untilMs: 25_000 },
      { afterMs: 25_000, untilMs: 50_000 },
      { afterMs: 50_000, untilMs: 75_000 },
      { afterMs: 75_000, untilMs: 100_000 }
    ])
    expect(cut({ afterMs: 0, untilMs: 1000 }, full([1000]))).toEqual([])
  })
})

function lcg(seed: number) {
  return () => (seed = (seed * 16807) % 2147483647) / 2147483647
}

/** `perSecond` messages every second of the week; a full answer holds 1,000 of them in random order (the order is not documented). */
function denseShuffled(perSecond: number): SearchSlice {
  const rnd = lcg(7)
  return (slice: Slice) => {
    const seconds = (slice.untilMs - slice.afterMs) / 1000
    const total = seconds * perSecond
    const n = Math.min(1000, total)
    const messages = Array.from({ length: n }, (_, i) => {
      const at = slice.untilMs - Math.floor(rnd() * seconds) * 1000
      return { domain: `d${Math.floor(1 / (rnd() + 1e-5))}.example`, ref: MessageRef.of(`id-${at}-${i}`) as MessageRef, createdMs: at }
    })
    return Promise.resolve<DeliveredSearch>({ messages, unreadable: 0, full: total >= 1000 })
  }
}

describe('a busy sender whose searches answer in random order', () => {
  it('estimates the window within a tenth from the share of its finest slices it can read', async () => {
    // 50 messages a second (30 M a week), the default budget's share for searches (1,000): a
    // random order says nothing of density, so most searches go to slices cut again; the share
    // read at the finest level still estimates the whole within a few percent.
    const reading = await readWindow(WEEK, denseShuffled(50), 1000)
    const week = 50 * 7 * 24 * 3600
    expect(reading.searches).toBeLessThanOrEqual(1000)
    expect(reading.estimated).toBe(true)
    expect(Math.abs(reading.messagesInWindow - week) / week).toBeLessThan(0.1)
  })
})

describe('a search that answers messages outside the slice it was asked for', () => {
  /** The week's 1,500 messages, one every 400 s; each answer also carries the same 10 messages stamped year 9999. */
  const mail = Array.from({ length: 1500 }, (_, i) => ({ ms: WEEK.afterMs + (i + 1) * 400_000, id: `m${i}`, domain: `d${i % 40}.example` }))
  const leaked = Array.from({ length: 10 }, (_, i) => ({ ms: Date.UTC(9999, 0, 1), id: `leak${i}`, domain: 'leak.example' }))
  const search: SearchSlice = (slice) => {
    const inSlice = mail.filter((m) => m.ms > slice.afterMs && m.ms <= slice.untilMs).sort((a, b) => b.ms - a.ms)
    const answer = [...leaked, ...inSlice].slice(0, 1000)
    return Promise.resolve({
      messages: answer.map((m) => ({ domain: m.domain, ref: MessageRef.of(m.id) as MessageRef, createdMs: m.ms })),
      unreadable: 0,
      full: answer.length >= 1000
    })
  }

  it('does not count a message stamped outside the slice, nor the same message once per slice, as exact figures', async () => {
    const reading = await readWindow(WEEK, search, 1000)
    const leakCount = reading.domains.get('leak.example')?.messages ?? 0
    expect({ messagesInWindow: reading.messagesInWindow, leakCount, estimated: reading.estimated }).toEqual({
      messagesInWindow: 1500,
      leakCount: 0,
      estimated: false
    })
  })
})
