/** A write the server refused, seen through the real action, in process, against a hostile server. */
import { afterAll, afterEach, describe, expect, it } from '@jest/globals'
import { closeHostileServer, echo, methods, step } from './helpers/hostile-server.js'
import { removeStepFiles } from './helpers/workflow-step.js'

afterEach(closeHostileServer)
afterAll(removeStepFiles)

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
