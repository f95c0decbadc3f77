import * as core from '@actions/core'
import { safeLine } from '../core/guard.js'
import { run } from './main.js'
import { messageOf } from '../core/errors.js'

/** Seconds a cancelled run has to write what it knows; the runner escalates to SIGKILL soon after. */
const CANCEL_GRACE_MS = 5000

// The runner cancels a job with SIGINT, then SIGTERM: stop the work, keep the report.
const cancel = new AbortController()
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (cancel.signal.aborted) return
    core.warning(`Received ${signal}: stopping, and writing what is known so far.`)
    cancel.abort()
    setTimeout(() => process.exit(1), CANCEL_GRACE_MS).unref()
  })
}

/** Whatever escapes run() still fails the step with a message, never a bare stack trace. */
function failUnexpectedly(error: unknown): void {
  const text = messageOf(error)
  core.setFailed(safeLine(`Unexpected failure: ${text}`))
  if (core.isDebug() && error instanceof Error && error.stack) core.debug(safeLine(error.stack))
}
process.on('unhandledRejection', failUnexpectedly)
process.on('uncaughtException', (error) => {
  failUnexpectedly(error)
  process.exit(1)
})

run({ signal: cancel.signal }).catch(failUnexpectedly)
