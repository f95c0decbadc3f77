/**
 * The forecast in the job summary and the pull-request comment: a section per target whose
 * policy would block mail, led by how much mail the window held and how much was judged, then
 * the domains (how much recent mail went there, why, which provider's deliveries say so); the
 * targets whose forecast was unavailable; and a line that says what a forecast cannot see.
 * Domains and mail servers only.
 */
import { RISK_LABELS, type Forecast } from '../engine/forecast/forecast.js'
import { blockedMail, describeJudged, describeWindow } from '../engine/forecast/forecaster.js'
import type { Outcome } from '../engine/reconcile.js'
import { grouped } from '../core/plural.js'
import { count, renderTarget, table, verbatim, verbatimCell } from './markdown.js'

/** Targets given a section at most, and rows in each: the report file holds every one. */
const MAX_SECTIONS = 20
const MAX_DOMAIN_ROWS = 25

export function renderForecasts(outcomes: readonly Outcome[]): string[] {
  const forecast = outcomes.filter((o): o is Outcome & { forecast: Forecast } => o.forecast !== undefined)
  if (forecast.length === 0) return []
  const lines = ['### Forecast: mail the policy would block', '']
  const blocking = forecast.filter((o) => o.forecast.at_risk.length > 0)
  for (const outcome of blocking.slice(0, MAX_SECTIONS)) lines.push(...section(outcome))
  if (blocking.length > MAX_SECTIONS)
    lines.push(`… and ${count(blocking.length - MAX_SECTIONS, 'more target')} that would block mail: see the report file.`, '')
  const made = forecast.filter((o) => o.forecast.unavailable === undefined)
  const clear = made.filter((o) => o.forecast.at_risk.length === 0)
  if (clear.length > 0) {
    // A target that mailed nothing in the window has nothing to forecast: said, not counted as safe.
    const silent = clear.filter((o) => o.forecast.messages_in_window === 0).length
    const note = silent > 0 ? ` (${silent} of them delivered no mail in the window, so there was nothing to judge)` : ''
    lines.push(`No domain judged would be blocked on ${count(clear.length, 'target')} of the ${made.length} forecast${note}.`, '')
    for (const outcome of clear.filter((o) => o.forecast.messages_in_window > 0).slice(0, MAX_SECTIONS)) {
      lines.push(`- ${renderTarget(outcome.target)}: ${figures(outcome.forecast)}`)
    }
    if (clear.some((o) => o.forecast.messages_in_window > 0)) lines.push('')
  }
  for (const outcome of forecast.filter((o) => o.forecast.unavailable !== undefined).slice(0, MAX_SECTIONS)) {
    lines.push(`**Forecast of ${renderTarget(outcome.target)} unavailable:** ${verbatim(outcome.forecast.unavailable ?? '')}`, '')
  }
  for (const outcome of forecast.filter((o) => o.forecast.blocked_since.length > 0).slice(0, MAX_SECTIONS)) {
    const blocked = outcome.forecast.blocked_since.slice(0, MAX_DOMAIN_ROWS).map((b) => `${b.domain} (${b.count})`)
    lines.push(
      `**Blocked for TLS on ${renderTarget(outcome.target)}** in the last ${count(outcome.forecast.window_days, 'day')}: ${blocked.join(', ')}`,
      ''
    )
  }
  lines.push(limits(forecast.map((o) => o.forecast)), '')
  return lines
}

function section({ target, forecast }: Outcome & { forecast: Forecast }): string[] {
  const { at_risk: atRisk, window_days: days } = forecast
  const about = forecast.estimated ? 'about ' : ''
  const rows = atRisk
    .slice(0, MAX_DOMAIN_ROWS)
    .map((d) => [d.domain, `${about}${grouped(d.messages)}`, RISK_LABELS[d.reason], verbatimCell(d.provider)])
  const lines = [
    `⚠️ **${upperFirst(renderTarget(target))}**: ${figures(forecast)}: the policy would block mail to ${blockedMail(forecast)}.`,
    '',
    ...table(['Domain', `Delivered messages (${days} d)`, 'Why', 'Judged by the deliveries of'], rows),
    ''
  ]
  if (atRisk.length > rows.length) lines.push(`… and ${count(atRisk.length - rows.length, 'more domain')}: see the report file.`, '')
  if (forecast.unknown.length > 0) {
    lines.push(
      `Not known, no delivery could be read: ${forecast.unknown.slice(0, MAX_DOMAIN_ROWS).join(', ')}${forecast.unknown.length > MAX_DOMAIN_ROWS ? ', …' : ''}`,
      ''
    )
  }
  return lines
}

function upperFirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}

/** What the window held and how much of it was judged, as the log line says it. */
function figures(forecast: Forecast): string {
  return forecast.messages_in_window > 0 ? `${describeWindow(forecast)}; ${describeJudged(forecast)}` : describeWindow(forecast)
}

/** What the forecast cannot see, said every time: TLS versions are not in the logs, and a server seen once may change. */
export function limits(forecasts: readonly Forecast[]): string {
  const days = Math.max(...forecasts.map((f) => f.window_days))
  const estimated = forecasts.some((f) => f.estimated)
  return (
    `_What a forecast cannot see: it reads the delivered mail of the last ${count(days, 'day')}` +
    (estimated ? ' (where a window held more than forecast-requests allowed, an even share of it, and the figures are estimates)' : '') +
    ' and judges each mail provider by a delivery or two, so mail outside the window, domains not judged, and servers that changed since are not seen. ' +
    'Email Logs do not record the TLS version, so raising min-version is never forecast._'
  )
}
