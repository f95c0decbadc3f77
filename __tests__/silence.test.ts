/** A fleet behind an API that stopped answering: the run stops starting targets, and says why. */
import { afterEach, describe, expect, it } from '@jest/globals'
import { closeHostileServer, hostile, step } from './helpers/hostile-server.js'

afterEach(closeHostileServer)

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
    expect(hostile.standIn?.requests.length).toBeLessThanOrEqual(2 + 10 * 4)
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
    hostile.standIn = undefined
    const names = Array.from({ length: 15 }, (_, i) => `gone${i}`).join(',')
    const result = await step({}, { subuser: names })
    expect(result.exitCode).toBe(1)
    expect(hostile.standIn!.requests.filter((r) => r.query.has('username'))).toHaveLength(10)
  })
})
