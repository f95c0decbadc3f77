/** Policy the action should not apply without a word: deprecated TLS, a version that has no effect. */
import { afterEach, describe, expect, it } from '@jest/globals'
import { OPEN, STRICT } from './fixtures/fleets.js'
import { closeFleet, step } from './helpers/fleet-step.js'
import { annotations } from './helpers/workflow-step.js'

afterEach(closeFleet)

describe('advice', () => {
  it('warns that TLS 1.1 is deprecated', async () => {
    const result = await step({ parent: STRICT }, { 'require-tls': 'true', 'min-version': '1.1', mode: 'plan' })
    expect(annotations(result.stdout, 'warning').join('\n')).toContain('RFC 8996')
    expect(result.summary).toContain('RFC 8996')
  })

  it('warns that a minimum version does nothing while neither TLS nor a valid certificate is required', async () => {
    const result = await step({ parent: OPEN }, { 'min-version': '1.2', mode: 'plan' })
    expect(annotations(result.stdout, 'warning').join('\n')).toContain('min-version 1.2 has no effect on the parent account')
  })

  it.each(['plan', 'verify', 'apply'])('does not warn in %s when the policy itself makes TLS required', async (mode) => {
    const result = await step({ parent: OPEN }, { 'require-tls': 'true', 'min-version': '1.2', mode })
    expect(annotations(result.stdout, 'warning')).toEqual([])
  })
})
