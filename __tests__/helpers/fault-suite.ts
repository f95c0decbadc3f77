/**
 * Shared by the fault suites: the action, run in process from src on a clock whose waits pass at
 * once, against a stand-in that misbehaves on request. Every run is checked for the key: it may
 * appear only in the runner's mask command.
 */
import { afterEach, expect } from '@jest/globals'
import { run } from '../../src/action/main.js'
import type { ActionRun } from '../../stand-in/runner.js'
import { SCOPE_READ, SCOPE_UPDATE, startStandIn, type StandIn, type StandInOptions } from '../../stand-in/server.js'
import { FAST_RETRY, fakeClock, type FakeClock } from './clock.js'
import { runStep } from './workflow-step.js'

export const KEY = `SG.fault-suite.${Math.random().toString(36).slice(2)}`
let standIn: StandIn | undefined
/**
 * The time of both the stand-in and the run, starting on a whole second: a reset the stand-in
 * names "one second from now" is then exactly one second away, whatever the wall clock says.
 */
let clock: FakeClock = fakeClock()

export async function start(options: StandInOptions = {}): Promise<StandIn> {
  clock = fakeClock(Math.ceil(Date.now() / 1000) * 1000)
  standIn = await startStandIn({ keys: { [KEY]: [SCOPE_READ, SCOPE_UPDATE] }, now: clock.now, ...options })
  return standIn
}

afterEach(async () => {
  await standIn?.close()
  standIn = undefined
})

/** Confirmation reads one millisecond apart: as many as production makes, without its 15 s. */
const CONFIRM_WAITS = [1, 1, 1, 1]

export async function act(server: StandIn, inputs: Record<string, string>): Promise<ActionRun> {
  const result = await runStep(() => run({ clock, retry: FAST_RETRY, confirmWaitsMs: CONFIRM_WAITS }), {
    'api-key': KEY,
    'api-url': server.url,
    'request-timeout': '1',
    ...inputs
  })
  expectKeyOnlyInMask(result)
  return result
}

function expectKeyOnlyInMask(result: ActionRun): void {
  const lines = result.stdout.split('\n').filter((line) => line.includes(KEY))
  expect(lines).toEqual([`::add-mask::${KEY}`])
  expect(JSON.stringify(result.outputs)).not.toContain(KEY)
  expect(result.summary).not.toContain(KEY)
}

export function errorOf(result: ActionRun): string {
  return result.stdout.split('\n').find((line) => line.startsWith('::error::')) ?? ''
}

export const methods = (server: StandIn) => server.requests.map((r) => r.method)
export const VERIFY = { mode: 'verify', 'require-tls': 'false' }
