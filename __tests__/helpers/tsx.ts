/** Runs one of the repository's TypeScript entry points as `npm start` or `npm run …` would, in a child process. */
import { spawnSync } from 'node:child_process'
import { resolve } from 'node:path'

const TSX = resolve('node_modules/.bin/tsx')

export interface ScriptRun {
  status: number | null
  stdout: string
  stderr: string
}

/** `script` is relative to the repository; `cwd` lets a test give it a directory of its own to look at. */
export function runTsx(script: string, args: string[] = [], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): ScriptRun {
  const run = spawnSync(TSX, [resolve(script), ...args], {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    encoding: 'utf8',
    timeout: 15000
  })
  return { status: run.status, stdout: run.stdout, stderr: run.stderr }
}
