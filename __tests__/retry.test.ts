import { describe, expect, it } from '@jest/globals'
import { backoffMs, isTransientStatus, PRODUCTION_RETRY, rateLimitWaitMs } from '../src/sendgrid/retry.js'

const P = PRODUCTION_RETRY

const NOW = Date.UTC(2026, 10, 26, 12, 0, 0)

describe('isTransientStatus', () => {
  it.each([429, 500, 502, 503, 504])('%i is worth another attempt', (status) => expect(isTransientStatus(status)).toBe(true))
  it.each([400, 401, 403, 404, 406])('%i is not', (status) => expect(isTransientStatus(status)).toBe(false))
})

describe('backoffMs', () => {
  it('doubles from about a second, with jitter of a quarter either way', () => {
    expect([1, 2, 3].map((n) => backoffMs(n, P, () => 0))).toEqual([750, 1500, 3000])
    expect([1, 2, 3].map((n) => backoffMs(n, P, () => 1))).toEqual([1250, 2500, 5000])
  })
})

describe('rateLimitWaitMs', () => {
  it('waits until X-RateLimit-Reset, plus jitter', () => {
    expect(rateLimitWaitMs({ reset: String(NOW / 1000 + 5) }, NOW, P, () => 0)).toBe(5250)
  })

  it('prefers Retry-After, in seconds or as a date', () => {
    expect(rateLimitWaitMs({ reset: String(NOW / 1000 + 50), retryAfter: '2' }, NOW, P, () => 0)).toBe(2250)
    expect(rateLimitWaitMs({ retryAfter: new Date(NOW + 3000).toUTCString() }, NOW, P, () => 0)).toBe(3250)
  })

  it('caps the wait at a minute', () => {
    expect(rateLimitWaitMs({ reset: String(NOW / 1000 + 3600) }, NOW, P, () => 1)).toBe(60_000)
  })

  it('does not wait for a reset already past, beyond the jitter', () => {
    expect(rateLimitWaitMs({ reset: String(NOW / 1000 - 10) }, NOW, P, () => 0)).toBe(250)
  })

  it('leaves the choice to backoff when no header says anything usable', () => {
    expect(rateLimitWaitMs({}, NOW, P)).toBeUndefined()
    expect(rateLimitWaitMs({ reset: 'soon', retryAfter: 'later' }, NOW, P)).toBeUndefined()
  })
})
