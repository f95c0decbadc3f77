import * as core from '@actions/core'
import { readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { Input } from './constants.js'
import { TLS_VERSIONS, type DesiredTls, type TlsVersion } from './enforced-tls.js'
import type { TargetSelection } from './target.js'

export const MODES = ['verify', 'plan', 'apply'] as const
export type Mode = (typeof MODES)[number]

export const REGION_URLS = {
  global: 'https://api.sendgrid.com',
  eu: 'https://api.eu.sendgrid.com'
} as const
export type Region = keyof typeof REGION_URLS

/** The pull request a plan or verify report is posted to, when `pr-comment` asks for it. */
export interface PullRequestComment {
  token: string
  owner: string
  repo: string
  number: number
  /** Tells this step's comment from others on the pull request: workflow, job and step. */
  key: string
  /** The workflow run, linked from the comment. */
  runUrl?: string
}

/**
 * Everything the action needs from its workflow and runner, validated; nothing after this reads
 * inputs or the environment.
 */
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
  /** Where the JSON report file goes: the runner's temporary directory. */
  reportDir: string
  pullRequest?: PullRequestComment
}

export const MAX_CONCURRENCY = 32

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

  const mode = readChoice(Input.Mode, MODES, 'verify')
  return {
    apiKey,
    mode,
    desired,
    selection: readSelection(),
    allowStricter: readFlag(Input.AllowStricter),
    concurrency: readConcurrency(),
    baseUrl: readBaseUrl(),
    requestTimeoutMs: readTimeout(),
    reportDir: process.env['RUNNER_TEMP'] || tmpdir(),
    pullRequest: readPullRequest()
  }
}

function readConcurrency(): number {
  const value = core.getInput(Input.Concurrency)
  if (!value) return 8
  const number = /^\d+$/.test(value) ? Number(value) : NaN
  if (!(number >= 1 && number <= MAX_CONCURRENCY)) {
    throw new InputError(Input.Concurrency, `must be a whole number from 1 to ${MAX_CONCURRENCY}; got '${value}'`)
  }
  return number
}

/**
 * The pull request to comment on, when `pr-comment` is true and this run belongs to one. Outside
 * a pull_request event there is nothing to comment on, which is no error: the run says so.
 */
function readPullRequest(): PullRequestComment | undefined {
  if (!readFlag(Input.PrComment)) return undefined
  const event = process.env['GITHUB_EVENT_NAME'] ?? ''
  if (event !== 'pull_request' && event !== 'pull_request_target') {
    core.info(`'${Input.PrComment}' is set, but this run is a ${event || 'local'} event, not a pull request: no comment is written.`)
    return undefined
  }
  const token = core.getInput(Input.GithubToken)
  if (!token)
    throw new InputError(
      Input.GithubToken,
      `is required with '${Input.PrComment}': pass \${{ github.token }} and grant pull-requests: write`
    )
  core.setSecret(token)
  const [owner, repo] = (process.env['GITHUB_REPOSITORY'] ?? '').split('/')
  const number = readEventNumber(process.env['GITHUB_EVENT_PATH'])
  if (!owner || !repo || number === undefined) {
    throw new InputError(
      Input.PrComment,
      'needs the pull request from the runner (GITHUB_REPOSITORY and the event payload), and found none'
    )
  }
  const env = (name: string) => process.env[name] ?? ''
  const key = [env('GITHUB_WORKFLOW'), env('GITHUB_JOB'), env('GITHUB_ACTION')].join('/')
  const runUrl = env('GITHUB_RUN_ID')
    ? `${env('GITHUB_SERVER_URL') || 'https://github.com'}/${owner}/${repo}/actions/runs/${env('GITHUB_RUN_ID')}`
    : undefined
  return { token, owner, repo, number, key, runUrl }
}

function readEventNumber(path: string | undefined): number | undefined {
  if (!path) return undefined
  try {
    const event = JSON.parse(readFileSync(path, 'utf8')) as { pull_request?: { number?: unknown } }
    const number = event.pull_request?.number
    return typeof number === 'number' ? number : undefined
  } catch {
    return undefined
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

/** A switch: empty is false; anything but true or false is refused, not guessed. */
function readFlag(input: Input): boolean {
  return readBoolean(input) ?? false
}

/** Empty means the field is not managed; anything but true or false is refused, not guessed. */
function readBoolean(input: Input): boolean | undefined {
  const value = core.getInput(input)
  if (!value) return undefined
  const lower = value.toLowerCase()
  if (lower === 'true') return true
  if (lower === 'false') return false
  throw new InputError(input, `must be true or false; got '${value}'`)
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

/** `subuser` and `account-id` take names separated by commas or newlines; `*` means every subuser. */
function readSelection(): TargetSelection {
  const subuserNames = readNames(Input.Subuser)
  const accounts = readNames(Input.AccountId)
  for (const id of accounts) {
    if (!/^[A-Za-z0-9_-]+$/.test(id)) throw new InputError(Input.AccountId, `may hold only letters, digits, - and _; got '${id}'`)
  }
  return {
    includeParent: readFlag(Input.IncludeParent),
    allSubusers: subuserNames.includes('*'),
    subusers: subuserNames.filter((name) => name !== '*'),
    accounts
  }
}

/** Each name goes into the on-behalf-of header: a control character there could forge another header. */
function readNames(input: Input): string[] {
  const names = core
    .getInput(input)
    .split(/[\n,]/)
    .map((name) => name.trim())
    .filter((name) => name !== '')
  for (const name of names) {
    if (/[\u0000-\u001f\u007f]/.test(name)) throw new InputError(input, 'must not contain control characters')
    if (/\s/.test(name)) throw new InputError(input, `takes names separated by commas or newlines, each without spaces; got '${name}'`)
  }
  return names
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
