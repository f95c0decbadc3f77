/**
 * A write the server refused, and reads that lag behind a write, seen through the real action in
 * process. In production a lagging read takes the whole schedule of polling; here the clock's
 * waits pass at once.
 */
import { afterEach, describe, expect, it } from '@jest/globals'
import { act, errorOf as faultErrorOf, methods as faultMethods, start } from './helpers/fault-suite.js'
import { closeHostileServer, echo, methods, step } from './helpers/hostile-server.js'

afterEach(closeHostileServer)

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

describe('reads that lag behind the write', () => {
  it('are polled until they show it', async () => {
    const server = await start({ readLag: 2 })
    const run = await act(server, { mode: 'apply', 'min-version': '1.2' })
    expect(run.exitCode).toBe(0)
    expect(run.outputs).toMatchObject({ compliant: 'true', changed: 'true', 'min-version': '1.2' })
    expect(faultMethods(server)).toEqual(['GET', 'PATCH', 'GET', 'GET', 'GET'])
    expect(run.summary).toContain('confirmed it on read 3')
  })

  it('never count as success from the PATCH echo alone', async () => {
    const server = await start({ readLag: 100 })
    const run = await act(server, { mode: 'apply', 'min-version': '1.2' })
    expect(run.exitCode).toBe(1)
    expect(run.outputs).toMatchObject({ compliant: 'false', changed: 'false', 'min-version': '1.1' })
    expect(faultErrorOf(run)).toContain('5 reads since still show: version is 1.1, policy wants 1.2')
    expect(run.summary).toContain('run verify again later')
    const [entry] = JSON.parse(run.outputs['report'] ?? '[]') as { error: string | null }[]
    expect(entry?.error).toContain('5 reads since still show')
  })
})
