/** Many targets in one step: selection, paging, isolation, counts, report, policy. */
import { afterEach, describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { run } from '../src/action/main.js'
import type { ReportEntry } from '../src/report/entries.js'
import { DEFAULT_STAND_IN_KEY, SCOPE_READ, SCOPE_UPDATE, startStandIn, type StoredSetting } from '../stand-in/server.js'
import { OPEN, STRICT, subusers } from './fixtures/fleets.js'
import { closeFleet, fleet, POLICY, reportOf, step } from './helpers/fleet-step.js'
import { annotations, runStep } from './helpers/workflow-step.js'

afterEach(closeFleet)

describe('target selection', () => {
  it('takes lists, counts a repeated name once, and adds the parent on request', async () => {
    const result = await step(
      { subusers: { a: STRICT, b: STRICT }, accounts: { '77': STRICT }, parent: STRICT },
      { ...POLICY, subuser: 'a,b\na', 'account-id': '77', 'include-parent': 'true' }
    )
    expect(result.exitCode).toBe(0)
    expect(reportOf(result.outputs).map((e) => e.target)).toEqual(['parent', 'a', 'b', 'account-id 77'])
    expect(fleet.standIn?.requests).toHaveLength(4)
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
    const pages = fleet.standIn?.requests.filter((r) => r.path === '/v3/subusers').map((r) => r.query.toString())
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
    expect(fleet.standIn?.requests.map((r) => r.path)).toEqual(['/v3/subusers'])
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
    fleet.standIn = await startStandIn({ parent: STRICT, subusers: { parent: OPEN }, accounts: { parent: STRICT } })
    // One target at a time: the fault meets the parent account's read, so its setting is unknown.
    fleet.standIn.inject({ kind: 'status', status: 400 })
    const result = await runStep(run, {
      'api-key': DEFAULT_STAND_IN_KEY,
      'api-url': fleet.standIn.url,
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
    expect(fleet.standIn?.setting('a')).toEqual({ require_tls: true, require_valid_cert: false, version: 1.2 })
  })
})

describe('counts', () => {
  it('agree in number: one target is not compliant, two are', async () => {
    const one = await step({ subusers: { a: OPEN, b: STRICT, c: STRICT, d: STRICT } }, { ...POLICY, subuser: 'a,b,c,d' })
    expect(annotations(one.stdout, 'error').at(-1)).toContain('1 of 4 targets is not compliant')
    expect(one.summary).toContain('❌ 1 of 4 targets is not compliant')
    await fleet.standIn?.close()
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

describe('allow-stricter', () => {
  const stricter: StoredSetting = { require_tls: true, require_valid_cert: true, version: 1.3 }
  const looser = { 'require-tls': 'false', 'require-valid-cert': 'false', 'min-version': '1.2' }

  it('counts a stricter setting as compliant, and apply leaves it alone', async () => {
    const result = await step({ parent: stricter }, { ...looser, mode: 'apply', 'allow-stricter': 'true' })
    expect(result.exitCode).toBe(0)
    expect(result.outputs).toMatchObject({ compliant: 'true', changed: 'false', 'min-version': '1.3' })
    expect(fleet.standIn?.requests.map((r) => r.method)).toEqual(['GET'])
  })

  it('without it, apply brings the account down to the policy', async () => {
    const result = await step({ parent: stricter }, { ...looser, mode: 'apply' })
    expect(fleet.standIn?.requests[1]?.body).toEqual({ require_tls: false, require_valid_cert: false, version: 1.2 })
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
