/** The bundled command line (dist/cli/index.js, made by `npm run build`) as a user runs it: a child process. */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { DEFAULT_STAND_IN_KEY, startStandIn, type StandIn } from '../stand-in/server.js'

const CLI = 'dist/cli/index.js'
let standIn: StandIn

beforeEach(async () => {
  standIn = await startStandIn({ subusers: { ops: { require_tls: true, require_valid_cert: false } } })
})
afterEach(() => standIn.close())

/** Asynchronous, so that the stand-in in this process can answer while the CLI waits. */
function runCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { env: { PATH: process.env['PATH'], SENDGRID_API_KEY: DEFAULT_STAND_IN_KEY }, timeout: 15000 },
      (error, stdout, stderr) => resolve({ code: typeof error?.code === 'number' ? error.code : error ? -1 : 0, stdout, stderr })
    )
  })
}

describe('node dist/cli/index.js', () => {
  it('starts with a shebang, so that npm can link it as a command', () => {
    expect(readFileSync(CLI, 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node')
  })

  it('verifies against the stand-in and exits 2 on drift', async () => {
    const run = await runCli(['verify', '--api-url', standIn.url, '--require-tls', 'true', '--subuser', '*', '--include-parent'])
    expect(run.stderr).toBe('')
    expect(run.stdout).toMatch(/^\(parent account\) +drift +false → true +require_tls is false, policy wants true$/m)
    expect(run.stdout).toMatch(/^ops +compliant +true$/m)
    expect(run.code).toBe(2)
  })

  it('bundles only packages whose licences dist/licenses.txt holds', () => {
    const map = JSON.parse(readFileSync(`${CLI}.map`, 'utf8')) as { sources: string[] }
    const packages = new Set(map.sources.flatMap((source) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(source)?.[1] ?? []))
    expect(packages.size).toBeGreaterThan(0)
    const licences = readFileSync('dist/licenses.txt', 'utf8')
    for (const name of packages) expect([name, licences.includes(`\n${name}@`)]).toEqual([name, true])
    expect([...packages].filter((name) => name.startsWith('@actions/'))).toEqual([])
  })
})
