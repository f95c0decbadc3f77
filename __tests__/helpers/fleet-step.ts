/**
 * Many targets in one step: the real action, in process, against a stand-in holding the fleet.
 * A suite closes the stand-in after each test: `afterEach(closeFleet)`.
 */
import { run } from '../../src/action/main.js'
import type { ReportEntry } from '../../src/report/entries.js'
import { DEFAULT_STAND_IN_KEY, startStandIn, type StandIn, type StandInOptions } from '../../stand-in/server.js'
import { runStep } from './workflow-step.js'

/** The stand-in of the test that runs. */
export const fleet: { standIn?: StandIn } = {}

export async function closeFleet(): Promise<void> {
  await fleet.standIn?.close()
}

export async function step(options: StandInOptions, inputs: Record<string, string>) {
  const standIn = await startStandIn(options)
  fleet.standIn = standIn
  return runStep(run, { 'api-key': DEFAULT_STAND_IN_KEY, 'api-url': standIn.url, ...inputs })
}

export function reportOf(outputs: Record<string, string>): ReportEntry[] {
  return JSON.parse(outputs['report'] ?? '[]') as ReportEntry[]
}

/** The inputs most suites hold the fleet to: TLS required at 1.2. */
export const POLICY = { 'require-tls': 'true', 'min-version': '1.2' }
