import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals'
import { InputError, readSettings } from '../src/inputs.js'
import { inputVariable } from '../src/stand-in/runner.js'

const KEY = 'SG.test-key'

function clearInputs(): void {
  for (const name of Object.keys(process.env)) if (name.startsWith('INPUT_')) delete process.env[name]
}

function settingsFrom(inputs: Record<string, string>) {
  clearInputs()
  for (const [name, value] of Object.entries({ 'api-key': KEY, 'require-tls': 'true', ...inputs })) process.env[inputVariable(name)] = value
  return readSettings()
}

// readSettings masks the key with a workflow command on stdout; keep it out of the test report.
beforeEach(() => {
  jest.spyOn(process.stdout, 'write').mockImplementation(() => true)
})
afterEach(() => {
  jest.restoreAllMocks()
  clearInputs()
})

describe('readSettings', () => {
  it('defaults to verify of the parent account on the global host, managing only what is set', () => {
    expect(settingsFrom({})).toEqual({
      apiKey: KEY,
      mode: 'verify',
      desired: { require_tls: true },
      selection: { includeParent: false, allSubusers: false, subusers: [], accounts: [] },
      allowStricter: false,
      concurrency: 8,
      baseUrl: 'https://api.sendgrid.com',
      requestTimeoutMs: 30000,
      reportDir: expect.any(String),
      pullRequest: undefined
    })
  })

  it('reads the request timeout in seconds', () => {
    expect(settingsFrom({ 'request-timeout': '2.5' }).requestTimeoutMs).toBe(2500)
  })

  it('reads every managed field, in any case', () => {
    const settings = settingsFrom({ mode: 'Apply', 'require-tls': 'TRUE', 'require-valid-cert': 'False', 'min-version': '1.3' })
    expect(settings.mode).toBe('apply')
    expect(settings.desired).toEqual({ require_tls: true, require_valid_cert: false, version: 1.3 })
  })

  it('targets the EU host, a subuser or a customer account', () => {
    expect(settingsFrom({ region: 'eu' }).baseUrl).toBe('https://api.eu.sendgrid.com')
    expect(settingsFrom({ subuser: 'marketing' }).selection.subusers).toEqual(['marketing'])
    expect(settingsFrom({ 'account-id': 'abc-123' }).selection.accounts).toEqual(['abc-123'])
  })

  it('takes several targets, separated by commas or newlines, and * for every subuser', () => {
    expect(settingsFrom({ subuser: 'a, b\nc,,', 'account-id': '1\n2', 'include-parent': 'true' }).selection).toEqual({
      includeParent: true,
      allSubusers: false,
      subusers: ['a', 'b', 'c'],
      accounts: ['1', '2']
    })
    expect(settingsFrom({ subuser: '*' }).selection).toMatchObject({ allSubusers: true, subusers: [] })
  })

  it('lets api-url override the region, over https or loopback http', () => {
    expect(settingsFrom({ region: 'eu', 'api-url': 'https://proxy.example.com/sendgrid/' }).baseUrl).toBe(
      'https://proxy.example.com/sendgrid'
    )
    expect(settingsFrom({ 'api-url': 'http://127.0.0.1:8080' }).baseUrl).toBe('http://127.0.0.1:8080')
    expect(settingsFrom({ 'api-url': 'http://localhost:8080' }).baseUrl).toBe('http://localhost:8080')
  })

  it.each([
    ['api-key', { 'api-key': '' }],
    ['api-key', { 'api-key': 'SG.two lines\nof key' }],
    ['mode', { mode: 'enforce' }],
    ['require-tls', { 'require-tls': 'yes' }],
    ['require-tls', { 'require-tls': '1' }],
    ['require-valid-cert', { 'require-valid-cert': 'on' }],
    ['min-version', { 'min-version': '1.0' }],
    ['min-version', { 'min-version': '1.20' }],
    ['min-version', { 'min-version': '1' }],
    ['region', { region: 'us' }],
    ['subuser', { subuser: 'two words' }],
    ['subuser', { subuser: 'evil\u0007bell' }],
    ['account-id', { 'account-id': 'id;drop' }],
    ['include-parent', { 'include-parent': 'yes' }],
    ['allow-stricter', { 'allow-stricter': '1' }],
    ['concurrency', { concurrency: '0' }],
    ['concurrency', { concurrency: '33' }],
    ['concurrency', { concurrency: 'many' }],
    ['pr-comment', { 'pr-comment': 'please' }],
    ['api-url', { 'api-url': 'api.sendgrid.com' }],
    ['api-url', { 'api-url': 'http://api.sendgrid.com' }],
    ['api-url', { 'api-url': 'https://user:pass@api.sendgrid.com' }],
    ['request-timeout', { 'request-timeout': '0' }],
    ['request-timeout', { 'request-timeout': '-5' }],
    ['request-timeout', { 'request-timeout': '30s' }],
    ['request-timeout', { 'request-timeout': '86400' }]
  ])("refuses a bad '%s' with an error that names it", (input, inputs) => {
    let thrown: unknown
    try {
      settingsFrom(inputs)
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(InputError)
    expect((thrown as InputError).input).toBe(input)
    expect((thrown as InputError).message).toContain(`'${input}'`)
  })

  it('never quotes a bad key in its error', () => {
    expect(() => settingsFrom({ 'api-key': 'SG.leaky key' })).toThrow(InputError)
    try {
      settingsFrom({ 'api-key': 'SG.leaky key' })
    } catch (error) {
      expect((error as Error).message).not.toContain('leaky')
    }
  })
})
