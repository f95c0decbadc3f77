/**
 * The runner's files cannot be written (a full disk, a directory where a file should be): the
 * verdict is still given, and the step says which file failed. In a file of its own, because
 * @actions/core's summary keeps the first path it wrote to for the life of the process.
 */
import { afterEach, expect, it } from '@jest/globals'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { run } from '../src/action/main.js'
import { DEFAULT_STAND_IN_KEY, startStandIn, type StandIn } from '../stand-in/server.js'
import { annotations, runStep } from './helpers/workflow-step.js'

let standIn: StandIn
const afterDone: string[] = []
afterEach(async () => {
  await standIn.close()
  for (const dir of afterDone.splice(0)) rmSync(dir, { recursive: true, force: true })
})

it('a full disk under the outputs and a directory in place of the summary: verdict first, then which file failed', async () => {
  standIn = await startStandIn({ parent: { require_tls: true, require_valid_cert: false } })
  const directory = mkdtempSync(join(tmpdir(), 'summary-is-a-directory-'))
  afterDone.push(directory)
  const result = await runStep(
    () => run(),
    { 'api-key': DEFAULT_STAND_IN_KEY, 'api-url': standIn.url, 'require-tls': 'true' },
    { GITHUB_OUTPUT: '/dev/full', GITHUB_STEP_SUMMARY: directory }
  )
  expect(result.stdout).toContain('Enforced TLS of the parent account: compliant')
  const errors = annotations(result.stdout, 'error')
  expect(errors).toHaveLength(1)
  expect(errors[0]).toContain("The step's outputs could not be written to GITHUB_OUTPUT (/dev/full): ENOSPC")
  const warnings = annotations(result.stdout, 'warning')
  expect(warnings.join('\n')).toContain(`The job summary could not be written to GITHUB_STEP_SUMMARY (${directory}): EISDIR`)
  expect(result.exitCode).toBe(1)
  expect(result.stdout.indexOf('compliant')).toBeLessThan(result.stdout.indexOf('::error::'))
})
