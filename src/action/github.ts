import type { getOctokit } from '@actions/github'
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
 * Enterprise Server has its own); a GitHub that does not answer costs a minute, not the job's six hours.
 */
export async function gitHubClient(repository: GitHubRepository): Promise<Octokit> {
  const { getOctokit } = await import('@actions/github')
  return getOctokit(repository.token, {
    baseUrl: repository.apiUrl,
    request: { signal: AbortSignal.timeout(GITHUB_TIME_MS), fetch: boundedFetch }
  })
}

/** A page of 100 issues or comments, each at most 65,536 characters, is far below this. */
export const MAX_GITHUB_ANSWER_BYTES = 16 * 1024 * 1024

/**
 * Octokit's fetch, with every answer read within a bound: a GitHub (or whatever answers in its
 * place) that sends an endless body fails the request once past the bound, instead of filling
 * the runner's memory until the job is killed and its verdict lost.
 */
async function boundedFetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
  const response = await fetch(input, init)
  if (!response.body || [101, 204, 205, 304].includes(response.status)) return response
  const chunks: Uint8Array[] = []
  let size = 0
  const reader = (response.body as ReadableStream<Uint8Array>).getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > MAX_GITHUB_ANSWER_BYTES) {
      await reader.cancel()
      throw new Error(`GitHub's answer is larger than ${MAX_GITHUB_ANSWER_BYTES / 1024 / 1024} MiB: not read further`)
    }
    chunks.push(value)
  }
  return new Response(Buffer.concat(chunks), { status: response.status, statusText: response.statusText, headers: response.headers })
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

/** The HTTP status of an Octokit error, if it has one. */
export function statusOf(error: unknown): unknown {
  return typeof error === 'object' && error !== null && 'status' in error ? error.status : undefined
}
