/**
 * The forecast as plain data and pure rules: which targets are forecast, how a domain's read
 * deliveries are judged, and which of them the target's resulting policy would block.
 */
import { patchBody, type Difference } from '../differences.js'
import type { Mode } from '../mode.js'
import type { EnforcedTls } from '../../core/tls-setting.js'

export const FORECAST_MODES = ['auto', 'on', 'off'] as const
export type ForecastMode = (typeof FORECAST_MODES)[number]

/** `forecast`, `forecast-days`, `forecast-requests`, `dns-servers` and `max-blocked-domains`, validated. */
export interface ForecastSettings {
  mode: ForecastMode
  /** The window of recent mail, 1 to 30 days (Email Logs keep about 30). */
  days: number
  /** Email Logs requests one target's forecast may make, searches and reads together. */
  requests: number
  /** Resolvers to ask for MX records (`ip` or `ip:port`); empty for the system's. */
  dnsServers: string[]
  /** In apply, a target whose forecast lists more at-risk domains is held; none when unset. */
  maxBlockedDomains?: number
}

/** Why a domain would stop receiving mail: its server did not use TLS, or its certificate failed. */
export type Risk = 'no-tls' | 'invalid-cert'

export interface AtRisk {
  domain: string
  /** Delivered messages to the domain in the window (an estimate when the forecast's figures are). */
  messages: number
  reason: Risk
  /** The mail provider (or MX host) whose deliveries gave the verdict: a server's name, never an address. */
  provider: string
}

/** One target's forecast, as the `forecast` output and report field carry it: domains only, never an address. */
export interface Forecast {
  window_days: number
  /** All delivered mail in the window: counted when every slice was read, else an estimate. */
  messages_in_window: number
  /** True when the window held more than `forecast-requests` allowed to read, so its figures are scaled from the share read. */
  estimated: boolean
  /** Delivered messages the searches returned. */
  messages_read: number
  /** Recipient domains seen in the window. */
  domains_mailed: number
  /** Domains given a verdict, through their mail provider. */
  domains_judged: number
  /** The share of the window's mail, 0 to 1, whose domain got a verdict. */
  volume_judged: number
  /** Mail providers (groups of domains sharing their mail servers) judged. */
  mail_providers: number
  /** Recipient domains whose MX records were looked up: the most mailed, up to 5,000. */
  mx_lookups: number
  /** Of those, the ones whose lookup failed: each is a provider of its own, judged by its own deliveries. */
  mx_lookups_failed: number
  /** Why the first of them failed, in a few words ("DNS lookup timed out"); only when one did. */
  mx_lookup_failure?: string
  /** What the target's resulting policy would block, most-mailed first. */
  at_risk: AtRisk[]
  /** Domains whose messages were read and held no delivery: not known to be safe. */
  unknown: string[]
  /** In verify with `forecast: on`: the blocks about TLS in the window, by domain. */
  blocked_since: { domain: string; count: number }[]
  /** Why the forecast could not be made, when it could not. */
  unavailable?: string
}

/** How one delivery went, as the logs record it. */
export interface DeliveryFacts {
  tls: boolean
  certError: boolean
}

/**
 * A domain (or its provider) judged from the deliveries read: one without TLS is enough to call it no-tls, one
 * with a certificate error invalid-cert; with no delivery read it is unknown, never safe.
 */
export function judge(deliveries: readonly DeliveryFacts[]): Risk | 'safe' | 'unknown' {
  if (deliveries.length === 0) return 'unknown'
  if (deliveries.some((d) => !d.tls)) return 'no-tls'
  if (deliveries.some((d) => d.certError)) return 'invalid-cert'
  return 'safe'
}

/** Whether a policy refuses a recipient with this fault: a valid certificate needs TLS too. */
export function blocks(policy: Pick<EnforcedTls, 'require_tls' | 'require_valid_cert'>, risk: Risk): boolean {
  return risk === 'no-tls' ? policy.require_tls || policy.require_valid_cert : policy.require_valid_cert
}

/** What the forecast needs of a target's outcome once it is read: structural, so a read outcome of any kind will do. */
interface ReadTarget {
  prior?: EnforcedTls
  differences: readonly Difference[]
  error?: Error
}

/** The setting the target would hold once apply has written what differs (the account's own, in verify). */
export function resultingPolicy(outcome: ReadTarget): EnforcedTls | undefined {
  return outcome.prior && { ...outcome.prior, ...patchBody(outcome.differences) }
}

/** A run turns `require_tls` or `require_valid_cert` from false to true on this target. */
export function turnsEnforcementOn(outcome: ReadTarget): boolean {
  return outcome.differences.some((d) => d.field !== 'version' && d.actual === false && d.desired === true)
}

/**
 * Which targets are forecast: with `on` every target read, in every mode; with `auto` a plan or
 * apply that would turn enforcement on; with `off` none.
 */
export function wantsForecast(mode: Mode, forecast: ForecastMode, outcome: ReadTarget): boolean {
  // An export pins what is there: it writes nothing, so there is nothing to forecast.
  if (!outcome.prior || outcome.error || forecast === 'off' || mode === 'export') return false
  return forecast === 'on' || (mode !== 'verify' && turnsEnforcementOn(outcome))
}

/** A domain's risk in words, for logs, annotations and the summary. */
export const RISK_LABELS: Record<Risk, string> = {
  'no-tls': 'no TLS',
  'invalid-cert': 'invalid certificate'
}

/** `a.example (no TLS), b.example (invalid certificate)`: the domains a policy would block, in a line. */
export function describeAtRisk(atRisk: readonly AtRisk[], most = 10): string {
  const named = atRisk.slice(0, most).map((d) => `${d.domain} (${RISK_LABELS[d.reason]})`)
  return atRisk.length > most ? `${named.join(', ')} and ${atRisk.length - most} more` : named.join(', ')
}
