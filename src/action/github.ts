import type { getOctokit } from '@actions/github'
import type { Agent } from 'node:http'
import fetch, { type Response as FetchResponse } from 'node-fetch'
import { messageOf } from '../core/errors.js'
import { decodeBody, readBounded, UnreadableBody } from '../sendgrid/body.js'
import { agentFor } from '../sendgrid/proxy.js'
import type { GitHubRepository } from './inputs.js'

/** All the time one piece of GitHub work (a comment, the drift issue) may take, every request included. */
const GITHUB_TIME_MS = 60_000

export type Octokit = ReturnType<typeof getOctokit>

/** Whoever writes a comment or an issue, as GitHub names the author. */
interface Author {
  login: string
  type: string
}

/** The author of what the default GITHUB_TOKEN, an installation token, writes. */
const ACTIONS_BOT: Author = { login: 'github-actions[bot]', type: 'Bot' }

/**
 * A client for the runner's GitHub, loaded only when a step writes there: a run that writes
 * nothing does not pay for Octokit at start-up. The API's address is the runner's (GitHub
 * Enterprise Server has its own); it is reached through the same proxy rules as SendGrid
 * (HTTPS_PROXY, NO_PROXY), and a GitHub that does not answer costs a minute, not the job's six hours.
 */
export async function withGitHub<T>(repository: GitHubRepository, work: (octokit: Octokit) => Promise<T>): Promise<T> {
  const { getOctokit } = await import('@actions/github')
  const agent = agentFor(repository.apiUrl, repository.proxy, GITHUB_TIME_MS)
  try {
    const octokit = getOctokit(repository.token, {
      baseUrl: repository.apiUrl,
      request: { signal: AbortSignal.timeout(GITHUB_TIME_MS), fetch: boundedFetch(agent) }
    })
    return await work(octokit)
  } finally {
    // Its connections, and a tunnel a proxy never finished opening, end with the work: none keeps the step alive.
    agent.destroy()
  }
}

/** A page of 100 issues or comments, each at most 65,536 characters, is far below this. */
export const MAX_GITHUB_ANSWER_BYTES = 16 * 1024 * 1024

/**
 * Octokit's fetch: node-fetch through the run's agent (direct, or tunnelled through the proxy),
 * with every answer read, and decompressed, within a bound: a GitHub (or whatever answers in its
 * place) that sends an endless body fails the request once past the bound, instead of filling
 * the runner's memory until the job is killed and its verdict lost.
 */
function boundedFetch(agent: Agent): (input: string | URL | Request, init?: RequestInit) => Promise<Response> {
  return async (input, init) => {
    const response = await fetch(String(input instanceof Request ? input.url : input), {
      method: init?.method,
      headers: init?.headers as Record<string, string> | undefined,
      body: init?.body as string | undefined,
      signal: init?.signal ?? null,
      agent,
      // Decompressed below, within the bound, rather than by node-fetch without one.
      compress: false,
      redirect: 'error'
    })
    const empty = [101, 204, 205, 304].includes(response.status)
    const body = empty ? null : await readAnswer(response)
    const headers = new Headers([...response.headers].filter(([name]) => name !== 'content-encoding' && name !== 'content-length'))
    return new Response(body, { status: response.status, statusText: response.statusText, headers })
  }
}

/** An answer's body, decompressed, within the bound. */
async function readAnswer(response: FetchResponse): Promise<Buffer> {
  try {
    const raw = await readBounded(response.body, MAX_GITHUB_ANSWER_BYTES)
    return Buffer.from(decodeBody(raw, response.headers.get('content-encoding'), MAX_GITHUB_ANSWER_BYTES))
  } catch (error) {
    if (!(error instanceof UnreadableBody)) throw error
    throw new Error(`GitHub's answer is larger than ${MAX_GITHUB_ANSWER_BYTES / 1024 / 1024} MiB: not read further`, { cause: error })
  }
}

/**
 * A mapping over a paging GitHub listing (`(response, done) => data`) that stops after `pages`
 * pages: a listing whose next page never ends is not followed for ever.
 */
export function atMostPages<T>(pages: number): (response: { data: T[] }, done: () => void) => T[] {
  let read = 0
  return (response, done) => {
    if (++read >= pages) done()
    return response.data
  }
}

/** The hidden line that finds what this action wrote again on the next run. */
export function hiddenMarker(key: string): string {
  return `<!-- sendgrid-enforced-tls-action: ${key.replace(/-->/g, '')} -->`
}

/**
 * Of the comments or issues that carry the marker, the first this token wrote. Anyone can copy the
 * marker into their own: only what this token wrote is ours to edit. Asking who the token is
 * costs a request, so only when there is something marked to tell apart.
 */
export async function findOwn<T extends { user?: Author | null }>(octokit: Octokit, marked: readonly T[]): Promise<T | undefined> {
  if (marked.length === 0) return undefined
  const author = await tokenAuthor(octokit)
  return marked.find(({ user }) => user && user.login === author.login && user.type === author.type)
}

/**
 * Who writes with this token. GET /user answers for a user's token; the default GITHUB_TOKEN is
 * an installation token, which it refuses with 403, and what it writes is the Actions bot's.
 */
async function tokenAuthor(octokit: Octokit): Promise<Author> {
  try {
    const { data } = await octokit.rest.users.getAuthenticated()
    return { login: data.login, type: data.type }
  } catch (error) {
    if (statusOf(error) === 403) return ACTIONS_BOT
    throw error
  }
}

/** Of a failed GitHub request's error, what a warning quotes: enough to act on, so the advice after it is never cut off. */
export function describeGitHubError(error: unknown): string {
  const text = messageOf(error)
  return text.length > MAX_QUOTED_ERROR ? `${text.slice(0, MAX_QUOTED_ERROR)}…` : text
}

const MAX_QUOTED_ERROR = 1000

/** The HTTP status of an Octokit error, if it has one. */
export function statusOf(error: unknown): unknown {
  return typeof error === 'object' && error !== null && 'status' in error ? error.status : undefined
}
