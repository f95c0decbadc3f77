/**
 * How the command line renders a run: the three formats, colour on a terminal only, and names from
 * a hostile server that reach a terminal escaped, never raw.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { run } from '../src/action/main.js'
import { DEFAULT_STAND_IN_KEY } from '../stand-in/server.js'
import { against, cli, cliServer, closeCliServer, ESC, start, type Terminal } from './helpers/cli.js'
import { runStep } from './helpers/workflow-step.js'
import { OPEN, STRICT } from './fixtures/fleets.js'

beforeEach(() => start())
afterEach(closeCliServer)

describe('--format', () => {
  const INPUTS = { subuser: 'marketing,billing,ghost', 'include-parent': 'true', 'require-tls': 'true', 'min-version': '1.2' }
  const FLAGS = ['--subuser', 'marketing,billing,ghost', '--include-parent', '--require-tls', 'true', '--min-version', '1.2']

  beforeEach(() => start({ subusers: { marketing: OPEN, billing: STRICT } }))

  it('json prints the report the action outputs, and nothing else', async () => {
    const action = await runStep(run, { 'api-key': DEFAULT_STAND_IN_KEY, 'api-url': cliServer.standIn.url, ...INPUTS })
    const result = await cli([...against('verify', ...FLAGS), '--format', 'json'], { stdoutTTY: true })
    expect(result.code).toBe(1)
    expect(JSON.parse(result.stdout)).toEqual(JSON.parse(action.outputs['report'] ?? ''))
    expect(result.stdout).not.toContain(ESC)
    expect(result.stderr).toBe('error: 3 of 4 targets are not compliant (2 drifted, 1 failed)\n')
  })

  it('markdown prints the job summary the action writes', async () => {
    const action = await runStep(run, { 'api-key': DEFAULT_STAND_IN_KEY, 'api-url': cliServer.standIn.url, ...INPUTS })
    const result = await cli([...against('verify', ...FLAGS), '--format=markdown'], { stdoutTTY: true })
    expect(result.code).toBe(1)
    expect(result.stdout.trim()).toBe(action.summary.trim())
    expect(result.stdout).toContain('### SendGrid Enforced TLS: ❌ 3 of 4 targets are not compliant')
    expect(result.stdout).not.toContain(ESC)
  })

  it('json leaves the advice to stderr, so that stdout stays JSON', async () => {
    const result = await cli([...against('verify', '--min-version', '1.1'), '--format', 'json'])
    expect(() => JSON.parse(result.stdout) as unknown).not.toThrow()
    expect(result.stderr).toMatch(/^warning: --min-version 1\.1 allows TLS 1\.1/)
  })

  it('refuses a format it does not know', async () => {
    const result = await cli(against('verify', '--require-tls', '--format', 'yaml'))
    expect([result.code, result.stderr]).toEqual([1, "error: --format must be one of text, json, markdown; got 'yaml'\n"])
  })
})

describe('colour', () => {
  const verify = () => against('verify', '--require-tls')

  it('paints the verdicts on a terminal', async () => {
    const result = await cli(verify(), { stdoutTTY: true })
    expect(result.stdout).toContain(`${ESC}[31mdrift`)
    expect(result.stdout).toContain(`${ESC}[31mDrift:${ESC}[0m`)
  })

  it.each([
    ['stdout is not a terminal', {}, []],
    ['NO_COLOR is set', { stdoutTTY: true, env: { NO_COLOR: '1' } }, []],
    ['--no-color is given', { stdoutTTY: true }, ['--no-color']]
  ])('stays off when %s', async (_, terminal: Terminal, flags: string[]) => {
    const result = await cli([...verify(), ...flags], terminal)
    expect(result.stdout).toContain('drift')
    expect(result.stdout).not.toContain(ESC)
  })
})

describe('a hostile server', () => {
  const HOSTILE = { [`red${ESC}[31malert`]: OPEN, 'two\nlines': OPEN, 'flip\u202eped': OPEN, [`csi\u009b31m`]: OPEN }

  beforeEach(() => start({ subusers: HOSTILE }))

  it.each([
    ['text on a terminal', [], true],
    ['markdown', ['--format', 'markdown'], true],
    ['json', ['--format', 'json'], true]
  ])('names nothing that reaches a terminal raw: %s', async (_, flags, stdoutTTY) => {
    const result = await cli(against('verify', '--subuser', '*', '--require-tls', ...flags), { stdoutTTY, stderrTTY: true })
    for (const raw of [`${ESC}[31malert`, 'two\nlines', '\u202e', '\u009b']) expect(result.stdout + result.stderr).not.toContain(raw)
  })

  it('shows the names escaped in the table', async () => {
    const result = await cli(against('verify', '--subuser', '*', '--require-tls'))
    expect(result.stdout).toContain('red\\u001b[31malert')
    expect(result.stdout).toContain('two\\nlines')
    expect(result.stdout).toContain('flip\\u202eped')
  })

  it('keeps the names whole in the JSON, for a parser', async () => {
    const result = await cli(against('verify', '--subuser', '*', '--require-tls', '--format', 'json'))
    const names = (JSON.parse(result.stdout) as { target: string }[]).map((entry) => entry.target)
    expect(names.sort()).toEqual(Object.keys(HOSTILE).sort())
  })
})
