import { systemClock, type Clock } from '../core/clock.js'
import { asError } from '../core/errors.js'
import { silentLog, type RunLog } from '../core/log.js'
import { count } from '../core/plural.js'
import { isMultiTarget, MAX_USERNAME_LENGTH, selectTargets, USERNAME_RULE, type Target } from '../core/target.js'
import { SendGridClient } from '../sendgrid/client.js'
import type { Proxy } from '../sendgrid/proxy.js'
import type { RetrySchedule } from '../sendgrid/retry.js'
import { listSubusers, type Subuser } from '../sendgrid/subusers.js'
import { adviseOnPolicy } from './advice.js'
import { holdOverLimit, type ChangeCount } from './change-limit.js'
import { reconcileAll, reconcileOne, type Checkpoints } from './fleet.js'
import { Forecaster, forecastWarnings } from './forecast/forecaster.js'
import type { MxResolver } from './forecast/mail-servers.js'
import type { Mode } from './mode.js'
import type { PolicyExport } from './policy/export.js'
import type { PolicyProblem } from './policy/problems.js'
import { scopeOf, type PolicyScope } from './policy/resolve.js'
import { CONFIRM_WAITS_MS, Reconciliation, type Outcome, type TargetWork } from './reconcile.js'
import { clientAdvice } from './refusal-advice.js'
import { explainRefusals } from './refusals.js'
import { budgetFor, isCancelled, startStep, type RunContext } from './run-context.js'
import { REGION_URLS, SettingName } from './settings/names.js'
import type { Settings } from './settings/settings.js'
import type { Vocabulary } from './vocabulary.js'

/** Every target's outcome, in target order, and whether outputs take the several-targets shape. */
export interface RunResult {
  mode: Mode
  outcomes: Outcome[]
  multi: boolean
  /** Why no target was worked on (the subusers could not be listed, or none was found): then none was touched. */
  error?: Error
  /** The job was cancelled: targets not finished carry a `Cancelled` error. */
  cancelled?: boolean
  /** Warnings that prevent a misconfiguration: deprecated TLS, a version that has no effect. */
  advice?: string[]
  /** With `max-changes`: how many targets apply would change, against the limit. */
  changes?: ChangeCount
  /** From a policy file: ended exceptions and globs that matched nothing, each at its line. */
  policyWarnings?: PolicyProblem[]
  /** An export's policy file, dated by the run's clock, for the face to write where it was told. */
  exported?: PolicyExport
}

/** What the face lends the engine: where to log, how its settings are named, and how time is spent. */
export interface RunEnvironment {
  log: RunLog
  vocabulary: Vocabulary
  /** Sent in the User-Agent header: the face's name and version. */
  userAgent: string
  proxy?: Proxy
  /** Aborted when the run is cancelled: requests and waits stop where they are. */
  signal?: AbortSignal
  /** Production's clock and schedules unless a test passes its own. */
  clock?: Clock
  retry?: RetrySchedule
  confirmWaitsMs?: readonly number[]
  /** Where the forecast's MX records come from: the resolvers `dns-servers` names (or the system's) unless a test passes its own. */
  mxResolver?: MxResolver
}

/**
 * The engine: expands the selection into targets and reconciles each, several at once. A target's
 * failure is recorded in its outcome and never stops the others; a cancellation stops them all
 * where they are. Never throws for what SendGrid does: the result says it.
 */
export async function enforce(settings: Settings, environment: RunEnvironment): Promise<RunResult> {
  const clock = environment.clock ?? systemClock
  const client = new SendGridClient({
    baseUrl: settings.baseUrl,
    apiKey: settings.apiKey,
    userAgent: environment.userAgent,
    timeoutMs: settings.requestTimeoutMs,
    clock,
    retry: environment.retry,
    signal: environment.signal,
    proxy: environment.proxy,
    advice: clientAdvice(environment.vocabulary)
  })
  const run: RunContext = {
    client,
    mode: settings.mode,
    clock,
    log: environment.log,
    vocabulary: environment.vocabulary,
    requestTimeoutMs: settings.requestTimeoutMs,
    budgetMs: budgetFor(settings.requestTimeoutMs),
    confirmWaitsMs: environment.confirmWaitsMs ?? CONFIRM_WAITS_MS,
    ...(environment.signal && { signal: environment.signal })
  }
  try {
    const result = await enforceWith(run, settings, environment.mxResolver)
    if (settings.mode === 'export') {
      // Loaded only for an export, as the policy file's parser is only for a policy file.
      const { exportRun } = await import('./policy/export.js')
      result.exported = exportRun(result.outcomes, settings, new Date(clock.now()).toISOString().slice(0, 10), environment.vocabulary)
    }
    return {
      ...result,
      advice: [
        ...adviseOnPolicy(settings.desired, result.outcomes, environment.vocabulary),
        ...forecastWarnings(result.outcomes, environment.vocabulary)
      ]
    }
  } finally {
    client.close()
  }
}

async function enforceWith(run: RunContext, settings: Settings, mxResolver: MxResolver | undefined): Promise<RunResult> {
  const { log } = run
  const scope = settings.policy ? scopeOf(settings.policy, new Date(run.clock.now()).toISOString().slice(0, 10)) : undefined
  const selection = scope?.selection ?? settings.selection
  const work: TargetWork = { policyFor: policyFor(settings, scope), allowStricter: settings.allowStricter }
  const ended = (outcomes: Outcome[], multi: boolean, error?: Error): RunResult => ({
    mode: settings.mode,
    outcomes,
    multi,
    ...(error && { error }),
    cancelled: isCancelled(run)
  })
  let listed: Subuser[] = []
  let refused: Target[] = []
  if (selection.allSubusers) {
    try {
      const listing = await log.group('List subusers', async () => {
        const found = await listSubusers(run.client, startStep(run), log)
        log.info(`Found ${count(found.subusers.length, 'subuser')}`)
        return found
      })
      listed = listing.subusers
      refused = listing.unusable.map((username): Target => ({ kind: 'subuser', username }))
    } catch (error) {
      return ended([], true, asError(error))
    }
  }
  const names = listed.map((subuser) => subuser.username)
  const byName = new Map(listed.map((subuser) => [subuser.username, subuser]))
  const candidates = selectTargets(selection, names)
  const targets = scope ? scope.choose(candidates) : candidates
  // A policy file describes a fleet: its outputs take the several-targets shape however many it holds.
  const multi = scope !== undefined || isMultiTarget(selection, targets)
  const policyWarnings = scope?.warnings(selection.allSubusers ? names : undefined) ?? []
  if (targets.length === 0 && refused.length === 0 && settings.mode !== 'plan') {
    // Like a policy that manages nothing, a check over no target could only pass.
    const why = scope
      ? 'the policy file selects none of the subusers the account lists (its globs and exclusions leave none)'
      : "the key's account lists no subusers, and the parent account is not included"
    return ended([], multi, new Error(`No targets: ${why}, so ${settings.mode} checked nothing`))
  }

  const reconciliations = targets.map((target) => new Reconciliation(run, target, work, multi ? log.forTarget() : log))
  let changes: ChangeCount | undefined
  const forecaster = new Forecaster(run, settings.forecast, byName, mxResolver)
  const checkpoints: Checkpoints = {
    afterRead: (reconciliation) => forecaster.afterRead(reconciliation),
    beforeWrites: (read) => {
      if (settings.maxChanges) changes = holdOverLimit(read, settings.maxChanges, run.vocabulary.name(SettingName.MaxChanges), log)
    }
  }
  let outcomes: Outcome[]
  try {
    outcomes = multi
      ? await reconcileAll(run, reconciliations, settings.concurrency, checkpoints)
      : await reconcileOne(run, reconciliations, checkpoints)
  } finally {
    forecaster.close()
  }
  outcomes.push(...refused.map((target) => unusableName(run, target, work)))
  if (!isCancelled(run)) {
    await explainRefusals(run, outcomes, {
      listed: byName,
      named: new Set(selection.subusers),
      onEuHost: settings.baseUrl === REGION_URLS.eu
    })
  }
  return { ...ended(outcomes, multi), ...(changes && { changes }), ...(policyWarnings.length > 0 && { policyWarnings }) }
}

/**
 * What a target is held to: the inputs' policy, the same for all; a policy file's, layered for
 * each; nothing at all for an export, which pins whatever it finds.
 */
function policyFor(settings: Settings, scope: PolicyScope | undefined): TargetWork['policyFor'] {
  if (settings.mode === 'export') return () => ({ desired: {} })
  return scope ? scope.policyFor : () => ({ desired: settings.desired })
}

/**
 * A subuser SendGrid listed under a name that is not a username: it is reported as failed, so a
 * check over every subuser cannot pass without it.
 */
function unusableName(run: RunContext, target: Target, work: TargetWork): Outcome {
  return new Reconciliation(run, target, work, silentLog).skip(
    new Error(
      `SendGrid listed this subuser under a name that cannot be sent in an on-behalf-of header (a username is ${USERNAME_RULE}, at most ${MAX_USERNAME_LENGTH} characters; sent as it is, this one could forge a header or reach another account, such as a customer account), so it was not read: check it in SendGrid`
    )
  )
}
