/**
 * What an export tells, in the action's job summary and the CLI's text, Markdown and JSON: what it
 * read, pinned to which file, and never a compliance verdict, since an export checks no policy.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { run } from '../src/action/main.js'
import { DEFAULT_STAND_IN_KEY, startStandIn, type StandIn, type StandInOptions } from '../stand-in/server.js'
import { FAST_RETRY, fakeClock } from './helpers/clock.js'
import { cli } from './helpers/cli.js'
import { runStep } from './helpers/workflow-step.js'

const PARENT = { require_tls: true, require_valid_cert: false, version: 1.2 }
const OPEN = { require_tls: false, require_valid_cert: false }

let standIn: StandIn | undefined
let dir: string

/** A stand-in for the next run, the last one closed. */
async function start(options: StandInOptions): Promise<StandIn> {
  await standIn?.close()
  standIn = await startStandIn(options)
  return standIn
}
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'enforced-tls-export-'))
})
afterEach(async () => {
  await standIn?.close()
  standIn = undefined
  await rm(dir, { recursive: true, force: true })
})

async function exportStep(options: StandInOptions, inputs: Record<string, string> = {}) {
  const { url } = await start(options)
  return runStep(
    () => run({ clock: fakeClock(), retry: FAST_RETRY, confirmWaitsMs: [0] }),
    { 'api-key': DEFAULT_STAND_IN_KEY, 'api-url': url, mode: 'export', 'export-file': 'pinned.yml', ...inputs },
    { GITHUB_WORKSPACE: dir }
  )
}

async function exportCli(options: StandInOptions, ...flags: string[]) {
  const { url } = await start(options)
  return cli(['export', '--api-url', url, '--export-file', 'pinned.yml', ...flags], { cwd: dir })
}

describe('one target', () => {
  it('in the job summary, is an export of its setting as read, not a verify', async () => {
    const { summary, exitCode } = await exportStep({ parent: PARENT })
    expect(exitCode).toBe(0)
    expect(summary).toContain(`### SendGrid Enforced TLS: 📤 Export: the parent account read and pinned to \`${join(dir, 'pinned.yml')}\``)
    expect(summary).toContain(
      [
        '| Setting | On the account |',
        '| --- | --- |',
        '| Require TLS `require_tls` | `true` |',
        '| Require valid certificate `require_valid_cert` | `false` |',
        '| Minimum TLS version `version` | `1.2` |'
      ].join('\n')
    )
    expect(summary).not.toMatch(/compliant|not managed/i)
  })

  it('on a terminal and in the CLI’s Markdown, says the same', async () => {
    const text = await exportCli({ subusers: { billing: OPEN } }, '--subuser', 'billing')
    expect(text.stdout.split('\n')).toEqual([
      expect.stringMatching(/^TARGET +VERDICT +require_tls +require_valid_cert +version$/),
      expect.stringMatching(/^billing +pinned +false +false +1\.1$/),
      `Export: subuser billing read and pinned to ${join(dir, 'pinned.yml')}.`,
      ''
    ])
    expect([text.code, text.stderr]).toEqual([0, ''])
    const markdown = await exportCli({ subusers: { billing: OPEN } }, '--subuser', 'billing', '--format', 'markdown')
    expect(markdown.stdout).toContain(`📤 Export: subuser \`billing\` read and pinned to \`${join(dir, 'pinned.yml')}\``)
    expect(markdown.stdout).toContain('| Minimum TLS version `version` | `1.1` |')
    expect(markdown.stdout).not.toMatch(/compliant|not managed/i)
  })
})

describe('several targets', () => {
  const FLEET = { parent: PARENT, subusers: { a: OPEN, b: PARENT } }

  it('show each target’s setting as read, and the file that pins them', async () => {
    const { summary } = await exportStep(FLEET, { subuser: '*', 'include-parent': 'true' })
    expect(summary).toContain(`📤 Export: 3 targets read and pinned to \`${join(dir, 'pinned.yml')}\``)
    expect(summary).toContain('| Target | Verdict | `require_tls` | `require_valid_cert` | `version` | Note |')
    expect(summary).toContain('| `a` | 📤 pinned | `false` | `false` | `1.1` |  |')
    const text = await exportCli(FLEET, '--subuser', '*', '--include-parent')
    expect(text.stdout).toMatch(/^a +pinned +false +false +1\.1$/m)
    expect(text.stdout).toContain(`Export: 3 targets read and pinned to ${join(dir, 'pinned.yml')}.`)
  })

  it('that did not all read, say what was pinned beside what failed', async () => {
    const { summary } = await exportStep(FLEET, { subuser: 'a,ghost' })
    expect(summary).toContain(`❌ 1 of 2 targets failed · 📤 1 target read and pinned to \`${join(dir, 'pinned.yml')}\``)
    const text = await exportCli(FLEET, '--subuser', 'a,ghost')
    expect(text.stdout).toContain(`Failed: 1 of 2 targets failed; 1 target read and pinned to ${join(dir, 'pinned.yml')}.`)
  })
})

it('in JSON, which has no place for it, is said on stderr', async () => {
  const result = await exportCli({ parent: PARENT }, '--format', 'json')
  expect(JSON.parse(result.stdout)).toEqual([expect.objectContaining({ target: 'parent', compliant: true })])
  expect(result.stderr).toBe(`Export: the parent account read and pinned to ${join(dir, 'pinned.yml')}\n`)
})
