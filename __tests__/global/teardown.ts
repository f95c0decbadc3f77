/**
 * Jest's global teardown: the suite's own temporary folder must be empty once every test file has
 * run, each having removed what it made; what is left is named, and fails the run. The folder goes
 * either way.
 */
import { readdir, rm } from 'node:fs/promises'

/** Set by setup.ts. */
const SUITE_TMPDIR = 'ENFORCED_TLS_SUITE_TMPDIR'
/** tsx's cache of compiled files (`tsx-<uid>`), which tsx keeps on purpose: not the tests' to remove. */
const LEFT_ALONE = /^tsx-\d+$/

export default async function teardown(): Promise<void> {
  const dir = process.env[SUITE_TMPDIR]
  if (!dir) return
  const left = (await readdir(dir)).filter((name) => !LEFT_ALONE.test(name))
  await rm(dir, { recursive: true, force: true })
  if (left.length > 0) {
    throw new Error(`The tests left ${left.join(', ')} in the temporary folder: remove each where it is made (an afterAll or a finally)`)
  }
}
