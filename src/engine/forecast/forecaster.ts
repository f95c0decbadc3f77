/**
 * The forecast's place in a run: right after each target is read (so targets are forecast several
 * at once, as they are read), and before anything is written, so `max-blocked-domains` can hold
 * a write and `forecast: on` can fail a target whose logs cannot be read.
 */
import { Cancelled } from '../../core/clock.js'
import type { Deadline } from '../../core/deadline.js'
import type { Log } from '../../core/log.js'
import { count, grouped, percent, tally } from '../../core/plural.js'
import { describeTarget } from '../../core/target.js'
import { findSubuser, type Subuser } from '../../sendgrid/subusers.js'
import type { Outcome, Reconciliation } from '../reconcile.js'
import { startStep, type RunContext } from '../run-context.js'
import { SettingName } from '../settings/names.js'
import { describeAtRisk, resultingPolicy, wantsForecast, type Forecast, type ForecastSettings } from './forecast.js'
import { countBlocks, forecastTarget, Unavailable, type TargetMailContext } from './forecast-target.js'
import { dnsResolver, MailServers, type MxResolver } from './mail-servers.js'
import { asError } from '../../core/errors.js'
import type { Vocabulary } from '../vocabulary.js'
import { listSome } from '../advice.js'

/** How long one domain's MX lookup may take, its resolver's retries included. */
const DNS_TIMEOUT_MS = 5_000

export class Forecaster {
  /** The run's MX lookups, made when the first forecast needs them and shared by every target. */
  private mailServers: MailServers | undefined

  constructor(
    private readonly run: RunContext,
    private readonly settings: ForecastSettings,
    /** Subusers the listing (`*`) found, with their ids: no lookup is needed for them. */
    private readonly listed: ReadonlyMap<string, Subuser>,
    /** Where MX records come from: the resolvers of `dns-servers` (or the system's) unless a test passes its own. */
    private readonly resolver?: MxResolver
  ) {}

  /** Ends the run's DNS questions still in flight, so that none keeps the process alive. */
  close(): void {
    this.mailServers?.close()
  }

  /** Forecasts the target if the settings ask for it, then lets the forecast hold or fail it. */
  async afterRead(reconciliation: Reconciliation): Promise<void> {
    const { outcome, log } = reconciliation
    const policy = resultingPolicy(outcome)
    if (!policy || !wantsForecast(this.run.mode, this.settings.mode, outcome)) return
    try {
      outcome.forecast = await this.forecast(outcome, log)
    } catch (error) {
      reconciliation.skip(asError(error))
      return
    }
    this.judge(reconciliation, outcome.forecast)
  }

  private async forecast(outcome: Outcome, log: Log): Promise<Forecast> {
    const { target } = outcome
    const { settings } = this
    // Each request of the forecast is a step of its own, with a budget from when it starts, as the
    // read and the write have: a window of a thousand searches is not one request's work, and
    // however slowly the logs answer, the forecast cannot spend the write's time.
    const step = () => startStep(this.run)
    this.mailServers ??= new MailServers({
      resolver: this.resolver ?? dnsResolver(settings.dnsServers, DNS_TIMEOUT_MS),
      timeoutMs: DNS_TIMEOUT_MS,
      clock: this.run.clock,
      ...(this.run.signal && { signal: this.run.signal })
    })
    const context: TargetMailContext = { client: this.run.client, clock: this.run.clock, step, log, mailServers: this.mailServers }
    let forecast: Forecast
    try {
      const subuserId = target.kind === 'subuser' ? await this.subuserId(target.username, step(), log) : undefined
      const policy = resultingPolicy(outcome) as NonNullable<Outcome['prior']>
      forecast = await forecastTarget(target, policy, settings, { ...context, ...(subuserId !== undefined && { subuserId }) })
    } catch (error) {
      if (!(error instanceof Unavailable)) throw error
      forecast = { ...EMPTY, window_days: settings.days, unavailable: error.message }
    }
    const prior = outcome.prior
    if (this.run.mode === 'verify' && settings.mode === 'on' && (prior?.require_tls || prior?.require_valid_cert)) {
      try {
        forecast.blocked_since = await countBlocks(target, settings, context)
      } catch (error) {
        if (!(error instanceof Unavailable)) throw error
        forecast.unavailable ??= error.message
      }
    }
    log.info(`Forecast: ${describeForecast(forecast)}`)
    return forecast
  }

  /** A subuser's Email Logs are read by its numeric id: from the listing, or one lookup by name. */
  private async subuserId(username: string, deadline: Deadline, log: Log): Promise<number> {
    const id = this.listed.get(username)?.id
    if (id !== undefined) return id
    let found: Subuser | null
    try {
      found = await findSubuser(this.run.client, username, deadline, log)
    } catch (error) {
      if (error instanceof Cancelled) throw error
      throw new Unavailable(
        `the id of subuser ${username}, by which its Email Logs are read, could not be looked up: ${(error as Error).message}`
      )
    }
    if (found?.id === undefined)
      throw new Unavailable(`SendGrid lists no numeric id for subuser ${username}, by which its Email Logs are read`)
    return found.id
  }

  /** `forecast: on` fails a target whose forecast is unavailable; `max-blocked-domains` holds an apply. */
  private judge(reconciliation: Reconciliation, forecast: Forecast): void {
    const { settings } = this
    const { vocabulary } = this.run
    if (forecast.unavailable !== undefined && settings.mode === 'on') {
      reconciliation.skip(
        new Error(`${vocabulary.assign(SettingName.Forecast, 'on')} asks for a forecast, and it is unavailable: ${forecast.unavailable}`)
      )
      return
    }
    const max = settings.maxBlockedDomains
    const { outcome } = reconciliation
    // A plan says what its apply would hold, as it says what max-changes would refuse.
    const planned = this.run.mode === 'plan' && !outcome.error && !outcome.compliant
    if (max === undefined || !(planned || (this.run.mode === 'apply' && reconciliation.wantsWrite))) return
    const name = vocabulary.name(SettingName.MaxBlockedDomains)
    let reason: string | undefined
    if (forecast.unavailable !== undefined) {
      reason = `its forecast is unavailable (${forecast.unavailable}), and ${name} is set: an unknown risk is not a green light`
    } else if (forecast.at_risk.length > max) {
      reason = `the policy would block mail to ${count(forecast.at_risk.length, 'domain')}, more than ${name} allows (${max}): ${describeAtRisk(forecast.at_risk)}`
    }
    if (reason === undefined) return
    if (planned) outcome.wouldHold = reason
    else reconciliation.hold(reason)
  }
}

const EMPTY: Forecast = {
  window_days: 0,
  messages_in_window: 0,
  estimated: false,
  messages_read: 0,
  domains_mailed: 0,
  domains_judged: 0,
  volume_judged: 0,
  mail_providers: 0,
  mx_lookups: 0,
  mx_lookups_failed: 0,
  at_risk: [],
  unknown: [],
  blocked_since: []
}

/**
 * One line about a forecast: how much mail the window held and how much of it was read, through
 * how many providers it was judged, and what would be blocked. A sample never reads as all the mail.
 */
export function describeForecast(forecast: Forecast): string {
  if (forecast.unavailable !== undefined && forecast.domains_mailed === 0) return `unavailable: ${forecast.unavailable}`
  const parts = [describeWindow(forecast)]
  if (forecast.messages_in_window > 0) parts.push(`${describeJudged(forecast)}: ${describeBlocked(forecast)}`)
  if (forecast.unknown.length > 0) parts.push(`${count(forecast.unknown.length, 'domain')} with no delivery to read`)
  if (forecast.blocked_since.length > 0)
    parts.push(`blocks about TLS since: ${forecast.blocked_since.map((b) => `${b.domain} ${b.count}`).join(', ')}`)
  if (forecast.unavailable !== undefined) parts.push(`partly unavailable: ${forecast.unavailable}`)
  return parts.join('; ')
}

/** `61,204 delivered messages in 7 days to 1,188 domains, all read`, or `about …, estimated from 40,000 read`. */
export function describeWindow(forecast: Forecast): string {
  const days = count(forecast.window_days, 'day')
  if (forecast.messages_in_window === 0) return `no delivered mail in ${days}`
  const messages = tally(forecast.messages_in_window, 'delivered message')
  const domains = tally(forecast.domains_mailed, 'domain')
  return forecast.estimated
    ? `about ${messages} in ${days} to ${domains} or more, estimated from the ${grouped(forecast.messages_read)} read`
    : `${messages} in ${days} to ${domains}, all read`
}

/** `judged through 301 mail providers`, with the share of the mail when it is not all of it. */
export function describeJudged(forecast: Forecast): string {
  const through = `judged through ${tally(forecast.mail_providers, 'mail provider')}`
  return forecast.volume_judged >= 1 ? through : `${percent(forecast.volume_judged)} of the mail ${through}`
}

/** `would block 52 domains, 977 messages (1.6 %)`, or `would block none of them`. */
export function describeBlocked(forecast: Forecast): string {
  if (forecast.at_risk.length === 0) return 'would block none of them'
  return `would block ${blockedMail(forecast)}: ${describeAtRisk(forecast.at_risk)}`
}

/** `52 domains, 977 messages (1.6 %)`: the mail the policy would block, as the log line and the summary both say it. */
export function blockedMail(forecast: Forecast): string {
  const messages = forecast.at_risk.reduce((sum, d) => sum + d.messages, 0)
  const share = forecast.messages_in_window > 0 ? ` (${percent(messages / forecast.messages_in_window)})` : ''
  return `${tally(forecast.at_risk.length, 'domain')}, ${forecast.estimated ? 'about ' : ''}${tally(messages, 'message')}${share}`
}

/**
 * Failed MX lookups past which DNS itself is at fault (a resolver the runner cannot reach, one that
 * refuses), not a few broken domains: a tenth of a target's lookups, and at least five of them.
 */
const DNS_AT_FAULT = { share: 0.1, least: 5 }

/**
 * Warnings for the run: each target whose forecast is unavailable and that went on without it,
 * and one for all the targets whose MX lookups failed so often that their domains were judged one
 * by one (a dead resolver is one cause, however many targets it touches).
 */
export function forecastWarnings(outcomes: readonly Outcome[], vocabulary: Vocabulary): string[] {
  const warnings: string[] = []
  const dnsAtFault: string[] = []
  for (const { forecast, target, error, held } of outcomes) {
    if (!forecast) continue
    if (forecast.unavailable !== undefined && !error && !held) {
      warnings.push(`The forecast of ${describeTarget(target)} is unavailable, so the run went on without it: ${forecast.unavailable}`)
    }
    const failed = forecast.mx_lookups_failed
    if (failed >= DNS_AT_FAULT.least && failed >= DNS_AT_FAULT.share * forecast.mx_lookups) {
      dnsAtFault.push(
        `${describeTarget(target)}: ${grouped(failed)} of ${grouped(forecast.mx_lookups)} lookups (the first: ${forecast.mx_lookup_failure ?? 'DNS lookup failed'}), ${percent(forecast.volume_judged)} of the mail judged`
      )
    }
  }
  if (dnsAtFault.length > 0) {
    warnings.push(
      `MX lookups failed for the recipient domains of ${count(dnsAtFault.length, 'forecast')}, so each such domain was judged by its own ` +
        `deliveries rather than its mail provider's: ${listSome(dnsAtFault, '; ')}. Check that a DNS resolver can be reached from here, or name one in ` +
        `${vocabulary.name(SettingName.DnsServers)}.`
    )
  }
  return warnings
}
