/** The files a runner executes: the committed bundle, and the `npm start` demo bundled beside it. */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { runAction } from '../stand-in/runner.js'
import { DEFAULT_STAND_IN_KEY, startStandIn, type StandIn } from '../stand-in/server.js'
import { startGitHubStandIn } from './helpers/github-stand-in.js'

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

describe('node dist/index.js against a GitHub that answers hugely', () => {
  it('cuts a 15 MiB error short before redacting it: the step ends in a small heap, warning, with its verdict', async () => {
    const github = await startGitHubStandIn('acme', 'mail', 7, { hugeRefusal: 15 * 1024 * 1024 })
    const dir = mkdtempSync(join(tmpdir(), 'enforced-tls-event-'))
    try {
      writeFileSync(join(dir, 'event.json'), JSON.stringify({ pull_request: { number: 7 } }))
      const run = await runAction(
        ACTION,
        { 'api-key': DEFAULT_STAND_IN_KEY, 'api-url': standIn.url, mode: 'plan', 'pr-comment': 'true', 'github-token': 'ghs_token' },
        {
          GITHUB_API_URL: github.url,
          GITHUB_EVENT_NAME: 'pull_request',
          GITHUB_EVENT_PATH: join(dir, 'event.json'),
          GITHUB_REPOSITORY: 'acme/mail',
          // Redacting the whole answer took 1.5 GB; cut first, the step needs a fraction of this.
          NODE_OPTIONS: '--max-old-space-size=192'
        }
      )
      expect(run.stderr).not.toContain('heap out of memory')
      expect(run.exitCode).toBe(0)
      const [warning = ''] = run.stdout.split('\n').filter((line) => line.startsWith('::warning::Could not comment'))
      expect(warning).toContain('Validation Failed: xxxx')
      expect(warning.length).toBeLessThan(2_000)
      expect(warning).toContain('The verdict above stands')
    } finally {
      rmSync(dir, { recursive: true, force: true })
      await github.close()
    }
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
