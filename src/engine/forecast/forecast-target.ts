/**
 * What one target's Email Logs say about its recipients: the whole window of delivered mail read
 * in slices of time (or an even share of it, past the request budget), the domains looked up in
 * DNS and grouped by mail provider, and each provider judged by a delivery or two. Every request
 * goes through the run's client and so its rate limiter; each has a step's time of its own.
 */
import type { Clock } from '../../core/clock.js'
import type { Deadline } from '../../core/deadline.js'
import type { Log } from '../../core/log.js'
import { count, grouped } from '../../core/plural.js'
import { describeTarget, type Target } from '../../core/target.js'
import type { EnforcedTls } from '../../core/tls-setting.js'
import { countTlsBlocks } from '../../sendgrid/blocks.js'
import { SendGridError, type SendGridClient } from '../../sendgrid/client.js'
import { MAX_SEARCH_LIMIT, readDelivery, searchDelivered, type LogsContext, type MessageRef } from '../../sendgrid/email-logs.js'
import { blocks, type Forecast, type ForecastSettings } from './forecast.js'
import type { MailServers } from './mail-servers.js'
import { byVolume, groupByProvider, judgeProviders } from './providers.js'
import { MAX_DOMAINS, readWindow, windowOf } from './window.js'

const DAY_MS = 24 * 60 * 60 * 1000
/** The share of `forecast-requests` the searches may take; the reads have the rest, and whatever the searches leave. */
const SEARCH_SHARE = 2 / 3
/** Domains looked up in DNS at most per target, the most mailed first; the rest stand alone. */
const MAX_LOOKUPS = 5000

/** Where a target's forecast reads from. */
export interface TargetMailContext {
  client: SendGridClient
  clock: Clock
  /** A deadline for one request's step, starting when it is made. */
  step: () => Deadline
  log: Log
  /** The run's DNS lookups, shared by its targets. */
  mailServers: MailServers
  /** The subuser's numeric id, for a subuser target; undefined for the parent account. */
  subuserId?: number
}

/** Why a forecast could not be made: a missing scope, no Email Logs on the plan, a customer account. */
export class Unavailable extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'Unavailable'
  }
}

/**
 * The forecast of one target against the policy it would hold. Throws `Unavailable` when the
 * logs cannot be read (with SendGrid's own words), and a cancellation as it comes.
 */
export async function forecastTarget(
  target: Target,
  policy: EnforcedTls,
  settings: ForecastSettings,
  context: TargetMailContext
): Promise<Forecast> {
  if (target.kind === 'account') throw new Unavailable('Email Logs cannot be read for a customer account')
  const logs = (): LogsContext => ({
    deadline: context.step(),
    log: context.log,
    ...(context.subuserId !== undefined && { subuserId: context.subuserId })
  })
  const window = windowOf(context.clock.now(), settings.days)
  const searches = Math.max(1, Math.floor(settings.requests * SEARCH_SHARE))
  const reading = await asUnavailable(target, () =>
    readWindow(window, (slice) => searchDelivered(context.client, logs(), slice, MAX_SEARCH_LIMIT), searches)
  )
  if (reading.domainsCapped) {
    context.log.info(`More than ${grouped(MAX_DOMAINS)} recipient domains: mail to the others is counted in the window and judged nowhere`)
  }
  const ranked = byVolume(reading.domains)
  const servers = await context.mailServers.lookup(ranked.slice(0, MAX_LOOKUPS).map(([domain]) => domain))
  const failed = [...servers.values()].filter((server) => server.source === 'failed')
  if (failed.length > 0) {
    // Said, since a resolver that cannot be reached turns every domain into a group of its own,
    // and the reads then reach fewer of them: the share judged falls, and this says why.
    context.log.info(
      `MX lookups failed for ${count(failed.length, 'domain')} of ${servers.size} (${failed[0]?.failure ?? 'DNS failed'}): each is judged by its own deliveries`
    )
  }
  const groups = groupByProvider(reading.domains, servers)
  // A message older than the logs keep answers 404: that read is no answer, not a refusal.
  const read = (ref: MessageRef) => asUnavailable(target, () => readDelivery(context.client, logs(), ref).catch(unlessMissing))
  const judgement = await judgeProviders(groups, reading.domains, servers, read, settings.requests - reading.searches)

  const forecast: Forecast = {
    window_days: settings.days,
    messages_in_window: reading.messagesInWindow,
    estimated: reading.estimated,
    messages_read: reading.messagesRead,
    domains_mailed: reading.domains.size,
    domains_judged: judgement.verdicts.size,
    volume_judged: 0,
    mail_providers: new Set([...judgement.verdicts.values()].map((v) => v.provider)).size,
    mx_lookups: servers.size,
    mx_lookups_failed: failed.length,
    ...(failed.length > 0 && { mx_lookup_failure: failed[0]?.failure ?? 'DNS lookup failed' }),
    at_risk: [],
    unknown: judgement.unknown,
    blocked_since: []
  }
  let judged = 0
  for (const [domain, mail] of ranked) {
    const verdict = judgement.verdicts.get(domain)
    if (verdict === undefined) continue
    judged += mail.messages
    if (verdict.risk !== 'safe' && blocks(policy, verdict.risk)) {
      forecast.at_risk.push({ domain, messages: Math.round(mail.messages), reason: verdict.risk, provider: verdict.provider })
    }
  }
  forecast.volume_judged = reading.messagesInWindow > 0 ? Math.min(1, Math.round((judged / reading.messagesInWindow) * 1000) / 1000) : 0
  return forecast
}

/** The blocks about TLS in the window, by domain, through on-behalf-of like the setting itself. */
export async function countBlocks(
  target: Target,
  settings: ForecastSettings,
  context: TargetMailContext
): Promise<Forecast['blocked_since']> {
  const now = context.clock.now()
  return asUnavailable(target, () =>
    countTlsBlocks(context.client, { target, deadline: context.step(), log: context.log }, now - settings.days * DAY_MS, now)
  )
}

/** A refusal or a failure of the logs becomes `Unavailable`, in SendGrid's words, which name the API that refused. */
async function asUnavailable<T>(target: Target, read: () => Promise<T>): Promise<T> {
  try {
    return await read()
  } catch (error) {
    if (!(error instanceof SendGridError)) throw error
    throw new Unavailable(`the mail of ${describeTarget(target)} could not be read: ${error.message}`)
  }
}

function unlessMissing(error: unknown): undefined {
  if (error instanceof SendGridError && error.status === 404) return undefined
  throw error
}
