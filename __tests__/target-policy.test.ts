/**
 * Policy as code through both faces, against the SendGrid stand-in: a policy file in a workspace,
 * annotations on its lines, the max-changes rail, and an export that reads back as compliant.
 */
import { afterAll, afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { link, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { run } from '../src/action/main.js'
import { main } from '../src/cli/main.js'
import type { ReportEntry } from '../src/report/entries.js'
import { DEFAULT_STAND_IN_KEY, startStandIn, type StandIn, type StandInOptions, type StoredSetting } from '../stand-in/server.js'
import { FAST_RETRY, fakeClock } from './helpers/clock.js'
import { placedAnnotations, removeStepFiles, runStep } from './helpers/workflow-step.js'

const OPEN: StoredSetting = { require_tls: false, require_valid_cert: false }
const STRICT: StoredSetting = { require_tls: true, require_valid_cert: true, version: 1.2 }
const LEGACY: StoredSetting = { require_tls: true, require_valid_cert: false, version: 1.2 }

const POLICY = `version: 1
default:
  require-tls: true
  require-valid-cert: true
  min-version: "1.2"
targets:
  - parent: true
  - subuser: "*"
    exclude: ["sandbox-*"]
  - subuser: legacy-billing
    require-valid-cert: false
    reason: partner MTA with a self-signed certificate (OPS-123)
    expires: 2099-03-31
  - subuser: old
    require-tls: false
    reason: migration (OPS-7)
    expires: 2020-01-31
`

let standIn: StandIn
let workspace: string
beforeEach(async () => {
  workspace = await mkdtemp(join(tmpdir(), 'policy-workspace-'))
})
afterEach(async () => {
  await standIn?.close()
  await rm(workspace, { recursive: true, force: true })
})
afterAll(removeStepFiles)

async function step(options: StandInOptions, inputs: Record<string, string>, policy: string | undefined = POLICY) {
  standIn = await startStandIn(options)
  if (policy !== undefined) await writeFile(join(workspace, 'policy.yml'), policy)
  return runStep(
    () => run({ clock: fakeClock(), retry: FAST_RETRY, confirmWaitsMs: [0] }),
    { 'api-key': DEFAULT_STAND_IN_KEY, 'api-url': standIn.url, 'policy-file': 'policy.yml', ...inputs },
    { GITHUB_WORKSPACE: workspace }
  )
}

/** One run of the command line, in-process, from `cwd` (the workspace unless said). */
async function cli(argv: string[], cwd = workspace) {
  let stdout = ''
  let stderr = ''
  const code = await main(argv, {
    env: { SENDGRID_API_KEY: DEFAULT_STAND_IN_KEY },
    cwd,
    stdout: { write: (text) => void (stdout += text), isTTY: false },
    stderr: { write: (text) => void (stderr += text), isTTY: false },
    clock: fakeClock(),
    retry: FAST_RETRY,
    confirmWaitsMs: [0]
  })
  return { code, stdout, stderr }
}

const FLEET = {
  parent: { ...STRICT },
  subusers: { 'legacy-billing': { ...LEGACY }, old: { ...STRICT }, plain: { ...STRICT }, 'sandbox-1': { ...OPEN } }
}

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
    expect(standIn.requests.some((r) => r.headers['on-behalf-of'] === 'sandbox-1')).toBe(false)
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
      message: 'subuser old does not match the policy of the default (line 3): require_tls is false, policy wants true'
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
        message: 'subuser legacy-billing does not match the policy of the default (line 3): require_tls is false, policy wants true'
      },
      {
        file: 'policy.yml',
        line: 11,
        col: 5,
        message:
          'subuser legacy-billing does not match the policy of the entry at line 10 (subuser legacy-billing): require_valid_cert is true, policy wants false'
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
          'subuser legacy-billing: apply would change it to match the policy of the default (line 3): require_tls is false, policy wants true'
      },
      {
        file: 'policy.yml',
        line: 11,
        col: 5,
        message:
          'subuser legacy-billing: apply would change it to match the policy of the entry at line 10 (subuser legacy-billing): require_valid_cert is true, policy wants false'
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
    expect(standIn.requests).toEqual([])
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

describe('a policy file that cannot be used: every problem at its line, nothing sent', () => {
  it('annotates every schema problem at once', async () => {
    const result = await step(FLEET, {}, `version: 1\ndefault:\n  require-tls: maybe\ntargets:\n  - subuser: a\n    expires: 2027-01-01\n`)
    expect(result.exitCode).toBe(1)
    expect(placedAnnotations(result.stdout, 'error').filter((c) => c.file)).toEqual([
      { file: 'policy.yml', line: 3, col: 16, message: 'default.require-tls must be true or false (or null to leave it unmanaged)' },
      {
        file: 'policy.yml',
        line: 5,
        col: 5,
        message: 'targets[0] has expires but no reason: an exception that ends must say why it exists'
      }
    ])
    expect(result.summary).toContain('policy.yml:5:5: targets[0] has expires but no reason')
    expect(standIn.requests).toEqual([])
  })

  beforeEach(() => mkdir(join(workspace, 'sub')))

  it.each([
    ['a missing file', { 'policy-file': 'none.yml' }, "Input 'policy-file' names none.yml, which does not exist in the workspace"],
    [
      'a path out of the workspace',
      { 'policy-file': '../policy.yml' },
      "Input 'policy-file' names ../policy.yml, which does not exist in the workspace"
    ],
    [
      'an absolute path elsewhere',
      { 'policy-file': '/etc/hostname' },
      "Input 'policy-file' names /etc/hostname, which is outside the workspace"
    ],
    ['the workspace itself', { 'policy-file': '.' }, "Input 'policy-file' names ., which is the workspace, not a file in it"],
    [
      'a directory in it',
      { 'policy-file': 'sub' },
      "Input 'policy-file' names sub, which is not a regular file: give the path of a file that holds a policy"
    ],
    [
      'require-tls beside it',
      { 'require-tls': 'true' },
      "Inputs 'policy-file' and 'require-tls' cannot be used together: the policy file says what each target enforces and which targets there are, so input 'require-tls' must be empty"
    ],
    ['subuser beside it', { subuser: '*' }, "Inputs 'policy-file' and 'subuser' cannot be used together"],
    ['include-parent: true beside it', { 'include-parent': 'true' }, "Inputs 'policy-file' and 'include-parent' cannot be used together"]
  ])('refuses %s', async (_, inputs, message) => {
    const result = await step(FLEET, inputs)
    expect(result.exitCode).toBe(1)
    expect(result.stdout).toContain(`::error::${message}`)
    expect(standIn.requests).toEqual([])
  })

  it('refuses a symbolic link that leads out of the workspace', async () => {
    const outside = await mkdtemp(join(tmpdir(), 'policy-outside-'))
    await writeFile(join(outside, 'policy.yml'), POLICY)
    await symlink(join(outside, 'policy.yml'), join(workspace, 'linked.yml'))
    const result = await step(FLEET, { 'policy-file': 'linked.yml' })
    await rm(outside, { recursive: true, force: true })
    expect(result.stdout).toContain(
      "::error::Input 'policy-file' names linked.yml, which leads, through a symbolic link, outside the workspace"
    )
    expect(standIn.requests).toEqual([])
  })

  it('reads a file in a folder of the workspace, and names it so in annotations', async () => {
    await mkdir(join(workspace, '.github'))
    await writeFile(join(workspace, '.github', 'tls.yml'), 'version: 1\ntargets:\n  - parnet: true\n')
    const result = await step(FLEET, { 'policy-file': '.github/tls.yml' }, undefined)
    expect(placedAnnotations(result.stdout, 'error')[0]).toMatchObject({ file: '.github/tls.yml', line: 3, col: 5 })
  })

  it('names JSON as the format of a .json file, at the line of the key given twice', async () => {
    const json = [
      '{',
      '  "version": 1,',
      '  "targets": [',
      '    { "subuser": "a",',
      '      "subuser": "b",',
      '      "account-id": 12 }',
      '  ]',
      '}'
    ]
    await writeFile(join(workspace, 'policy.json'), json.join('\n'))
    const duplicate = await step(FLEET, { 'policy-file': 'policy.json' }, undefined)
    expect(placedAnnotations(duplicate.stdout, 'error').filter((c) => c.file)).toEqual([
      { file: 'policy.json', line: 5, col: 7, message: 'not valid JSON: Duplicate object key' }
    ])
    await writeFile(join(workspace, 'policy.json'), json.filter((line) => !line.includes('"b"')).join('\n'))
    const number = await step(FLEET, { 'policy-file': 'policy.json' }, undefined)
    expect(placedAnnotations(number.stdout, 'error').filter((c) => c.file)).toContainEqual(
      expect.objectContaining({ line: 5, message: expect.stringContaining('"1234567": JSON may change an unquoted number') })
    )
    expect(standIn.requests).toEqual([])
  })
})

describe('max-changes', () => {
  const DRIFTED = { parent: { ...OPEN }, subusers: { a: { ...OPEN }, b: { ...OPEN }, c: { ...STRICT } } }
  const SIMPLE = `version: 1\ndefault:\n  require-tls: true\ntargets:\n  - parent: true\n  - subuser: "*"\n`

  it('holds an apply that would change more targets than allowed: nothing is written, the step fails and lists them', async () => {
    const result = await step(DRIFTED, { mode: 'apply', 'max-changes': '2' }, SIMPLE)
    expect(result.exitCode).toBe(1)
    expect(standIn.requests.filter((r) => r.method === 'PATCH')).toEqual([])
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
    expect(standIn.requests.filter((r) => r.method === 'PATCH')).toEqual([])
    expect(result.summary).toContain('more than the limit of 50% of 4 targets read, so 2, so it changed none')
  })

  it('lets an apply within the limit go ahead, a share of the targets too', async () => {
    const result = await step(DRIFTED, { mode: 'apply', 'max-changes': '75%' }, SIMPLE)
    expect(result.exitCode).toBe(0)
    expect(standIn.requests.filter((r) => r.method === 'PATCH')).toHaveLength(3)
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
    expect(standIn.requests).toEqual([])
  })
})

describe('mode: export', () => {
  const ODD = { parent: { ...STRICT }, subusers: { plain: { ...STRICT }, 'odd"name":#1': { ...LEGACY }, weak: { ...OPEN } } }

  it('writes a policy file that pins today’s setting, and that verifies as compliant read back', async () => {
    const exported = await step(
      ODD,
      { mode: 'export', 'policy-file': '', subuser: '*', 'include-parent': 'true', 'export-file': 'pinned.yml' },
      undefined
    )
    expect(exported.exitCode).toBe(0)
    expect(exported.outputs['export-file']).toBe(join(workspace, 'pinned.yml'))
    const text = await readFile(join(workspace, 'pinned.yml'), 'utf8')
    expect(text).toContain('default:\n  require-tls: true\n  require-valid-cert: true\n  min-version: "1.2"\n')
    expect(text).toContain('  - subuser: "odd\\"name\\":#1"\n    require-valid-cert: false\n')
    expect(standIn.requests.every((r) => r.method === 'GET')).toBe(true)
    await standIn.close()

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
    const text = await readFile(join(workspace, 'pinned.yml'), 'utf8')
    expect(text).toContain('  - subuser: "prod\\\\*"\n')
    expect(text).toContain('  - subuser: "\\\\*"\n')
    await standIn.close()
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
    const text = await readFile(join(workspace, 'pinned.yml'), 'utf8')
    expect(text).toContain('  # subuser has space: a name a policy file cannot hold, so not pinned here')
    expect(
      placedAnnotations(exported.stdout, 'warning')
        .map((c) => c.message)
        .join('\n')
    ).toContain('has space: a name a policy file cannot hold')
  })

  it('keeps the selection of the policy file it exported from, exclusions too', async () => {
    const exported = await step({ ...FLEET }, { mode: 'export', 'export-file': 'pinned.yml' })
    const text = await readFile(join(workspace, 'pinned.yml'), 'utf8')
    expect(text).toContain('  - subuser: "*"\n    exclude: ["sandbox-*"]\n')
    expect(text).not.toContain('sandbox-1')
    expect(exported.exitCode).toBe(0)
  })

  it('refuses to write the export over the policy file it reads', async () => {
    const result = await step({ ...FLEET }, { mode: 'export', 'export-file': 'policy.yml' })
    expect(result.stdout).toContain(
      "::error::Inputs 'export-file' and 'policy-file' name the same file: write the export elsewhere and compare"
    )
    expect(standIn.requests).toEqual([])
    expect(await readFile(join(workspace, 'policy.yml'), 'utf8')).toBe(POLICY)
  })

  it('refuses an export file in a folder that does not exist, before any request, naming the input', async () => {
    const result = await step({ ...FLEET }, { mode: 'export', 'policy-file': '', 'export-file': 'nope/x.yml' }, undefined)
    expect(result.stdout).toContain(
      `::error::Input 'export-file' names ${join(workspace, 'nope', 'x.yml')}, which is in a folder that does not exist`
    )
    expect(standIn.requests).toEqual([])
  })

  it('writes to the runner’s temporary directory by default', async () => {
    const exported = await step(ODD, { mode: 'export', 'policy-file': '' }, undefined)
    expect(exported.outputs['export-file']).toMatch(/sendgrid-enforced-tls-policy\.yml$/)
    expect(await readFile(exported.outputs['export-file'] ?? '', 'utf8')).toMatch(/^# yaml-language-server: \$schema=/)
  })
})

describe('the command line', () => {
  it('prints a policy file’s problems as file:line:column, as compilers do, and sends nothing', async () => {
    standIn = await startStandIn(FLEET)
    await writeFile(join(workspace, 'policy.yml'), 'version: 1\ntargets:\n  - subuser: a\n    min-version: 1.0\n')
    const result = await cli(['verify', '--api-url', standIn.url, '--policy-file', 'policy.yml'])
    expect(result.code).toBe(1)
    expect(result.stderr.split('\n')[0]).toBe(
      'policy.yml:4:18: error: targets[0].min-version must be "1.1", "1.2" or "1.3" (or null to leave it unmanaged)'
    )
    expect(standIn.requests).toEqual([])
  })

  it('exports to stdout, and verifies what it exported', async () => {
    standIn = await startStandIn(FLEET)
    await writeFile(join(workspace, 'policy.yml'), POLICY)
    const exported = await cli(['export', '--api-url', standIn.url, '--policy-file', 'policy.yml'])
    expect(exported.code).toBe(0)
    expect(exported.stdout).toMatch(/^# yaml-language-server/)
    await writeFile(join(workspace, 'pinned.yml'), exported.stdout)
    const verified = await cli(['verify', '--api-url', standIn.url, '--policy-file', 'pinned.yml'])
    expect([verified.code, verified.stderr]).toEqual([0, ''])
  })

  it('refuses --export-file for any other command', async () => {
    standIn = await startStandIn(FLEET)
    const result = await cli(['verify', '--api-url', standIn.url, '--require-tls', '--export-file', 'x.yml'])
    expect([result.code, result.stderr]).toEqual([1, 'error: --export-file belongs to the export command\n'])
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
    expect(standIn.requests).toEqual([])
  })

  it('refuses a policy beside an export, which would ignore it', async () => {
    const result = await step(DRIFTED, { mode: 'export', 'policy-file': '', 'require-tls': 'true' }, undefined)
    expect(result.stdout).toContain(
      "::error::Input 'require-tls' has no effect in export, which pins each target's setting as it finds it: leave it empty"
    )
    expect(standIn.requests).toEqual([])
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
    standIn = await startStandIn(DRIFTED)
    await writeFile(join(workspace, 'policy.yml'), SIMPLE)
    const { code, stdout } = await cli([
      'plan',
      '--api-url',
      standIn.url,
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

describe('the command line reads where its user points', () => {
  it('takes a policy file from a parent directory, as any command would', async () => {
    standIn = await startStandIn(FLEET)
    await mkdir(join(workspace, 'src'))
    await writeFile(join(workspace, 'policy.yml'), POLICY)
    const result = await cli(['verify', '--api-url', standIn.url, '--policy-file', '../policy.yml'], join(workspace, 'src'))
    expect(result.code).toBe(0)
    // Its problems are named by the path as given, so an editor opens the file from here.
    expect(result.stderr).toMatch(/^\.\.\/policy\.yml:17:14: warning: exception for old expired/)
  })

  it('refuses to write an export over the policy file it reads, before any request', async () => {
    standIn = await startStandIn(FLEET)
    await writeFile(join(workspace, 'policy.yml'), POLICY)
    const result = await cli(
      ['export', '--api-url', standIn.url, '--policy-file', 'policy.yml', '--export-file', './policy.yml'],
      workspace
    )
    expect([result.code, result.stderr]).toEqual([
      1,
      'error: --export-file names the policy file the export reads: write the export elsewhere and compare\n'
    ])
    expect(standIn.requests).toEqual([])
    expect(await readFile(join(workspace, 'policy.yml'), 'utf8')).toBe(POLICY)
  })

  it.each([
    ['a directory', '.', 'is not a regular file'],
    ['a file in a folder that does not exist', 'nope/x.yml', 'is in a folder that does not exist'],
    ['a FIFO, which would block the write', 'fifo', 'is not a regular file'],
    ['a symbolic link', 'link.yml', 'is a symbolic link: name the file itself']
  ])('refuses an export file that is %s, before any request', async (_, path, why) => {
    standIn = await startStandIn(FLEET)
    execFileSync('mkfifo', [join(workspace, 'fifo')])
    await writeFile(join(workspace, 'elsewhere.yml'), 'kept\n')
    await symlink(join(workspace, 'elsewhere.yml'), join(workspace, 'link.yml'))
    const result = await cli(['export', '--api-url', standIn.url, '--subuser', '*', '--export-file', path], workspace)
    expect([result.code, result.stderr]).toEqual([1, `error: --export-file names ${path}, which ${why}\n`])
    expect(standIn.requests).toEqual([])
    expect(await readFile(join(workspace, 'elsewhere.yml'), 'utf8')).toBe('kept\n')
  })

  it.each([
    ['a hard link', async () => link(join(workspace, 'policy.yml'), join(workspace, 'hard.yml')), 'hard.yml'],
    ['a linked folder', async () => symlink('.', join(workspace, 'here')), 'here/policy.yml']
  ])('refuses to write an export over the policy file it reads through %s', async (_, make, path) => {
    standIn = await startStandIn(FLEET)
    await writeFile(join(workspace, 'policy.yml'), POLICY)
    await make()
    const result = await cli(['export', '--api-url', standIn.url, '--policy-file', 'policy.yml', '--export-file', path], workspace)
    expect(result.stderr).toBe('error: --export-file names the policy file the export reads: write the export elsewhere and compare\n')
    expect(standIn.requests).toEqual([])
    expect(await readFile(join(workspace, 'policy.yml'), 'utf8')).toBe(POLICY)
  })

  it('writes an export to stdout only as the policy file itself', async () => {
    standIn = await startStandIn(FLEET)
    const result = await cli(['export', '--api-url', standIn.url, '--format', 'json'], workspace)
    expect(result.stderr).toBe(
      "error: export writes the policy file itself to stdout; --format chooses the report's form beside --export-file\n"
    )
    expect(standIn.requests).toEqual([])
  })

  it('refuses the rails of an apply beside an export, which would ignore them', async () => {
    standIn = await startStandIn(FLEET)
    const result = await cli(['export', '--api-url', standIn.url, '--max-changes', '1', '--allow-stricter'], workspace)
    expect(result.stderr).toBe(
      "error: --allow-stricter and --max-changes have no effect in export, which pins each target's setting as it finds it: leave them empty\n"
    )
    expect(standIn.requests).toEqual([])
  })
})
