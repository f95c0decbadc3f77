/**
 * What one target's Email Logs say about its recipients: one search of the delivered mail in the
 * window, then up to two deliveries read for each of the most-mailed domains. At most
 * 1 + 2 × `domains` requests, through the run's client and so its rate limiter.
 */
import type { Deadline } from '../../core/deadline.js'
import type { Clock } from '../../core/clock.js'
import type { Log } from '../../core/log.js'
import { describeTarget, type Target } from '../../core/target.js'
import { SendGridError, type SendGridClient } from '../../sendgrid/client.js'
import { countTlsBlocks } from '../../sendgrid/blocks.js'
import { MAX_SEARCH_LIMIT, readDelivery, searchDelivered, type LogsContext, type MessageRef } from '../../sendgrid/email-logs.js'
import { blocks, judge, type DeliveryFacts, type Forecast, type ForecastSettings } from './forecast.js'
import type { EnforcedTls } from '../../core/tls-setting.js'

const DAY_MS = 24 * 60 * 60 * 1000
/** Deliveries read per sampled domain. */
export const SAMPLES_PER_DOMAIN = 2

/** Where a target's forecast reads from, and by when. */
export interface SampleContext {
  client: SendGridClient
  clock: Clock
  /** All the time the target's forecast may take, its lookup, search, reads and block count together. */
  deadline: Deadline
  log: Log
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
export async function sampleTarget(
  target: Target,
  policy: EnforcedTls,
  settings: ForecastSettings,
  context: SampleContext
): Promise<Forecast> {
  if (target.kind === 'account') throw new Unavailable('Email Logs cannot be read for a customer account')
  const logs: LogsContext = {
    deadline: context.deadline,
    log: context.log,
    ...(context.subuserId !== undefined && { subuserId: context.subuserId })
  }
  const since = context.clock.now() - settings.days * DAY_MS
  const found = await asUnavailable(target, () => searchDelivered(context.client, logs, since, MAX_SEARCH_LIMIT))
  const byDomain = new Map<string, MessageRef[]>()
  for (const { domain, ref } of found.messages) byDomain.set(domain, [...(byDomain.get(domain) ?? []), ref])
  const ranked = [...byDomain].sort(([a, x], [b, y]) => y.length - x.length || a.localeCompare(b))
  const sampled = ranked.slice(0, settings.domains)

  const forecast: Forecast = {
    window_days: settings.days,
    messages_sampled: found.messages.length,
    domains_mailed: byDomain.size,
    domains_sampled: sampled.length,
    at_risk: [],
    unknown: [],
    blocked_since: []
  }
  for (const [domain, refs] of sampled) {
    const deliveries: DeliveryFacts[] = []
    for (const ref of refs.slice(0, SAMPLES_PER_DOMAIN)) {
      // A message older than the logs keep answers 404: that sample is no answer, not a refusal.
      const delivery = await asUnavailable(target, () => readDelivery(context.client, logs, ref).catch(unlessMissing))
      if (delivery) deliveries.push(delivery)
    }
    const verdict = judge(deliveries)
    if (verdict === 'unknown') forecast.unknown.push(domain)
    else if (verdict !== 'safe' && blocks(policy, verdict)) forecast.at_risk.push({ domain, messages: refs.length, reason: verdict })
  }
  return forecast
}

/** The blocks about TLS in the window, by domain, through on-behalf-of like the setting itself. */
export async function countBlocks(target: Target, settings: ForecastSettings, context: SampleContext): Promise<Forecast['blocked_since']> {
  const now = context.clock.now()
  return asUnavailable(target, () =>
    countTlsBlocks(context.client, { target, deadline: context.deadline, log: context.log }, now - settings.days * DAY_MS, now)
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
