import { Cancelled } from '../core/clock.js'
import type { RunResult } from '../engine/enforce.js'
import { targetName } from '../core/target.js'
import { count } from './markdown.js'

/**
 * What a cancelled run leaves behind, target by target: written, maybe written, untouched. Each
 * face frames it and says how its user runs verify.
 */
export function describeCancellation(result: RunResult): string {
  const interrupted = result.outcomes.filter((o) => o.error instanceof Cancelled)
  const maybeWritten = interrupted.filter((o) => o.sent && !o.result).map((o) => targetName(o.target))
  const written = result.outcomes.filter((o) => o.changed).map((o) => targetName(o.target))
  const parts = [`${result.outcomes.length - interrupted.length} of ${count(result.outcomes.length, 'target')} finished`]
  if (written.length > 0) parts.push(`written and confirmed: ${list(written)}`)
  if (maybeWritten.length > 0) parts.push(`a PATCH was in flight and may have landed on: ${list(maybeWritten)}`)
  return parts.join('; ')
}

function list(names: readonly string[]): string {
  return names.length > 20 ? `${names.slice(0, 20).join(', ')} and ${names.length - 20} more` : names.join(', ')
}
