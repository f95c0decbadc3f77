import * as core from '@actions/core'
import { Deadline, sleep } from './deadline.js'
import { FIELDS, formatValue, type DesiredTls, type EnforcedTls } from './enforced-tls.js'
import type { Mode } from './inputs.js'
import { describeDifference, findDifferences, patchBody, type Difference } from './policy.js'
import type { SendGridClient } from './sendgrid/client.js'
import { readEnforcedTls, updateEnforcedTls } from './sendgrid/enforced-tls.js'
import { describeTarget, type Target } from './target.js'

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

export interface Timing {
  /** All the time one target's work may take, retries and waits included. */
  budgetMs: number
  /** One request's timeout. */
  requestTimeoutMs: number
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
export async function reconcile(
  client: SendGridClient,
  target: Target,
  mode: Mode,
  desired: DesiredTls,
  timing: Timing
): Promise<Outcome> {
  const outcome: Outcome = { target, mode, desired, differences: [], confirmReads: 0, remaining: [], changed: false, compliant: false }
  const who = describeTarget(target)
  const deadline = new Deadline(timing.budgetMs)
  try {
    outcome.prior = await core.group(`Read Enforced TLS of ${who}`, async () => {
      const prior = await readEnforcedTls(client, target, deadline)
      core.info(describeSetting(prior))
      return prior
    })
    outcome.differences = findDifferences(desired, outcome.prior)
    recordResult(outcome, outcome.prior)
    if (mode !== 'apply' || outcome.compliant) return outcome

    await core.group(`Apply Enforced TLS to ${who}`, async () => {
      const body = patchBody(outcome.differences)
      for (const d of outcome.differences) core.info(`Changing ${describeDifference(d)}`)
      outcome.sent = body
      await updateEnforcedTls(client, target, deadline, body)
    })
    await confirm(client, outcome, deadline)
  } catch (error) {
    outcome.error = error instanceof Error ? error : new Error(String(error))
    outcome.compliant = false
    // One more request of its own, even when the target's time is spent: the user must learn
    // whether the write landed.
    if (outcome.sent) await learnStateAfterFailure(client, outcome, new Deadline(timing.requestTimeoutMs))
  }
  return outcome
}

/** The PATCH answer echoes the request, so only a fresh read proves what the account now holds. */
async function confirm(client: SendGridClient, outcome: Outcome, deadline: Deadline): Promise<void> {
  await core.group(`Confirm Enforced TLS of ${describeTarget(outcome.target)}`, async () => {
    for (const wait of [...CONFIRM_WAITS_MS, undefined]) {
      const result = await readEnforcedTls(client, outcome.target, deadline)
      outcome.confirmReads += 1
      core.info(describeSetting(result))
      recordResult(outcome, result)
      if (outcome.compliant || wait === undefined || !deadline.allows(wait)) return
      core.info(
        `Still ${outcome.remaining.map(describeDifference).join('; ')}: SendGrid may not show the write yet; reading again in ${wait / 1000} s`
      )
      await sleep(wait)
    }
  })
}

/** A write that failed (or lost its answer) may still have landed: read once more to know. */
async function learnStateAfterFailure(client: SendGridClient, outcome: Outcome, deadline: Deadline): Promise<void> {
  try {
    recordResult(outcome, await readEnforcedTls(client, outcome.target, deadline))
  } catch (error) {
    outcome.result = undefined
    core.debug(`Read after the failure also failed: ${error instanceof Error ? error.message : String(error)}`)
  }
}

/** The verdict follows the latest read, never the PATCH echo. */
function recordResult(outcome: Outcome, result: EnforcedTls): void {
  outcome.result = result
  outcome.remaining = findDifferences(outcome.desired, result)
  outcome.compliant = outcome.remaining.length === 0
  outcome.changed = outcome.sent !== undefined && outcome.compliant
}

function describeSetting(setting: EnforcedTls): string {
  return FIELDS.map((field) => `${field}=${formatValue(field, setting[field])}`).join(' ')
}
