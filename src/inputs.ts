import * as core from '@actions/core'
import { Input } from './constants.js'
import { TLS_VERSIONS, type DesiredTls, type TlsVersion } from './enforced-tls.js'
import type { Target } from './target.js'

export const MODES = ['verify', 'plan', 'apply'] as const
export type Mode = (typeof MODES)[number]

export const REGION_URLS = {
  global: 'https://api.sendgrid.com',
  eu: 'https://api.eu.sendgrid.com'
} as const
export type Region = keyof typeof REGION_URLS

/** Everything the action needs from its workflow, validated; nothing after this reads inputs. */
export interface Settings {
  apiKey: string
  mode: Mode
  desired: DesiredTls
  target: Target
  /** Scheme and host of the API, without a trailing slash. */
  baseUrl: string
  requestTimeoutMs: number
}

/** Bad input: the message names the input, and nothing has been sent yet. */
export class InputError extends Error {
  constructor(
    readonly input: Input,
    problem: string
  ) {
    super(`Input '${input}' ${problem}`)
    this.name = 'InputError'
  }
}

export function readSettings(): Settings {
  // Masked before any other input is read, so no later log line or error can show it.
  const apiKey = core.getInput(Input.ApiKey)
  if (apiKey) core.setSecret(apiKey)
  if (!apiKey) throw new InputError(Input.ApiKey, 'is required: pass a SendGrid API key, for example ${{ secrets.SENDGRID_API_KEY }}')
  // Never quote the value: the message would print the key.
  if (/[\s\u0000-\u001f\u007f]/.test(apiKey)) throw new InputError(Input.ApiKey, 'must be one line without spaces: check the secret')

  const desired: DesiredTls = {}
  const requireTls = readBoolean(Input.RequireTls)
  if (requireTls !== undefined) desired.require_tls = requireTls
  const requireValidCert = readBoolean(Input.RequireValidCert)
  if (requireValidCert !== undefined) desired.require_valid_cert = requireValidCert
  const version = readVersion()
  if (version !== undefined) desired.version = version

  return {
    apiKey,
    mode: readChoice(Input.Mode, MODES, 'verify'),
    desired,
    target: readTarget(),
    baseUrl: readBaseUrl(),
    requestTimeoutMs: readTimeout()
  }
}

const DEFAULT_REQUEST_TIMEOUT_S = 30
/** A request that needs more than ten minutes is not coming back. */
const MAX_REQUEST_TIMEOUT_S = 600

function readTimeout(): number {
  const value = core.getInput(Input.RequestTimeout)
  if (!value) return DEFAULT_REQUEST_TIMEOUT_S * 1000
  const seconds = /^\d+(\.\d+)?$/.test(value) ? Number(value) : NaN
  if (!(seconds > 0 && seconds <= MAX_REQUEST_TIMEOUT_S)) {
    throw new InputError(Input.RequestTimeout, `must be a number of seconds above 0 and at most ${MAX_REQUEST_TIMEOUT_S}; got '${value}'`)
  }
  return seconds * 1000
}

function readChoice<T extends string>(input: Input, choices: readonly T[], fallback: T): T {
  const value = core.getInput(input).toLowerCase()
  if (!value) return fallback
  if (!(choices as readonly string[]).includes(value)) {
    throw new InputError(input, `must be one of ${choices.join(', ')}; got '${core.getInput(input)}'`)
  }
  return value as T
}

/** Empty means the field is not managed; anything but true or false is refused, not guessed. */
function readBoolean(input: Input): boolean | undefined {
  const value = core.getInput(input)
  if (!value) return undefined
  const lower = value.toLowerCase()
  if (lower === 'true') return true
  if (lower === 'false') return false
  throw new InputError(input, `must be true or false, or empty to leave it unmanaged; got '${value}'`)
}

function readVersion(): TlsVersion | undefined {
  const value = core.getInput(Input.MinVersion)
  if (!value) return undefined
  const version = TLS_VERSIONS.find((v) => v.toFixed(1) === value)
  if (version === undefined) {
    throw new InputError(Input.MinVersion, `must be 1.1, 1.2 or 1.3, or empty to leave it unmanaged; got '${value}'`)
  }
  return version
}

function readTarget(): Target {
  const subuser = readName(Input.Subuser)
  const accountId = readName(Input.AccountId)
  if (subuser && accountId) {
    throw new InputError(Input.AccountId, `cannot be combined with '${Input.Subuser}': set one target`)
  }
  if (subuser) return { kind: 'subuser', username: subuser }
  if (accountId) {
    if (!/^[A-Za-z0-9_-]+$/.test(accountId)) {
      throw new InputError(Input.AccountId, 'may hold only letters, digits, - and _')
    }
    return { kind: 'account', id: accountId }
  }
  return { kind: 'parent' }
}

/** Goes into the on-behalf-of header: a control character there could forge another header. */
function readName(input: Input): string {
  const value = core.getInput(input)
  if (/[\u0000-\u001f\u007f]/.test(value)) throw new InputError(input, 'must not contain control characters or line breaks')
  if (/\s/.test(value)) throw new InputError(input, `must be a single name without spaces; got '${value}'`)
  return value
}

function readBaseUrl(): string {
  const region = readChoice(Input.Region, Object.keys(REGION_URLS) as Region[], 'global')
  const override = core.getInput(Input.ApiUrl)
  if (!override) return REGION_URLS[region]

  let url: URL
  try {
    url = new URL(override)
  } catch {
    throw new InputError(Input.ApiUrl, `must be an absolute URL such as https://api.sendgrid.com; got '${override}'`)
  }
  // The key travels in a header: never let it cross a network in clear text.
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname) || url.hostname.startsWith('127.')
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new InputError(Input.ApiUrl, 'must use https:// (http:// is allowed only for a loopback address)')
  }
  if (url.search || url.hash || url.username || url.password) {
    throw new InputError(Input.ApiUrl, 'must be a base URL without credentials, query or fragment')
  }
  return url.href.replace(/\/+$/, '')
}
