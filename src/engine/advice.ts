import type { DesiredTls, EnforcedTls } from '../core/tls-setting.js'
import { patchBody } from './differences.js'
import type { Outcome } from './reconcile.js'
import { describeTarget } from '../core/target.js'
import type { Vocabulary } from './vocabulary.js'
import { SettingName } from './settings/names.js'

/** Most targets named in one warning; the rest are counted. */
const MAX_NAMED = 10

/**
 * Policy the action should not apply without a word: deprecated TLS, or a version that does
 * nothing. Judged on what each target is held to, so a policy file's entries are judged too.
 */
export function adviseOnPolicy(desired: DesiredTls, outcomes: readonly Outcome[], vocabulary: Vocabulary): string[] {
  const minVersion = vocabulary.name(SettingName.MinVersion)
  const advice: string[] = []
  const wanted = [desired, ...outcomes.map((o) => o.desired)]
  if (wanted.some((policy) => policy.version === 1.1)) {
    // From a policy file, the line that asks for it: the flag or input was never given.
    const origin = outcomes.find((o) => o.desired.version === 1.1 && o.origins?.version)?.origins?.version
    const asked = origin ? `min-version 1.1 (${origin.file} line ${origin.line})` : `${minVersion} 1.1`
    advice.push(`${asked} allows TLS 1.1, which RFC 8996 deprecates and SendGrid itself no longer accepts on its own API: consider 1.2.`)
  }
  const ignored = outcomes.filter((outcome) => {
    const after = settingAfter(outcome)
    return outcome.desired.version !== undefined && after !== undefined && !after.require_tls && !after.require_valid_cert
  })
  // One version said by number; several, from a policy file, each target's own.
  const versions = new Set(ignored.map((o) => o.desired.version))
  const [version] = versions
  if (ignored.length > 0) {
    advice.push(
      `${ignored.some((o) => o.origins) ? 'min-version' : minVersion}${versions.size === 1 && version !== undefined ? ` ${version.toFixed(1)}` : ''} has no effect on ${names(ignored)}: neither require_tls nor require_valid_cert is true there` +
        ' even once the policy holds, so SendGrid keeps sending with opportunistic TLS whatever the version.'
    )
  }
  return advice
}

/**
 * What the account holds once the policy holds, in any mode: managed fields as the policy sets
 * them, the others as read. Judged on this, not on the prior read, a policy that itself turns
 * require_tls on never gets the warning.
 */
function settingAfter(outcome: Outcome): EnforcedTls | undefined {
  if (!outcome.prior) return undefined
  return { ...outcome.prior, ...patchBody(outcome.differences) }
}

function names(outcomes: readonly Outcome[]): string {
  return listSome(outcomes.map((o) => describeTarget(o.target)))
}

/** The first ten of a warning's items, the rest counted: `a, b and 3 more`. */
export function listSome(items: readonly string[], separator = ', '): string {
  const named = items.slice(0, MAX_NAMED)
  const rest = items.length - named.length
  return rest > 0 ? `${named.join(separator)} and ${rest} more` : named.join(separator)
}
