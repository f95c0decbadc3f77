import { Cancelled } from '../core/clock.js'
import { Deadline } from '../core/deadline.js'
import type { Log } from '../core/log.js'
import type { Target } from '../core/target.js'
import { FIELDS, formatValue, type DesiredTls, type EnforcedTls } from '../core/tls-setting.js'
import { RefusedError, SendGridError } from '../sendgrid/client.js'
import { readEnforcedTls, updateEnforcedTls, type TargetContext } from '../sendgrid/enforced-tls.js'
import { describeDifference, describeDifferences, findDifferences, patchBody, type Difference } from './differences.js'
import type { Forecast } from './forecast/forecast.js'
import type { Mode } from './mode.js'
import { startStep, type RunContext } from './run-context.js'
import type { TargetPolicy } from './target-policy.js'
import { asError, messageOf } from '../core/errors.js'

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
  /** From a policy file: where each managed field's wanted value was written. */
  origins?: TargetPolicy['origins']
  selectedBy?: TargetPolicy['selectedBy']
  /** Why the write apply wanted was kept back (a safety rail): the target is not changed and fails the run. */
  held?: string
  /** In a plan: why an apply with the same settings would hold this target's write. */
  wouldHold?: string
  /** What the policy would block, from the target's Email Logs, when the run forecast it. */
  forecast?: Forecast
  error?: Error
}

/** What every target of a run is held to. */
export interface TargetWork {
  /** What a target must enforce: the same for all from inputs, per target from a policy file. */
  policyFor: (target: Target) => TargetPolicy
  allowStricter: boolean
}

/**
 * Reads lag behind writes: after a PATCH, SendGrid can show the old value for a while. The
 * confirming read is repeated after these waits (about 15 s in all) before the write is called
 * unconfirmed.
 */
export const CONFIRM_WAITS_MS = [1000, 2000, 4000, 8000]

/** The last read after a failed write is one attempt: its timeout, and this much to start it. */
const LAST_READ_MARGIN_MS = 1000

/**
 * One target's work in two steps: `read` compares the account with its policy, `write` (apply
 * only) sends what differs and reads it back. Between them the run may hold the write back, so
 * a fleet can be read whole before anything is changed. Neither step throws: a failure is
 * recorded in the outcome with what was known up to that point, so the report can say what is
 * on the account.
 */
export class Reconciliation {
  readonly outcome: Outcome

  constructor(
    private readonly run: RunContext,
    target: Target,
    private readonly work: TargetWork,
    readonly log: Log
  ) {
    const { desired, origins, selectedBy } = work.policyFor(target)
    this.outcome = { target, mode: run.mode, desired, differences: [], confirmReads: 0, remaining: [], changed: false, compliant: false }
    if (origins) this.outcome.origins = origins
    if (selectedBy) this.outcome.selectedBy = selectedBy
  }

  async read(): Promise<Outcome> {
    const { outcome } = this
    try {
      outcome.prior = await readEnforcedTls(this.run.client, this.phase())
      this.log.info(`Read: ${describeSetting(outcome.prior)}`)
      outcome.differences = this.compare(outcome.prior)
      this.record(outcome.prior)
    } catch (error) {
      this.fail(error)
    }
    return outcome
  }

  /** Apply mode, read without failing, something differs, and nothing holds it back. */
  get wantsWrite(): boolean {
    const { outcome } = this
    return this.run.mode === 'apply' && outcome.prior !== undefined && !outcome.error && !outcome.compliant && !outcome.held
  }

  /** Not worked on at all (the run was cancelled or stopped first): only the error is known. */
  skip(error: Error): Outcome {
    this.outcome.error = error
    return this.outcome
  }

  /** Keeps the write back, saying why: the target is reported held and the run fails. */
  hold(reason: string): void {
    this.outcome.held = reason
    this.log.info(`Held: ${reason}`)
  }

  async write(): Promise<Outcome> {
    const { outcome } = this
    if (!this.wantsWrite) return outcome
    const changes = patchBody(outcome.differences)
    for (const d of outcome.differences) this.log.info(`Changing ${describeDifference(d)}`)
    // The write has a budget of its own: however long the reads of the fleet took, the PATCH and
    // its confirming reads get their whole time.
    const context = this.phase()
    try {
      try {
        await updateEnforcedTls(this.run.client, context, changes)
      } catch (error) {
        // Recorded as sent only if it may have reached SendGrid: a PATCH that never left claims nothing.
        if (mayHaveReached(error)) outcome.sent = changes
        throw error
      }
      outcome.sent = changes
      await this.confirm(context)
    } catch (error) {
      this.fail(error)
      // One more request of its own, even when the target's time is spent: the user must learn
      // whether the write landed. Not on cancellation: the runner gives a few seconds, and the
      // report says to run verify.
      if (outcome.sent && !(outcome.error instanceof Cancelled)) await this.learnStateAfterFailure()
    }
    return outcome
  }

  /** One step's context: its time budget starts now, when its work does, not when the run did. */
  private phase(): TargetContext {
    return { target: this.outcome.target, deadline: startStep(this.run), log: this.log }
  }

  private compare(setting: EnforcedTls): Difference[] {
    return findDifferences(this.outcome.desired, setting, this.work.allowStricter)
  }

  private fail(error: unknown): void {
    const { outcome } = this
    outcome.error = asError(error)
    outcome.compliant = false
    // The first read is no longer what the account holds once a PATCH may have landed.
    if (outcome.sent) outcome.result = undefined
    if (outcome.sent && outcome.error instanceof Cancelled) {
      // Said in the target's own error, so the JSON report tells it too, not only the summary.
      outcome.error = new Cancelled('the run was cancelled while its PATCH was in flight: it may have landed; run verify')
    }
  }

  /** The PATCH answer echoes the request, so only a fresh read proves what the account now holds. */
  private async confirm(context: TargetContext): Promise<void> {
    const { outcome } = this
    for (const wait of [...this.run.confirmWaitsMs, undefined]) {
      const result = await readEnforcedTls(this.run.client, context)
      outcome.confirmReads += 1
      this.log.info(`Read back: ${describeSetting(result)}`)
      this.record(result)
      if (outcome.compliant || wait === undefined || !context.deadline.fits(wait + this.run.requestTimeoutMs)) return
      this.log.info(
        `Still ${describeDifferences(outcome.remaining)}: SendGrid may not show the write yet; reading again in ${wait / 1000} s`
      )
      await this.run.clock.sleep(wait, this.run.signal)
    }
  }

  /**
   * A write that failed (or lost its answer) may still have landed: read once more to know. When
   * the read shows the policy, the write landed and the target is reported changed, not failed:
   * what is on the account is known, and it is what the run set out to do.
   */
  private async learnStateAfterFailure(): Promise<void> {
    const { outcome } = this
    // Room for one attempt at the full request timeout, and no more.
    const context = { ...this.phase(), deadline: new Deadline(this.run.requestTimeoutMs + LAST_READ_MARGIN_MS, this.run.clock.now) }
    try {
      this.record(await readEnforcedTls(this.run.client, context))
      // SendGrid refused the write (a 4xx): whatever the read shows, this run did not change it.
      if (outcome.error instanceof RefusedError) outcome.changed = false
      else if (outcome.changed) {
        this.log.info(`The write landed, as a later read shows (${outcome.error?.message ?? ''})`)
        delete outcome.error
      }
    } catch (error) {
      outcome.result = undefined
      this.log.debug(`Read after the failure also failed: ${messageOf(error)}`)
    }
  }

  /** The verdict follows the latest read, never the PATCH echo. */
  private record(result: EnforcedTls): void {
    const { outcome } = this
    outcome.result = result
    outcome.remaining = this.compare(result)
    outcome.compliant = outcome.remaining.length === 0
    outcome.changed = outcome.sent !== undefined && outcome.compliant
  }
}

/** Whether a failed request may have reached SendGrid: the client says so; anything else may have. */
function mayHaveReached(error: unknown): boolean {
  return !(error instanceof SendGridError || error instanceof Cancelled) || error.reached
}

function describeSetting(setting: EnforcedTls): string {
  return FIELDS.map((field) => `${field}=${formatValue(field, setting[field])}`).join(' ')
}
