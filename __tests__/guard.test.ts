/**
 * A server that answers as an attacker or a broken network would: echoes of the key, endless and
 * compressed-bomb bodies, listings that never end, nonsense rate-limit headers, redirects, odd
 * versions, names that try to become workflow commands. Each run is the real action, in process,
 * on a clock whose waits pass at once; every run's log, outputs, summary and report file are
 * checked for the key.
 */
import { afterAll, afterEach, describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { run } from '../src/action/main.js'
import { SCOPE_READ, SCOPE_SUBUSERS, SCOPE_UPDATE, startStandIn, type StandIn, type StandInOptions } from '../stand-in/server.js'
import { FAST_RETRY, fakeClock, type FakeClock } from './helpers/clock.js'
import { annotations, removeStepFiles, runStep } from './helpers/workflow-step.js'

const KEY = 'SG.hostile-suite-key-id.Zq8xWv2tYu5sRp9oNm3lKj7hGf1dSa4Qw6eRt0yUi'
const SECRET = KEY.split('.')[2] ?? ''
let standIn: StandIn | undefined
let clock: FakeClock

afterEach(() => standIn?.close())
afterAll(removeStepFiles)

async function step(options: StandInOptions, inputs: Record<string, string>, setup?: (server: StandIn) => void) {
  standIn = await startStandIn({ keys: { [KEY]: [SCOPE_READ, SCOPE_UPDATE, SCOPE_SUBUSERS] }, ...options })
  setup?.(standIn)
  clock = fakeClock()
  const result = await runStep(() => run({ clock, retry: FAST_RETRY, confirmWaitsMs: [0, 0, 0, 0] }), {
    'api-key': KEY,
    'api-url': standIn.url,
    'require-tls': 'true',
    'request-timeout': '5',
    ...inputs
  })
  expectNoKey(
    result.stdout
      .split('\n')
      .filter((line) => !line.startsWith('::add-mask::'))
      .join('\n')
  )
  expectNoKey(JSON.stringify(result.outputs))
  expectNoKey(result.summary)
  if (result.outputs['report-file']) expectNoKey(readFileSync(result.outputs['report-file'], 'utf8'))
  return result
}

/** Not the key, nor any ten characters of it. */
function expectNoKey(text: string): void {
  for (let i = 0; i + 10 <= KEY.length; i++) expect(text).not.toContain(KEY.slice(i, i + 10))
}

const methods = () => standIn?.requests.map((r) => r.method)
const errorOf = (stdout: string) => annotations(stdout, 'error').join('\n')
const echo = (text: string) => ({
  kind: 'status' as const,
  status: 400,
  body: JSON.stringify({ errors: [{ field: null, message: text }] })
})

describe('the key never leaves, whatever the server echoes', () => {
  it.each([
    [
      'JSON-escaped',
      `{"errors":[{"message":"bad key ${[...KEY].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')}"}]}`
    ],
    [
      'percent-encoded',
      JSON.stringify({ errors: [{ message: `bad key ${[...KEY].map((c) => `%${c.charCodeAt(0).toString(16)}`).join('')}` }] })
    ],
    ['only its secret part', JSON.stringify({ errors: [{ message: `secret ${SECRET}` }] })],
    ['straddling the cut at 1,000 characters', JSON.stringify({ errors: [{ message: `${'x'.repeat(950)}${KEY}` }] })],
    ['in a key of the error object', JSON.stringify({ [KEY]: 'echo' })]
  ])('in an error body, %s', async (_, body) => {
    const result = await step({}, { mode: 'verify' }, (server) => server.inject({ kind: 'status', status: 400, body }))
    expect(result.exitCode).toBe(1)
    expect(errorOf(result.stdout)).toContain('answered 400')
    expect(errorOf(result.stdout)).toMatch(/\*\*\*|long token hidden/)
  })

  const spelled = (encode: (char: string) => string) => [...KEY].map(encode).join('')
  it.each([
    ['hexadecimal', Buffer.from(KEY).toString('hex')],
    ['percent-encoded twice', spelled((c) => `%25${c.charCodeAt(0).toString(16)}`)],
    ['base64 of UTF-16', Buffer.from(KEY, 'utf16le').toString('base64')],
    ['octal escapes', spelled((c) => `\\${c.charCodeAt(0).toString(8).padStart(3, '0')}`)],
    ['braced escapes', spelled((c) => `\\u{${c.charCodeAt(0).toString(16)}}`)],
    ['zero-padded references', spelled((c) => `&#x0000${c.charCodeAt(0).toString(16)};`)],
    ['spelled with a separator nobody decodes', spelled((c) => `${c.charCodeAt(0)}.`)]
  ])('in an error message, %s: found by decoding, not merely hidden as a long token', async (_, encoded) => {
    const result = await step({}, { mode: 'verify' }, (server) => server.inject(echo(`bad key ${encoded}`)))
    expect(result.exitCode).toBe(1)
    expect(result.stdout.replace(`::add-mask::${KEY}`, '')).not.toContain(encoded.slice(0, 40))
    // The redactor's own mark: the long-token rule, which would hide any encoding, did not have to.
    expect(errorOf(result.stdout)).toContain('bad key ***')
    expect(errorOf(result.stdout)).not.toContain('long token hidden')
  })

  it('in a header the action reads, never quoted', async () => {
    const body = JSON.stringify({ require_tls: true, require_valid_cert: false })
    const headers = { 'Content-Encoding': KEY.toLowerCase() }
    const result = await step({}, { mode: 'verify' }, (server) => server.inject({ kind: 'status', status: 200, body, headers }))
    expect(errorOf(result.stdout)).toContain('a content encoding the action does not read')
    expect(result.stdout.replace(`::add-mask::${KEY}`, '')).not.toContain(KEY.toLowerCase().slice(3, 20))
  })

  it('in a value quoted from a successful answer', async () => {
    const body = JSON.stringify({ require_tls: true, require_valid_cert: false, version: `${KEY}` })
    const result = await step({}, { mode: 'verify' }, (server) => server.inject({ kind: 'status', status: 200, body }))
    expect(errorOf(result.stdout)).toContain('a version that is not 1.1, 1.2 or 1.3: "***"')
  })

  it('in a subuser name from the listing: redacted as it arrives, so that target fails rather than pass unseen', async () => {
    const result = await step({ subusers: { [`x${KEY}`]: { require_tls: true, require_valid_cert: false } } }, { subuser: '*' })
    expect(result.exitCode).toBe(1)
    expect(JSON.parse(result.outputs['result'] ?? '')).toEqual({ subusers: { 'x***': null }, accounts: {} })
  })
})

describe('answers are bounded', () => {
  it('an endless body fails that request at once, saying why, without filling memory', async () => {
    const result = await step({}, { mode: 'verify' }, (server) => server.inject({ kind: 'endless' }))
    expect(result.exitCode).toBe(1)
    expect(errorOf(result.stdout)).toContain('the answer was larger than 4 MiB; the action stopped reading it')
    expect(methods()).toEqual(['GET'])
  })

  it('a compressed bomb fails at its bound, after decompression', async () => {
    const result = await step({}, { mode: 'verify' }, (server) => server.inject({ kind: 'bomb' }))
    expect(result.exitCode).toBe(1)
    expect(errorOf(result.stdout)).toContain('the answer decompressed to more than 4 MiB')
    expect(methods()).toEqual(['GET'])
  })
})

describe('answers shaped to exhaust the action', () => {
  it('content encodings stacked a hundred deep are refused at once, unread', async () => {
    const headers = { 'Content-Encoding': Array.from({ length: 100 }, () => 'br').join(', ') }
    const result = await step({}, { mode: 'verify' }, (server) => server.inject({ kind: 'status', status: 200, body: 'x', headers }))
    expect(errorOf(result.stdout)).toContain('100 stacked content encodings')
    expect(methods()).toEqual(['GET'])
  })

  it('JSON nested a hundred thousand deep fails that request, naming it', async () => {
    const body = `${'['.repeat(100_000)}${']'.repeat(100_000)}`
    const result = await step({}, { mode: 'verify' }, (server) => server.inject({ kind: 'status', status: 200, body }))
    expect(errorOf(result.stdout)).toContain(
      'GET /v3/user/settings/enforced_tls for the parent account: the answer is JSON nested deeper than 100 levels'
    )
  })

  it('a megabyte of subuser name is cut short everywhere it shows', async () => {
    const long = `n${'x'.repeat(1_000_000)}`
    const result = await step(
      { subusers: { [long]: { require_tls: true, require_valid_cert: false }, ok: { require_tls: true, require_valid_cert: false } } },
      { subuser: '*' }
    )
    expect(result.exitCode).toBe(1)
    expect(result.stdout.length).toBeLessThan(50_000)
    expect(result.summary.length).toBeLessThan(50_000)
    expect(JSON.stringify(result.outputs).length).toBeLessThan(50_000)
  })
})

describe('the subuser listing is trusted only when it pages as it should', () => {
  it('an empty listing is no target, which a check cannot pass', async () => {
    const result = await step({}, { subuser: '*' })
    expect(result.exitCode).toBe(1)
    expect(errorOf(result.stdout)).toContain('No targets')
  })

  it.each([[{ username: 42 }], [{ name: 'hidden' }], [null], [{ username: ['evil'] }]])(
    'an entry that is not a subuser (%p) fails the listing',
    async (entry) => {
      const body = JSON.stringify([{ username: 'fine' }, entry])
      const result = await step({ subusers: { fine: { require_tls: true, require_valid_cert: false } } }, { subuser: '*' }, (server) =>
        server.inject({ kind: 'status', status: 200, body })
      )
      expect(result.exitCode).toBe(1)
      expect(errorOf(result.stdout)).toContain('an entry that is not a subuser with a username; the listing cannot be trusted')
      expect(standIn?.requests.filter((r) => r.path !== '/v3/subusers')).toHaveLength(0)
    }
  )

  const fleet = (n: number) =>
    Object.fromEntries(Array.from({ length: n }, (_, i) => [`sub${i}`, { require_tls: true, require_valid_cert: false }]))

  it('a server that serves 100 where 500 were asked loses no subuser', async () => {
    const result = await step({ subusers: fleet(250), subuserPaging: { maxPage: 100 } }, { subuser: '*' })
    expect(result.exitCode).toBe(0)
    expect(Object.keys((JSON.parse(result.outputs['result'] ?? '{}') as { subusers: object }).subusers)).toHaveLength(250)
    expect(standIn?.requests.filter((r) => r.path === '/v3/subusers').map((r) => r.query.get('offset'))).toEqual(['0', '100', '200', '250'])
  })

  it('a server that ignores the offset fails the run clearly, touching no target', async () => {
    const result = await step({ subusers: fleet(500), subuserPaging: 'ignore-offset' }, { subuser: '*' })
    expect(result.exitCode).toBe(1)
    expect(errorOf(result.stdout)).toContain('as if it ignored the offset; the listing cannot be trusted to be complete')
    expect(standIn?.requests.filter((r) => r.path !== '/v3/subusers')).toHaveLength(0)
    expect(standIn?.requests).toHaveLength(2)
  })

  it('a server that invents names forever is stopped at the bound', async () => {
    const result = await step({ subuserPaging: 'endless', rateLimit: { limit: 100_000, windowMs: 60_000 } }, { subuser: '*' })
    expect(result.exitCode).toBe(1)
    expect(errorOf(result.stdout)).toContain('the listing passed 20000 subusers')
    expect(standIn?.requests.length).toBeLessThanOrEqual(41)
    expect(standIn?.requests.filter((r) => r.path !== '/v3/subusers')).toHaveLength(0)
  })
})

describe('text from the server is data, never a workflow command', () => {
  it('a listed name with a newline and a command cannot inject it, and is reported as not checked', async () => {
    const evil = 'ops\n::warning title=pwned::injected'
    const result = await step(
      { subusers: { [evil]: { require_tls: false, require_valid_cert: false }, fine: { require_tls: true, require_valid_cert: false } } },
      { subuser: '*' }
    )
    expect(result.exitCode).toBe(1)
    expect(result.stdout.split('\n').filter((line) => line.startsWith('::warning'))).toEqual([])
    expect(result.stdout).not.toMatch(/^\s*::warning title=pwned/m)
    expect(standIn?.requests.filter((r) => r.headers['on-behalf-of'] !== undefined).map((r) => r.headers['on-behalf-of'])).toEqual(['fine'])
    const report = JSON.parse(result.outputs['report'] ?? '[]') as { target: string; error: string | null }[]
    expect(report.find((e) => e.target === evil)?.error).toContain('cannot be sent in an on-behalf-of header')
  })

  it('a listed name that is not a username (a space, as in account-id 1234567) reaches no account, and is reported as not checked', async () => {
    const open = { require_tls: false, require_valid_cert: false }
    const result = await step(
      { subusers: { 'account-id 1234567': open, fine: open }, accounts: { '1234567': open } },
      { subuser: '*', mode: 'apply' }
    )
    expect(result.exitCode).toBe(1)
    const reached = new Set(standIn?.requests.map((r) => r.headers['on-behalf-of']).filter((behalf) => behalf !== undefined))
    expect([...reached]).toEqual(['fine'])
    expect(standIn?.setting('account-id 1234567')).toEqual(open)
    const report = JSON.parse(result.outputs['report'] ?? '[]') as { target: string; error: string | null }[]
    expect(report.find((e) => e.target === 'account-id 1234567')?.error).toContain(
      'a username is printable characters without spaces, within Latin-1'
    )
  })

  it('an error body with a command on its own line stays on the error line', async () => {
    const result = await step({}, { mode: 'verify' }, (server) => server.inject(echo('nope\n::notice::injected\n##[error]old')))
    expect(annotations(result.stdout, 'notice')).toEqual([])
    expect(result.stdout).not.toMatch(/^##\[/m)
  })
})

/** A 200's rate-limit headers: `limit` per window, none remaining, the window ending `resetInSeconds` from now. */
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
    expect(clock.slept.filter((ms) => ms >= 1000)).toEqual([60_000])
  })

  it('X-RateLimit-Limit: 0 does not stall the run', async () => {
    const headers = rateLimitHeaders(0, 60)
    const body = JSON.stringify({ require_tls: false, require_valid_cert: false })
    const result = await step({}, { mode: 'apply' }, (server) => server.inject({ kind: 'status', status: 200, body, headers }))
    expect(result.exitCode).toBe(0)
    expect(clock.slept).toEqual([])
  })

  it('a rate-limit wait longer than the whole time of a target is waited out, not failed', async () => {
    const headers = rateLimitHeaders(600, 5 * 3600)
    const body = JSON.stringify({ require_tls: false, require_valid_cert: false })
    standIn = await startStandIn({ keys: { [KEY]: [SCOPE_READ, SCOPE_UPDATE] } })
    standIn.inject({ kind: 'status', status: 200, body, headers })
    clock = fakeClock()
    // A request timeout of 1 s gives each step 65 s; the window says it ends in five hours.
    const result = await runStep(() => run({ clock, retry: { ...FAST_RETRY, maxRateLimitWaitMs: 3_600_000 }, confirmWaitsMs: [] }), {
      'api-key': KEY,
      'api-url': standIn.url,
      mode: 'apply',
      'require-tls': 'true',
      'request-timeout': '1',
      forecast: 'off'
    })
    expect(result.exitCode).toBe(0)
    expect(methods()).toEqual(['GET', 'PATCH', 'GET'])
    expect(result.outputs).toMatchObject({ compliant: 'true', changed: 'true' })
    expect(clock.slept.filter((ms) => ms >= 1000)).toEqual([3_600_000])
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
    clock = fakeClock()
    const result = await runStep(() => run({ clock, retry: FAST_RETRY, confirmWaitsMs: [] }), {
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

describe('a refused write', () => {
  it('is not claimed as a change, even when a later read shows the value', async () => {
    const result = await step({}, { mode: 'apply', forecast: 'off' }, (server) => {
      server.inject(echo('no'), 1, 'PATCH')
      server.inject({ kind: 'status', status: 200, body: JSON.stringify({ require_tls: true, require_valid_cert: false }) }, 1, 'GET', 1)
    })
    expect(result.exitCode).toBe(1)
    expect(methods()).toEqual(['GET', 'PATCH', 'GET'])
    expect(result.outputs['changed']).toBe('false')
    expect(result.summary).not.toContain('confirmed')
  })
})

describe('a fleet behind an API that stopped answering', () => {
  it('stops starting targets after a run of them got no answer at all', async () => {
    const fleet = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`sub${i}`, { require_tls: true, require_valid_cert: false }]))
    const result = await step({ subusers: fleet }, { subuser: '*', concurrency: '1' }, (server) =>
      server.inject({ kind: 'drop' }, 10_000, 'GET', 2)
    )
    expect(result.exitCode).toBe(1)
    const report = JSON.parse(result.outputs['report'] ?? '[]') as { error: string | null }[]
    expect(report).toHaveLength(40)
    expect(report.filter((e) => e.error?.startsWith('not read: SendGrid was unavailable to the last 10 targets'))).toHaveLength(30)
    expect(standIn?.requests.length).toBeLessThanOrEqual(2 + 10 * 4)
  })

  it('stops just the same when every target meets 503 after every retry', async () => {
    const fleet = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`sub${i}`, { require_tls: true, require_valid_cert: false }]))
    const result = await step({ subusers: fleet }, { subuser: '*', concurrency: '1' }, (server) =>
      server.inject({ kind: 'status', status: 503 }, 10_000, 'GET', 2)
    )
    const report = JSON.parse(result.outputs['report'] ?? '[]') as { error: string | null }[]
    expect(report.filter((e) => e.error?.startsWith('not read: SendGrid was unavailable to the last 10 targets'))).toHaveLength(20)
  })

  it('looks up at most ten refused subusers to explain them', async () => {
    standIn = undefined
    const names = Array.from({ length: 15 }, (_, i) => `gone${i}`).join(',')
    const result = await step({}, { subuser: names })
    expect(result.exitCode).toBe(1)
    expect(standIn!.requests.filter((r) => r.query.has('username'))).toHaveLength(10)
  })
})

describe('local refusals are not retried', () => {
  it('a redirect fails at once and the key does not follow it', async () => {
    const result = await step({}, { mode: 'verify' }, (server) =>
      server.inject({ kind: 'status', status: 302, body: '', headers: { Location: 'https://elsewhere.example/' } })
    )
    expect(result.exitCode).toBe(1)
    expect(errorOf(result.stdout)).toContain('answered with a redirect, which is never followed')
    expect(methods()).toEqual(['GET'])
  })
})
