/** `npm run local` (scripts/local.ts), run in a directory of the test's own, never the repository. */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'
import { runTsx } from './helpers/tsx.js'

const SCRIPT = 'scripts/local.ts'
let dir: string

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'enforced-tls-local-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

describe('npm run local', () => {
  it('without .env, says in one line how to make one and start the stand-in, and fails', () => {
    const run = runTsx(SCRIPT, [], { cwd: dir })
    expect(run.stderr.trim().split('\n')).toEqual([
      'No .env file: copy the example (cp .env.example .env), then start the stand-in in another terminal (npm start -- --serve --port 8080).'
    ])
    expect(run.status).toBe(1)
  })

  it('with .env, hands over to local-action and ends with its exit code', () => {
    writeFileSync(join(dir, '.env'), 'INPUT_MODE=plan\n')
    // A local-action of the test's own, first on PATH as npm puts node_modules/.bin.
    const fake = join(dir, 'bin')
    mkdirSync(fake)
    writeFileSync(join(fake, 'local-action'), '#!/bin/sh\necho "local-action $*"\nexit 3\n')
    chmodSync(join(fake, 'local-action'), 0o755)
    const run = runTsx(SCRIPT, [], { cwd: dir, env: { PATH: `${fake}${delimiter}${process.env['PATH'] ?? ''}` } })
    expect(run.stdout.trim()).toBe('local-action . src/action/main.ts .env')
    expect(run.status).toBe(3)
  })
})
