/** The pull-request gate: the action posts its report once, then updates that comment (run in process against a GitHub stand-in). */
import { afterAll, afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { run } from '../src/action/main.js'
import { DEFAULT_STAND_IN_KEY, startStandIn, type StandIn } from '../stand-in/server.js'
import { ACTIONS_BOT, startGitHubStandIn, type GitHubStandIn, type IssueComment } from './helpers/github-stand-in.js'
import { liveText } from './helpers/markdown.js'
import { runStep } from './helpers/workflow-step.js'

const TOKEN = 'ghs_stand-in-token'
/** The hidden line that finds this step's comment: anyone who reads the page source can copy it. */
const MARKER = '<!-- sendgrid-enforced-tls-action: TLS gate/plan/tls -->'
let sendgrid: StandIn
let github: GitHubStandIn

beforeEach(async () => {
  sendgrid = await startStandIn({
    subusers: { a: { require_tls: false, require_valid_cert: false }, b: { require_tls: true, require_valid_cert: false } }
  })
  github = await startGitHubStandIn('acme', 'mail', 42)
})
afterEach(async () => {
  await sendgrid.close()
  await github.close()
})

// One folder for every event file of this file's steps, removed when they are done.
const events = mkdtempSync(join(tmpdir(), 'event-'))
afterAll(() => rmSync(events, { recursive: true, force: true }))

function pullRequestEnv(event = 'pull_request'): Record<string, string> {
  const eventPath = join(mkdtempSync(join(events, 'event-')), 'event.json')
  writeFileSync(eventPath, JSON.stringify({ pull_request: { number: 42 } }))
  return {
    GITHUB_API_URL: github.url,
    GITHUB_EVENT_NAME: event,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REPOSITORY: 'acme/mail',
    GITHUB_WORKFLOW: 'TLS gate',
    GITHUB_JOB: 'plan',
    GITHUB_ACTION: 'tls',
    GITHUB_RUN_ID: '1234',
    GITHUB_SERVER_URL: 'https://github.test'
  }
}

function plan(extra: Record<string, string> = {}) {
  return runStep(
    () => run(),
    {
      'api-key': DEFAULT_STAND_IN_KEY,
      'api-url': sendgrid.url,
      mode: 'plan',
      subuser: 'a,b',
      'require-tls': 'true',
      'pr-comment': 'true',
      'github-token': TOKEN
    },
    { ...pullRequestEnv(), ...extra }
  )
}

describe('pr-comment', () => {
  it('posts the plan as one comment and updates it on the next run, its own by the Actions bot when GET /user refuses the token', async () => {
    const first = await plan()
    expect(first.exitCode).toBe(0)
    expect(github.comments).toHaveLength(2)
    const ours = github.comments[1]
    expect(ours?.body).toContain('📝 Plan: apply would change 1 of 2 targets')
    expect(ours?.body).toContain('[Workflow run](https://github.test/acme/mail/actions/runs/1234)')
    expect(first.stdout).toContain('Pull-request comment: https://github.test/c/2')

    await sendgrid.close()
    sendgrid = await startStandIn({
      subusers: { a: { require_tls: true, require_valid_cert: false }, b: { require_tls: true, require_valid_cert: false } }
    })
    const second = await plan()
    expect(second.exitCode).toBe(0)
    expect(github.comments).toHaveLength(2)
    expect(github.comments[1]?.body).toContain('✅ All 2 targets compliant')
    expect(github.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /repos/acme/mail/issues/42/comments',
      'POST /repos/acme/mail/issues/42/comments',
      'GET /repos/acme/mail/issues/42/comments',
      'GET /user',
      'PATCH /repos/acme/mail/issues/comments/2'
    ])
    expect(github.requests.every((r) => r.authorization === `token ${TOKEN}`)).toBe(true)
  })

  it('never edits a comment that holds the marker but is not by the token, and edits its own', async () => {
    const mallory: IssueComment = {
      id: 2,
      body: `${MARKER}\n✅ All fine, merge away`,
      html_url: 'https://github.test/c/2',
      user: { login: 'mallory', type: 'User' }
    }
    github.comments.push({ ...mallory })
    expect((await plan()).exitCode).toBe(0)
    expect(github.comments).toHaveLength(3)
    expect(github.comments[1]).toEqual(mallory)
    expect(github.comments[2]?.user).toEqual(ACTIONS_BOT)
    expect(github.comments[2]?.body).toContain(MARKER)

    expect((await plan()).exitCode).toBe(0)
    expect(github.comments).toHaveLength(3)
    expect(github.comments[1]).toEqual(mallory)
    expect(github.requests.filter((r) => r.method === 'PATCH').map((r) => r.path)).toEqual(['/repos/acme/mail/issues/comments/3'])
  })

  it("with a user's token, takes as its own only that user's comment, found through GET /user", async () => {
    await github.close()
    github = await startGitHubStandIn('acme', 'mail', 42, { tokenUser: { login: 'release-bot-user', type: 'User' } })
    github.comments.push(
      { id: 2, body: `${MARKER}\nfrom the default token`, html_url: 'https://github.test/c/2', user: ACTIONS_BOT },
      { id: 3, body: `${MARKER}\nan earlier run`, html_url: 'https://github.test/c/3', user: { login: 'release-bot-user', type: 'User' } }
    )
    const run = await plan()
    expect(run.stdout).toContain('Pull-request comment: https://github.test/c/3')
    expect(github.comments[1]?.body).toBe(`${MARKER}\nfrom the default token`)
    expect(github.comments[2]?.body).toContain('📝 Plan: apply would change 1 of 2 targets')
  })

  it('shows text from SendGrid as code, never as links, images or mentions', async () => {
    sendgrid.inject({
      kind: 'status',
      status: 400,
      body: '{"errors":[{"message":"see [here](https://evil.example) ![x](https://evil.example/i.png) @octocat <!--"}]}'
    })
    await plan()
    const body = github.comments[1]?.body ?? ''
    expect(body).toContain('see [here](https://evil.example)')
    expect(liveText(body.replace(MARKER, '').replace(/\[Workflow run\]\(https:\/\/github\.test\/[^)]*\)/, ''))).not.toMatch(
      /\]\(|!\[|https?:|@octocat|<!--/
    )
  })

  it('writes nothing outside a pull request', async () => {
    const run = await plan({ GITHUB_EVENT_NAME: 'push' })
    expect(run.exitCode).toBe(0)
    expect(github.requests).toHaveLength(0)
    expect(run.stdout).toContain('not a pull request: no comment is written')
  })

  it('warns, without failing the gate, when the comment cannot be written', async () => {
    await github.close()
    const run = await plan()
    expect(run.exitCode).toBe(0)
    expect(run.stdout).toMatch(/::warning::Could not comment on pull request #42: .*The verdict above stands/)
  })
})

describe('pr-comment against a GitHub that never ends its listing', () => {
  it('reads a bounded number of pages, then comments', async () => {
    await github.close()
    github = await startGitHubStandIn('acme', 'mail', 42, { endlessPages: true })
    const result = await plan()
    expect(result.exitCode).toBe(0)
    const listings = github.requests.filter((r) => r.method === 'GET' && r.path.endsWith('/comments'))
    expect(listings.length).toBe(30)
    expect(github.requests.at(-1)?.method).toBe('POST')
  })
})
