import * as core from '@actions/core'
import { readFileSync } from 'node:fs'
import { isIPv4 } from 'node:net'
import { tmpdir } from 'node:os'
import { Input } from './constants.js'
import { liveLog, protect } from './log.js'
import { FIELDS, TLS_VERSIONS, type DesiredTls, type TlsVersion } from './enforced-tls.js'
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

/** Bad input: the message names the input (or the inputs that only together are wrong), and nothing has been sent yet. */
export class InputError extends Error {
  constructor(
    readonly input: Input,
    problem: string,
    readonly others: readonly Input[] = []
  ) {
    const names = [input, ...others].map((name) => `'${name}'`)
    super(others.length === 0 ? `Input ${names[0]} ${problem}` : `Inputs ${names.slice(0, -1).join(', ')} and ${names.at(-1)} ${problem}`)
    this.name = 'InputError'
  }
}

export function readSettings(): Settings {
  // Masked before any other input is read, so no later log line or error can show it.
  const apiKey = core.getInput(Input.ApiKey)
  if (apiKey) core.setSecret(apiKey)
  protect(apiKey)
  if (!apiKey) throw new InputError(Input.ApiKey, emptyKeyProblem())
  // Never quote the value: the message would print the key.
  if (!/^[\u0021-\u007e]+$/.test(apiKey)) {
    throw new InputError(Input.ApiKey, 'must be one line of printable ASCII without spaces, as SendGrid keys are: check the secret')
  }

  const desired: DesiredTls = {}
  const requireTls = readBoolean(Input.RequireTls)
  if (requireTls !== undefined) desired.require_tls = requireTls
  const requireValidCert = readBoolean(Input.RequireValidCert)
  if (requireValidCert !== undefined) desired.require_valid_cert = requireValidCert
  const version = readVersion()
  if (version !== undefined) desired.version = version

  const mode = readChoice(Input.Mode, MODES, 'verify')
  // A check that manages nothing can only pass: a typo in a workflow must not turn a gate off.
  if (mode !== 'plan' && FIELDS.every((field) => desired[field] === undefined)) {
    throw new InputError(
      Input.RequireTls,
      `are all empty, so ${mode} would have nothing to check and would always pass: set at least one (plan may run without them, to show the current setting)`,
      [Input.RequireValidCert, Input.MinVersion]
    )
  }
  return {
    apiKey,
    mode,
    desired,
    selection: readSelection(),
    allowStricter: readFlag(Input.AllowStricter),
    concurrency: readConcurrency(),
    baseUrl: checkProxy(readBaseUrl()),
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
    liveLog.info(`'${Input.PrComment}' is set, but this run is a ${event || 'local'} event, not a pull request: no comment is written.`)
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

interface PullRequestEvent {
  pull_request?: { number?: unknown; head?: { repo?: { full_name?: unknown } } }
}

function readEvent(path: string | undefined): PullRequestEvent | undefined {
  if (!path) return undefined
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as PullRequestEvent
  } catch {
    return undefined
  }
}

function readEventNumber(path: string | undefined): number | undefined {
  const number = readEvent(path)?.pull_request?.number
  return typeof number === 'number' ? number : undefined
}

const DEFAULT_REQUEST_TIMEOUT_S = 30
/** Below a second, a healthy answer from across the world times out; above five minutes, a dead one holds the runner for half an hour. */
export const MIN_REQUEST_TIMEOUT_S = 1
export const MAX_REQUEST_TIMEOUT_S = 300

function readTimeout(): number {
  const value = core.getInput(Input.RequestTimeout)
  if (!value) return DEFAULT_REQUEST_TIMEOUT_S * 1000
  const seconds = /^\d+(\.\d+)?$/.test(value) ? Number(value) : NaN
  if (!(seconds >= MIN_REQUEST_TIMEOUT_S && seconds <= MAX_REQUEST_TIMEOUT_S)) {
    throw new InputError(
      Input.RequestTimeout,
      `must be a number of seconds from ${MIN_REQUEST_TIMEOUT_S} to ${MAX_REQUEST_TIMEOUT_S}; got '${value}'`
    )
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
    throw new InputError(Input.ApiUrl, `must be an absolute URL such as https://api.sendgrid.com; got '${withoutCredentials(override)}'`)
  }
  // The key travels in a header: never let it cross a network in clear text.
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback(url.hostname))) {
    throw new InputError(Input.ApiUrl, 'must use https:// (http:// is allowed only for localhost, 127.0.0.0/8 or [::1])')
  }
  if (url.search || url.hash || url.username || url.password) {
    throw new InputError(Input.ApiUrl, 'must be a base URL without credentials, query or fragment')
  }
  return url.href.replace(/\/+$/, '')
}

/**
 * The proxy @actions/http-client will tunnel through, checked here so that a malformed value is
 * an error naming its variable, before any request, rather than an exception or a silent direct
 * connection. Never echoes the value: it may hold the proxy's password.
 */
function checkProxy(baseUrl: string): string {
  if (!baseUrl.startsWith('https:')) return baseUrl // loopback http: http-client never proxies it
  const name = ['https_proxy', 'HTTPS_PROXY'].find((variable) => process.env[variable])
  const value = name && process.env[name]
  if (!name || !value) return baseUrl
  let proxy: URL | undefined
  try {
    proxy = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`)
  } catch {
    proxy = undefined
  }
  if (!proxy || !proxy.hostname) {
    throw new SettingError(`The environment variable ${name} is not a proxy URL such as http://proxy.example.com:3128; fix it or unset it`)
  }
  if (proxy.protocol !== 'http:' && proxy.protocol !== 'https:') {
    throw new SettingError(
      `The environment variable ${name} names a ${proxy.protocol.slice(0, -1)} proxy; only http:// and https:// proxies are supported`
    )
  }
  return baseUrl
}

/** A problem with the runner's environment rather than an input: the message names the variable. */
export class SettingError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'SettingError'
  }
}

/**
 * Only literal loopback addresses: a name such as 127.attacker.example resolves wherever its
 * owner wants. The URL parser has already turned 127.1 or 2130706433 into dotted form.
 */
function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || (isIPv4(hostname) && hostname.startsWith('127.'))
}

/** A URL as typed, for an error message, with anything that may be a user name or password cut out. */
export function withoutCredentials(text: string): string {
  return text.replace(/^([^/]*\/\/)?[^/?#]*@/, (_, scheme: string | undefined) => `${scheme ?? ''}***@`)
}

/**
 * The empty key's usual cause on a pull request: GitHub gives no secrets to runs for pull requests
 * from forks or by Dependabot. Say so, with the guard that skips the step there.
 */
function emptyKeyProblem(): string {
  const generic = 'is required: pass a SendGrid API key, for example ${{ secrets.SENDGRID_API_KEY }}'
  const event = process.env['GITHUB_EVENT_NAME'] ?? ''
  if (!event.startsWith('pull_request')) return generic
  const actor = process.env['GITHUB_ACTOR'] ?? ''
  const head = readEvent(process.env['GITHUB_EVENT_PATH'])?.pull_request?.head?.repo?.full_name
  const fork = typeof head === 'string' && head !== process.env['GITHUB_REPOSITORY']
  if (!fork && actor !== 'dependabot[bot]') return `${generic}; on a pull request, check that the secret exists`
  return (
    `is empty: this run is for a pull request ${fork ? 'from a fork' : 'opened by Dependabot'}, and GitHub gives such runs no repository secrets. ` +
    "Skip the step for them with: if: github.event.pull_request.head.repo.full_name == github.repository && github.actor != 'dependabot[bot]'"
  )
}
