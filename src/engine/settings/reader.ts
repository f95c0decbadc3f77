/**
 * The validators, each over one setting's raw text: a value is refused with a sentence that names
 * the setting as the face does, never guessed.
 */
import { FORECAST_MODES, type ForecastSettings } from '../forecast/forecast.js'
import { parseDnsServers } from '../forecast/mail-servers.js'
import { isUsername, MAX_USERNAME_LENGTH, USERNAME_RULE, type TargetSelection } from '../../core/target.js'
import { TLS_VERSIONS, type TlsVersion } from '../../core/tls-setting.js'
import { messageOf } from '../../core/errors.js'
import { isLoopback } from './loopback.js'
import {
  DEFAULT_CONCURRENCY,
  DEFAULT_FORECAST_REQUESTS,
  DEFAULT_REQUEST_TIMEOUT_S,
  FIELD_SETTINGS,
  MAX_CONCURRENCY,
  MAX_FORECAST_REQUESTS,
  MAX_REQUEST_TIMEOUT_S,
  MIN_FORECAST_REQUESTS,
  MIN_REQUEST_TIMEOUT_S,
  REGION_URLS,
  SettingName,
  type Region
} from './names.js'
import { parseBoolean, SettingError, type SettingSource } from './source.js'

/** `max-changes`: a count of targets, or a share of those read. */
export type ChangeLimit = { count: number } | { percent: number }

/** The policy's fields, as settings. */
const FIELD_NAMES = Object.values(FIELD_SETTINGS)

/** What an export, which writes what it reads, would ignore: a policy, and the rails of its apply. */
export const EXPORT_IGNORES = [...FIELD_NAMES, SettingName.AllowStricter, SettingName.MaxChanges, SettingName.MaxBlockedDomains]

/** What a policy file says, and so the settings that must not be given beside one. */
const POLICY_SAYS = [...FIELD_NAMES, SettingName.Subuser, SettingName.AccountId, SettingName.IncludeParent] as const

type Problem = (name: SettingName, text: string, others?: SettingName[]) => SettingError

/** The validators, each over one setting's raw text. */
export class Reader {
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
        `${this.source.describe([SettingName.PolicyFile, ...given])} cannot be used together: the policy file says what each target enforces and which targets there are, so ${lowerFirst(this.source.describe(given))} must be ${this.source.unset}`
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

  /** `forecast`, its window, its request budget, its resolvers, and the guard that needs it. */
  forecast(): ForecastSettings {
    const mode = this.choice(SettingName.Forecast, FORECAST_MODES, 'auto')
    const days = this.wholeNumber(SettingName.ForecastDays, 1, 30) ?? 7
    const requests =
      this.wholeNumber(SettingName.ForecastRequests, MIN_FORECAST_REQUESTS, MAX_FORECAST_REQUESTS) ?? DEFAULT_FORECAST_REQUESTS
    let dnsServers: string[]
    try {
      dnsServers = parseDnsServers(this.source.get(SettingName.DnsServers))
    } catch (error) {
      throw this.problem(SettingName.DnsServers, messageOf(error))
    }
    const max = this.wholeNumber(SettingName.MaxBlockedDomains, 0, Number.MAX_SAFE_INTEGER, 'or empty for no guard')
    if (max !== undefined && mode === 'off') {
      throw this.problem(SettingName.MaxBlockedDomains, 'contradict each other: the guard judges a forecast, and the forecast is off', [
        SettingName.Forecast
      ])
    }
    return { mode, days, requests, dnsServers, ...optional('maxBlockedDomains', max) }
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
export function optional<K extends string, V>(key: K, value: V | undefined): { [key in K]?: V } {
  return value === undefined ? {} : ({ [key]: value } as { [key in K]: V })
}
