/**
 * How a run works through its targets: one alone, framed in the log as a group; several at once,
 * each read before any is written, so the safety rails judge the fleet whole.
 */
import { Cancelled } from '../core/clock.js'
import type { TargetLog } from '../core/log.js'
import { count } from '../core/plural.js'
import { mapConcurrently } from '../core/pool.js'
import { describeTarget, targetName } from '../core/target.js'
import { managesNothing } from '../core/tls-setting.js'
import type { Outcome, Reconciliation } from './reconcile.js'
import { isCancelled, type RunContext } from './run-context.js'
import { Silence } from './silence.js'
import { verdictOf } from './verdict.js'

/** What runs between the steps of the targets' work: right after each read, and once every target is read. */
export interface Checkpoints {
  /** Among the reads of the others, right after this target's own: its forecast. */
  afterRead: (reconciliation: Reconciliation) => Promise<void>
  /** Once every target is read and before any is written: the rails that judge the whole run. */
  beforeWrites: (reconciliations: readonly Reconciliation[]) => void
}

export async function reconcileOne(
  run: RunContext,
  reconciliations: readonly Reconciliation[],
  checkpoints: Checkpoints
): Promise<Outcome[]> {
  const [one] = reconciliations
  if (!one) return []
  return [
    await run.log.group(`Enforced TLS of ${describeTarget(one.outcome.target)}`, async () => {
      await one.read()
      await checkpoints.afterRead(one)
      checkpoints.beforeWrites(reconciliations)
      return one.write()
    })
  ]
}

/**
 * Every target is read before any is written, as a plan comes before its apply: a safety rail
 * such as `max-changes` judges the whole fleet, and a write it holds back is never half done.
 */
export async function reconcileAll(
  run: RunContext,
  reconciliations: readonly Reconciliation[],
  concurrency: number,
  checkpoints: Checkpoints
): Promise<Outcome[]> {
  run.log.info(`${count(reconciliations.length, 'target')}, ${Math.min(concurrency, reconciliations.length)} at a time`)
  run.log.starting?.(reconciliations.length)
  const silence = new Silence(concurrency)
  // Targets run interleaved: each one's log is shown whole when its work is done.
  const done = ({ log, outcome }: Reconciliation) => (log as TargetLog).done(`${targetName(outcome.target)}: ${verdictOf(outcome)}`)
  await mapConcurrently(reconciliations, concurrency, async (reconciliation) => {
    if (isCancelled(run)) return reconciliation.skip(new Cancelled('not reached: the run was cancelled before its turn'))
    if (silence.broken()) return reconciliation.skip(new Error(silence.reason()))
    if (checksNothing(reconciliation)) return reconciliation.skip(new Error(NOTHING_MANAGED))
    silence.record(await reconciliation.read())
    await checkpoints.afterRead(reconciliation)
    if (!reconciliation.wantsWrite) done(reconciliation)
  })
  checkpoints.beforeWrites(reconciliations)
  const writing = reconciliations.filter((reconciliation) => reconciliation.wantsWrite)
  await mapConcurrently(writing, concurrency, async (reconciliation) => {
    if (isCancelled(run)) reconciliation.skip(new Cancelled('not changed: the run was cancelled before its write'))
    else await reconciliation.write()
    done(reconciliation)
  })
  return reconciliations.map((reconciliation) => reconciliation.outcome)
}

/** A check of a target whose policy file entries leave every field unmanaged could only pass. */
function checksNothing({ outcome }: Reconciliation): boolean {
  return (outcome.mode === 'verify' || outcome.mode === 'apply') && outcome.origins !== undefined && managesNothing(outcome.desired)
}

const NOTHING_MANAGED =
  'not read: the policy file leaves every field unmanaged for this target, so a check could only pass; set a field in default or in an entry that matches it, or exclude it'
