#!/usr/bin/env node
import { safeLine } from '../core/guard.js'
import { main } from './main.js'
import { messageOf } from '../core/errors.js'

/** Seconds a cancelled run has to print what it knows before the process ends regardless. */
const CANCEL_GRACE_MS = 5000

// Ctrl-C (or a CI job's SIGTERM) stops the work where it is and prints what is known; a second
// one, from a user who will not wait, ends the process at once.
const cancel = new AbortController()
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (cancel.signal.aborted) process.exit(130)
    process.stderr.write(`\nReceived ${signal}: stopping, and printing what is known so far.\n`)
    cancel.abort()
    setTimeout(() => process.exit(1), CANCEL_GRACE_MS).unref()
  })
}

/** Whatever escapes main() still ends as one line and exit code 1, never a bare stack trace. */
function failUnexpectedly(error: unknown): void {
  const text = messageOf(error)
  process.stderr.write(`error: ${safeLine(`unexpected failure: ${text}`)}\n`)
  process.exitCode = 1
}
process.on('unhandledRejection', failUnexpectedly)
process.on('uncaughtException', (error) => {
  failUnexpectedly(error)
  process.exit(1)
})

// A reader that stops early (`| head`) is no failure of this run: end quietly, as other tools do.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error
  process.exit()
})

const stream = (out: NodeJS.WriteStream) => ({ write: (text: string) => void out.write(text), isTTY: out.isTTY === true })

// The exit code is set, not forced, so that a large result piped on is written out whole first.
main(process.argv.slice(2), {
  env: process.env,
  cwd: process.cwd(),
  stdout: stream(process.stdout),
  stderr: stream(process.stderr),
  signal: cancel.signal
}).then((code) => (process.exitCode = code), failUnexpectedly)
