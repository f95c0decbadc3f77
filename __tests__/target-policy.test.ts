/**
 * Each target held to its own layered policy, through both faces against the SendGrid stand-in:
 * annotations on the lines of the policy file that set each field, and what the user is told.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { ReportEntry } from '../src/report/entries.js'
import { startStandIn } from '../stand-in/server.js'
import { cli, closeWorkspace, FLEET, OPEN, openWorkspace, policyRun, step, STRICT } from './helpers/policy-workspace.js'
import { placedAnnotations } from './helpers/workflow-step.js'

beforeEach(openWorkspace)
afterEach(closeWorkspace)

describe('verify with a policy file', () => {
  it('holds each target to its own layered policy, and leaves excluded subusers unread', async () => {
    const result = await step(FLEET, { mode: 'verify' })
    expect(result.exitCode).toBe(0)
    const report = JSON.parse(result.outputs['report'] ?? '[]') as ReportEntry[]
    expect(report.map((entry) => [entry.target, entry.desired, entry.compliant])).toEqual([
      ['parent', { require_tls: true, require_valid_cert: true, version: 1.2 }, true],
      ['legacy-billing', { require_tls: true, require_valid_cert: false, version: 1.2 }, true],
      ['old', { require_tls: true, require_valid_cert: true, version: 1.2 }, true],
      ['plain', { require_tls: true, require_valid_cert: true, version: 1.2 }, true]
    ])
    expect(policyRun.standIn.requests.some((r) => r.headers['on-behalf-of'] === 'sandbox-1')).toBe(false)
    expect(result.summary).toContain('`require_valid_cert` = `false` (line 11, until 2099-03-31)')
  })

  it('warns of an ended exception on its line, and holds the target to the rest', async () => {
    const result = await step({ ...FLEET, subusers: { ...FLEET.subusers, old: { ...STRICT, require_tls: false } } }, { mode: 'verify' })
    expect(placedAnnotations(result.stdout, 'warning')).toContainEqual({
      file: 'policy.yml',
      line: 17,
      col: 14,
      message:
        'exception for old expired on 2020-01-31: it no longer applies, and the target is held to the rest of the policy (migration (OPS-7))'
    })
    expect(result.exitCode).toBe(1)
    expect(placedAnnotations(result.stdout, 'error')[0]).toEqual({
      file: 'policy.yml',
      line: 3,
      col: 3,
      message: "subuser old does not match the policy's default (line 3): require_tls is false, policy wants true"
    })
  })

  it('points each drift at the line of the entry that set the field in question', async () => {
    const drifted = {
      ...FLEET,
      subusers: { ...FLEET.subusers, 'legacy-billing': { require_tls: false, require_valid_cert: true, version: 1.2 } }
    }
    const result = await step(drifted, { mode: 'verify' })
    expect(result.exitCode).toBe(1)
    expect(placedAnnotations(result.stdout, 'error').filter((c) => c.file)).toEqual([
      {
        file: 'policy.yml',
        line: 3,
        col: 3,
        message: "subuser legacy-billing does not match the policy's default (line 3): require_tls is false, policy wants true"
      },
      {
        file: 'policy.yml',
        line: 11,
        col: 5,
        message:
          "subuser legacy-billing does not match the policy's entry at line 10 (subuser legacy-billing): require_valid_cert is true, policy wants false"
      }
    ])
  })

  it('in a plan, shows what apply would change on the lines that ask for it', async () => {
    const drifted = {
      ...FLEET,
      subusers: { ...FLEET.subusers, 'legacy-billing': { require_tls: false, require_valid_cert: true, version: 1.2 } }
    }
    const result = await step(drifted, { mode: 'plan', forecast: 'off' })
    expect(result.exitCode).toBe(0)
    expect(placedAnnotations(result.stdout, 'notice').filter((c) => c.file)).toEqual([
      {
        file: 'policy.yml',
        line: 3,
        col: 3,
        message:
          "subuser legacy-billing: apply would change it to match the policy's default (line 3): require_tls is false, policy wants true"
      },
      {
        file: 'policy.yml',
        line: 11,
        col: 5,
        message:
          "subuser legacy-billing: apply would change it to match the policy's entry at line 10 (subuser legacy-billing): require_valid_cert is true, policy wants false"
      }
    ])
  })

  it('points a failure at the entry that named the target', async () => {
    const result = await step(FLEET, { mode: 'verify' }, `version: 1\ndefault:\n  require-tls: true\ntargets:\n  - subuser: ghost\n`)
    expect(result.exitCode).toBe(1)
    expect(placedAnnotations(result.stdout, 'error')[0]).toMatchObject({ file: 'policy.yml', line: 5, col: 5 })
  })

  it('fails a target whose policy manages nothing, without reading it', async () => {
    const result = await step(FLEET, { mode: 'verify' }, `version: 1\ntargets:\n  - subuser: plain\n`)
    expect(result.exitCode).toBe(1)
    expect(result.stdout).toContain('leaves every field unmanaged for this target')
    expect(policyRun.standIn.requests).toEqual([])
  })

  it('fails a check whose globs select no subuser, saying the policy file chose none', async () => {
    const result = await step(FLEET, { mode: 'verify' }, `version: 1\ndefault:\n  require-tls: true\ntargets:\n  - subuser: "eu-*"\n`)
    expect(result.exitCode).toBe(1)
    expect(result.stdout).toContain(
      '::error::No targets: the policy file selects none of the subusers the account lists (its globs and exclusions leave none), so verify checked nothing'
    )
  })

  it('warns of a glob that matched no subuser, at its line', async () => {
    const result = await step(
      FLEET,
      { mode: 'plan' },
      `version: 1\ndefault:\n  require-tls: true\ntargets:\n  - parent: true\n  - subuser: "eu-*"\n`
    )
    expect(placedAnnotations(result.stdout, 'warning')).toContainEqual({
      file: 'policy.yml',
      line: 6,
      col: 5,
      message: 'subuser eu-* matches no subuser of the account'
    })
  })
})

describe('what the user is told', () => {
  const DRIFTED = { parent: { ...OPEN }, subusers: { a: { ...OPEN }, b: { ...OPEN } } }
  const SIMPLE = `version: 1\ndefault:\n  require-tls: true\ntargets:\n  - parent: true\n  - subuser: "*"\n`

  it('names every input that cannot stand beside a policy file, in one error', async () => {
    const result = await step(DRIFTED, { 'require-tls': 'true', 'min-version': '1.2', subuser: 'a' }, SIMPLE)
    expect(result.stdout).toContain(
      "::error::Inputs 'policy-file', 'require-tls', 'min-version' and 'subuser' cannot be used together: the policy file says what each target enforces and which targets there are, so inputs 'require-tls', 'min-version' and 'subuser' must be empty"
    )
    expect(policyRun.standIn.requests).toEqual([])
  })

  it('refuses a policy beside an export, which would ignore it', async () => {
    const result = await step(DRIFTED, { mode: 'export', 'policy-file': '', 'require-tls': 'true' }, undefined)
    expect(result.stdout).toContain(
      "::error::Input 'require-tls' has no effect in export, which pins each target's setting as it finds it: it must be empty"
    )
    expect(policyRun.standIn.requests).toEqual([])
  })

  it('headlines an export as an export, not as a compliance verdict', async () => {
    const result = await step(DRIFTED, { mode: 'export', 'policy-file': '', subuser: '*' }, undefined)
    expect(result.summary).toContain('📤 Export: 2 targets read and pinned')
    expect(result.summary).not.toContain('compliant')
  })

  it('shows a held field as what apply wanted, not as a change', async () => {
    const result = await step(DRIFTED, { mode: 'apply', 'max-changes': '1', forecast: 'off' }, SIMPLE)
    expect(result.summary).toContain('| ✋ held | ✋ `false` → `true` |')
  })

  it('tells the max-changes count on a terminal too', async () => {
    policyRun.standIn = await startStandIn(DRIFTED)
    await writeFile(join(policyRun.workspace, 'policy.yml'), SIMPLE)
    const { code, stdout } = await cli([
      'plan',
      '--api-url',
      policyRun.standIn.url,
      '--policy-file',
      'policy.yml',
      '--max-changes',
      '1',
      '--forecast',
      'off'
    ])
    expect(code).toBe(2)
    expect(stdout).toContain('--max-changes: apply would change 3 targets, the limit is 1: an apply would change none of them, and fail.')
  })
})
