/** Refusals explained: an EU subuser, a missing scope, told in words a user can act on, through the action. */
import { afterEach, describe, expect, it } from '@jest/globals'
import { DEFAULT_STAND_IN_KEY, SCOPE_UPDATE } from '../stand-in/server.js'
import { STRICT } from './fixtures/fleets.js'
import { closeFleet, fleet, POLICY, reportOf, step } from './helpers/fleet-step.js'
import { annotations } from './helpers/workflow-step.js'

afterEach(closeFleet)

describe('refusals explained', () => {
  it('an EU subuser refused through the global host is told to run with region: eu', async () => {
    const result = await step({ subusers: { a: STRICT, paris: STRICT }, euSubusers: ['paris'] }, { ...POLICY, subuser: '*' })
    expect(result.exitCode).toBe(1)
    const report = reportOf(result.outputs)
    expect(report.map((e) => [e.target, e.compliant])).toEqual([
      ['a', true],
      ['paris', false]
    ])
    expect(report[1]?.error).toContain("Subuser 'paris' is pinned to the EU region")
    expect(report[1]?.error).toContain('region: eu')
  })

  it('a named EU subuser is looked up, and gets the same advice', async () => {
    const result = await step({ subusers: { paris: STRICT }, euSubusers: ['paris'] }, { ...POLICY, subuser: 'paris' })
    expect(annotations(result.stdout, 'error')[0]).toContain("Subuser 'paris' is pinned to the EU region")
    expect(fleet.standIn?.requests.map((r) => r.path)).toEqual(['/v3/user/settings/enforced_tls', '/v3/subusers'])
  })

  it('a listed subuser refused for a missing scope needs no lookup to say so', async () => {
    const result = await step(
      { subusers: { a: STRICT }, keys: { [DEFAULT_STAND_IN_KEY]: [SCOPE_UPDATE, 'subusers.read'] } },
      { ...POLICY, subuser: '*' }
    )
    expect(reportOf(result.outputs)[0]?.error).toContain(
      'The subuser exists, so the API key lacks the scope user.settings.enforced_tls.read'
    )
    expect(fleet.standIn?.requests.map((r) => r.path)).toEqual(['/v3/subusers', '/v3/subusers', '/v3/user/settings/enforced_tls'])
  })
})
