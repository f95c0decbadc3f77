/**
 * Faults a retry fixes, refusals no retry can fix, and faults that outlast every retry: the first
 * end in success, the others in a prompt failure that tells the user what to do. In production
 * they take the whole schedule of backoff; here the clock's waits pass at once.
 */
import { describe, expect, it } from '@jest/globals'
import type { Fault } from '../stand-in/server.js'
import { SCOPE_READ, SCOPE_SUBUSERS, SCOPE_UPDATE } from '../stand-in/server.js'
import { act, errorOf, KEY, methods, start, VERIFY } from './helpers/fault-suite.js'

describe('transient faults are retried and the run succeeds', () => {
  it.each<[string, Fault, RegExp]>([
    ['500', { kind: 'status', status: 500 }, /answered 500/],
    ['502', { kind: 'status', status: 502 }, /answered 502/],
    ['503', { kind: 'status', status: 503 }, /answered 503/],
    ['an HTML error page', { kind: 'html', status: 502 }, /502 with an HTML page/],
    ['malformed JSON', { kind: 'malformed' }, /200 with a body that is not JSON/],
    ['a dropped connection', { kind: 'drop' }, /no usable answer/],
    ['a request never answered', { kind: 'hang' }, /no answer from .* within 1\.0 s/],
    [
      '429 until the reset',
      { kind: 'rate-limit', resetInSeconds: 1 },
      /answered 429 .*too many requests.*waiting 1\.\d s for the rate limit \(turn 1 of 10\)/
    ],
    [
      '429 with Retry-After',
      { kind: 'rate-limit', resetInSeconds: 3600, retryAfter: '1' },
      /answered 429.*waiting 1\.\d s for the rate limit/
    ]
  ])('%s', async (_, fault, logged) => {
    const server = await start()
    server.inject(fault)
    const run = await act(server, VERIFY)
    expect(run.exitCode).toBe(0)
    expect(run.outputs['compliant']).toBe('true')
    expect(run.stdout).toMatch(logged)
    expect(methods(server)).toEqual(['GET', 'GET'])
  })

  it('a PATCH that meets a 503 is sent again, and the write is confirmed', async () => {
    const server = await start()
    server.inject({ kind: 'status', status: 503 }, 1, 'PATCH')
    const run = await act(server, { mode: 'apply', 'require-tls': 'true', forecast: 'off' })
    expect(run.exitCode).toBe(0)
    expect(run.outputs).toMatchObject({ compliant: 'true', changed: 'true' })
    expect(methods(server)).toEqual(['GET', 'PATCH', 'PATCH', 'GET'])
  })
})

describe('refusals are not retried and tell the user what to do', () => {
  it('401: the key is not accepted', async () => {
    const server = await start({ keys: {} })
    const run = await act(server, VERIFY)
    expect(run.exitCode).toBe(1)
    expect(errorOf(run)).toContain('answered 401 {"errors":[{"field":null,"message":"authorization required"}]}')
    expect(errorOf(run)).toContain('not accepted')
    expect(methods(server)).toEqual(['GET'])
    expect(run.outputs).toMatchObject({ compliant: 'false', prior: 'null', result: 'null' })
    expect(run.summary).toContain('could not be read, so nothing was changed')
  })

  it('403 on the read names the read scope', async () => {
    const server = await start({ keys: { [KEY]: [SCOPE_UPDATE] } })
    const run = await act(server, VERIFY)
    expect(run.exitCode).toBe(1)
    expect(errorOf(run)).toContain('user.settings.enforced_tls.read')
    expect(methods(server)).toEqual(['GET'])
  })

  it('403 on the write names the update scope, and the summary says what is on the account', async () => {
    const server = await start({ keys: { [KEY]: [SCOPE_READ] } })
    const run = await act(server, { mode: 'apply', 'require-tls': 'true', forecast: 'off' })
    expect(run.exitCode).toBe(1)
    expect(errorOf(run)).toContain('user.settings.enforced_tls.update')
    expect(methods(server)).toEqual(['GET', 'PATCH', 'GET'])
    expect(run.outputs).toMatchObject({ compliant: 'false', changed: 'false', 'require-tls': 'false' })
    expect(run.outputs['result']).toBe('{"require_tls":false,"require_valid_cert":false,"version":1.1}')
    expect(run.summary).toContain('❌ Failed')
    expect(run.summary).toContain('access forbidden')
    expect(run.summary).toContain('Sent `PATCH /v3/user/settings/enforced_tls` with `{"require_tls":true}`')
    expect(run.summary).toContain('A read after the failure shows the values in the After column')
  })

  it('an unknown subuser, when the key may list subusers, is named as unknown', async () => {
    const server = await start({ keys: { [KEY]: [SCOPE_READ, SCOPE_SUBUSERS] } })
    const run = await act(server, { ...VERIFY, subuser: 'nobody' })
    expect(run.exitCode).toBe(1)
    expect(errorOf(run)).toContain("There is no subuser 'nobody' under the key's account")
    expect(errorOf(run)).not.toContain('lacks the scope')
    expect(server.requests.map((r) => `${r.method} ${r.path}?${r.query.toString()}`)).toEqual([
      'GET /v3/user/settings/enforced_tls?',
      'GET /v3/subusers?username=nobody&include_region=true'
    ])
  })

  it('a subuser that exists, refused for a missing scope, names the scope alone', async () => {
    const server = await start({ keys: { [KEY]: [SCOPE_SUBUSERS] }, subusers: { ops: { require_tls: true, require_valid_cert: false } } })
    const run = await act(server, { ...VERIFY, subuser: 'ops' })
    expect(errorOf(run)).toContain('The subuser exists, so the API key lacks the scope user.settings.enforced_tls.read')
  })

  it('an unknown subuser, when the key may not list subusers either, gets both likely causes', async () => {
    const server = await start()
    const run = await act(server, { ...VERIFY, subuser: 'nobody' })
    expect(run.exitCode).toBe(1)
    expect(errorOf(run)).toContain('The API key lacks the scope user.settings.enforced_tls.read')
    expect(errorOf(run)).toContain("Or the subuser 'nobody' does not exist under the key's account")
    expect(errorOf(run)).toContain("parent account's key")
    expect(methods(server)).toEqual(['GET', 'GET'])
  })

  it('a success that is not an Enforced TLS setting fails, naming the request', async () => {
    const server = await start()
    server.inject({ kind: 'status', status: 200, body: '{"require_tls":"yes"}' })
    const run = await act(server, VERIFY)
    expect(run.exitCode).toBe(1)
    expect(errorOf(run)).toContain(
      'GET /v3/user/settings/enforced_tls for the parent account: SendGrid answered without require_tls and require_valid_cert as booleans'
    )
  })

  it.each([400, 404])('%i is not retried', async (status) => {
    const server = await start()
    server.inject({ kind: 'status', status })
    const run = await act(server, VERIFY)
    expect(run.exitCode).toBe(1)
    expect(errorOf(run)).toContain(`answered ${status}`)
    expect(methods(server)).toEqual(['GET'])
  })

  it('an error body that echoes the key is redacted', async () => {
    const server = await start()
    server.inject({ kind: 'status', status: 400, body: JSON.stringify({ errors: [{ field: null, message: `bad key ${KEY}` }] }) })
    const run = await act(server, VERIFY)
    expect(errorOf(run)).toContain('bad key ***')
  })
})

describe('faults that outlast the retries fail the step promptly and say so', () => {
  it('a 503 on every attempt: four attempts, then the status and the count', async () => {
    const server = await start()
    server.inject({ kind: 'status', status: 503 }, 10)
    const run = await act(server, VERIFY)
    expect(run.exitCode).toBe(1)
    expect(errorOf(run)).toContain('answered 503')
    expect(errorOf(run)).toContain('gave up after 4 attempts')
    expect(methods(server)).toEqual(['GET', 'GET', 'GET', 'GET'])
    expect(run.summary).toContain('could not be read, so nothing was changed')
  })

  it('a server that never answers fails within a few request timeouts', async () => {
    const server = await start()
    server.inject({ kind: 'hang' }, 10)
    const run = await act(server, { ...VERIFY, 'request-timeout': '1' })
    expect(run.exitCode).toBe(1)
    expect(errorOf(run)).toContain('within 1.0 s')
    expect(errorOf(run)).toContain('gave up after 4 attempts')
  })

  it('nothing listening at the address', async () => {
    const server = await start()
    await server.close()
    const run = await act(server, VERIFY)
    expect(run.exitCode).toBe(1)
    expect(errorOf(run)).toContain('ECONNREFUSED')
    expect(errorOf(run)).toContain('gave up after 4 attempts')
  })
})
