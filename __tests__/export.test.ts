/**
 * Export: a policy file that pins today's setting and verifies as compliant read back, through the
 * action and the command line against the SendGrid stand-in.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { ReportEntry } from '../src/report/entries.js'
import { startStandIn } from '../stand-in/server.js'
import { cli, closeWorkspace, FLEET, LEGACY, OPEN, openWorkspace, POLICY, policyRun, step, STRICT } from './helpers/policy-workspace.js'
import { placedAnnotations } from './helpers/workflow-step.js'

beforeEach(openWorkspace)
afterEach(closeWorkspace)

describe('mode: export', () => {
  const ODD = { parent: { ...STRICT }, subusers: { plain: { ...STRICT }, 'odd"name":#1': { ...LEGACY }, weak: { ...OPEN } } }

  it('writes a policy file that pins today’s setting, and that verifies as compliant read back', async () => {
    const exported = await step(
      ODD,
      { mode: 'export', 'policy-file': '', subuser: '*', 'include-parent': 'true', 'export-file': 'pinned.yml' },
      undefined
    )
    expect(exported.exitCode).toBe(0)
    expect(exported.outputs['export-file']).toBe(join(policyRun.workspace, 'pinned.yml'))
    const text = await readFile(join(policyRun.workspace, 'pinned.yml'), 'utf8')
    expect(text).toContain('default:\n  require-tls: true\n  require-valid-cert: true\n  min-version: "1.2"\n')
    expect(text).toContain('  - subuser: "odd\\"name\\":#1"\n    require-valid-cert: false\n')
    expect(policyRun.standIn.requests.every((r) => r.method === 'GET')).toBe(true)
    await policyRun.standIn.close()

    const verified = await step(ODD, { mode: 'verify', 'policy-file': 'pinned.yml' }, undefined)
    expect(verified.exitCode).toBe(0)
    expect(verified.outputs['compliant']).toBe('true')
    expect((JSON.parse(verified.outputs['report'] ?? '[]') as ReportEntry[]).map((e) => e.target).sort()).toEqual(
      ['odd"name":#1', 'parent', 'plain', 'weak'].sort()
    )
  })

  it('writes a name holding a wildcard as that name alone, so reading it back weakens no other subuser', async () => {
    const on = { ...STRICT }
    const weak = { ...OPEN, version: 1.2 }
    const fleet = {
      subusers: { production: on, 'prod-eu': { ...on }, other: { ...on }, third: { ...on }, 'prod*': weak, '*': { ...weak } }
    }
    const exported = await step(fleet, { mode: 'export', 'policy-file': '', subuser: '*', 'export-file': 'pinned.yml' }, undefined)
    expect(exported.exitCode).toBe(0)
    const text = await readFile(join(policyRun.workspace, 'pinned.yml'), 'utf8')
    expect(text).toContain('  - subuser: "prod\\\\*"\n')
    expect(text).toContain('  - subuser: "\\\\*"\n')
    await policyRun.standIn.close()
    const verified = await step(fleet, { mode: 'verify', 'policy-file': 'pinned.yml' }, undefined)
    expect(verified.exitCode).toBe(0)
    expect(verified.outputs['compliant']).toBe('true')
  })

  it('leaves out, with a comment and a warning, a listed name no policy file can hold', async () => {
    const exported = await step(
      { subusers: { plain: { ...STRICT }, 'has space': { ...OPEN } } },
      { mode: 'export', 'policy-file': '', subuser: '*', 'export-file': 'pinned.yml' },
      undefined
    )
    const text = await readFile(join(policyRun.workspace, 'pinned.yml'), 'utf8')
    expect(text).toContain('  # subuser has space: a name a policy file cannot hold, so not pinned here')
    expect(
      placedAnnotations(exported.stdout, 'warning')
        .map((c) => c.message)
        .join('\n')
    ).toContain('has space: a name a policy file cannot hold')
  })

  it('keeps the selection of the policy file it exported from, exclusions too', async () => {
    const exported = await step({ ...FLEET }, { mode: 'export', 'export-file': 'pinned.yml' })
    const text = await readFile(join(policyRun.workspace, 'pinned.yml'), 'utf8')
    expect(text).toContain('  - subuser: "*"\n    exclude: ["sandbox-*"]\n')
    expect(text).not.toContain('sandbox-1')
    expect(exported.exitCode).toBe(0)
  })

  it('refuses to write the export over the policy file it reads', async () => {
    const result = await step({ ...FLEET }, { mode: 'export', 'export-file': 'policy.yml' })
    expect(result.stdout).toContain(
      "::error::Inputs 'export-file' and 'policy-file' name the same file: write the export elsewhere and compare"
    )
    expect(policyRun.standIn.requests).toEqual([])
    expect(await readFile(join(policyRun.workspace, 'policy.yml'), 'utf8')).toBe(POLICY)
  })

  it('refuses an export file in a folder that does not exist, before any request, naming the input', async () => {
    const result = await step({ ...FLEET }, { mode: 'export', 'policy-file': '', 'export-file': 'nope/x.yml' }, undefined)
    expect(result.stdout).toContain(
      `::error::Input 'export-file' names ${join(policyRun.workspace, 'nope', 'x.yml')}, which is in a folder that does not exist`
    )
    expect(policyRun.standIn.requests).toEqual([])
  })

  it('writes to the runner’s temporary directory by default', async () => {
    const exported = await step(ODD, { mode: 'export', 'policy-file': '' }, undefined)
    expect(exported.outputs['export-file']).toMatch(/sendgrid-enforced-tls-policy\.yml$/)
    expect(await readFile(exported.outputs['export-file'] ?? '', 'utf8')).toMatch(/^# yaml-language-server: \$schema=/)
  })
})

describe('the command line', () => {
  it('prints a policy file’s problems as file:line:column, as compilers do, and sends nothing', async () => {
    policyRun.standIn = await startStandIn(FLEET)
    await writeFile(join(policyRun.workspace, 'policy.yml'), 'version: 1\ntargets:\n  - subuser: a\n    min-version: 1.0\n')
    const result = await cli(['verify', '--api-url', policyRun.standIn.url, '--policy-file', 'policy.yml'])
    expect(result.code).toBe(1)
    expect(result.stderr.split('\n')[0]).toBe(
      'policy.yml:4:18: error: targets[0].min-version must be "1.1", "1.2" or "1.3" (or null to leave it unmanaged)'
    )
    expect(policyRun.standIn.requests).toEqual([])
  })

  it('exports to stdout, and verifies what it exported', async () => {
    policyRun.standIn = await startStandIn(FLEET)
    await writeFile(join(policyRun.workspace, 'policy.yml'), POLICY)
    const exported = await cli(['export', '--api-url', policyRun.standIn.url, '--policy-file', 'policy.yml'])
    expect(exported.code).toBe(0)
    expect(exported.stdout).toMatch(/^# yaml-language-server/)
    expect(exported.stdout).toContain('# Review it, keep it in the repository, and give it as --policy-file: verify then holds')
    await writeFile(join(policyRun.workspace, 'pinned.yml'), exported.stdout)
    const verified = await cli(['verify', '--api-url', policyRun.standIn.url, '--policy-file', 'pinned.yml'])
    expect([verified.code, verified.stderr]).toEqual([0, ''])
  })

  it('refuses --export-file for any other command', async () => {
    policyRun.standIn = await startStandIn(FLEET)
    const result = await cli(['verify', '--api-url', policyRun.standIn.url, '--require-tls', '--export-file', 'x.yml'])
    expect([result.code, result.stderr]).toEqual([1, 'error: --export-file belongs to the export command\n'])
  })
})
