import { describe, expect, it } from '@jest/globals'
import { readRateLimit, RateLimiter } from '../src/sendgrid/rate-limiter.js'
import { fakeClock } from './helpers/clock.js'

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
