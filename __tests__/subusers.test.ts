/**
 * The subuser listing, from a server that pages wrongly, forever, or with entries that are not
 * subusers. The real action, in process, against a hostile server.
 */
import { afterEach, describe, expect, it } from '@jest/globals'
import { closeHostileServer, errorOf, hostile, step } from './helpers/hostile-server.js'

afterEach(closeHostileServer)

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
      expect(hostile.standIn?.requests.filter((r) => r.path !== '/v3/subusers')).toHaveLength(0)
    }
  )

  const fleet = (n: number) =>
    Object.fromEntries(Array.from({ length: n }, (_, i) => [`sub${i}`, { require_tls: true, require_valid_cert: false }]))

  it('a server that serves 100 where 500 were asked loses no subuser', async () => {
    const result = await step({ subusers: fleet(250), subuserPaging: { maxPage: 100 } }, { subuser: '*' })
    expect(result.exitCode).toBe(0)
    expect(Object.keys((JSON.parse(result.outputs['result'] ?? '{}') as { subusers: object }).subusers)).toHaveLength(250)
    expect(hostile.standIn?.requests.filter((r) => r.path === '/v3/subusers').map((r) => r.query.get('offset'))).toEqual([
      '0',
      '100',
      '200',
      '250'
    ])
  })

  it('a server that ignores the offset fails the run clearly, touching no target', async () => {
    const result = await step({ subusers: fleet(500), subuserPaging: 'ignore-offset' }, { subuser: '*' })
    expect(result.exitCode).toBe(1)
    expect(errorOf(result.stdout)).toContain('as if it ignored the offset; the listing cannot be trusted to be complete')
    expect(hostile.standIn?.requests.filter((r) => r.path !== '/v3/subusers')).toHaveLength(0)
    expect(hostile.standIn?.requests).toHaveLength(2)
  })

  it('a server that invents names forever is stopped at the bound', async () => {
    const result = await step({ subuserPaging: 'endless', rateLimit: { limit: 100_000, windowMs: 60_000 } }, { subuser: '*' })
    expect(result.exitCode).toBe(1)
    expect(errorOf(result.stdout)).toContain('the listing passed 20000 subusers')
    expect(hostile.standIn?.requests.length).toBeLessThanOrEqual(41)
    expect(hostile.standIn?.requests.filter((r) => r.path !== '/v3/subusers')).toHaveLength(0)
  })
})
