/**
 * A job cancelled mid-run (the runner sends SIGINT, then SIGTERM): the action stops its work at
 * once, says which targets were written and which PATCH may have landed, sets its outputs, and
 * fails the step, instead of dying with nothing written.
 */
import { afterEach, describe, expect, it } from '@jest/globals'
import { resolve } from 'node:path'
import { run } from '../src/action/main.js'
import { runAction } from '../stand-in/runner.js'
import { DEFAULT_STAND_IN_KEY, startStandIn, type StandIn } from '../stand-in/server.js'
import { FAST_RETRY, fakeClock } from './helpers/clock.js'
import { runStep } from './helpers/workflow-step.js'
import { OPEN } from './fixtures/fleets.js'

let standIn: StandIn
afterEach(() => standIn.close())

/** Resolves once the stand-in has seen a PATCH: the write is in flight, never to be answered. */
async function patchInFlight(): Promise<void> {
  while (!standIn.requests.some((r) => r.method === 'PATCH')) await new Promise((done) => setTimeout(done, 5))
}

describe('cancellation', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)('%s during an apply: the bundled action reports what is known and fails', async (signal) => {
    standIn = await startStandIn()
    standIn.inject({ kind: 'hang' }, 1, 'PATCH')
    const result = await runAction(
      resolve('dist/index.js'),
      { 'api-key': DEFAULT_STAND_IN_KEY, 'api-url': standIn.url, mode: 'apply', 'require-tls': 'true' },
      {},
      (child) => void patchInFlight().then(() => child.kill(signal))
    )
    expect(result.exitCode).toBe(1)
    expect(result.stderr).toBe('')
    expect(result.stdout).toContain(`::warning::Received ${signal}: stopping, and writing what is known so far.`)
    expect(result.stdout).toMatch(
      /::error::The job was cancelled: 0 of 1 target finished; a PATCH was in flight and may have landed on: parent\. Run this action in verify mode/
    )
    expect(result.outputs).toMatchObject({ compliant: 'false', changed: 'false', result: 'null' })
    expect(result.summary).toContain('may or may not have landed')
    expect(result.summary).toContain('The job was cancelled')
  })

  it('across several targets: every target is read first; the write in flight may have landed, those not started are untouched', async () => {
    standIn = await startStandIn({ subusers: { a: OPEN, b: OPEN, c: OPEN } })
    standIn.inject({ kind: 'hang' }, 1, 'PATCH')
    const cancel = new AbortController()
    void patchInFlight().then(() => cancel.abort())
    const result = await runStep(() => run({ clock: fakeClock(), retry: FAST_RETRY, confirmWaitsMs: [0], signal: cancel.signal }), {
      'api-key': DEFAULT_STAND_IN_KEY,
      'api-url': standIn.url,
      mode: 'apply',
      subuser: 'a,b,c',
      concurrency: '1',
      'require-tls': 'true',
      forecast: 'off'
    })
    expect(result.exitCode).toBe(1)
    expect(standIn.requests.map((r) => `${r.method} ${String(r.headers['on-behalf-of'])}`)).toEqual(['GET a', 'GET b', 'GET c', 'PATCH a'])
    const report = JSON.parse(result.outputs['report'] ?? '[]') as { target: string; prior: object | null; error: string | null }[]
    expect(report.map((e) => [e.target, e.error])).toEqual([
      ['a', 'the run was cancelled while its PATCH was in flight: it may have landed; run verify'],
      ['b', 'not changed: the run was cancelled before its write'],
      ['c', 'not changed: the run was cancelled before its write']
    ])
    expect(report.map((e) => e.prior === null)).toEqual([false, false, false])
    expect(result.summary).toContain('may have landed on: a.')
  })
})
