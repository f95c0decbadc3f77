/**
 * Every answer is read within a bound: endless and compressed-bomb bodies, encodings stacked
 * deep, JSON nested deep, a megabyte of name. The real action, in process, against a hostile server.
 */
import { afterEach, describe, expect, it } from '@jest/globals'
import { closeHostileServer, errorOf, methods, step } from './helpers/hostile-server.js'

afterEach(closeHostileServer)

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
