/** Many targets in one step: selection, paging, pacing, isolation, report, policy and advice. */
import { afterEach, describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { run } from '../src/action/main.js'
import type { ReportEntry } from '../src/report/entries.js'
import {
  DEFAULT_STAND_IN_KEY,
  SCOPE_READ,
  SCOPE_UPDATE,
  startStandIn,
  type StandIn,
  type StandInOptions,
  type StoredSetting
} from '../stand-in/server.js'
import { OPEN, STRICT, subusers } from './fixtures/fleets.js'
import { brokenRows, liveText } from './helpers/markdown.js'
import { annotations, runStep } from './helpers/workflow-step.js'

let standIn: StandIn | undefined
afterEach(() => standIn?.close())

async function step(options: StandInOptions, inputs: Record<string, string>) {
  standIn = await startStandIn(options)
  return runStep(run, { 'api-key': DEFAULT_STAND_IN_KEY, 'api-url': standIn.url, ...inputs })
}

function reportOf(outputs: Record<string, string>): ReportEntry[] {
  return JSON.parse(outputs['report'] ?? '[]') as ReportEntry[]
}

const POLICY = { 'require-tls': 'true', 'min-version': '1.2' }

describe('target selection', () => {
  it('takes lists, counts a repeated name once, and adds the parent on request', async () => {
    const result = await step(
      { subusers: { a: STRICT, b: STRICT }, accounts: { '77': STRICT }, parent: STRICT },
      { ...POLICY, subuser: 'a,b\na', 'account-id': '77', 'include-parent': 'true' }
    )
    expect(result.exitCode).toBe(0)
    expect(reportOf(result.outputs).map((e) => e.target)).toEqual(['parent', 'a', 'b', 'account-id 77'])
    expect(standIn?.requests).toHaveLength(4)
    const strict = { require_tls: true, require_valid_cert: false, version: 1.2 }
    expect(JSON.parse(result.outputs['result'] ?? '')).toEqual({
      parent: strict,
      subusers: { a: strict, b: strict },
      accounts: { '77': strict }
    })
    expect(result.outputs['require-tls']).toBeUndefined()
  })

  it('lists every subuser with *, page by page, never assuming one page holds them all', async () => {
    const result = await step(
      { subusers: subusers(1203), rateLimit: { limit: 100_000, windowMs: 60_000 } },
      { ...POLICY, subuser: '*', concurrency: '32' }
    )
    expect(result.exitCode).toBe(0)
    const pages = standIn?.requests.filter((r) => r.path === '/v3/subusers').map((r) => r.query.toString())
    expect(pages).toEqual([
      'limit=500&offset=0&include_region=true',
      'limit=500&offset=500&include_region=true',
      'limit=500&offset=1000&include_region=true',
      // 203 names on the last page prove nothing: only an empty page ends the listing.
      'limit=500&offset=1203&include_region=true'
    ])
    const report = reportOf(result.outputs)
    expect(report).toHaveLength(1203)
    expect(new Set(report.map((e) => e.target)).size).toBe(1203)
    expect(result.outputs['compliant']).toBe('true')
  })

  it('with * and one subuser, keeps the several-targets shape: no parent, and an empty group stays', async () => {
    const result = await step({ subusers: { only: STRICT } }, { ...POLICY, subuser: '*' })
    expect(JSON.parse(result.outputs['prior'] ?? '')).toEqual({
      subusers: { only: { require_tls: true, require_valid_cert: false, version: 1.2 } },
      accounts: {}
    })
  })

  it('with * and a key that may not list subusers, fails naming the scope, and touches nothing', async () => {
    const result = await step(
      { subusers: { a: OPEN }, keys: { [DEFAULT_STAND_IN_KEY]: [SCOPE_READ, SCOPE_UPDATE] } },
      { ...POLICY, mode: 'apply', subuser: '*' }
    )
    expect(result.exitCode).toBe(1)
    expect(annotations(result.stdout, 'error')[0]).toContain('The API key lacks the scope subusers.read')
    expect(result.outputs).toMatchObject({ compliant: 'false', changed: 'false', report: '[]' })
    expect(result.summary).toContain('No target was read or changed.')
    expect(standIn?.requests.map((r) => r.path)).toEqual(['/v3/subusers'])
  })

  it('with * and no subusers, a check fails: it checked nothing', async () => {
    const result = await step({}, { ...POLICY, subuser: '*' })
    expect(result.exitCode).toBe(1)
    expect(annotations(result.stdout, 'error').join()).toContain('No targets')
    expect(result.summary).toContain('No targets')
  })

  it('with * and no subusers, a plan says there is nothing to plan', async () => {
    const result = await step({}, { ...POLICY, mode: 'plan', subuser: '*' })
    expect(result.exitCode).toBe(0)
    expect(annotations(result.stdout, 'warning').join()).toContain('No targets')
    expect(result.summary).toContain('No targets')
  })
})

describe('a subuser named parent', () => {
  it('keeps its own entry beside the parent account, in the outputs, the report and the summary', async () => {
    standIn = await startStandIn({ parent: STRICT, subusers: { parent: OPEN }, accounts: { parent: STRICT } })
    // One target at a time: the fault meets the parent account's read, so its setting is unknown.
    standIn.inject({ kind: 'status', status: 400 })
    const result = await runStep(run, {
      'api-key': DEFAULT_STAND_IN_KEY,
      'api-url': standIn.url,
      ...POLICY,
      subuser: 'parent',
      'account-id': 'parent',
      'include-parent': 'true',
      concurrency: '1'
    })
    const open = { require_tls: false, require_valid_cert: false, version: 1.1 }
    const strict = { require_tls: true, require_valid_cert: false, version: 1.2 }
    expect(JSON.parse(result.outputs['prior'] ?? '')).toEqual({ parent: null, subusers: { parent: open }, accounts: { parent: strict } })
    expect(JSON.parse(result.outputs['result'] ?? '')).toEqual({ parent: null, subusers: { parent: open }, accounts: { parent: strict } })
    expect(reportOf(result.outputs).map((e) => [e.kind, e.target])).toEqual([
      ['parent', 'parent'],
      ['subuser', 'parent'],
      ['account', 'account-id parent']
    ])
    expect(result.summary).toContain('| *parent account* | ❌ failed |')
    expect(result.summary).toContain('| `parent` | ❌ drift |')
    expect(result.summary).toContain('| customer account `parent` | ✅ compliant |')
  })
})

describe('pacing by the rate-limit headers', () => {
  it('keeps a large run within the limit: it waits for the windows instead of meeting 429s', async () => {
    const result = await step(
      { subusers: subusers(100), rateLimit: { limit: 35, windowMs: 1000 } },
      { ...POLICY, subuser: '*', concurrency: '16' }
    )
    expect(result.exitCode).toBe(0)
    expect(reportOf(result.outputs)).toHaveLength(100)
    // 102 requests at 35 a window span three windows. Pacing may meet a 429 at a window's edge, no
    // more; how close the run comes to the floor the limit sets is measured by `npm run bench`.
    expect(standIn?.rateLimited()).toBeLessThanOrEqual(2)
    expect(result.stdout).toMatch(/Rate limit of \/v3\/user\/settings\/enforced_tls used up \(35 per window\): pausing/)
  })
})

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
    expect(standIn?.requests.map((r) => r.path)).toEqual(['/v3/user/settings/enforced_tls', '/v3/subusers'])
  })

  it('a listed subuser refused for a missing scope needs no lookup to say so', async () => {
    const result = await step(
      { subusers: { a: STRICT }, keys: { [DEFAULT_STAND_IN_KEY]: [SCOPE_UPDATE, 'subusers.read'] } },
      { ...POLICY, subuser: '*' }
    )
    expect(reportOf(result.outputs)[0]?.error).toContain(
      'The subuser exists, so the API key lacks the scope user.settings.enforced_tls.read'
    )
    expect(standIn?.requests.map((r) => r.path)).toEqual(['/v3/subusers', '/v3/subusers', '/v3/user/settings/enforced_tls'])
  })
})

describe('failure isolation', () => {
  it('one target failing never stops the others, and every outcome is reported', async () => {
    const result = await step({ subusers: { a: OPEN, b: STRICT, c: OPEN } }, { ...POLICY, mode: 'apply', subuser: 'a, ghost, b, c' })
    expect(result.exitCode).toBe(1)
    const report = reportOf(result.outputs)
    expect(report.map((e) => [e.target, e.compliant, e.changed])).toEqual([
      ['a', true, true],
      ['ghost', false, false],
      ['b', true, false],
      ['c', true, true]
    ])
    expect(report[1]?.error).toContain("There is no subuser 'ghost' under the key's account")
    expect(report[0]?.differences).toEqual(['require_tls', 'version'])
    expect(result.outputs).toMatchObject({ compliant: 'false', changed: 'true' })
    expect(annotations(result.stdout, 'error')[0]).toContain('ghost: GET /v3/user/settings/enforced_tls for subuser ghost')
    expect(standIn?.setting('a')).toEqual({ require_tls: true, require_valid_cert: false, version: 1.2 })
  })
})

describe('counts', () => {
  it('agree in number: one target is not compliant, two are', async () => {
    const one = await step({ subusers: { a: OPEN, b: STRICT, c: STRICT, d: STRICT } }, { ...POLICY, subuser: 'a,b,c,d' })
    expect(annotations(one.stdout, 'error').at(-1)).toContain('1 of 4 targets is not compliant')
    expect(one.summary).toContain('❌ 1 of 4 targets is not compliant')
    await standIn?.close()
    const two = await step({ subusers: { a: OPEN, b: OPEN, c: STRICT, d: STRICT } }, { ...POLICY, subuser: 'a,b,c,d' })
    expect(annotations(two.stdout, 'error').at(-1)).toContain('2 of 4 targets are not compliant')
    expect(two.summary).toContain('❌ 2 of 4 targets are not compliant')
  })
})

describe('failures beside drift and pending changes', () => {
  it('a plan counts its failures and its changes apart, fails, and still announces the changes', async () => {
    const result = await step({ subusers: { a: OPEN, b: OPEN, c: STRICT } }, { ...POLICY, mode: 'plan', subuser: 'a,b,c,ghost' })
    expect(result.exitCode).toBe(1)
    expect(result.summary).toContain('### SendGrid Enforced TLS: ❌ 1 of 4 targets failed · 📝 apply would change 2 of 4 targets\n')
    expect(annotations(result.stdout, 'notice')).toEqual(['Plan: apply would change 2 of 4 targets'])
    expect(annotations(result.stdout, 'error').at(-1)).toBe('1 of 4 targets failed: see the job summary and the report output.')
  })

  it('verify tells drift (the account) from failure (SendGrid, the key, the network)', async () => {
    const result = await step({ subusers: { a: OPEN, b: OPEN, c: STRICT } }, { ...POLICY, subuser: 'a,b,c,ghost' })
    expect(result.exitCode).toBe(1)
    expect(result.summary).toContain('❌ 3 of 4 targets are not compliant (2 drifted, 1 failed)\n')
    expect(annotations(result.stdout, 'error').at(-1)).toContain('3 of 4 targets are not compliant (2 drifted, 1 failed)')
  })

  it('apply counts what it changed beside what failed', async () => {
    const result = await step({ subusers: { a: OPEN, b: OPEN, c: STRICT } }, { ...POLICY, mode: 'apply', subuser: 'a,b,c,ghost' })
    expect(result.summary).toContain('❌ 1 of 4 targets failed · ✅ 2 changed\n')
  })
})

describe('report and summary', () => {
  it('writes the whole report to report-file', async () => {
    const result = await step({ subusers: { a: OPEN, b: STRICT } }, { ...POLICY, subuser: 'a,b' })
    const file = JSON.parse(readFileSync(result.outputs['report-file'] ?? '', 'utf8')) as ReportEntry[]
    expect(file).toEqual(reportOf(result.outputs))
    expect(file[0]).toEqual({
      target: 'a',
      kind: 'subuser',
      prior: { require_tls: false, require_valid_cert: false, version: 1.1 },
      desired: { require_tls: true, version: 1.2 },
      result: { require_tls: false, require_valid_cert: false, version: 1.1 },
      changed: false,
      compliant: false,
      differences: ['require_tls', 'version'],
      forecast: null,
      error: null
    })
  })

  it('puts drifted targets first under the counts, and folds compliant ones past 50', async () => {
    const many = { ...subusers(60), drifted: OPEN }
    const result = await step({ subusers: many }, { ...POLICY, subuser: '*' })
    expect(result.summary).toContain('❌ 1 of 61 targets is not compliant')
    const rows = result.summary
      .split('\n')
      .filter((line) => line.startsWith('| ') && !line.startsWith('| Target') && !line.startsWith('| ---'))
    expect(rows[0]).toBe('| `drifted` | ❌ drift | ❌ `false` → `true` | ❌ `1.1` → `1.2` |  |')
    expect(result.summary).toContain('<details><summary>60 compliant targets</summary>')
    expect(result.summary.indexOf('| drifted')).toBeLessThan(result.summary.indexOf('<details>'))
  })

  it('states the policy under the headline, and a drifted value beside the one wanted', async () => {
    const result = await step({ subusers: { a: OPEN, b: STRICT } }, { ...POLICY, subuser: 'a,b' })
    const lines = result.summary.split('\n')
    expect(lines.slice(0, 3)).toEqual([
      '### SendGrid Enforced TLS: ❌ 1 of 2 targets is not compliant (1 drifted)',
      '',
      '**Policy:** `require_tls` = `true` · `version` = `1.2`'
    ])
    expect(result.summary).toContain('| `a` | ❌ drift | ❌ `false` → `true` | ❌ `1.1` → `1.2` |  |')
    expect(result.summary).toContain('| `b` | ✅ compliant | `true` | `1.2` |  |')
  })

  it('shows before → after in apply', async () => {
    const result = await step({ subusers: { a: OPEN, b: STRICT } }, { ...POLICY, mode: 'apply', subuser: 'a,b' })
    expect(result.summary).toContain('| `a` | ✅ changed | `false` → `true` | `1.1` → `1.2` |  |')
    expect(result.summary).toContain('| `b` | ✅ compliant | `true` | `1.2` |  |')
  })
})

describe('text from SendGrid in the summary', () => {
  const NAMES = ['[x](https://evil.example)', '@octocat', 'a|b', '`tick`', '<img/src=x>', '<!--']
  const BODY =
    '{"errors":[{"field":null,"message":"see [here](https://evil.example) ![x](https://evil.example/i.png) @octocat <script>alert(1)</script> a|b ``x``"}],\n\n"help":"www.evil.example <!--"}'
  const LIVE = /\]\(|!\[|https?:|www\.|@octocat|<script|<img|<!--/

  it('names, error bodies and advice are shown as code, never rendered', async () => {
    standIn = await startStandIn({ subusers: Object.fromEntries(NAMES.map((name) => [name, { ...OPEN }])) })
    // One target at a time, so the fault meets the first name's read.
    standIn.inject({ kind: 'status', status: 400, body: BODY })
    const result = await runStep(run, {
      'api-key': DEFAULT_STAND_IN_KEY,
      'api-url': standIn.url,
      'min-version': '1.2',
      mode: 'plan',
      subuser: [...NAMES, '@ghost[y](https://evil.example)'].join(','),
      concurrency: '1'
    })
    expect(result.summary).toContain('see [here](https://evil.example)')
    expect(result.summary).toContain('There is no subuser')
    expect(result.summary).toContain('has no effect on')
    expect(liveText(result.summary)).not.toMatch(LIVE)
    expect(brokenRows(result.summary)).toEqual([])
  })

  it('the error of a listing that failed is shown as code, never rendered', async () => {
    standIn = await startStandIn({})
    standIn.inject({ kind: 'status', status: 400, body: BODY })
    const result = await runStep(run, { 'api-key': DEFAULT_STAND_IN_KEY, 'api-url': standIn.url, ...POLICY, subuser: '*' })
    expect(result.summary).toContain('No target was read or changed')
    expect(result.summary).toContain('see [here](https://evil.example)')
    expect(liveText(result.summary)).not.toMatch(LIVE)
  })
})

describe('allow-stricter', () => {
  const stricter: StoredSetting = { require_tls: true, require_valid_cert: true, version: 1.3 }
  const looser = { 'require-tls': 'false', 'require-valid-cert': 'false', 'min-version': '1.2' }

  it('counts a stricter setting as compliant, and apply leaves it alone', async () => {
    const result = await step({ parent: stricter }, { ...looser, mode: 'apply', 'allow-stricter': 'true' })
    expect(result.exitCode).toBe(0)
    expect(result.outputs).toMatchObject({ compliant: 'true', changed: 'false', 'min-version': '1.3' })
    expect(standIn?.requests.map((r) => r.method)).toEqual(['GET'])
  })

  it('without it, apply brings the account down to the policy', async () => {
    const result = await step({ parent: stricter }, { ...looser, mode: 'apply' })
    expect(standIn?.requests[1]?.body).toEqual({ require_tls: false, require_valid_cert: false, version: 1.2 })
    expect(result.outputs['changed']).toBe('true')
  })

  it('still reports a looser setting as drift', async () => {
    const result = await step(
      { parent: { require_tls: false, require_valid_cert: false, version: 1.1 } },
      { 'min-version': '1.2', 'allow-stricter': 'true' }
    )
    expect(result.exitCode).toBe(1)
  })
})

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

describe('thousands of targets', () => {
  it('keep the outputs under 1 MB and the summary under 1 MiB, with the whole report in report-file', async () => {
    const many = { ...subusers(2000, OPEN), ...Object.fromEntries(Object.entries(subusers(2000)).map(([name, s]) => [`ok-${name}`, s])) }
    const result = await step(
      { subusers: many, rateLimit: { limit: 100_000, windowMs: 60_000 } },
      { ...POLICY, subuser: '*', concurrency: '32' }
    )
    expect(result.exitCode).toBe(1)
    const file = JSON.parse(readFileSync(result.outputs['report-file'] ?? '', 'utf8')) as ReportEntry[]
    expect(file).toHaveLength(4000)
    const report = reportOf(result.outputs)
    expect(Buffer.byteLength(result.outputs['report'] ?? '')).toBeLessThanOrEqual(900_000)
    expect(report).toHaveLength(2000)
    expect(report.every((entry) => !entry.compliant)).toBe(true)
    expect(annotations(result.stdout, 'warning').join('\n')).toContain("'report' holds the targets that are not compliant")
    expect(Buffer.byteLength(result.summary)).toBeLessThan(1024 * 1024)
    expect(result.summary).toContain('2000 of 4000 targets are not compliant')
    expect(result.summary).toContain('2000 compliant targets, not listed here: see the report file.')
    // Nine targets and the verdict: GitHub shows ten error annotations of a step.
    expect(annotations(result.stdout, 'error')).toHaveLength(10)
    expect(annotations(result.stdout, 'error').at(-1)).toContain('the first 9 are annotated')
    // 4,000 targets through a real server take seconds; on a machine shared with other work, more.
  }, 60_000)
})
