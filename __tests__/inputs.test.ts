import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals'
import { readInputs } from '../src/action/inputs.js'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { inputVariable } from '../stand-in/runner.js'
import { SettingError } from '../src/engine/settings/source.js'

const KEY = 'SG.test-key'

function clearInputs(): void {
  for (const name of Object.keys(process.env)) if (name.startsWith('INPUT_')) delete process.env[name]
}

function settingsFrom(inputs: Record<string, string>) {
  clearInputs()
  for (const [name, value] of Object.entries({ 'api-key': KEY, 'require-tls': 'true', ...inputs })) process.env[inputVariable(name)] = value
  return readInputs()
}

/** The error `work` throws; the test fails if it throws none. */
function thrownBy(work: () => unknown): Error {
  try {
    work()
  } catch (error) {
    return error as Error
  }
  throw new Error('expected an error, and none was thrown')
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
      forecast: { mode: 'auto', days: 7, requests: 1500, dnsServers: [] },
      reportDir: expect.any(String),
      workspace: process.cwd(),
      exportFile: expect.stringMatching(/sendgrid-enforced-tls-policy\.yml$/),
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
    ['subuser', { subuser: '日本' }],
    ['subuser', { subuser: 'soft\u00adhyphen' }],
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
    ['request-timeout', { 'request-timeout': '86400' }],
    ['request-timeout', { 'request-timeout': '0.001' }],
    ['request-timeout', { 'request-timeout': '0.5' }],
    ['request-timeout', { 'request-timeout': '301' }],
    ['api-key', { 'api-key': 'SG.clé-non-ascii' }],
    ['api-url', { 'api-url': 'http://127.attacker.example' }],
    ['api-url', { 'api-url': 'http://127.0.0.1.nip.io:8080' }],
    ['api-url', { 'api-url': 'http://localhost.attacker.example' }],
    ['api-url', { 'api-url': 'http://[::2]:8080' }],
    ['api-url', { 'api-url': 'http://127.0.0.1:8080/#' }],
    ['api-url', { 'api-url': 'https://api.sendgrid.com/?' }],
    ['api-key', { 'api-key': 'SG.short' }]
  ])("refuses a bad '%s' with an error that names it", (input, inputs) => {
    let thrown: unknown
    try {
      settingsFrom(inputs)
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(SettingError)
    expect((thrown as SettingError).names).toEqual([input])
    expect((thrown as SettingError).message).toContain(`'${input}'`)
  })

  it('takes request-timeout from 1 to 300 seconds', () => {
    expect(settingsFrom({ 'request-timeout': '1' }).requestTimeoutMs).toBe(1000)
    expect(settingsFrom({ 'request-timeout': '300' }).requestTimeoutMs).toBe(300_000)
  })

  it('allows http only to literal loopback addresses', () => {
    expect(settingsFrom({ 'api-url': 'http://127.1.2.3:8080' }).baseUrl).toBe('http://127.1.2.3:8080')
    expect(settingsFrom({ 'api-url': 'http://127.1:8080' }).baseUrl).toBe('http://127.0.0.1:8080')
    expect(settingsFrom({ 'api-url': 'http://[::1]:8080' }).baseUrl).toBe('http://[::1]:8080')
  })

  it.each([
    'https://user:hunter2@[bad',
    'user:hunter2@host:notaport',
    '//admin:hunter2@x y',
    'https://admin:hunter2secretpw/x@proxy.example'
  ])('never echoes the password of an api-url that does not parse: %s', (url) => {
    const error = thrownBy(() => settingsFrom({ 'api-url': url }))
    expect(error.message).toContain("Input 'api-url'")
    expect(error.message).not.toContain('hunter2')
  })

  it('refuses verify and apply that manage nothing, naming the three inputs, and lets plan show the setting', () => {
    for (const mode of ['verify', 'apply']) {
      expect(() => settingsFrom({ mode, 'require-tls': '' })).toThrow(
        "Inputs 'require-tls', 'require-valid-cert' and 'min-version' are all empty"
      )
    }
    expect(settingsFrom({ mode: 'plan', 'require-tls': '' }).desired).toEqual({})
  })

  describe('an empty key on a pull request', () => {
    function onPullRequest(event: object, env: Record<string, string>): string {
      const dir = mkdtempSync(join(tmpdir(), 'event-'))
      writeFileSync(join(dir, 'event.json'), JSON.stringify(event))
      const saved = { ...process.env }
      Object.assign(process.env, {
        GITHUB_EVENT_NAME: 'pull_request',
        GITHUB_EVENT_PATH: join(dir, 'event.json'),
        GITHUB_REPOSITORY: 'acme/mail',
        ...env
      })
      try {
        settingsFrom({ 'api-key': '' })
        return ''
      } catch (error) {
        return (error as Error).message
      } finally {
        process.env = saved
        rmSync(dir, { recursive: true, force: true })
      }
    }

    it('from a fork says GitHub gives it no secrets, with the guard to skip it', () => {
      const message = onPullRequest(
        { pull_request: { number: 1, head: { repo: { full_name: 'someone/mail' } } } },
        { GITHUB_ACTOR: 'someone' }
      )
      expect(message).toContain("Input 'api-key' is empty: this run is for a pull request from a fork")
      expect(message).toContain(
        "if: github.event.pull_request.head.repo.full_name == github.repository && github.actor != 'dependabot[bot]'"
      )
    })

    it('by Dependabot says the same', () => {
      const message = onPullRequest(
        { pull_request: { number: 1, head: { repo: { full_name: 'acme/mail' } } } },
        { GITHUB_ACTOR: 'dependabot[bot]' }
      )
      expect(message).toContain('opened by Dependabot')
    })

    it('from the repository itself points at the secret', () => {
      const message = onPullRequest(
        { pull_request: { number: 1, head: { repo: { full_name: 'acme/mail' } } } },
        { GITHUB_ACTOR: 'octocat' }
      )
      expect(message).toContain('check that the secret exists')
    })
  })

  it('never quotes a bad key in its error', () => {
    const error = thrownBy(() => settingsFrom({ 'api-key': 'SG.leaky key' }))
    expect(error).toBeInstanceOf(SettingError)
    expect(error.message).not.toContain('leaky')
  })
})
