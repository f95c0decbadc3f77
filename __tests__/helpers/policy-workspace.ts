/**
 * Policy as code through both faces: a policy file in a temporary workspace, the action run in
 * process on it (`step`) or the command line from it (`cli`), against the SendGrid stand-in.
 * A suite opens and removes the workspace around each test:
 * `beforeEach(openWorkspace)`, `afterEach(closeWorkspace)`.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { run } from '../../src/action/main.js'
import { main } from '../../src/cli/main.js'
import { DEFAULT_STAND_IN_KEY, startStandIn, type StandIn, type StandInOptions, type StoredSetting } from '../../stand-in/server.js'
import { FAST_RETRY, fakeClock } from './clock.js'
import { runStep } from './workflow-step.js'

export const OPEN: StoredSetting = { require_tls: false, require_valid_cert: false }
export const STRICT: StoredSetting = { require_tls: true, require_valid_cert: true, version: 1.2 }
export const LEGACY: StoredSetting = { require_tls: true, require_valid_cert: false, version: 1.2 }

export const POLICY = `version: 1
default:
  require-tls: true
  require-valid-cert: true
  min-version: "1.2"
targets:
  - parent: true
  - subuser: "*"
    exclude: ["sandbox-*"]
  - subuser: legacy-billing
    require-valid-cert: false
    reason: partner MTA with a self-signed certificate (OPS-123)
    expires: 2099-03-31
  - subuser: old
    require-tls: false
    reason: migration (OPS-7)
    expires: 2020-01-31
`

export const FLEET = {
  parent: { ...STRICT },
  subusers: { 'legacy-billing': { ...LEGACY }, old: { ...STRICT }, plain: { ...STRICT }, 'sandbox-1': { ...OPEN } }
}

/** The test's workspace and stand-in: set by `openWorkspace` and `step`, or by a test that starts its own stand-in. */
export const policyRun = {} as { standIn: StandIn; workspace: string }

export async function openWorkspace(): Promise<void> {
  policyRun.workspace = await mkdtemp(join(tmpdir(), 'policy-workspace-'))
}

export async function closeWorkspace(): Promise<void> {
  await policyRun.standIn?.close()
  await rm(policyRun.workspace, { recursive: true, force: true })
}

export async function step(options: StandInOptions, inputs: Record<string, string>, policy: string | undefined = POLICY) {
  const standIn = await startStandIn(options)
  policyRun.standIn = standIn
  if (policy !== undefined) await writeFile(join(policyRun.workspace, 'policy.yml'), policy)
  return runStep(
    () => run({ clock: fakeClock(), retry: FAST_RETRY, confirmWaitsMs: [0] }),
    { 'api-key': DEFAULT_STAND_IN_KEY, 'api-url': standIn.url, 'policy-file': 'policy.yml', ...inputs },
    { GITHUB_WORKSPACE: policyRun.workspace }
  )
}

/** One run of the command line, in-process, from `cwd` (the workspace unless said). */
export async function cli(argv: string[], cwd = policyRun.workspace) {
  let stdout = ''
  let stderr = ''
  const code = await main(argv, {
    env: { SENDGRID_API_KEY: DEFAULT_STAND_IN_KEY },
    cwd,
    stdout: { write: (text) => void (stdout += text), isTTY: false },
    stderr: { write: (text) => void (stderr += text), isTTY: false },
    clock: fakeClock(),
    retry: FAST_RETRY,
    confirmWaitsMs: [0]
  })
  return { code, stdout, stderr }
}
