import * as core from '@actions/core'
import { readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { protect } from '../core/guard.js'
import { readSettings, type Settings } from '../engine/settings/settings.js'
import { type Proxy } from '../sendgrid/proxy.js'
import { Input } from './constants.js'
import { liveLog } from './log.js'
import type { Mode } from '../engine/mode.js'
import { parseBoolean, SettingError } from '../engine/settings/source.js'
import { proxyFor } from '../engine/settings/proxy.js'
import type { Vocabulary } from '../engine/vocabulary.js'

/** The repository this run belongs to, and how to write there. */
export interface GitHubRepository {
  token: string
  owner: string
  repo: string
  /** The workflow run, linked from what the action writes. */
  runUrl?: string
  /** GitHub's REST API for this runner: api.github.com, or an Enterprise Server's. */
  apiUrl: string
  /** The proxy GitHub's API is reached through, by the same rules as SendGrid's. */
  proxy?: Proxy
}

/** The pull request a plan or verify report is posted to, when `pr-comment` asks for it. */
export interface PullRequestComment extends GitHubRepository {
  number: number
  /** Tells this step's comment from others on the pull request: workflow, job and step. */
  key: string
}

/** The rolling compliance issue a scheduled verify keeps, when `drift-issue` names its label. */
export interface DriftIssue extends GitHubRepository {
  label: string
}

/**
 * Everything the action needs from its workflow and runner, validated; nothing after this reads
 * inputs or the environment. The engine's settings, and what only a GitHub step has.
 */
export interface ActionSettings extends Settings {
  /** Where the JSON report file goes: the runner's temporary directory. */
  reportDir: string
  pullRequest?: PullRequestComment
  driftIssue?: DriftIssue
  proxy?: Proxy
  /** Where a relative policy-file is found: the repository's checkout. */
  workspace: string
  /** Where `mode: export` writes the policy file. */
  exportFile: string
}

/** The action names its settings as a workflow writes them: `region: eu`; an input not given is empty. */
export const ACTION_VOCABULARY: Vocabulary = {
  name: (setting) => setting,
  assign: (setting, value) => `${setting}: ${value}`,
  unset: 'empty',
  keyHolder: 'the secret'
}

/** Inputs named as a workflow writes them: `Input 'min-version'`, `Inputs 'a', 'b' and 'c'`. */
export function describeInputs(names: readonly string[]): string {
  const quoted = names.map((name) => `'${name}'`)
  return quoted.length === 1 ? `Input ${quoted[0]}` : `Inputs ${quoted.slice(0, -1).join(', ')} and ${quoted.at(-1)}`
}

export function readInputs(): ActionSettings {
  // Masked before any other input is read, so no later log line or error can show it.
  const apiKey = core.getInput(Input.ApiKey)
  if (apiKey) core.setSecret(apiKey)
  protect(apiKey)
  if (!apiKey) throw new SettingError([Input.ApiKey], `${describeInputs([Input.ApiKey])} ${emptyKeyProblem()}`)
  // A relative policy-file is the repository's: the workspace checkout puts it in.
  const workspace = process.env['GITHUB_WORKSPACE'] || process.cwd()
  const settings = readSettings({ get: (name) => core.getInput(name), describe: describeInputs, ...ACTION_VOCABULARY })
  const reportDir = process.env['RUNNER_TEMP'] || tmpdir()
  return {
    ...settings,
    reportDir,
    workspace,
    exportFile: resolve(workspace, core.getInput(Input.ExportFile) || join(reportDir, 'sendgrid-enforced-tls-policy.yml')),
    pullRequest: readPullRequest(),
    driftIssue: readDriftIssue(settings.mode),
    proxy: proxyFor(settings.baseUrl, process.env)
  }
}

/**
 * The pull request to comment on, when `pr-comment` is true and this run belongs to one. Outside
 * a pull_request event there is nothing to comment on, which is no error: the run says so.
 */
function readPullRequest(): PullRequestComment | undefined {
  const asked = parseBoolean(
    core.getInput(Input.PrComment),
    (text) => new SettingError([Input.PrComment], `${describeInputs([Input.PrComment])} ${text}`)
  )
  if (!asked) return undefined
  const event = process.env['GITHUB_EVENT_NAME'] ?? ''
  if (event !== 'pull_request' && event !== 'pull_request_target') {
    liveLog.info(`'${Input.PrComment}' is set, but this run is a ${event || 'local'} event, not a pull request: no comment is written.`)
    return undefined
  }
  const repository = readRepository(Input.PrComment, 'pull-requests: write')
  const number = readEventNumber(process.env['GITHUB_EVENT_PATH'])
  if (number === undefined) {
    throw new SettingError(
      [Input.PrComment],
      `${describeInputs([Input.PrComment])} needs the pull request's number from the runner's event payload (GITHUB_EVENT_PATH), and found none`
    )
  }
  const env = (name: string) => process.env[name] ?? ''
  const key = [env('GITHUB_WORKFLOW'), env('GITHUB_JOB'), env('GITHUB_ACTION')].join('/')
  return { ...repository, number, key }
}

/** GitHub's limit on a label's name. */
const MAX_LABEL_LENGTH = 50

/**
 * The drift issue's label, when `drift-issue` names one and the run is a verify. The label is
 * checked in every mode, so a mistake shows on the first run whatever its mode. A comma would
 * split the label in GitHub's `labels=` search, and an invisible character would make two labels
 * look alike: both are refused.
 */
function readDriftIssue(mode: Mode): DriftIssue | undefined {
  const label = core.getInput(Input.DriftIssue)
  if (!label) return undefined
  const problem = (text: string) => new SettingError([Input.DriftIssue], `${describeInputs([Input.DriftIssue])} ${text}`)
  if (/[\p{Cc}\p{Cf}]/u.test(label)) throw problem('must be one line of visible characters: a label name, such as sendgrid-tls-drift')
  if (label.includes(',')) throw problem("must not hold a comma: GitHub's search for issues by label reads one as two labels")
  const length = [...label].length
  if (length > MAX_LABEL_LENGTH) throw problem(`is ${length} characters long; GitHub allows a label ${MAX_LABEL_LENGTH} at most`)
  if (mode !== 'verify') {
    liveLog.info(`'${Input.DriftIssue}' is set, but this run is a ${mode}: only verify keeps the drift issue, so it is left alone.`)
    return undefined
  }
  return { ...readRepository(Input.DriftIssue, 'issues: write'), label }
}

/**
 * The repository and token for what `input` writes on GitHub. The token is masked before it can
 * reach a log line; without one, or outside a repository's run, the step fails before any request.
 */
function readRepository(input: Input, permission: string): GitHubRepository {
  const token = core.getInput(Input.GithubToken)
  if (!token)
    throw new SettingError(
      [Input.GithubToken, input],
      `${describeInputs([Input.GithubToken])} is required with '${input}': pass \${{ github.token }} and grant ${permission}`
    )
  core.setSecret(token)
  const [owner, repo] = (process.env['GITHUB_REPOSITORY'] ?? '').split('/')
  if (!owner || !repo) {
    throw new SettingError([input], `${describeInputs([input])} needs the repository from the runner (GITHUB_REPOSITORY), and found none`)
  }
  const env = (name: string) => process.env[name] ?? ''
  const runUrl = env('GITHUB_RUN_ID')
    ? `${env('GITHUB_SERVER_URL') || 'https://github.com'}/${owner}/${repo}/actions/runs/${env('GITHUB_RUN_ID')}`
    : undefined
  const apiUrl = env('GITHUB_API_URL') || 'https://api.github.com'
  const proxy = proxyFor(apiUrl, process.env)
  return { token, owner, repo, runUrl, apiUrl, ...(proxy && { proxy }) }
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
