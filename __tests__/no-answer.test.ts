/** Refusals made here, not by SendGrid, are not retried: a redirect fails at once. */
import { afterEach, describe, expect, it } from '@jest/globals'
import { closeHostileServer, errorOf, methods, step } from './helpers/hostile-server.js'

afterEach(closeHostileServer)

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
