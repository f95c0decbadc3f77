import { Cancelled, type Clock } from './clock.js'
import { Deadline } from './deadline.js'
import { FIELDS, formatValue, type DesiredTls, type EnforcedTls } from './tls-setting.js'
import type { Mode } from './settings.js'
import type { Log } from './log.js'
import { describeDifference, describeDifferences, findDifferences, patchBody, type Difference } from './differences.js'
import { RefusedError, SendGridError, type SendGridClient } from '../sendgrid/client.js'
import { readEnforcedTls, updateEnforcedTls, type TargetContext } from '../sendgrid/enforced-tls.js'
import type { Target } from './target.js'

/** What one run did to one target: every field is filled in as far as the run got. */
export interface Outcome {
  target: Target
  mode: Mode
  desired: DesiredTls
  /** The setting as read before anything was written; undefined if the first read failed. */
  prior?: EnforcedTls
  /** Managed fields whose prior value differs from the policy. */
  differences: Difference[]
  /** The PATCH body, when one was sent. */
  sent?: DesiredTls
  /** Reads made after the write to confirm it. */
  confirmReads: number
  /** The setting as last read from SendGrid; undefined when it is not known. */
  result?: EnforcedTls
  /** Managed fields whose result still differs from the policy. */
  remaining: Difference[]
  /** A write was made and a read-back shows it. */
  changed: boolean
  /** The managed fields match on the account after the run. */
  compliant: boolean
  error?: Error
}

/** What every target of a run is held to, and how its work spends time. */
export interface TargetWork {
  mode: Mode
  desired: DesiredTls
  allowStricter: boolean
  /** All the time one target's work may take, retries and waits included. */
  budgetMs: number
  /** One request's timeout. */
  requestTimeoutMs: number
  clock: Clock
  /** Waits before each repeated confirming read: `CONFIRM_WAITS_MS` in production. */
  confirmWaitsMs: readonly number[]
  /** Aborted when the job is cancelled. */
  signal?: AbortSignal
}

/**
 * Reads lag behind writes: after a PATCH, SendGrid can show the old value for a while. The
 * confirming read is repeated after these waits (about 15 s in all) before the write is called
 * unconfirmed.
 */
export const CONFIRM_WAITS_MS = [1000, 2000, 4000, 8000]

/**
 * Reads the target's setting, compares it with the policy, and in apply mode writes what
 * differs and reads it back. Never throws: a failure is recorded in the outcome with what was
 * known up to that point, so the report can say what is on the account.
 */
export async function reconcile(client: SendGridClient, target: Target, policy: TargetWork, log: Log): Promise<Outcome> {
  const { mode, desired } = policy
  const outcome: Outcome = { target, mode, desired, differences: [], confirmReads: 0, remaining: [], changed: false, compliant: false }
  const context: TargetContext = { target, deadline: new Deadline(policy.budgetMs, policy.clock.now), log }
  const compare = (setting: EnforcedTls) => findDifferences(desired, setting, policy.allowStricter)
  try {
    outcome.prior = await readEnforcedTls(client, context)
    log.info(`Read: ${describeSetting(outcome.prior)}`)
    outcome.differences = compare(outcome.prior)
    recordResult(outcome, outcome.prior, compare)
    if (mode !== 'apply' || outcome.compliant) return outcome

    const changes = patchBody(outcome.differences)
    for (const d of outcome.differences) log.info(`Changing ${describeDifference(d)}`)
    try {
      await updateEnforcedTls(client, context, changes)
    } catch (error) {
      // Recorded as sent only if it may have reached SendGrid: a PATCH that never left claims nothing.
      if (mayHaveReached(error)) outcome.sent = changes
      throw error
    }
    outcome.sent = changes
    await confirm(client, outcome, context, compare, policy)
  } catch (error) {
    outcome.error = error instanceof Error ? error : new Error(String(error))
    outcome.compliant = false
    // One more request of its own, even when the target's time is spent: the user must learn
    // whether the write landed. Not on cancellation: the runner gives a few seconds, and the
    // report says to run verify.
    // The first read is no longer what the account holds once a PATCH may have landed.
    if (outcome.sent) outcome.result = undefined
    if (outcome.sent && outcome.error instanceof Cancelled) {
      // Said in the target's own error, so the JSON report tells it too, not only the summary.
      outcome.error = new Cancelled('the run was cancelled while its PATCH was in flight: it may have landed; run verify')
    }
    if (outcome.sent && !(outcome.error instanceof Cancelled)) {
      await learnStateAfterFailure(
        client,
        outcome,
        { ...context, deadline: new Deadline(policy.requestTimeoutMs, policy.clock.now) },
        compare
      )
    }
  }
  return outcome
}

type Compare = (setting: EnforcedTls) => Difference[]

/** The PATCH answer echoes the request, so only a fresh read proves what the account now holds. */
async function confirm(
  client: SendGridClient,
  outcome: Outcome,
  context: TargetContext,
  compare: Compare,
  policy: TargetWork
): Promise<void> {
  for (const wait of [...policy.confirmWaitsMs, undefined]) {
    const result = await readEnforcedTls(client, context)
    outcome.confirmReads += 1
    context.log.info(`Read back: ${describeSetting(result)}`)
    recordResult(outcome, result, compare)
    if (outcome.compliant || wait === undefined || !context.deadline.allows(wait)) return
    context.log.info(
      `Still ${describeDifferences(outcome.remaining)}: SendGrid may not show the write yet; reading again in ${wait / 1000} s`
    )
    await policy.clock.sleep(wait, policy.signal)
  }
}

/** Whether a failed request may have reached SendGrid: the client says so; anything else may have. */
function mayHaveReached(error: unknown): boolean {
  return !(error instanceof SendGridError || error instanceof Cancelled) || error.reached
}

/** A write that failed (or lost its answer) may still have landed: read once more to know. */
async function learnStateAfterFailure(client: SendGridClient, outcome: Outcome, context: TargetContext, compare: Compare): Promise<void> {
  try {
    recordResult(outcome, await readEnforcedTls(client, context), compare)
    // SendGrid refused the write (a 4xx): whatever the read shows, this run did not change it.
    if (outcome.error instanceof RefusedError) outcome.changed = false
  } catch (error) {
    outcome.result = undefined
    context.log.debug(`Read after the failure also failed: ${error instanceof Error ? error.message : String(error)}`)
  }
}

/** The verdict follows the latest read, never the PATCH echo. */
function recordResult(outcome: Outcome, result: EnforcedTls, compare: Compare): void {
  outcome.result = result
  outcome.remaining = compare(result)
  outcome.compliant = outcome.remaining.length === 0
  outcome.changed = outcome.sent !== undefined && outcome.compliant
}

function describeSetting(setting: EnforcedTls): string {
  return FIELDS.map((field) => `${field}=${formatValue(field, setting[field])}`).join(' ')
}
