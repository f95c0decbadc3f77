/**
 * Faults that outlast every retry, and reads that lag behind a write: in production they take
 * the whole schedule of backoff and polling; here the clock's waits pass at once.
 */
import { describe, expect, it } from '@jest/globals'
import { act, errorOf, methods, start, VERIFY } from './helpers/fault-suite.js'

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

describe('reads that lag behind the write', () => {
  it('are polled until they show it', async () => {
    const server = await start({ readLag: 2 })
    const run = await act(server, { mode: 'apply', 'min-version': '1.2' })
    expect(run.exitCode).toBe(0)
    expect(run.outputs).toMatchObject({ compliant: 'true', changed: 'true', 'min-version': '1.2' })
    expect(methods(server)).toEqual(['GET', 'PATCH', 'GET', 'GET', 'GET'])
    expect(run.summary).toContain('confirmed it on read 3')
  })

  it('never count as success from the PATCH echo alone', async () => {
    const server = await start({ readLag: 100 })
    const run = await act(server, { mode: 'apply', 'min-version': '1.2' })
    expect(run.exitCode).toBe(1)
    expect(run.outputs).toMatchObject({ compliant: 'false', changed: 'false', 'min-version': '1.1' })
    expect(errorOf(run)).toContain('5 reads since still show: version is 1.1, policy wants 1.2')
    expect(run.summary).toContain('run verify again later')
    const [entry] = JSON.parse(run.outputs['report'] ?? '[]') as { error: string | null }[]
    expect(entry?.error).toContain('5 reads since still show')
  })
})
