/**
 * Jest's global setup: the suite gets a temporary folder of its own, and every worker and child
 * process inherits it as TMPDIR, so that the teardown can tell what the tests left behind.
 */
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** Read by teardown.ts, which jest loads on its own: neither can import the other (see jest.config.js). */
const SUITE_TMPDIR = 'ENFORCED_TLS_SUITE_TMPDIR'

export default async function setup(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'enforced-tls-suite-'))
  process.env[SUITE_TMPDIR] = dir
  process.env['TMPDIR'] = dir
}
