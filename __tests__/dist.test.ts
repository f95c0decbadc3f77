/** The files a runner executes: the committed bundle, and the `npm start` demo bundled beside it. */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { runAction } from '../stand-in/runner.js'
import { DEFAULT_STAND_IN_KEY, startStandIn, type StandIn } from '../stand-in/server.js'

const ACTION = resolve('dist/index.js')
let standIn: StandIn

beforeEach(async () => {
  standIn = await startStandIn({ subusers: { ops: { require_tls: false, require_valid_cert: false } }, float32Versions: true })
})
afterEach(() => standIn.close())

describe('node dist/index.js', () => {
  it('applies a policy to a subuser and reports it through the runner files', async () => {
    const run = await runAction(ACTION, {
      'api-key': DEFAULT_STAND_IN_KEY,
      'api-url': standIn.url,
      mode: 'apply',
      subuser: 'ops',
      'require-tls': 'true',
      'require-valid-cert': 'true',
      'min-version': '1.3'
    })
    expect(run.exitCode).toBe(0)
    expect(run.outputs).toMatchObject({
      compliant: 'true',
      changed: 'true',
      prior: '{"require_tls":false,"require_valid_cert":false,"version":1.1}',
      result: '{"require_tls":true,"require_valid_cert":true,"version":1.3}',
      'require-tls': 'true',
      'require-valid-cert': 'true',
      'min-version': '1.3'
    })
    expect(run.summary).toContain('✅ Applied: 3 settings changed and confirmed')
    // The bundle's lazily loaded forecast runs too: the subuser's id, then its Email Logs, by id.
    expect(standIn.requests.map((r) => `${r.method} ${r.path} ${String(r.headers['on-behalf-of'])}`)).toEqual([
      'GET /v3/user/settings/enforced_tls ops',
      'GET /v3/subusers undefined',
      'POST /v3/logs undefined',
      'PATCH /v3/user/settings/enforced_tls ops',
      'GET /v3/user/settings/enforced_tls ops'
    ])
  })

  it('fails a verify on drift with exit code 1 and an error annotation', async () => {
    const run = await runAction(ACTION, { 'api-key': DEFAULT_STAND_IN_KEY, 'api-url': standIn.url, 'require-tls': 'true' })
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toContain(
      '::error::Enforced TLS of the parent account does not match the policy: require_tls is false, policy wants true'
    )
  })
})

describe('dist/licenses.txt', () => {
  it('names every package bundled into dist/, those of lazily loaded chunks included', () => {
    const licences = readFileSync('dist/licenses.txt', 'utf8')
    for (const pkg of ['@actions/core@', 'node-fetch@', 'fetch-blob@', '@actions/github@', '@octokit/core@']) {
      expect(licences).toContain(`\n${pkg}`)
    }
  })

  it('names no undici: the stand-in for it (tsconfig.json paths) keeps 900 KB the action never runs out of its start', () => {
    expect(readFileSync('dist/licenses.txt', 'utf8')).not.toContain('\nundici@')
    expect(readFileSync('dist/index.js', 'utf8')).not.toContain('undici')
  })
})
