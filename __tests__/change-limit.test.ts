/** The max-changes rail on an apply with a policy file, through the action against the SendGrid stand-in. */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import type { ReportEntry } from '../src/report/entries.js'
import { closeWorkspace, OPEN, openWorkspace, policyRun, step, STRICT } from './helpers/policy-workspace.js'
import { placedAnnotations } from './helpers/workflow-step.js'

beforeEach(openWorkspace)
afterEach(closeWorkspace)

describe('max-changes', () => {
  const DRIFTED = { parent: { ...OPEN }, subusers: { a: { ...OPEN }, b: { ...OPEN }, c: { ...STRICT } } }
  const SIMPLE = `version: 1\ndefault:\n  require-tls: true\ntargets:\n  - parent: true\n  - subuser: "*"\n`

  it('holds an apply that would change more targets than allowed: nothing is written, the step fails and lists them', async () => {
    const result = await step(DRIFTED, { mode: 'apply', 'max-changes': '2' }, SIMPLE)
    expect(result.exitCode).toBe(1)
    expect(policyRun.standIn.requests.filter((r) => r.method === 'PATCH')).toEqual([])
    const report = JSON.parse(result.outputs['report'] ?? '[]') as ReportEntry[]
    expect(report.filter((e) => e.error).map((e) => [e.target, e.error])).toEqual([
      ['parent', 'not changed: apply would change 3 targets, more than max-changes allows (2), so it changed none'],
      ['a', 'not changed: apply would change 3 targets, more than max-changes allows (2), so it changed none'],
      ['b', 'not changed: apply would change 3 targets, more than max-changes allows (2), so it changed none']
    ])
    expect(result.outputs['changed']).toBe('false')
    expect(result.summary).toContain('✋ held')
    expect(result.summary).toContain('**max-changes:** ✋ apply would have changed 3 targets, more than the limit of 2, so it changed none')
  })

  it('takes a share of the targets read, not of names that do not exist', async () => {
    const ghosts = `${SIMPLE}  - subuser: ghost-1\n  - subuser: ghost-2\n  - subuser: ghost-3\n  - subuser: ghost-4\n`
    const result = await step(DRIFTED, { mode: 'apply', 'max-changes': '50%', forecast: 'off' }, ghosts)
    expect(policyRun.standIn.requests.filter((r) => r.method === 'PATCH')).toEqual([])
    expect(result.summary).toContain('more than the limit of 50% of 4 targets read, so 2, so it changed none')
  })

  it('lets an apply within the limit go ahead, a share of the targets too', async () => {
    const result = await step(DRIFTED, { mode: 'apply', 'max-changes': '75%' }, SIMPLE)
    expect(result.exitCode).toBe(0)
    expect(policyRun.standIn.requests.filter((r) => r.method === 'PATCH')).toHaveLength(3)
  })

  it('shows the count against the limit in a plan, without failing it', async () => {
    const result = await step(DRIFTED, { mode: 'plan', 'max-changes': '50%' }, SIMPLE)
    expect(result.exitCode).toBe(0)
    expect(placedAnnotations(result.stdout, 'notice').map((c) => c.message)).toContain(
      'max-changes: apply would change 3 targets, the limit is 50% of 4 targets read, so 2: an apply would change none of them, and fail'
    )
  })

  it.each(['-1', 'x', '101%', '10 targets'])('refuses max-changes: %s before any request', async (value) => {
    const result = await step(DRIFTED, { mode: 'apply', 'max-changes': value }, SIMPLE)
    expect(result.stdout).toContain(
      `::error::Input 'max-changes' must be a number of targets such as 10, or a share of the targets such as 20%`
    )
    expect(policyRun.standIn.requests).toEqual([])
  })
})
