/**
 * Reading a policy file: a file that cannot be used has every problem at its line and nothing is
 * sent; the action reads only inside its workspace, the command line where its user points.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { link, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startStandIn } from '../stand-in/server.js'
import { cli, closeWorkspace, FLEET, openWorkspace, POLICY, policyRun, step } from './helpers/policy-workspace.js'
import { placedAnnotations } from './helpers/workflow-step.js'

beforeEach(openWorkspace)
afterEach(closeWorkspace)

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
    expect(policyRun.standIn.requests).toEqual([])
  })

  beforeEach(() => mkdir(join(policyRun.workspace, 'sub')))

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
    expect(policyRun.standIn.requests).toEqual([])
  })

  it('refuses a symbolic link that leads out of the workspace', async () => {
    const outside = await mkdtemp(join(tmpdir(), 'policy-outside-'))
    await writeFile(join(outside, 'policy.yml'), POLICY)
    await symlink(join(outside, 'policy.yml'), join(policyRun.workspace, 'linked.yml'))
    const result = await step(FLEET, { 'policy-file': 'linked.yml' })
    await rm(outside, { recursive: true, force: true })
    expect(result.stdout).toContain(
      "::error::Input 'policy-file' names linked.yml, which leads, through a symbolic link, outside the workspace"
    )
    expect(policyRun.standIn.requests).toEqual([])
  })

  it('reads a file in a folder of the workspace, and names it so in annotations', async () => {
    await mkdir(join(policyRun.workspace, '.github'))
    await writeFile(join(policyRun.workspace, '.github', 'tls.yml'), 'version: 1\ntargets:\n  - parnet: true\n')
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
    await writeFile(join(policyRun.workspace, 'policy.json'), json.join('\n'))
    const duplicate = await step(FLEET, { 'policy-file': 'policy.json' }, undefined)
    expect(placedAnnotations(duplicate.stdout, 'error').filter((c) => c.file)).toEqual([
      { file: 'policy.json', line: 5, col: 7, message: 'not valid JSON: Duplicate object key' }
    ])
    await writeFile(join(policyRun.workspace, 'policy.json'), json.filter((line) => !line.includes('"b"')).join('\n'))
    const number = await step(FLEET, { 'policy-file': 'policy.json' }, undefined)
    expect(placedAnnotations(number.stdout, 'error').filter((c) => c.file)).toContainEqual(
      expect.objectContaining({ line: 5, message: expect.stringContaining('"1234567": JSON may change an unquoted number') })
    )
    expect(policyRun.standIn.requests).toEqual([])
  })
})

describe('the command line reads where its user points', () => {
  it('takes a policy file from a parent directory, as any command would', async () => {
    policyRun.standIn = await startStandIn(FLEET)
    await mkdir(join(policyRun.workspace, 'src'))
    await writeFile(join(policyRun.workspace, 'policy.yml'), POLICY)
    const result = await cli(
      ['verify', '--api-url', policyRun.standIn.url, '--policy-file', '../policy.yml'],
      join(policyRun.workspace, 'src')
    )
    expect(result.code).toBe(0)
    // Its problems are named by the path as given, so an editor opens the file from here.
    expect(result.stderr).toMatch(/^\.\.\/policy\.yml:17:14: warning: exception for old expired/)
  })

  it('refuses to write an export over the policy file it reads, before any request', async () => {
    policyRun.standIn = await startStandIn(FLEET)
    await writeFile(join(policyRun.workspace, 'policy.yml'), POLICY)
    const result = await cli(
      ['export', '--api-url', policyRun.standIn.url, '--policy-file', 'policy.yml', '--export-file', './policy.yml'],
      policyRun.workspace
    )
    expect([result.code, result.stderr]).toEqual([
      1,
      'error: --export-file names the policy file the export reads: write the export elsewhere and compare\n'
    ])
    expect(policyRun.standIn.requests).toEqual([])
    expect(await readFile(join(policyRun.workspace, 'policy.yml'), 'utf8')).toBe(POLICY)
  })

  it.each([
    ['a directory', '.', 'is not a regular file'],
    ['a file in a folder that does not exist', 'nope/x.yml', 'is in a folder that does not exist'],
    ['a FIFO, which would block the write', 'fifo', 'is not a regular file'],
    ['a symbolic link', 'link.yml', 'is a symbolic link: name the file itself']
  ])('refuses an export file that is %s, before any request', async (_, path, why) => {
    policyRun.standIn = await startStandIn(FLEET)
    execFileSync('mkfifo', [join(policyRun.workspace, 'fifo')])
    await writeFile(join(policyRun.workspace, 'elsewhere.yml'), 'kept\n')
    await symlink(join(policyRun.workspace, 'elsewhere.yml'), join(policyRun.workspace, 'link.yml'))
    const result = await cli(['export', '--api-url', policyRun.standIn.url, '--subuser', '*', '--export-file', path], policyRun.workspace)
    expect([result.code, result.stderr]).toEqual([1, `error: --export-file names ${path}, which ${why}\n`])
    expect(policyRun.standIn.requests).toEqual([])
    expect(await readFile(join(policyRun.workspace, 'elsewhere.yml'), 'utf8')).toBe('kept\n')
  })

  it.each([
    ['a hard link', async () => link(join(policyRun.workspace, 'policy.yml'), join(policyRun.workspace, 'hard.yml')), 'hard.yml'],
    ['a linked folder', async () => symlink('.', join(policyRun.workspace, 'here')), 'here/policy.yml']
  ])('refuses to write an export over the policy file it reads through %s', async (_, make, path) => {
    policyRun.standIn = await startStandIn(FLEET)
    await writeFile(join(policyRun.workspace, 'policy.yml'), POLICY)
    await make()
    const result = await cli(
      ['export', '--api-url', policyRun.standIn.url, '--policy-file', 'policy.yml', '--export-file', path],
      policyRun.workspace
    )
    expect(result.stderr).toBe('error: --export-file names the policy file the export reads: write the export elsewhere and compare\n')
    expect(policyRun.standIn.requests).toEqual([])
    expect(await readFile(join(policyRun.workspace, 'policy.yml'), 'utf8')).toBe(POLICY)
  })

  it('writes an export to stdout only as the policy file itself', async () => {
    policyRun.standIn = await startStandIn(FLEET)
    const result = await cli(['export', '--api-url', policyRun.standIn.url, '--format', 'json'], policyRun.workspace)
    expect(result.stderr).toBe(
      "error: export writes the policy file itself to stdout; --format chooses the report's form beside --export-file\n"
    )
    expect(policyRun.standIn.requests).toEqual([])
  })

  it('refuses the rails of an apply beside an export, which would ignore them', async () => {
    policyRun.standIn = await startStandIn(FLEET)
    const result = await cli(['export', '--api-url', policyRun.standIn.url, '--max-changes', '1', '--allow-stricter'], policyRun.workspace)
    expect(result.stderr).toBe(
      "error: --allow-stricter and --max-changes have no effect in export, which pins each target's setting as it finds it: they must be left out\n"
    )
    expect(policyRun.standIn.requests).toEqual([])
  })
})
