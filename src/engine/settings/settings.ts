/**
 * What a run is asked to do, validated, the same whichever face asked: the action reads its
 * inputs, the CLI its flags and environment, through the same rules and the same error texts.
 */
import { MIN_SECRET_STRETCH } from '../../core/redact.js'
import type { TargetSelection } from '../../core/target.js'
import { managesNothing, type DesiredTls } from '../../core/tls-setting.js'
import type { ForecastSettings } from '../forecast/forecast.js'
import { MODES, type Mode } from '../mode.js'
import type { PolicyPlace } from '../policy/load.js'
import type { PolicyDocument } from '../policy/parse.js'
import { MAX_KEY_LENGTH, SettingName } from './names.js'
import { EXPORT_IGNORES, optional, Reader, type ChangeLimit } from './reader.js'
import { SettingError, type SettingSource } from './source.js'

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

/** Reads and checks every setting; the first problem throws, naming the setting. */
export function readSettings(source: SettingSource): Settings {
  const problem = (name: SettingName, text: string, others: SettingName[] = []) =>
    new SettingError([name, ...others], `${source.describe([name, ...others])} ${text}`)

  const apiKey = source.get(SettingName.ApiKey)
  if (!apiKey) throw problem(SettingName.ApiKey, 'is required: a SendGrid API key')
  // Never quote the value: the message would print the key.
  if (!/^[\u0021-\u007e]+$/.test(apiKey)) {
    throw problem(SettingName.ApiKey, `must be one line of printable ASCII without spaces, as SendGrid keys are: check ${source.keyHolder}`)
  }
  // SendGrid's keys are 69 characters. A short value is a mistake, and could not be told apart
  // from ordinary text when it is redacted from what the run writes.
  if (apiKey.length < MIN_SECRET_STRETCH || apiKey.length > MAX_KEY_LENGTH) {
    throw problem(
      SettingName.ApiKey,
      `is ${apiKey.length < MIN_SECRET_STRETCH ? 'too short' : 'too long'} to be a SendGrid API key (those are 69 characters): check ${source.keyHolder}`
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
      `${source.describe(given)} ${given.length === 1 ? 'has' : 'have'} no effect in export, which pins each target's setting as it finds it: ${given.length === 1 ? 'it' : 'they'} must be ${source.unset}`
    )
  }
  // A check that manages nothing can only pass: a typo in a workflow must not turn a gate off.
  // With a policy file, each target's policy is judged once the file is read.
  if ((mode === 'verify' || mode === 'apply') && !policyFile && managesNothing(desired)) {
    throw problem(
      SettingName.RequireTls,
      `are all ${source.unset}, so ${mode} would have nothing to check and would always pass: set at least one (plan may run without them, to show the current setting)`,
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
  const { loadPolicy } = await import('../policy/load.js')
  return { ...settings, policy: await loadPolicy(settings.policyFile, place, refuse) }
}
