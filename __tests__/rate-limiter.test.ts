import { afterEach, describe, expect, it } from '@jest/globals'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { run } from '../src/action/main.js'
import { readRateLimit, RateLimiter } from '../src/sendgrid/rate-limiter.js'
import { SCOPE_READ, SCOPE_UPDATE, startStandIn } from '../stand-in/server.js'
import { FAST_RETRY, fakeClock } from './helpers/clock.js'
import { subusers } from './fixtures/fleets.js'
import { closeFleet, fleet, POLICY, reportOf, step as fleetStep } from './helpers/fleet-step.js'
import { closeHostileServer, errorOf, hostile, KEY, methods, step } from './helpers/hostile-server.js'
import { runStep } from './helpers/workflow-step.js'

const quiet = { info: () => undefined, debug: () => undefined }
const headers = (values: Record<string, string>) => ({ get: (name: string) => values[name] ?? null })

describe('readRateLimit', () => {
  it('reads the three headers', () => {
    expect(
      readRateLimit(headers({ 'x-ratelimit-limit': '600', 'x-ratelimit-remaining': '599', 'x-ratelimit-reset': '1792000000' }))
    ).toEqual({
      limit: 600,
      remaining: 599,
      reset: 1792000000
    })
  })

  it.each([
    ['a limit of 0', { 'x-ratelimit-limit': '0', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1792000000' }],
    ['more remaining than the limit', { 'x-ratelimit-limit': '10', 'x-ratelimit-remaining': '11', 'x-ratelimit-reset': '1792000000' }],
    [
      'a number too long to be a count',
      { 'x-ratelimit-limit': '1'.repeat(40), 'x-ratelimit-remaining': '1', 'x-ratelimit-reset': '1792000000' }
    ],
    ['a negative count', { 'x-ratelimit-limit': '10', 'x-ratelimit-remaining': '-1', 'x-ratelimit-reset': '1792000000' }],
    ['a missing header', { 'x-ratelimit-limit': '10', 'x-ratelimit-remaining': '1' }]
  ])('takes %s as no information', (_, values) => {
    expect(readRateLimit(headers(values))).toBeUndefined()
  })
})

describe('RateLimiter', () => {
  it('waits for a reset hours away no longer than the cap, as for a 429, then lets a request go', async () => {
    const clock = fakeClock(1_800_000_000_000)
    const limiter = new RateLimiter(clock, 60_000)
    await limiter.acquire('/v3/x', quiet)
    limiter.release('/v3/x', { limit: 600, remaining: 0, reset: clock.now() / 1000 + 3 * 3600 })
    await limiter.acquire('/v3/x', quiet)
    expect(clock.slept).toEqual([60_000])
  })

  it('waits for a near reset as it says', async () => {
    const clock = fakeClock(1_800_000_000_000)
    const limiter = new RateLimiter(clock, 60_000)
    await limiter.acquire('/v3/x', quiet)
    limiter.release('/v3/x', { limit: 600, remaining: 0, reset: clock.now() / 1000 + 5 })
    await limiter.acquire('/v3/x', quiet)
    expect(clock.slept).toHaveLength(1)
    expect(clock.slept[0]).toBeGreaterThanOrEqual(5000)
    expect(clock.slept[0]).toBeLessThanOrEqual(5100)
  })
})

// Headers from a hostile server, through the real action in process.
afterEach(closeHostileServer)

function rateLimitHeaders(limit: number, resetInSeconds: number): Record<string, string> {
  return {
    'X-RateLimit-Limit': String(limit),
    'X-RateLimit-Remaining': '0',
    'X-RateLimit-Reset': String(Math.floor(Date.now() / 1000) + resetInSeconds)
  }
}

describe('rate-limit headers that make no sense are no information', () => {
  it('a 200 that says the window is spent for hours waits the capped minute, then goes on', async () => {
    const headers = rateLimitHeaders(600, 5 * 3600)
    const body = JSON.stringify({ require_tls: false, require_valid_cert: false })
    const result = await step({}, { mode: 'apply' }, (server) => server.inject({ kind: 'status', status: 200, body, headers }))
    expect(result.exitCode).toBe(0)
    expect(result.outputs).toMatchObject({ compliant: 'true', changed: 'true' })
    expect(hostile.clock.slept.filter((ms) => ms >= 1000)).toEqual([60_000])
  })

  it('X-RateLimit-Limit: 0 does not stall the run', async () => {
    const headers = rateLimitHeaders(0, 60)
    const body = JSON.stringify({ require_tls: false, require_valid_cert: false })
    const result = await step({}, { mode: 'apply' }, (server) => server.inject({ kind: 'status', status: 200, body, headers }))
    expect(result.exitCode).toBe(0)
    expect(hostile.clock.slept).toEqual([])
  })

  it('a rate-limit wait longer than the whole time of a target is waited out, not failed', async () => {
    const headers = rateLimitHeaders(600, 5 * 3600)
    const body = JSON.stringify({ require_tls: false, require_valid_cert: false })
    hostile.standIn = await startStandIn({ keys: { [KEY]: [SCOPE_READ, SCOPE_UPDATE] } })
    hostile.standIn.inject({ kind: 'status', status: 200, body, headers })
    hostile.clock = fakeClock()
    // A request timeout of 1 s gives each step 65 s; the window says it ends in five hours.
    const result = await runStep(
      () => run({ clock: hostile.clock, retry: { ...FAST_RETRY, maxRateLimitWaitMs: 3_600_000 }, confirmWaitsMs: [] }),
      {
        'api-key': KEY,
        'api-url': hostile.standIn.url,
        mode: 'apply',
        'require-tls': 'true',
        'request-timeout': '1',
        forecast: 'off'
      }
    )
    expect(result.exitCode).toBe(0)
    expect(methods()).toEqual(['GET', 'PATCH', 'GET'])
    expect(result.outputs).toMatchObject({ compliant: 'true', changed: 'true' })
    expect(hostile.clock.slept.filter((ms) => ms >= 1000)).toEqual([3_600_000])
  })

  it('a PATCH that never left is not reported as sent', async () => {
    // A server that answers the read, then stops listening: the PATCH's connection is refused.
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json', Connection: 'close' })
      res.end(JSON.stringify({ require_tls: false, require_valid_cert: false }))
      server.close()
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const { port } = server.address() as AddressInfo
    hostile.clock = fakeClock()
    const result = await runStep(() => run({ clock: hostile.clock, retry: FAST_RETRY, confirmWaitsMs: [] }), {
      'api-key': KEY,
      'api-url': `http://127.0.0.1:${port}`,
      mode: 'apply',
      'require-tls': 'true',
      forecast: 'off'
    })
    expect(result.exitCode).toBe(1)
    expect(errorOf(result.stdout)).toMatch(/PATCH .*gave up after 4 attempts/)
    expect(result.summary).not.toContain('Sent `PATCH')
    expect(result.summary).toContain('Nothing was changed')
  })
})

// A fleet paced by the stand-in's rate-limit headers, through the real action in process.
afterEach(closeFleet)

describe('pacing by the rate-limit headers', () => {
  it('keeps a large run within the limit: it waits for the windows instead of meeting 429s', async () => {
    const result = await fleetStep(
      { subusers: subusers(100), rateLimit: { limit: 35, windowMs: 1000 } },
      { ...POLICY, subuser: '*', concurrency: '16' }
    )
    expect(result.exitCode).toBe(0)
    expect(reportOf(result.outputs)).toHaveLength(100)
    // 102 requests at 35 a window span three windows. Pacing may meet a 429 at a window's edge, no
    // more; how close the run comes to the floor the limit sets is measured by `npm run bench`.
    expect(fleet.standIn?.rateLimited()).toBeLessThanOrEqual(2)
    expect(result.stdout).toMatch(/Rate limit of \/v3\/user\/settings\/enforced_tls used up \(35 per window\): pausing/)
  })
})
