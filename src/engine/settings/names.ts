import type { Field } from '../../core/tls-setting.js'

/**
 * The settings a run takes, by the names a workflow writes them, and their bounds: one table for
 * the engine's validators, the action's inputs and the CLI's flags (the same names with `--`).
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
  ForecastRequests = 'forecast-requests',
  DnsServers = 'dns-servers',
  MaxBlockedDomains = 'max-blocked-domains'
}

/**
 * Each field of the setting as a user writes it: the action's input, the CLI's flag without its
 * `--`, and the policy file's key are one name.
 */
export const FIELD_SETTINGS: Readonly<Record<Field, SettingName>> = {
  require_tls: SettingName.RequireTls,
  require_valid_cert: SettingName.RequireValidCert,
  version: SettingName.MinVersion
}

export const REGION_URLS = {
  global: 'https://api.sendgrid.com',
  eu: 'https://api.eu.sendgrid.com'
} as const
export type Region = keyof typeof REGION_URLS

/** Email Logs requests per target's forecast: about one search per 1,000 messages and one read per mail provider. */
export const DEFAULT_FORECAST_REQUESTS = 1500
/** Under ten, a forecast cannot both search and read; past 100,000, one target would hold the rate limit for hours. */
export const MIN_FORECAST_REQUESTS = 10
export const MAX_FORECAST_REQUESTS = 100_000

export const MAX_CONCURRENCY = 32
/** SendGrid's keys are 69 characters; room for another format, not for a file pasted in. */
export const MAX_KEY_LENGTH = 256
export const DEFAULT_CONCURRENCY = 8
export const DEFAULT_REQUEST_TIMEOUT_S = 30
/** Below a second, a healthy answer from across the world times out; above five minutes, a dead one holds a runner for half an hour. */
export const MIN_REQUEST_TIMEOUT_S = 1
export const MAX_REQUEST_TIMEOUT_S = 300
