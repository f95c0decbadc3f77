/**
 * The command-line face, driven in-process through `main(argv, io)` against the SendGrid stand-in:
 * flags, the key's sources (its file, a pipe among them, in file.test.ts), exit codes, progress
 * and cancellation. Its formats, colour and a hostile server's names on a terminal are in
 * render.test.ts.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { DEFAULT_STAND_IN_KEY } from '../stand-in/server.js'
import { against, cli, cliServer, closeCliServer, ESC, start, type Terminal } from './helpers/cli.js'
import { OPEN, STRICT } from './fixtures/fleets.js'

beforeEach(() => start())
afterEach(closeCliServer)

describe('verify', () => {
  it("prints a row per target and exits 2 when a subuser's setting drifted", async () => {
    await start({ subusers: { marketing: OPEN, billing: STRICT } })
    const result = await cli(against('verify', '--subuser', '*', '--require-tls', 'true', '--min-version', '1.2'))
    expect(result.code).toBe(2)
    expect(result.stderr).toBe('')
    const lines = result.stdout.split('\n')
    expect(lines[0]).toBe('Policy: require_tls true, version 1.2')
    expect(lines[1]).toMatch(/^TARGET +VERDICT +require_tls +version +NOTE$/)
    expect(lines.find((line) => line.startsWith('billing'))).toMatch(/^billing +compliant +true +1\.2$/)
    expect(lines.find((line) => line.startsWith('marketing'))).toMatch(
      /^marketing +drift +false → true +1\.1 → 1\.2 +require_tls is false, policy wants true; version is 1\.1, policy wants 1\.2$/
    )
    expect(result.stdout).toContain('Drift: 1 of 2 targets is not compliant (1 drifted).')
    expect(cliServer.standIn.requests.every((r) => r.method === 'GET')).toBe(true)
  })

  it('exits 0 when every target is compliant', async () => {
    await start({ parent: STRICT, subusers: { billing: STRICT } })
    const result = await cli(against('verify', '--subuser=billing', '--include-parent', '--require-tls=true', '--min-version=1.2'))
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('Compliant: all 2 targets match the policy.')
    expect(result.stdout).not.toContain('NOTE')
  })

  it('exits 1 on a key SendGrid refuses, with one error line that names the CLI’s flags', async () => {
    const result = await cli(against('verify', '--require-tls', 'true'), { env: { SENDGRID_API_KEY: 'SG.revoked.key' } })
    expect(result.code).toBe(1)
    expect(result.stdout).toContain('Failed: the parent account; see the note above.')
    const errors = result.stderr.split('\n').filter((line) => line !== '')
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatch(/^error: GET \/v3\/user\/settings\/enforced_tls .*answered 401.*The API key was not accepted/)
    expect(errors[0]).toContain('check that SENDGRID_API_KEY (or the file given to --api-key-file) holds the whole key')
    expect(errors[0]).toContain('(--region eu for keys from the EU console)')
  })

  it.each([
    [
      'a redirect',
      { kind: 'status' as const, status: 302, headers: { Location: 'https://elsewhere.example/' } },
      /never followed: .*Check --api-url$/
    ],
    ['a 404', { kind: 'status' as const, status: 404, body: '{"errors":[{"message":"not found"}]}' }, /check --region and --api-url\.$/]
  ])('names its own flags in the advice on %s, never the action’s inputs', async (_, fault, advice) => {
    await start({})
    cliServer.standIn.inject(fault)
    const result = await cli(against('verify', '--require-tls', 'true'))
    const [error = ''] = result.stderr.split('\n')
    expect(error).toMatch(advice)
    expect(error).not.toMatch(/[^-]api-url/)
  })

  it('exits 1 when a target failed, even beside drift', async () => {
    await start({ subusers: { marketing: OPEN } })
    const result = await cli(against('verify', '--subuser', 'marketing,ghost', '--require-tls'))
    expect(result.code).toBe(1)
    expect(result.stderr).toBe('error: 2 of 2 targets are not compliant (1 drifted, 1 failed)\n')
  })

  it('advises in the CLI’s own words', async () => {
    await start({ parent: { require_tls: true, require_valid_cert: false } })
    const result = await cli(against('verify', '--min-version', '1.1'))
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('warning: --min-version 1.1 allows TLS 1.1, which RFC 8996 deprecates')
  })
})

describe('plan', () => {
  it('exits 2 with the changes pending, and writes nothing', async () => {
    await start({ subusers: { marketing: OPEN, billing: STRICT } })
    const result = await cli(
      against('plan', '--subuser', 'marketing', '--subuser', 'billing', '--require-tls', 'true', '--forecast', 'off')
    )
    expect(result.code).toBe(2)
    expect(result.stdout).toMatch(/^marketing +planned +false → true$/m)
    expect(result.stdout).toContain('Plan: apply would change 1 of 2 targets.')
    expect(cliServer.standIn.requests.map((r) => r.method)).toEqual(['GET', 'GET'])
  })

  it('exits 0 when nothing would change, and shows every field when no field is managed', async () => {
    const result = await cli(against('plan'))
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/^\(parent account\) +compliant +false +false +1\.1$/m)
    expect(result.stdout).toContain('No setting is managed: this plan only shows the current setting.')
  })
})

describe('apply', () => {
  it('writes what differs, confirms it and exits 0', async () => {
    await start({ subusers: { marketing: OPEN } })
    const result = await cli(
      against('apply', '--subuser', 'marketing', '--require-tls', 'true', '--min-version', '1.2', '--forecast', 'off')
    )
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/^marketing +applied +false → true +1\.1 → 1\.2$/m)
    expect(result.stdout).toContain('Compliant: subuser marketing matches the policy, changed and confirmed.')
    expect(cliServer.standIn.setting('marketing')).toEqual({ require_tls: true, require_valid_cert: false, version: 1.2 })
    expect(cliServer.standIn.requests.map((r) => r.method)).toEqual(['GET', 'PATCH', 'GET'])
  })

  it('names itself in the User-Agent', async () => {
    await cli(against('apply', '--require-tls'))
    expect(cliServer.standIn.requests[0]?.headers['user-agent']).toMatch(/^sendgrid-enforced-tls\/\d+\.\d+\.\d+$/)
  })
})

describe('the command line', () => {
  it.each([
    [['verfy'], "error: Unknown command 'verfy'; did you mean verify? (sendgrid-enforced-tls --help lists the commands)"],
    [['deploy'], "error: Unknown command 'deploy' (sendgrid-enforced-tls --help lists the commands)"],
    [
      ['verify', '--min-verison', '1.2'],
      'error: Unknown flag --min-verison; did you mean --min-version? (sendgrid-enforced-tls --help lists the flags)'
    ],
    [['plan', '--dry-run'], 'error: Unknown flag --dry-run (sendgrid-enforced-tls --help lists the flags)'],
    [['plan', '-n'], 'error: Unknown flag -n (sendgrid-enforced-tls --help lists the flags)'],
    [
      ['plan', 'marketing'],
      "error: Unexpected argument 'marketing' after the command plan: give settings as --name value (sendgrid-enforced-tls plan --help lists them)"
    ],
    [['--mode', 'apply'], 'error: --mode is not a flag here: the mode is the command (sendgrid-enforced-tls verify|plan|apply|export)'],
    [['--require-tls', 'true'], 'error: No command: say verify, plan, apply or export (sendgrid-enforced-tls --help tells more)'],
    [['verify', '--min-version'], 'error: --min-version needs a value (--min-version= for an empty one)'],
    [['verify', '--min-version', '1.2', '--min-version', '1.3'], 'error: --min-version is given twice'],
    [['verify', '--verbose=yes'], 'error: --verbose takes no value']
  ])('%j is refused, naming what is wrong, before any request', async (argv, error) => {
    const result = await cli(argv)
    expect([result.code, result.stdout, result.stderr]).toEqual([1, '', `${error}\n`])
    expect(cliServer.standIn.requests).toEqual([])
  })

  it.each([
    [['verify', '--min-version', '1.4'], "--min-version must be 1.1, 1.2 or 1.3, or empty to leave it unmanaged; got '1.4'"],
    [['verify', '--require-tls', 'yes'], "--require-tls must be true or false; got 'yes'"],
    [['verify', '--require-tls', '--concurrency', '99'], "--concurrency must be a whole number from 1 to 32; got '99'"],
    [['verify', '--require-tls', '--api-url', 'http://example.com'], '--api-url must use https://'],
    [['apply'], '--require-tls, --require-valid-cert and --min-version are all left out, so apply would have nothing to check'],
    [
      ['verify', '--policy-file', 'tls.yml', '--require-tls'],
      '--policy-file and --require-tls cannot be used together: the policy file says what each target enforces and which targets there are, so --require-tls must be left out\n'
    ]
  ])('%j is refused in the engine’s words, with flags for names', async (argv, error) => {
    const result = await cli(argv)
    expect(result.code).toBe(1)
    expect(result.stderr).toContain(`error: ${error}`)
    expect(cliServer.standIn.requests).toEqual([])
  })

  it('takes a switch alone as true, and a command right after it as the command', async () => {
    await start({ parent: STRICT, subusers: { billing: STRICT } })
    const result = await cli(['--include-parent', 'verify', '--api-url', cliServer.standIn.url, '--subuser', 'billing', '--require-tls'])
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('Compliant: all 2 targets match the policy.')
  })

  it('prints help, for each command too, and the version, and exits 0', async () => {
    const help = await cli(['--help'])
    expect([help.code, help.stderr]).toEqual([0, ''])
    expect(help.stdout).toMatch(/^Usage: sendgrid-enforced-tls <command> \[flags\]/)
    for (const flag of ['--require-tls', '--subuser', '--api-url', '--request-timeout', '--format', '--api-key-file', '--no-color']) {
      expect(help.stdout).toContain(flag)
    }
    const plan = await cli(['plan', '-h'])
    expect(plan.stdout).toMatch(/^Usage: sendgrid-enforced-tls plan \[flags\]\n\nReads and compares as verify does/)
    const version = await cli(['--version'])
    expect(version.stdout).toMatch(/^sendgrid-enforced-tls \d+\.\d+\.\d+\n$/)
    expect(cliServer.standIn.requests).toEqual([])
  })
})

describe('the API key', () => {
  it.each([[['--api-key', 'SG.typed.key']], [['--api-key=SG.typed.key']]])('is never taken from a flag: %j', async (flag) => {
    const result = await cli(['verify', ...flag, '--require-tls'])
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('error: --api-key is not accepted')
    expect(result.stderr).toContain('set the environment variable SENDGRID_API_KEY, or pass --api-key-file <path>')
    expect(result.stderr).not.toContain('SG.typed.key')
  })

  it('pasted as an argument, is turned away without being echoed', async () => {
    const result = await cli(['SG.pasted.key', 'verify'])
    expect(result.stderr).toBe(
      'error: An API key is never an argument: set the environment variable SENDGRID_API_KEY, or pass --api-key-file <path>\n'
    )
  })

  it('missing, is asked for by the variable that holds it', async () => {
    const result = await cli(against('verify', '--require-tls'), { env: { SENDGRID_API_KEY: undefined } })
    expect(result.code).toBe(1)
    expect(result.stderr).toBe('error: SENDGRID_API_KEY (or --api-key-file) is required: a SendGrid API key\n')
    expect(cliServer.standIn.requests).toEqual([])
  })

  it('too short, is sent back to the variable or the file that holds it', async () => {
    const result = await cli(against('verify', '--require-tls'), { env: { SENDGRID_API_KEY: 'SG.short' } })
    expect(result.stderr).toBe(
      'error: SENDGRID_API_KEY (or --api-key-file) is too short to be a SendGrid API key (those are 69 characters): check SENDGRID_API_KEY (or the file given to --api-key-file)\n'
    )
  })

  it('is never echoed from the environment, wherever an argument repeats it', async () => {
    for (const argv of [
      against('verify', '--require-tls', '--api-key-file', DEFAULT_STAND_IN_KEY),
      against('verify', `--format=${DEFAULT_STAND_IN_KEY}`),
      against('verify', `--${DEFAULT_STAND_IN_KEY}`),
      [`Bearer ${DEFAULT_STAND_IN_KEY}`]
    ]) {
      const result = await cli(argv)
      expect(result.code).toBe(1)
      expect(result.stderr).not.toContain(DEFAULT_STAND_IN_KEY.slice(3, 20))
    }
  })
})

describe('progress', () => {
  beforeEach(() => start({ subusers: { a: OPEN, b: OPEN, c: OPEN } }))

  it('counts targets done on stderr when it is a terminal, then clears the line', async () => {
    const result = await cli(against('verify', '--subuser', '*', '--require-tls'), { stderrTTY: true })
    expect(result.stderr).toBe(`\r1/3 targets done\r2/3 targets done\r3/3 targets done\r${ESC}[2K`)
    expect(result.stdout).not.toContain('targets done')
  })

  it.each([
    ['stderr is not a terminal', ['--subuser', '*'], {}],
    ['there is one target', [], { stderrTTY: true }]
  ])('is not shown when %s', async (_, flags, terminal: Terminal) => {
    const result = await cli(against('verify', '--require-tls', ...flags), terminal)
    expect(result.stderr).toBe('')
  })

  it('gives way to the run log with --verbose', async () => {
    const result = await cli(against('verify', '--subuser', '*', '--require-tls', '--verbose'), { stderrTTY: true })
    expect(result.stderr).not.toContain('targets done')
    expect(result.stderr).toContain('== List subusers\nFound 3 subusers\n3 targets, 3 at a time\n== a: drift\nRead: require_tls=false')
  })
})

describe('cancellation', () => {
  it('stops the work, prints what is known in the format asked for, and exits 1', async () => {
    await start({ subusers: { a: OPEN, b: OPEN } })
    cliServer.standIn.inject({ kind: 'hang' }, 1, 'PATCH')
    const cancel = new AbortController()
    void (async () => {
      while (!cliServer.standIn.requests.some((r) => r.method === 'PATCH')) await new Promise((done) => setTimeout(done, 5))
      cancel.abort()
    })()
    const result = await cli(against('apply', '--subuser', 'a,b', '--concurrency', '1', '--require-tls', '--format', 'json'), {
      signal: cancel.signal
    })
    expect(result.code).toBe(1)
    expect((JSON.parse(result.stdout) as { target: string; error: string }[]).map((e) => [e.target, e.error])).toEqual([
      ['a', 'the run was cancelled while its PATCH was in flight: it may have landed; run verify'],
      ['b', 'not changed: the run was cancelled before its write']
    ])
    expect(result.stderr).toBe(
      'error: The run was cancelled: 0 of 2 targets finished; a PATCH was in flight and may have landed on: a. Run sendgrid-enforced-tls verify to see what is on the accounts.\n'
    )
  })
})
