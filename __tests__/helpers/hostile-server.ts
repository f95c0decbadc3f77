/**
 * The hostile-server suites' shared setup: a stand-in made to answer as an attacker or a broken
 * network would, and the real action run in process against it, on a clock whose waits pass at
 * once. Every run's log, outputs, summary and report file are checked for the key.
 * A suite closes the server after each test: `afterEach(closeHostileServer)`.
 */
import { expect } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { run } from '../../src/action/main.js'
import { SCOPE_READ, SCOPE_SUBUSERS, SCOPE_UPDATE, startStandIn, type StandIn, type StandInOptions } from '../../stand-in/server.js'
import { FAST_RETRY, fakeClock, type FakeClock } from './clock.js'
import { annotations, runStep } from './workflow-step.js'

export const KEY = 'SG.hostile-suite-key-id.Zq8xWv2tYu5sRp9oNm3lKj7hGf1dSa4Qw6eRt0yUi'
export const SECRET = KEY.split('.')[2] ?? ''

/** The server and the clock of the test that runs: a test that starts its own sets them here. */
export const hostile: { standIn?: StandIn; clock: FakeClock } = { clock: fakeClock() }

export async function closeHostileServer(): Promise<void> {
  await hostile.standIn?.close()
}

export async function step(options: StandInOptions, inputs: Record<string, string>, setup?: (server: StandIn) => void) {
  const standIn = await startStandIn({ keys: { [KEY]: [SCOPE_READ, SCOPE_UPDATE, SCOPE_SUBUSERS] }, ...options })
  hostile.standIn = standIn
  setup?.(standIn)
  const clock = fakeClock()
  hostile.clock = clock
  const result = await runStep(() => run({ clock, retry: FAST_RETRY, confirmWaitsMs: [0, 0, 0, 0] }), {
    'api-key': KEY,
    'api-url': standIn.url,
    'require-tls': 'true',
    'request-timeout': '5',
    ...inputs
  })
  expectNoKey(
    result.stdout
      .split('\n')
      .filter((line) => !line.startsWith('::add-mask::'))
      .join('\n')
  )
  expectNoKey(JSON.stringify(result.outputs))
  expectNoKey(result.summary)
  if (result.outputs['report-file']) expectNoKey(readFileSync(result.outputs['report-file'], 'utf8'))
  return result
}

/** Not the key, nor any ten characters of it. */
export function expectNoKey(text: string): void {
  for (let i = 0; i + 10 <= KEY.length; i++) expect(text).not.toContain(KEY.slice(i, i + 10))
}

export const methods = () => hostile.standIn?.requests.map((r) => r.method)
export const errorOf = (stdout: string) => annotations(stdout, 'error').join('\n')
export const echo = (text: string) => ({
  kind: 'status' as const,
  status: 400,
  body: JSON.stringify({ errors: [{ field: null, message: text }] })
})
