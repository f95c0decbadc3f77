import { DEFAULT_VERSION, TLS_VERSIONS, type DesiredTls, type EnforcedTls } from '../core/tls-setting.js'
import type { Deadline } from '../core/deadline.js'
import type { Log } from '../core/log.js'
import { hideLongTokens } from '../core/redact.js'
import type { Target } from '../core/target.js'
import { SendGridError, type SendGridClient } from './client.js'
import { describeRequest } from './errors.js'

export const ENFORCED_TLS_PATH = '/v3/user/settings/enforced_tls'
export const SCOPE_READ = 'user.settings.enforced_tls.read'
export const SCOPE_UPDATE = 'user.settings.enforced_tls.update'

/** One target's work: whose setting, by when, and where its log goes. */
export interface TargetContext {
  target: Target
  deadline: Deadline
  log: Log
}

export async function readEnforcedTls(client: SendGridClient, context: TargetContext): Promise<EnforcedTls> {
  const answer = await client.request('GET', ENFORCED_TLS_PATH, { ...context, scope: SCOPE_READ })
  try {
    return parseEnforcedTls(answer)
  } catch (error) {
    // Name the request, as every other failure does.
    throw new SendGridError(`${describeRequest('GET', ENFORCED_TLS_PATH, context.target)}: ${(error as Error).message}`, 200)
  }
}

/**
 * Sends a partial update. Its answer is not read: it echoes the request (in whatever shape), and
 * proves nothing about what the account holds, since reads lag behind writes. A fresh read does.
 */
export async function updateEnforcedTls(client: SendGridClient, context: TargetContext, changes: DesiredTls): Promise<void> {
  await client.request('PATCH', ENFORCED_TLS_PATH, { ...context, scope: SCOPE_UPDATE, body: changes })
}

/**
 * Reads SendGrid's answer the way the API has been seen to send it: `version` missing on an
 * account that never set it, stored as a float32, and once (in 2024) typed as a string.
 */
export function parseEnforcedTls(body: unknown): EnforcedTls {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new SendGridError('SendGrid answered with something other than an Enforced TLS object')
  }
  const { require_tls, require_valid_cert, version } = body as Record<string, unknown>
  if (typeof require_tls !== 'boolean' || typeof require_valid_cert !== 'boolean') {
    throw new SendGridError('SendGrid answered without require_tls and require_valid_cert as booleans')
  }
  return { require_tls, require_valid_cert, version: parseVersion(version) }
}

/** float32 holds 1.1 as 1.100000023841858: anything closer than this to a version is that version. */
const FLOAT32_TOLERANCE = 1e-6

/**
 * A version is a number (or a string of decimal digits, as the spec once typed it) within float32
 * precision of 1.1, 1.2 or 1.3. Anything else is an unexpected answer, named, and never rounded
 * into compliance: 1.25 is not 1.3, and "0x13" is not 19.
 */
function parseVersion(version: unknown): number {
  if (version === undefined || version === null) return DEFAULT_VERSION
  const number = typeof version === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(version) ? Number(version) : version
  const match = typeof number === 'number' ? TLS_VERSIONS.find((v) => Math.abs(number - v) < FLOAT32_TOLERANCE) : undefined
  if (match === undefined) {
    throw new SendGridError(`SendGrid answered with a version that is not 1.1, 1.2 or 1.3: ${quote(version)}`)
  }
  return match
}

/** A value from an answer, quoted short: it is already redacted by the client. */
function quote(value: unknown): string {
  const text = hideLongTokens(JSON.stringify(value) ?? String(value))
  return text.length > 100 ? `${text.slice(0, 100)}…` : text
}
