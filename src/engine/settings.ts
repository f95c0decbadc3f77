import { isIPv4 } from 'node:net'
import { MIN_SECRET_STRETCH } from './redact.js'
import type { ChangeLimit } from './change-limit.js'
import type { PolicyPlace } from './policy/load.js'
import type { PolicyDocument } from './policy/parse.js'
import { FORECAST_MODES, type ForecastSettings } from './forecast/forecast.js'
import { isUsername, MAX_USERNAME_LENGTH, USERNAME_RULE, type TargetSelection } from './target.js'
import { FIELDS, TLS_VERSIONS, type DesiredTls, type TlsVersion } from './tls-setting.js'

/**
 * What a run is asked to do, validated, the same whichever face asked: the action reads its
 * inputs, the CLI its flags and environment, through the same rules and the same error texts.
 * The names are the action's input names; the CLI's flags are the same with `--`.
 */
export enum SettingName {
  ApiKey = 'api-key',
  Mode = 'mode',
  RequireTls = 'require-tls',
  RequireValidCert = 'require-valid-cert',
  MinVersion = 'min-version',
  Subuser = 'subuser',
  AccountId = 'account-id',
  IncludeParent = 'include-parent',
  Region = 'region',
  ApiUrl = 'api-url',
  Concurrency = 'concurrency',
  AllowStricter = 'allow-stricter',
  RequestTimeout = 'request-timeout',
  MaxChanges = 'max-changes',
  PolicyFile = 'policy-file',
  Forecast = 'forecast',
  ForecastDays = 'forecast-days',
  ForecastDomains = 'forecast-domains',
  MaxBlockedDomains = 'max-blocked-domains'
}

export const MODES = ['verify', 'plan', 'apply', 'export'] as const
export type Mode = (typeof MODES)[number]

export const REGION_URLS = {
  global: 'https://api.sendgrid.com',
  eu: 'https://api.eu.sendgrid.com'
} as const
export type Region = keyof typeof REGION_URLS

export const MAX_CONCURRENCY = 32
/** SendGrid's keys are 69 characters; room for another format, not for a file pasted in. */
const MAX_KEY_LENGTH = 256
const DEFAULT_CONCURRENCY = 8
const DEFAULT_REQUEST_TIMEOUT_S = 30
/** Below a second, a healthy answer from across the world times out; above five minutes, a dead one holds a runner for half an hour. */
export const MIN_REQUEST_TIMEOUT_S = 1
export const MAX_REQUEST_TIMEOUT_S = 300

/** Everything the engine needs to know, validated; nothing after this reads the world. */
export interface Settings {
  apiKey: string
  mode: Mode
  desired: DesiredTls
  selection: TargetSelection
  /** A setting stricter than the policy counts as compliant and is left alone. */
  allowStricter: boolean
  /** Targets worked on at once. */
  concurrency: number
  /** Scheme and host of the API, without a trailing slash. */
  baseUrl: string
  requestTimeoutMs: number
  /** Most targets one apply may change; none when unset. */
  maxChanges?: ChangeLimit
  /** The policy file as named, relative to the workspace; then `desired` is empty and `selection` unused. */
  policyFile?: string
  /** The policy file, read and checked: `loadSettings` fills it in. */
  policy?: PolicyDocument
  forecast: ForecastSettings
}

/** Where settings come from, and how that face names them in an error ("Input 'x'", "--x"). */
export interface SettingSource {
  /** The raw value, empty when not given. */
  get(name: SettingName): string
  /** One setting, or several that are only wrong together, as the face's user knows them. */
  describe(names: readonly SettingName[]): string
}

/** Bad settings: the message names them as the face does, and nothing has been sent yet. */
export class SettingError extends Error {
  constructor(
    /** The settings at fault, by name (a face may add its own, such as the action's pr-comment). */
    readonly names: readonly string[],
    message: string
  ) {
    super(message)
    this.name = 'SettingError'
  }
}

/** Reads and checks every setting; the first problem throws, naming the setting. */
export function readSettings(source: SettingSource): Settings {
  const problem = (name: SettingName, text: string, others: SettingName[] = []) =>
    new SettingError([name, ...others], `${source.describe([name, ...others])} ${text}`)

  const apiKey = source.get(SettingName.ApiKey)
  if (!apiKey) throw problem(SettingName.ApiKey, 'is required: a SendGrid API key')
  // Never quote the value: the message would print the key.
  if (!/^[\u0021-\u007e]+$/.test(apiKey)) {
    throw problem(SettingName.ApiKey, 'must be one line of printable ASCII without spaces, as SendGrid keys are: check the secret')
  }
  // SendGrid's keys are 69 characters. A short value is a mistake, and could not be told apart
  // from ordinary text when it is redacted from what the run writes.
  if (apiKey.length < MIN_SECRET_STRETCH || apiKey.length > MAX_KEY_LENGTH) {
    throw problem(
      SettingName.ApiKey,
      `is ${apiKey.length < MIN_SECRET_STRETCH ? 'too short' : 'too long'} to be a SendGrid API key (those are 69 characters): check the secret`
    )
  }

  const read = new Reader(source, problem)
  const desired: DesiredTls = {}
  const requireTls = read.boolean(SettingName.RequireTls)
  if (requireTls !== undefined) desired.require_tls = requireTls
  const requireValidCert = read.boolean(SettingName.RequireValidCert)
  if (requireValidCert !== undefined) desired.require_valid_cert = requireValidCert
  const version = read.version()
  if (version !== undefined) desired.version = version

  const mode = read.choice(SettingName.Mode, MODES, 'verify')
  const policyFile = read.policyFile()
  // An export pins what it finds: a policy given beside it would be silently ignored.
  const given = EXPORT_IGNORES.filter((name) => source.get(name) && source.get(name).toLowerCase() !== 'false')
  if (mode === 'export' && given.length > 0) {
    throw new SettingError(
      given,
      `${source.describe(given)} ${given.length === 1 ? 'has' : 'have'} no effect in export, which pins each target's setting as it finds it: leave ${given.length === 1 ? 'it' : 'them'} empty`
    )
  }
  // A check that manages nothing can only pass: a typo in a workflow must not turn a gate off.
  // With a policy file, each target's policy is judged once the file is read.
  if ((mode === 'verify' || mode === 'apply') && !policyFile && FIELDS.every((field) => desired[field] === undefined)) {
    throw problem(
      SettingName.RequireTls,
      `are all empty, so ${mode} would have nothing to check and would always pass: set at least one (plan may run without them, to show the current setting)`,
      [SettingName.RequireValidCert, SettingName.MinVersion]
    )
  }
  return {
    apiKey,
    mode,
    desired,
    selection: read.selection(),
    allowStricter: read.flag(SettingName.AllowStricter),
    concurrency: read.concurrency(),
    baseUrl: read.baseUrl(),
    requestTimeoutMs: read.timeout(),
    ...optional('maxChanges', read.changeLimit()),
    ...optional('policyFile', policyFile),
    forecast: read.forecast()
  }
}

/**
 * The settings with their policy file read from the workspace (a relative path is taken from it,
 * and no path may leave it). Its problems come all at once, each at its line, as a `PolicyError`.
 */
export async function withPolicy(settings: Settings, place: PolicyPlace, describe: SettingSource['describe']): Promise<Settings> {
  if (!settings.policyFile) return settings
  const refuse = (why: string) => new SettingError([SettingName.PolicyFile], `${describe([SettingName.PolicyFile])} ${why}`)
  // Loaded only here: a run without a policy file does not pay for the YAML parser and the validator.
  const { loadPolicy } = await import('./policy/load.js')
  return { ...settings, policy: await loadPolicy(settings.policyFile, place, refuse) }
}

/** The policy's fields, as settings. */
const FIELD_SETTINGS = [SettingName.RequireTls, SettingName.RequireValidCert, SettingName.MinVersion] as const

/** What an export, which writes what it reads, would ignore: a policy, and the rails of its apply. */
const EXPORT_IGNORES = [...FIELD_SETTINGS, SettingName.AllowStricter, SettingName.MaxChanges, SettingName.MaxBlockedDomains]

/** What a policy file says, and so the settings that must be empty beside one. */
const POLICY_SAYS = [...FIELD_SETTINGS, SettingName.Subuser, SettingName.AccountId, SettingName.IncludeParent] as const

type Problem = (name: SettingName, text: string, others?: SettingName[]) => SettingError

/** The validators, each over one setting's raw text. */
class Reader {
  constructor(
    private readonly source: SettingSource,
    private readonly problem: Problem
  ) {}

  concurrency(): number {
    const value = this.source.get(SettingName.Concurrency)
    if (!value) return DEFAULT_CONCURRENCY
    const number = /^\d+$/.test(value) ? Number(value) : NaN
    if (!(number >= 1 && number <= MAX_CONCURRENCY)) {
      throw this.problem(SettingName.Concurrency, `must be a whole number from 1 to ${MAX_CONCURRENCY}; got '${value}'`)
    }
    return number
  }

  timeout(): number {
    const value = this.source.get(SettingName.RequestTimeout)
    if (!value) return DEFAULT_REQUEST_TIMEOUT_S * 1000
    const seconds = /^\d+(\.\d+)?$/.test(value) ? Number(value) : NaN
    if (!(seconds >= MIN_REQUEST_TIMEOUT_S && seconds <= MAX_REQUEST_TIMEOUT_S)) {
      throw this.problem(
        SettingName.RequestTimeout,
        `must be a number of seconds from ${MIN_REQUEST_TIMEOUT_S} to ${MAX_REQUEST_TIMEOUT_S}; got '${value}'`
      )
    }
    return seconds * 1000
  }

  /** A policy file says what each target enforces: the inputs that say it for all are then refused. */
  policyFile(): string | undefined {
    const path = this.source.get(SettingName.PolicyFile).trim()
    if (!path) return undefined
    if (/[\u0000-\u001f\u007f]/.test(path)) throw this.problem(SettingName.PolicyFile, 'must be a path without control characters')
    // include-parent is false unless set: only true says something the file should say.
    const given = POLICY_SAYS.filter((name) => {
      const value = this.source.get(name)
      return value && !(name === SettingName.IncludeParent && value.toLowerCase() === 'false')
    })
    if (given.length > 0) {
      // All of them at once: a workflow is fixed in one edit, not one per run.
      throw new SettingError(
        [SettingName.PolicyFile, ...given],
        `${this.source.describe([SettingName.PolicyFile, ...given])} cannot be used together: the policy file says what each target enforces and which targets there are, so ${lowerFirst(this.source.describe(given))} must be empty`
      )
    }
    return path
  }

  /** A count (`10`) or a share of the run's targets (`20%`). */
  changeLimit(): ChangeLimit | undefined {
    const value = this.source.get(SettingName.MaxChanges)
    if (!value) return undefined
    const share = /^(\d+(?:\.\d+)?)\s*%$/.exec(value)
    if (share) {
      const percent = Number(share[1])
      if (percent <= 100) return { percent }
    } else if (/^\d+$/.test(value) && Number.isSafeInteger(Number(value))) {
      return { count: Number(value) }
    }
    throw this.problem(
      SettingName.MaxChanges,
      `must be a number of targets such as 10, or a share of the targets such as 20%, or empty for no limit; got '${value}'`
    )
  }

  /** `forecast`, its window and sample, and the guard that needs it. */
  forecast(): ForecastSettings {
    const mode = this.choice(SettingName.Forecast, FORECAST_MODES, 'auto')
    const days = this.wholeNumber(SettingName.ForecastDays, 1, 30) ?? 7
    const domains = this.wholeNumber(SettingName.ForecastDomains, 1, 100) ?? 25
    const max = this.wholeNumber(SettingName.MaxBlockedDomains, 0, Number.MAX_SAFE_INTEGER, 'or empty for no guard')
    if (max !== undefined && mode === 'off') {
      throw this.problem(SettingName.MaxBlockedDomains, 'contradict each other: the guard judges a forecast, and the forecast is off', [
        SettingName.Forecast
      ])
    }
    return { mode, days, domains, ...optional('maxBlockedDomains', max) }
  }

  /** A whole number from `min` to `max`, or undefined when empty. */
  private wholeNumber(name: SettingName, min: number, max: number, or = ''): number | undefined {
    const value = this.source.get(name)
    if (!value) return undefined
    const number = /^\d+$/.test(value) ? Number(value) : NaN
    if (!(number >= min && number <= max)) {
      const range = max === Number.MAX_SAFE_INTEGER ? `of ${min} or more` : `from ${min} to ${max}`
      throw this.problem(name, `must be a whole number ${range}${or ? `, ${or}` : ''}; got '${value}'`)
    }
    return number
  }

  choice<T extends string>(name: SettingName, choices: readonly T[], fallback: T): T {
    const raw = this.source.get(name)
    const value = raw.toLowerCase()
    if (!value) return fallback
    if (!(choices as readonly string[]).includes(value)) throw this.problem(name, `must be one of ${choices.join(', ')}; got '${raw}'`)
    return value as T
  }

  /** A switch: empty is false; anything but true or false is refused, not guessed. */
  flag(name: SettingName): boolean {
    return this.boolean(name) ?? false
  }

  /** Empty means the field is not managed; anything but true or false is refused, not guessed. */
  boolean(name: SettingName): boolean | undefined {
    return parseBoolean(this.source.get(name), (text) => this.problem(name, text))
  }

  version(): TlsVersion | undefined {
    const value = this.source.get(SettingName.MinVersion)
    if (!value) return undefined
    const version = TLS_VERSIONS.find((v) => v.toFixed(1) === value)
    if (version === undefined) {
      throw this.problem(SettingName.MinVersion, `must be 1.1, 1.2 or 1.3, or empty to leave it unmanaged; got '${value}'`)
    }
    return version
  }

  /** `subuser` and `account-id` take names separated by commas or newlines; `*` means every subuser. */
  selection(): TargetSelection {
    const subuserNames = this.names(SettingName.Subuser)
    const accounts = this.names(SettingName.AccountId)
    for (const id of accounts) {
      if (!/^[A-Za-z0-9_-]+$/.test(id)) throw this.problem(SettingName.AccountId, `may hold only letters, digits, - and _; got '${id}'`)
    }
    return {
      includeParent: this.flag(SettingName.IncludeParent),
      allSubusers: subuserNames.includes('*'),
      subusers: subuserNames.filter((name) => name !== '*'),
      accounts
    }
  }

  /** Each name goes into the on-behalf-of header: a control character there could forge another header. */
  private names(name: SettingName): string[] {
    const names = this.source
      .get(name)
      .split(/[\n,]/)
      .map((each) => each.trim())
      .filter((each) => each !== '')
    for (const each of names) {
      if (/[\u0000-\u001f\u007f]/.test(each)) throw this.problem(name, 'must not contain control characters')
      if (/\s/.test(each)) throw this.problem(name, `takes names separated by commas or newlines, each without spaces; got '${each}'`)
      // The name travels in the on-behalf-of header, which carries Latin-1 and nothing past it.
      if (/[^\u0000-\u00ff]/.test(each))
        throw this.problem(name, `takes names an on-behalf-of header can carry (Latin-1 characters); got '${each}'`)
      if (name === SettingName.Subuser && !isUsername(each))
        throw this.problem(name, `takes SendGrid usernames: ${USERNAME_RULE}, at most ${MAX_USERNAME_LENGTH} characters`)
    }
    return names
  }

  baseUrl(): string {
    const region = this.choice(SettingName.Region, Object.keys(REGION_URLS) as Region[], 'global')
    const override = this.source.get(SettingName.ApiUrl)
    if (!override) return REGION_URLS[region]
    // Never echoed: a value that does not parse may still hold a password.
    if (/[?#]/.test(override)) throw this.problem(SettingName.ApiUrl, 'must be a base URL without query or fragment (no ? or #)')
    let url: URL
    try {
      url = new URL(override)
    } catch {
      throw this.problem(
        SettingName.ApiUrl,
        'must be an absolute URL such as https://api.sendgrid.com, and the value given does not parse as one'
      )
    }
    // The key travels in a header: never let it cross a network in clear text.
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback(url.hostname))) {
      throw this.problem(SettingName.ApiUrl, 'must use https:// (http:// is allowed only for localhost, 127.0.0.0/8 or [::1])')
    }
    if (url.search || url.hash || url.username || url.password) {
      throw this.problem(SettingName.ApiUrl, 'must be a base URL without credentials, query or fragment')
    }
    return url.href.replace(/\/+$/, '')
  }
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1)
}

/** `{ [key]: value }` when the value is set, `{}` otherwise: an optional setting stays absent, not `undefined`. */
function optional<K extends string, V>(key: K, value: V | undefined): { [key in K]?: V } {
  return value === undefined ? {} : ({ [key]: value } as { [key in K]: V })
}

/** `true` or `false` in any case, undefined when empty; anything else is refused, not guessed. */
export function parseBoolean(value: string, problem: (text: string) => Error): boolean | undefined {
  if (!value) return undefined
  const lower = value.toLowerCase()
  if (lower === 'true') return true
  if (lower === 'false') return false
  throw problem(`must be true or false; got '${value}'`)
}

/**
 * Only literal loopback addresses: a name such as 127.attacker.example resolves wherever its
 * owner wants. The URL parser has already turned 127.1 or 2130706433 into dotted form.
 */
export function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || (isIPv4(hostname) && hostname.startsWith('127.'))
}
