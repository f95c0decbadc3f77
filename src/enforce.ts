import { Cancelled, type Clock } from './clock.js'
import { Deadline } from './deadline.js'
import { explainRefusals } from './explain.js'
import { REGION_URLS, type Mode, type Settings } from './inputs.js'
import { BufferedLog, groupAsync, liveLog } from './log.js'
import { mapConcurrently } from './pool.js'
import { CONFIRM_WAITS_MS, reconcile, type Outcome, type Policy } from './reconcile.js'
import type { SendGridClient } from './sendgrid/client.js'
import { listSubusers, type Subuser } from './sendgrid/subusers.js'
import { describeTarget, isMultiTarget, selectTargets, targetName, type Target } from './target.js'
import { count } from './report/markdown.js'
import { verdictOf } from './verdict.js'

/** Every target's outcome, in target order, and whether outputs take the several-targets shape. */
export interface Run {
  mode: Mode
  outcomes: Outcome[]
  multi: boolean
  /** Why the targets could not be known (the subusers could not be listed): then none was touched. */
  error?: Error
  /** The job was cancelled: targets not finished carry a `Cancelled` error. */
  cancelled?: boolean
}

/** How the run spends time: production's schedule, or a test's. */
export interface RunTiming {
  clock: Clock
  confirmWaitsMs: readonly number[]
  /** Aborted when the job is cancelled. */
  signal?: AbortSignal
}

export const PRODUCTION_CONFIRM_WAITS_MS = CONFIRM_WAITS_MS

/**
 * All the time one target's work may take: every request's four attempts at the request timeout
 * fit, plus a minute for rate-limit waits and the confirming reads. A dead server fails in minutes.
 */
export function budgetFor(requestTimeoutMs: number): number {
  return 5 * requestTimeoutMs + 60_000
}

/**
 * Expands the selection into targets and reconciles each, several at once. A target's failure is
 * recorded in its outcome and never stops the others; a cancellation stops them all where they are.
 */
export async function enforce(client: SendGridClient, settings: Settings, timing: RunTiming): Promise<Run> {
  const policy: Policy = {
    mode: settings.mode,
    desired: settings.desired,
    allowStricter: settings.allowStricter,
    budgetMs: budgetFor(settings.requestTimeoutMs),
    requestTimeoutMs: settings.requestTimeoutMs,
    ...timing
  }
  const cancelled = () => timing.signal?.aborted === true
  let listed: Subuser[] = []
  let refused: Target[] = []
  if (settings.selection.allSubusers) {
    try {
      const listing = await groupAsync('List subusers', async () => {
        const found = await listSubusers(client, new Deadline(policy.budgetMs, timing.clock.now), liveLog)
        liveLog.info(`Found ${found.subusers.length} subuser${found.subusers.length === 1 ? '' : 's'}`)
        return found
      })
      listed = listing.subusers
      refused = listing.unusable.map((username): Target => ({ kind: 'subuser', username }))
    } catch (error) {
      return { mode: settings.mode, outcomes: [], multi: true, error: asError(error), cancelled: cancelled() }
    }
  }
  const targets = selectTargets(
    settings.selection,
    listed.map((subuser) => subuser.username)
  )
  const multi = isMultiTarget(settings.selection, targets)

  const outcomes = multi ? await reconcileAll(client, targets, policy, settings.concurrency) : await reconcileOne(client, targets, policy)
  outcomes.push(...refused.map((target) => unusableName(target, policy)))
  if (!cancelled()) {
    await explainRefusals(client, outcomes, {
      listed: new Map(listed.map((subuser) => [subuser.username, subuser])),
      named: new Set(settings.selection.subusers),
      onEuHost: settings.baseUrl === REGION_URLS.eu,
      budgetMs: policy.budgetMs,
      clock: timing.clock
    })
  }
  return { mode: settings.mode, outcomes, multi, cancelled: cancelled() }
}

async function reconcileOne(client: SendGridClient, targets: readonly Target[], policy: Policy): Promise<Outcome[]> {
  const [target] = targets
  if (!target) return []
  return [await groupAsync(`Enforced TLS of ${describeTarget(target)}`, () => reconcile(client, target, policy, liveLog))]
}

async function reconcileAll(client: SendGridClient, targets: readonly Target[], policy: Policy, concurrency: number): Promise<Outcome[]> {
  liveLog.info(`${count(targets.length, 'target')}, ${Math.min(concurrency, targets.length)} at a time`)
  return mapConcurrently(targets, concurrency, async (target) => {
    if (policy.signal?.aborted) return notStarted(target, policy)
    // Targets run interleaved: each one's log is printed whole, in its own group, when it ends.
    const log = new BufferedLog()
    const outcome = await reconcile(client, target, policy, log)
    log.flush(`${targetName(target)}: ${verdictOf(outcome)}`)
    return outcome
  })
}

function emptyOutcome(target: Target, policy: Policy, error: Error): Outcome {
  return {
    target,
    mode: policy.mode,
    desired: policy.desired,
    differences: [],
    confirmReads: 0,
    remaining: [],
    changed: false,
    compliant: false,
    error
  }
}

/** A target the cancellation reached before its turn: nothing was read or sent. */
function notStarted(target: Target, policy: Policy): Outcome {
  return emptyOutcome(target, policy, new Cancelled())
}

/**
 * A subuser SendGrid listed under a name no request can carry (control characters, or too long
 * for a header): it is reported as failed, so a check over every subuser cannot pass without it.
 */
function unusableName(target: Target, policy: Policy): Outcome {
  return emptyOutcome(
    target,
    policy,
    new Error(
      'SendGrid listed this subuser under a name that cannot be sent in an on-behalf-of header, so it was not read: check it in SendGrid'
    )
  )
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error))
}
