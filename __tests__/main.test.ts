import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { PRODUCT_NAME, PRODUCT_VERSION } from '../src/core/product.js'
import { run } from '../src/action/main.js'
import { DEFAULT_STAND_IN_KEY, startStandIn, type StandIn, type StandInOptions } from '../stand-in/server.js'
import { annotations, runStep } from './helpers/workflow-step.js'

let standIn: StandIn

async function start(options: StandInOptions = {}): Promise<void> {
  await standIn?.close()
  standIn = await startStandIn(options)
}

function step(inputs: Record<string, string>) {
  return runStep(run, { 'api-key': DEFAULT_STAND_IN_KEY, 'api-url': standIn.url, ...inputs })
}

beforeEach(() => start())
afterEach(() => standIn.close())

describe('verify', () => {
  it('passes with one GET when the managed fields match', async () => {
    await start({ parent: { require_tls: true, require_valid_cert: false, version: 1.2 } })
    const result = await step({ mode: 'verify', 'require-tls': 'true', 'min-version': '1.2' })
    expect(result.exitCode).toBe(0)
    expect(result.outputs).toMatchObject({ compliant: 'true', changed: 'false', 'min-version': '1.2', 'require-tls': 'true' })
    expect(standIn.requests.map((r) => r.method)).toEqual(['GET'])
  })

  it('fails on drift with one error annotation naming each drifted field and both values', async () => {
    const result = await step({ mode: 'verify', 'require-tls': 'true', 'require-valid-cert': 'false', 'min-version': '1.3' })
    expect(result.exitCode).toBe(1)
    expect(result.outputs['compliant']).toBe('false')
    const errors = annotations(result.stdout, 'error')
    expect(errors).toHaveLength(1)
    expect(errors[0]).toContain('require_tls is false, policy wants true')
    expect(errors[0]).toContain('version is 1.1, policy wants 1.3')
    expect(errors[0]).not.toContain('require_valid_cert')
    expect(standIn.requests.map((r) => r.method)).toEqual(['GET'])
  })

  it('is the default mode', async () => {
    const result = await step({ 'require-tls': 'true' })
    expect(result.exitCode).toBe(1)
    expect(result.summary).toContain('**Mode:** verify')
  })
})

describe('plan', () => {
  it('reports what apply would change without failing and without writing', async () => {
    const result = await step({ mode: 'plan', 'require-valid-cert': 'true', forecast: 'off' })
    expect(result.exitCode).toBe(0)
    expect(result.outputs).toMatchObject({ compliant: 'false', changed: 'false' })
    expect(result.outputs['result']).toBe(result.outputs['prior'])
    expect(annotations(result.stdout, 'notice')[0]).toContain('require_valid_cert is false, policy wants true')
    expect(result.summary).toContain('apply would change 1 setting')
    expect(standIn.requests.map((r) => r.method)).toEqual(['GET'])
  })
})

describe('apply', () => {
  it('sends only the managed fields that differ, then confirms with a fresh read', async () => {
    await start({ parent: { require_tls: false, require_valid_cert: true, version: 1.2 } })
    const result = await step({ mode: 'apply', 'require-tls': 'true', 'min-version': '1.2', forecast: 'off' })
    expect(result.exitCode).toBe(0)
    expect(standIn.requests.map((r) => r.method)).toEqual(['GET', 'PATCH', 'GET'])
    expect(standIn.requests[1]?.body).toEqual({ require_tls: true })
    expect(standIn.setting()).toEqual({ require_tls: true, require_valid_cert: true, version: 1.2 })
    expect(JSON.parse(result.outputs['prior'] ?? '')).toEqual({ require_tls: false, require_valid_cert: true, version: 1.2 })
    expect(JSON.parse(result.outputs['result'] ?? '')).toEqual({ require_tls: true, require_valid_cert: true, version: 1.2 })
    expect(result.outputs).toMatchObject({ compliant: 'true', changed: 'true', 'require-valid-cert': 'true' })
  })

  it('sends the version as a JSON number', async () => {
    await step({ mode: 'apply', 'min-version': '1.3' })
    const patch = standIn.requests.find((r) => r.method === 'PATCH')
    expect(patch?.body).toEqual({ version: 1.3 })
    expect(typeof (patch?.body as { version: unknown }).version).toBe('number')
  })

  it.each(['sent', 'none'] as const)('does not depend on the PATCH answer (echo: %s)', async (patchEcho) => {
    await start({ patchEcho })
    const result = await step({ mode: 'apply', 'require-tls': 'true' })
    expect(result.exitCode).toBe(0)
    expect(result.outputs).toMatchObject({ compliant: 'true', changed: 'true', 'require-tls': 'true' })
  })

  it('stops after the read when nothing differs', async () => {
    await start({ parent: { require_tls: true, require_valid_cert: false } })
    const result = await step({ mode: 'apply', 'require-tls': 'true', 'min-version': '1.1' })
    expect(result.exitCode).toBe(0)
    expect(result.outputs).toMatchObject({ compliant: 'true', changed: 'false' })
    expect(standIn.requests.map((r) => r.method)).toEqual(['GET'])
  })

  it('reads float32 versions back as the value that was set', async () => {
    await start({ float32Versions: true })
    const result = await step({ mode: 'apply', 'min-version': '1.2' })
    expect(result.outputs).toMatchObject({ compliant: 'true', changed: 'true', 'min-version': '1.2' })
    expect(result.outputs['result']).toContain('"version":1.2}')
  })
})

describe('requests', () => {
  it('authenticate with the key and name the action in the User-Agent', async () => {
    await step({ mode: 'apply', 'require-tls': 'true' })
    for (const request of standIn.requests) {
      expect(request.headers.authorization).toBe(`Bearer ${DEFAULT_STAND_IN_KEY}`)
      expect(request.headers.accept).toBe('application/json')
      expect(request.headers['user-agent']).toBe(`${PRODUCT_NAME}/${PRODUCT_VERSION}`)
      expect(request.headers['on-behalf-of']).toBeUndefined()
    }
    expect(standIn.requests[1]?.headers['content-type']).toBe('application/json')
  })

  it('act on a subuser through on-behalf-of, leaving the parent alone', async () => {
    await start({ subusers: { marketing: { require_tls: false, require_valid_cert: false } } })
    const result = await step({ mode: 'apply', subuser: 'marketing', 'require-tls': 'true', forecast: 'off' })
    expect(result.exitCode).toBe(0)
    expect(standIn.requests.map((r) => r.headers['on-behalf-of'])).toEqual(['marketing', 'marketing', 'marketing'])
    expect(standIn.setting('marketing')?.require_tls).toBe(true)
    expect(standIn.setting()?.require_tls).toBe(false)
    expect(result.summary).toContain('**Target:** subuser `marketing`')
  })

  it('act on a customer account through on-behalf-of: account-id', async () => {
    await start({ accounts: { '1234567': { require_tls: true, require_valid_cert: false } } })
    const result = await step({ 'account-id': '1234567', 'require-tls': 'true' })
    expect(result.exitCode).toBe(0)
    expect(standIn.requests[0]?.headers['on-behalf-of']).toBe('account-id 1234567')
  })
})

describe('with no field managed', () => {
  it.each(['verify', 'apply'])(
    '%s fails before any request, naming the three inputs: a gate that checks nothing must not pass',
    async (mode) => {
      const result = await step({ mode })
      expect(result.exitCode).toBe(1)
      expect(annotations(result.stdout, 'error')[0]).toContain("Inputs 'require-tls', 'require-valid-cert' and 'min-version' are all empty")
      expect(result.outputs).toMatchObject({ compliant: 'false', changed: 'false' })
      expect(standIn.requests).toHaveLength(0)
    }
  )

  it('plan reads and reports the current setting, with a notice', async () => {
    const result = await step({ mode: 'plan' })
    expect(result.exitCode).toBe(0)
    expect(annotations(result.stdout, 'notice')[0]).toContain('No setting is managed')
    expect(result.outputs).toMatchObject({ compliant: 'true', changed: 'false', 'require-tls': 'false', 'min-version': '1.1' })
    expect(result.summary).toContain('No setting is managed')
    expect(standIn.requests.map((r) => r.method)).toEqual(['GET'])
  })
})

describe('failures', () => {
  // Every input's rules are in inputs.test.ts; here, what a step does with bad input, either way it is read.
  it.each([
    ['api-key', { 'api-key': '' }],
    ['min-version', { 'min-version': '1.0' }]
  ])("a bad '%s' fails the step before any request, naming the input", async (input, inputs) => {
    const result = await step({ 'require-tls': 'true', ...inputs })
    expect(result.exitCode).toBe(1)
    expect(annotations(result.stdout, 'error')[0]).toContain(`Input '${input}'`)
    expect(result.summary).toContain(`Input '${input}'`)
    expect(result.summary).toContain('Nothing was sent to SendGrid.')
    expect(standIn.requests).toHaveLength(0)
    // A later `if: always()` step reads these with fromJSON: they must be there, and valid.
    expect(result.outputs).toMatchObject({ compliant: 'false', changed: 'false', prior: 'null', result: 'null', report: '[]' })
  })
})
