import { adviseOnPolicy } from './advice.js'
import { Cancelled, systemClock, type Clock } from './clock.js'
import { Deadline } from './deadline.js'
import { silentLog, type RunLog, type TargetLog } from './log.js'
import { mapConcurrently } from './pool.js'
import { CONFIRM_WAITS_MS, Reconciliation, type Outcome, type TargetWork } from './reconcile.js'
import { holdOverLimit, type ChangeCount } from './change-limit.js'
import { explainRefusals } from './refusals.js'
import type { PolicyProblem } from './policy/problems.js'
import { scopeOf, type PolicyScope } from './policy/resolve.js'
import { REGION_URLS, SettingName, type Mode, type Settings } from './settings.js'
import { describeTarget, isMultiTarget, MAX_USERNAME_LENGTH, selectTargets, targetName, USERNAME_RULE, type Target } from './target.js'
import { verdictOf } from './verdict.js'
import type { Vocabulary } from './vocabulary.js'
import { SendGridClient, SendGridError } from '../sendgrid/client.js'
import type { Proxy } from '../sendgrid/proxy.js'
import type { RetrySchedule } from '../sendgrid/retry.js'
import { listSubusers, type Subuser } from '../sendgrid/subusers.js'
import { count } from './plural.js'
import { Forecaster, forecastWarnings } from './forecast/forecaster.js'

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
    vocabulary: environment.vocabulary
  })
  try {
    const result = await enforceWith(client, settings, environment, clock)
    return {
      ...result,
      advice: [...adviseOnPolicy(settings.desired, result.outcomes, environment.vocabulary), ...forecastWarnings(result.outcomes)]
    }
  } finally {
    client.close()
  }
}

async function enforceWith(client: SendGridClient, settings: Settings, environment: RunEnvironment, clock: Clock): Promise<RunResult> {
  const { log } = environment
  const scope = settings.policy ? scopeOf(settings.policy, new Date(clock.now()).toISOString().slice(0, 10)) : undefined
  const selection = scope?.selection ?? settings.selection
  const work: TargetWork = {
    mode: settings.mode,
    policyFor: policyFor(settings, scope),
    allowStricter: settings.allowStricter,
    budgetMs: budgetFor(settings.requestTimeoutMs),
    requestTimeoutMs: settings.requestTimeoutMs,
    clock,
    confirmWaitsMs: environment.confirmWaitsMs ?? PRODUCTION_CONFIRM_WAITS_MS,
    signal: environment.signal
  }
  const cancelled = () => environment.signal?.aborted === true
  let listed: Subuser[] = []
  let refused: Target[] = []
  if (selection.allSubusers) {
    try {
      const listing = await log.group('List subusers', async () => {
        const found = await listSubusers(client, new Deadline(work.budgetMs, clock.now), log)
        log.info(`Found ${count(found.subusers.length, 'subuser')}`)
        return found
      })
      listed = listing.subusers
      refused = listing.unusable.map((username): Target => ({ kind: 'subuser', username }))
    } catch (error) {
      return { mode: settings.mode, outcomes: [], multi: true, error: asError(error), cancelled: cancelled() }
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
    const error = new Error(`No targets: ${why}, so ${settings.mode} checked nothing`)
    return { mode: settings.mode, outcomes: [], multi, error, cancelled: cancelled() }
  }

  const reconciliations = targets.map((target) => new Reconciliation(client, target, work, multi ? log.forTarget() : log))
  let changes: ChangeCount | undefined
  // Between the reads and the writes: the safety rails that judge the whole run.
  const beforeWrites = (read: readonly Reconciliation[]) => {
    if (settings.maxChanges) changes = holdOverLimit(read, settings.maxChanges, environment.vocabulary.name(SettingName.MaxChanges), log)
  }
  const forecaster = new Forecaster({
    client,
    mode: settings.mode,
    settings: settings.forecast,
    listed: byName,
    clock,
    budgetMs: work.budgetMs,
    vocabulary: environment.vocabulary
  })
  const afterRead: AfterRead = (reconciliation) => forecaster.afterRead(reconciliation)
  const outcomes = multi
    ? await reconcileAll(reconciliations, work, settings.concurrency, log, afterRead, beforeWrites)
    : await reconcileOne(reconciliations, log, afterRead, beforeWrites)
  outcomes.push(...refused.map((target) => unusableName(client, target, work)))
  if (!cancelled()) {
    await explainRefusals(client, outcomes, {
      listed: byName,
      named: new Set(selection.subusers),
      onEuHost: settings.baseUrl === REGION_URLS.eu,
      budgetMs: work.budgetMs,
      clock,
      vocabulary: environment.vocabulary,
      log
    })
  }
  return {
    mode: settings.mode,
    outcomes,
    multi,
    cancelled: cancelled(),
    ...(changes && { changes }),
    ...(policyWarnings.length > 0 && { policyWarnings })
  }
}

/** What runs once every target is read and before any is written. */
type BeforeWrites = (reconciliations: readonly Reconciliation[]) => void
/** What runs right after each target's read, among the reads of the others: its forecast. */
type AfterRead = (reconciliation: Reconciliation) => Promise<void>

async function reconcileOne(
  reconciliations: readonly Reconciliation[],
  log: RunLog,
  afterRead: AfterRead,
  beforeWrites: BeforeWrites
): Promise<Outcome[]> {
  const [one] = reconciliations
  if (!one) return []
  return [
    await log.group(`Enforced TLS of ${describeTarget(one.outcome.target)}`, async () => {
      await one.read()
      await afterRead(one)
      beforeWrites(reconciliations)
      return one.write()
    })
  ]
}

/**
 * Every target is read before any is written, as a plan comes before its apply: a safety rail
 * such as `max-changes` judges the whole fleet, and a write it holds back is never half done.
 */
async function reconcileAll(
  reconciliations: readonly Reconciliation[],
  work: TargetWork,
  concurrency: number,
  log: RunLog,
  afterRead: AfterRead,
  beforeWrites: BeforeWrites
): Promise<Outcome[]> {
  log.info(`${count(reconciliations.length, 'target')}, ${Math.min(concurrency, reconciliations.length)} at a time`)
  log.starting?.(reconciliations.length)
  const silence = new Silence(Math.max(SILENT_TARGETS, 2 * concurrency))
  // Targets run interleaved: each one's log is shown whole when its work is done.
  const done = ({ log, outcome }: Reconciliation) => (log as TargetLog).done(`${targetName(outcome.target)}: ${verdictOf(outcome)}`)
  await mapConcurrently(reconciliations, concurrency, async (reconciliation) => {
    if (work.signal?.aborted) return reconciliation.skip(new Cancelled('not reached: the run was cancelled before its turn'))
    if (silence.broken()) return reconciliation.skip(new Error(silence.reason()))
    if (managesNothing(reconciliation)) return reconciliation.skip(new Error(NOTHING_MANAGED))
    silence.record(await reconciliation.read())
    await afterRead(reconciliation)
    if (!reconciliation.wantsWrite) done(reconciliation)
  })
  beforeWrites(reconciliations)
  const writing = reconciliations.filter((reconciliation) => reconciliation.wantsWrite)
  await mapConcurrently(writing, concurrency, async (reconciliation) => {
    if (work.signal?.aborted) reconciliation.skip(new Cancelled('not changed: the run was cancelled before its write'))
    else await reconciliation.write()
    done(reconciliation)
  })
  return reconciliations.map((reconciliation) => reconciliation.outcome)
}

/**
 * What a target is held to: the inputs' policy, the same for all; a policy file's, layered for
 * each; nothing at all for an export, which pins whatever it finds.
 */
function policyFor(settings: Settings, scope: PolicyScope | undefined): TargetWork['policyFor'] {
  if (settings.mode === 'export') return () => ({ desired: {} })
  return scope ? scope.policyFor : () => ({ desired: settings.desired })
}

/** A check of a target whose policy file entries leave every field unmanaged could only pass. */
function managesNothing({ outcome }: Reconciliation): boolean {
  return (
    (outcome.mode === 'verify' || outcome.mode === 'apply') && outcome.origins !== undefined && Object.keys(outcome.desired).length === 0
  )
}

const NOTHING_MANAGED =
  'not read: the policy file leaves every field unmanaged for this target, so a check could only pass; set a field in default or in an entry that matches it, or exclude it'

/** Targets in a row that got no answer at all before the run stops starting new ones. */
const SILENT_TARGETS = 10

/**
 * A fleet behind an API that stopped answering, or answers 503 or 429 to everything, would take
 * each target's whole time budget in turn: hours for hundreds. After a run of targets that found
 * the API unavailable, the rest are not started, and say why.
 */
class Silence {
  private inARow = 0

  constructor(private readonly limit: number) {}

  record(outcome: Outcome): void {
    const status = outcome.error instanceof SendGridError ? outcome.error.status : 0
    // No answer, 5xx or 429 after every retry: the API is down or throttled for all, not this target.
    const unavailable = outcome.prior === undefined && (status === undefined || status === 429 || (status !== 0 && status >= 500))
    this.inARow = unavailable ? this.inARow + 1 : 0
  }

  broken(): boolean {
    return this.inARow >= this.limit
  }

  reason(): string {
    return `not read: SendGrid was unavailable to the last ${this.limit} targets (no answer, 5xx or 429 after every retry), so the run stopped starting new ones; run it again when the API answers`
  }
}

/**
 * A subuser SendGrid listed under a name that is not a username: it is reported as failed, so a
 * check over every subuser cannot pass without it.
 */
function unusableName(client: SendGridClient, target: Target, work: TargetWork): Outcome {
  return new Reconciliation(client, target, work, silentLog).skip(
    new Error(
      `SendGrid listed this subuser under a name that cannot be sent in an on-behalf-of header (a username is ${USERNAME_RULE}, at most ${MAX_USERNAME_LENGTH} characters; sent as it is, this one could forge a header or reach another account, such as a customer account), so it was not read: check it in SendGrid`
    )
  )
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error))
}
