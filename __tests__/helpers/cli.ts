/** The command line run in-process through `main(argv, io)`, as a terminal would run it, with time passing at once. */
import { expect } from '@jest/globals'
import { main } from '../../src/cli/main.js'
import { DEFAULT_STAND_IN_KEY, startStandIn, type StandIn, type StandInOptions } from '../../stand-in/server.js'
import { FAST_RETRY, fakeClock } from './clock.js'
import { tableResolver } from './mx.js'

export interface Terminal {
  env?: Record<string, string | undefined>
  cwd?: string
  stdoutTTY?: boolean
  stderrTTY?: boolean
  signal?: AbortSignal
}

export interface CliRun {
  code: number
  stdout: string
  stderr: string
}

function capture(isTTY: boolean) {
  const stream = { text: '', isTTY, write: (text: string) => void (stream.text += text) }
  return stream
}

/** One run of the CLI; whatever it printed, the key is in none of it. */
export async function cli(argv: string[], terminal: Terminal = {}): Promise<CliRun> {
  const env = { SENDGRID_API_KEY: DEFAULT_STAND_IN_KEY, ...terminal.env }
  const stdout = capture(terminal.stdoutTTY ?? false)
  const stderr = capture(terminal.stderrTTY ?? false)
  const code = await main(argv, {
    env,
    cwd: terminal.cwd ?? process.cwd(),
    stdout,
    stderr,
    signal: terminal.signal,
    clock: fakeClock(),
    retry: FAST_RETRY,
    confirmWaitsMs: [0],
    // No resolver of the machine's: every recipient domain has no MX, and is judged alone.
    mxResolver: tableResolver({})
  })
  for (const key of [env.SENDGRID_API_KEY, DEFAULT_STAND_IN_KEY]) {
    if (key) expect(stdout.text + stderr.text).not.toContain(key)
  }
  return { code, stdout: stdout.text, stderr: stderr.text }
}

/** The escape that starts a terminal's control sequences: what a hostile name must not smuggle in. */
export const ESC = '\u001b'

/** The stand-in the commands of a suite go to: `beforeEach(() => start())`, `afterEach(closeCliServer)`. */
export const cliServer = {} as { standIn: StandIn }

export async function start(options: StandInOptions = {}): Promise<void> {
  await cliServer.standIn?.close()
  cliServer.standIn = await startStandIn(options)
}

export async function closeCliServer(): Promise<void> {
  await cliServer.standIn.close()
}

/** A command against the stand-in. */
export const against = (command: string, ...flags: string[]) => [command, '--api-url', cliServer.standIn.url, ...flags]
