/** `npm start`'s command line: the flags it knows, the ones it refuses, and a port it cannot have. */
import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { createServer, type AddressInfo } from 'node:net'
import { parse } from 'yaml'
import { INPUT_FLAGS, parseDemoArgs, USAGE } from '../stand-in/demo/args.js'
import { runTsx } from './helpers/tsx.js'

const DEMO = 'stand-in/demo/index.ts'

function refusal(argv: string[]): string {
  try {
    parseDemoArgs(argv)
  } catch (error) {
    return (error as Error).message
  }
  throw new Error(`${argv.join(' ')} was accepted`)
}

describe('parseDemoArgs', () => {
  it('takes inputs as --name value and --name=value, empty values included', () => {
    expect(parseDemoArgs(['--mode', 'apply', '--subuser=marketing', '--min-version=', '--account-id', ''])).toEqual({
      help: false,
      serve: false,
      port: 0,
      inputs: { mode: 'apply', subuser: 'marketing', 'min-version': '', 'account-id': '' }
    })
  })

  it('knows its own flags apart from the inputs', () => {
    expect(parseDemoArgs(['--serve', '--port', '8080'])).toEqual({ help: false, serve: true, port: 8080, inputs: {} })
    expect(parseDemoArgs(['--help']).help).toBe(true)
    expect(parseDemoArgs(['-h']).help).toBe(true)
    expect(parseDemoArgs([])).toEqual({ help: false, serve: false, port: 0, inputs: {} })
    expect(parseDemoArgs(['--world', 'fleet.yml', '--mode=plan'])).toEqual({
      help: false,
      serve: false,
      port: 0,
      world: 'fleet.yml',
      inputs: { mode: 'plan' }
    })
  })

  it('refuses an unknown flag by name, suggesting the one meant when it is close', () => {
    expect(refusal(['--mdoe', 'apply'])).toBe('Unknown flag --mdoe; did you mean --mode? (npm start -- --help lists the flags)')
    expect(refusal(['--requre-valid-cert', 'true'])).toContain('did you mean --require-valid-cert?')
    expect(refusal(['--prot', '8080'])).toContain('did you mean --port?')
    expect(refusal(['--verbose'])).toBe('Unknown flag --verbose (npm start -- --help lists the flags)')
  })

  it('refuses a port that is not a whole number from 0 to 65535, naming the flag', () => {
    for (const port of ['http', '-1', '65536', '80.5', ''])
      expect(refusal(['--port', port])).toMatch(/^--port must be a whole number from 0 to 65535/)
    expect(parseDemoArgs(['--port=65535']).port).toBe(65535)
  })

  it('refuses a flag whose value is missing, a value on a switch, and a bare word', () => {
    expect(refusal(['--mode'])).toBe('--mode needs a value (--mode= for an empty one)')
    expect(refusal(['--subuser', '--mode', 'plan'])).toMatch(/^--subuser needs a value/)
    expect(refusal(['--serve=yes'])).toBe('--serve takes no value')
    expect(refusal(['apply'])).toMatch(/^Unexpected argument 'apply'/)
  })

  it('accepts as flags exactly the inputs action.yml declares', () => {
    const action = parse(readFileSync('action.yml', 'utf8')) as { inputs: Record<string, unknown> }
    expect([...INPUT_FLAGS].sort()).toEqual(Object.keys(action.inputs).sort())
    for (const input of INPUT_FLAGS) expect(USAGE).toContain(input)
  })
})

describe('the demo as a command (stand-in/demo/index.ts)', () => {
  it('prints its usage for --help and -h, and runs nothing', () => {
    for (const flag of ['--help', '-h']) {
      const run = runTsx(DEMO, [flag])
      expect(run.stdout.trim()).toBe(USAGE)
      expect(run.status).toBe(0)
    }
  })

  it('stops with exit code 1 on an unknown flag, as the CLI does, before starting the stand-in', () => {
    const run = runTsx(DEMO, ['--mdoe', 'apply'])
    expect(run.stderr.trim()).toBe('Unknown flag --mdoe; did you mean --mode? (npm start -- --help lists the flags)')
    expect(run.stdout).toBe('')
    expect(run.status).toBe(1)
  })

  it('says in one line that a taken port is taken', async () => {
    const holder = createServer()
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve))
    try {
      const { port } = holder.address() as AddressInfo
      const run = runTsx(DEMO, ['--serve', '--port', String(port)])
      expect(run.stderr.trim()).toBe(`Port ${port} is taken: choose another with --port.`)
      expect(run.stdout).toBe('')
      expect(run.status).toBe(1)
    } finally {
      await new Promise((resolve) => holder.close(resolve))
    }
  })
})
