/**
 * The run's time (run-context.ts, core/deadline.ts): each step of a target's work has its own, from when that step starts; waiting for
 * the rate limit is never spent from it; no request goes out without its whole timeout; a write
 * that landed is reported as landed. The runs are the real action in process, against a stand-in
 * whose rate-limit windows follow the run's clock, so a fleet's hours of waiting pass at once.
 */
import { afterEach, describe, expect, it } from '@jest/globals'
import { ACTION_VOCABULARY } from '../src/action/inputs.js'
import { run } from '../src/action/main.js'
import { Deadline } from '../src/core/deadline.js'
import { clientAdvice } from '../src/engine/refusal-advice.js'
import { silentLog } from '../src/core/log.js'
import { PARENT } from '../src/core/target.js'
import type { ReportEntry } from '../src/report/entries.js'
import { SendGridClient } from '../src/sendgrid/client.js'
import { DEFAULT_STAND_IN_KEY, startStandIn, type StandIn, type StandInOptions } from '../stand-in/server.js'
import { OPEN, STRICT, subusers } from './fixtures/fleets.js'
import { FAST_RETRY, fakeClock, type FakeClock } from './helpers/clock.js'
import { runStep } from './helpers/workflow-step.js'

let standIn: StandIn | undefined
afterEach(() => standIn?.close())

const POLICY = { 'require-tls': 'true', 'min-version': '1.2' }

/** The action against a stand-in on the same clock: a request timeout of 1 s gives each step 65 s. */
async function step(clock: FakeClock, options: StandInOptions, inputs: Record<string, string>) {
  standIn = await startStandIn({ now: clock.now, ...options })
  const server = standIn
  const result = await runStep(() => run({ clock, retry: FAST_RETRY, confirmWaitsMs: [1, 1, 1, 1] }), {
    'api-key': DEFAULT_STAND_IN_KEY,
    'api-url': server.url,
    'request-timeout': '1',
    ...inputs
  })
  const report = JSON.parse(result.outputs['report'] ?? '[]') as ReportEntry[]
  return { ...result, report, server }
}

describe('a fleet behind a tight rate limit', () => {
  it('verifies hundreds of subusers at a few requests a second without a failure, however long it waits', async () => {
    const clock = fakeClock()
    const started = clock.now()
    const { exitCode, report, server } = await step(
      clock,
      { subusers: subusers(300, STRICT), rateLimit: { limit: 2, windowMs: 1000 } },
      { ...POLICY, subuser: '*', concurrency: '8' }
    )
    expect(report.filter((entry) => !entry.compliant || entry.error).map((entry) => entry.target)).toEqual([])
    expect(report).toHaveLength(300)
    expect(exitCode).toBe(0)
    // 301 requests at 2 a second: the run waited more than twice a target's 65 s, and no wait was a failure.
    expect(clock.now() - started).toBeGreaterThan(2 * 65_000)
    expect(server.rateLimited()).toBeLessThanOrEqual(2)
  })

  it('applies to every drifting subuser, each write reported as landed, with the forecast read in turn', async () => {
    const clock = fakeClock()
    const { exitCode, report, server } = await step(
      clock,
      { subusers: subusers(120, OPEN), rateLimit: { limit: 3, windowMs: 1000 } },
      { ...POLICY, subuser: '*', mode: 'apply', concurrency: '8' }
    )
    expect(report.filter((entry) => !entry.changed || !entry.compliant || entry.error).map((entry) => entry.target)).toEqual([])
    expect(report).toHaveLength(120)
    expect(exitCode).toBe(0)
    for (const name of Object.keys(subusers(120, OPEN))) expect(server.setting(name)).toMatchObject(STRICT)
    expect(server.requests.filter((request) => request.path === '/v3/logs').length).toBeGreaterThanOrEqual(120)
  })

  it('waits its turns behind a limiter that answers 429 with only Retry-After, failing nothing', async () => {
    const clock = fakeClock()
    const { exitCode, report, server } = await step(
      clock,
      { subusers: subusers(150, STRICT), rateLimit: { limit: 3, windowMs: 1000 }, bareRateLimit: true },
      { ...POLICY, subuser: '*', concurrency: '16' }
    )
    expect(report.filter((entry) => !entry.compliant || entry.error).map((entry) => entry.target)).toEqual([])
    expect(report).toHaveLength(150)
    expect(exitCode).toBe(0)
    // It met the limit, and waited instead of failing.
    expect(server.rateLimited()).toBeGreaterThan(0)
  })
})

describe('a write whose confirmation failed', () => {
  it('is reported as landed when the read after the failure shows it', async () => {
    const clock = fakeClock()
    standIn = await startStandIn({ now: clock.now, parent: OPEN })
    // The confirming read meets a 500 at every attempt; the read after that answers.
    standIn.inject({ kind: 'status', status: 500 }, 4, 'GET', 1)
    const server = standIn
    const result = await runStep(() => run({ clock, retry: FAST_RETRY, confirmWaitsMs: [] }), {
      'api-key': DEFAULT_STAND_IN_KEY,
      'api-url': server.url,
      mode: 'apply',
      forecast: 'off',
      ...POLICY
    })
    expect(server.requests.map((r) => r.method)).toEqual(['GET', 'PATCH', 'GET', 'GET', 'GET', 'GET', 'GET'])
    expect(result.outputs).toMatchObject({ compliant: 'true', changed: 'true' })
    expect(result.exitCode).toBe(0)
    expect(result.stdout).toContain('The write landed, as a later read shows')
  })
})

describe('a request', () => {
  it('is not sent when less than its whole timeout is left of its budget', async () => {
    standIn = await startStandIn()
    const clock = fakeClock()
    const client = new SendGridClient({
      baseUrl: standIn.url,
      apiKey: DEFAULT_STAND_IN_KEY,
      userAgent: 'budget-test',
      timeoutMs: 30_000,
      clock,
      retry: FAST_RETRY,
      advice: clientAdvice(ACTION_VOCABULARY)
    })
    try {
      const deadline = new Deadline(10_000, clock.now)
      const sent = client.request('GET', '/v3/user/settings/enforced_tls', { target: PARENT, scope: 'x', deadline, log: silentLog })
      await expect(sent).rejects.toThrow(/not sent: the time allowed for this target is spent/)
      expect(standIn.requests).toEqual([])
    } finally {
      client.close()
    }
  })
})

describe('Deadline', () => {
  it('fits work only while all of it fits in the time left', () => {
    let now = 0
    const deadline = new Deadline(10_000, () => now)
    expect(deadline.fits(9_000)).toBe(true)
    now = 2_000
    expect(deadline.remainingMs()).toBe(8_000)
    expect(deadline.fits(8_000)).toBe(true)
    expect(deadline.fits(8_001)).toBe(false)
  })

  it('is not spent by a wait run outside it, however long: a rate-limit pause is a turn in a queue', async () => {
    const clock = fakeClock(0)
    const deadline = new Deadline(10_000, clock.now)
    await deadline.excluding(() => clock.sleep(3_600_000))
    expect(deadline.remainingMs()).toBe(10_000)
    await clock.sleep(4_000)
    expect(deadline.remainingMs()).toBe(6_000)
  })
})
