import * as core from '@actions/core'
import { Deadline } from './deadline.js'
import { explainRefusals } from './explain.js'
import { REGION_URLS, type Mode, type Settings } from './inputs.js'
import { BufferedLog, liveLog } from './log.js'
import { mapConcurrently } from './pool.js'
import { reconcile, type Outcome, type Policy } from './reconcile.js'
import type { SendGridClient } from './sendgrid/client.js'
import { listSubusers, type Subuser } from './sendgrid/subusers.js'
import { describeTarget, isMultiTarget, selectTargets, targetName, type Target } from './target.js'
import { verdictOf } from './verdict.js'

/** Every target's outcome, in target order, and whether outputs take the several-targets shape. */
export interface Run {
  mode: Mode
  outcomes: Outcome[]
  multi: boolean
  /** Why the targets could not be known (the subusers could not be listed): then none was touched. */
  error?: Error
}

/**
 * All the time one target's work may take: every request's four attempts at the request timeout
 * fit, plus a minute for rate-limit waits and the confirming reads. A dead server fails in minutes.
 */
export function budgetFor(requestTimeoutMs: number): number {
  return 5 * requestTimeoutMs + 60_000
}

/**
 * Expands the selection into targets and reconciles each, several at once. A target's failure is
 * recorded in its outcome and never stops the others.
 */
export async function enforce(client: SendGridClient, settings: Settings): Promise<Run> {
  const policy: Policy = {
    mode: settings.mode,
    desired: settings.desired,
    allowStricter: settings.allowStricter,
    budgetMs: budgetFor(settings.requestTimeoutMs),
    requestTimeoutMs: settings.requestTimeoutMs
  }
  let listed: Subuser[] = []
  if (settings.selection.allSubusers) {
    try {
      listed = await core.group('List subusers', async () => {
        const subusers = await listSubusers(client, new Deadline(policy.budgetMs), liveLog)
        core.info(`Found ${subusers.length} subuser${subusers.length === 1 ? '' : 's'}`)
        return subusers
      })
    } catch (error) {
      return { mode: settings.mode, outcomes: [], multi: true, error: error instanceof Error ? error : new Error(String(error)) }
    }
  }
  const targets = selectTargets(
    settings.selection,
    listed.map((subuser) => subuser.username)
  )
  const multi = isMultiTarget(settings.selection, targets)

  const outcomes = multi ? await reconcileAll(client, targets, policy, settings.concurrency) : await reconcileOne(client, targets, policy)
  await explainRefusals(client, outcomes, {
    listed: new Map(listed.map((subuser) => [subuser.username, subuser])),
    named: new Set(settings.selection.subusers),
    onEuHost: settings.baseUrl === REGION_URLS.eu,
    budgetMs: policy.budgetMs
  })
  return { mode: settings.mode, outcomes, multi }
}

async function reconcileOne(client: SendGridClient, targets: readonly Target[], policy: Policy): Promise<Outcome[]> {
  const [target] = targets
  if (!target) return []
  return [await core.group(`Enforced TLS of ${describeTarget(target)}`, () => reconcile(client, target, policy, liveLog))]
}

async function reconcileAll(client: SendGridClient, targets: readonly Target[], policy: Policy, concurrency: number): Promise<Outcome[]> {
  core.info(`${targets.length} targets, ${Math.min(concurrency, targets.length)} at a time`)
  return mapConcurrently(targets, concurrency, async (target) => {
    // Targets run interleaved: each one's log is printed whole, in its own group, when it ends.
    const log = new BufferedLog()
    const outcome = await reconcile(client, target, policy, log)
    log.flush(`${targetName(target)}: ${verdictOf(outcome)}`)
    return outcome
  })
}
