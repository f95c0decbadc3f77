/**
 * Shared by the fault suites: the bundled action against a stand-in that misbehaves on request.
 * Every run is checked for the key: it may appear only in the runner's mask command.
 */
import { afterEach, expect } from '@jest/globals'
import { resolve } from 'node:path'
import { runAction, type ActionRun } from '../../stand-in/runner.js'
import { SCOPE_READ, SCOPE_UPDATE, startStandIn, type StandIn, type StandInOptions } from '../../stand-in/server.js'

const ACTION = resolve('dist/index.js')
export const KEY = `SG.fault-suite.${Math.random().toString(36).slice(2)}`
let standIn: StandIn | undefined

export async function start(options: StandInOptions = {}): Promise<StandIn> {
  standIn = await startStandIn({ keys: { [KEY]: [SCOPE_READ, SCOPE_UPDATE] }, ...options })
  return standIn
}

afterEach(async () => {
  await standIn?.close()
  standIn = undefined
})

export async function act(server: StandIn, inputs: Record<string, string>): Promise<ActionRun> {
  const run = await runAction(ACTION, { 'api-key': KEY, 'api-url': server.url, 'request-timeout': '2', ...inputs })
  expectKeyOnlyInMask(run)
  return run
}

function expectKeyOnlyInMask(run: ActionRun): void {
  const lines = (run.stdout + run.stderr).split('\n').filter((line) => line.includes(KEY))
  expect(lines).toEqual([`::add-mask::${KEY}`])
  expect(JSON.stringify(run.outputs)).not.toContain(KEY)
  expect(run.summary).not.toContain(KEY)
}

export function errorOf(run: ActionRun): string {
  return run.stdout.split('\n').find((line) => line.startsWith('::error::')) ?? ''
}

export const methods = (server: StandIn) => server.requests.map((r) => r.method)
export const VERIFY = { mode: 'verify', 'require-tls': 'false' }
