/** The rolling compliance issue of a scheduled verify, kept by the real run() against a GitHub stand-in. */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { run } from '../src/action/main.js'
import { SCOPE_READ, DEFAULT_STAND_IN_KEY, startStandIn, type StandIn, type StoredSetting } from '../stand-in/server.js'
import { ACTIONS_BOT, startGitHubStandIn, type GitHubStandIn, type Issue } from './helpers/github-stand-in.js'
import { annotations, runStep } from './helpers/workflow-step.js'
import { OPEN } from './fixtures/fleets.js'

const TOKEN = 'ghs_stand-in-token'
const LABEL = 'sendgrid-tls-drift'
/** The hidden line that finds the issue again: anyone can copy it into an issue of their own. */
const MARKER = `<!-- sendgrid-enforced-tls-action: drift-issue ${LABEL} -->`
const RUN_URL = 'https://github.test/acme/mail/actions/runs/1234'
const REQUIRED = { require_tls: true, require_valid_cert: false }

let sendgrid: StandIn
let github: GitHubStandIn

async function accounts(subusers: Record<string, StoredSetting>, keys?: Record<string, string[]>): Promise<void> {
  await sendgrid?.close()
  sendgrid = await startStandIn({ subusers, keys })
}

beforeEach(async () => {
  await accounts({ a: OPEN, b: REQUIRED })
  github = await startGitHubStandIn('acme', 'mail', 42)
})
afterEach(async () => {
  await sendgrid.close()
  await github.close()
})

function verify(inputs: Record<string, string> = {}, options: Parameters<typeof run>[0] = {}) {
  return runStep(
    () => run(options),
    {
      'api-key': DEFAULT_STAND_IN_KEY,
      'api-url': sendgrid.url,
      subuser: 'a,b',
      'require-tls': 'true',
      'drift-issue': LABEL,
      'github-token': TOKEN,
      ...inputs
    },
    {
      GITHUB_API_URL: github.url,
      GITHUB_EVENT_NAME: 'schedule',
      GITHUB_REPOSITORY: 'acme/mail',
      GITHUB_RUN_ID: '1234',
      GITHUB_SERVER_URL: 'https://github.test'
    }
  )
}

/** An issue an earlier run would have opened, or someone else wrote. */
function issue(overrides: Partial<Issue>): Issue {
  return {
    number: 7,
    title: 'SendGrid Enforced TLS: 1 target out of policy',
    body: `${MARKER}\nan earlier run's body`,
    state: 'open',
    state_reason: null,
    labels: [{ name: LABEL }],
    html_url: 'https://github.test/acme/mail/issues/7',
    user: ACTIONS_BOT,
    comments: [],
    ...overrides
  }
}

const writes = () => github.requests.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}`)

describe('drift-issue', () => {
  it('opens an issue with the label on drift, listing the drifted target and the run, and leaves the verdict failed', async () => {
    const step = await verify()
    expect(step.exitCode).toBe(1)
    expect(github.issues).toHaveLength(1)
    const [opened] = github.issues
    expect(opened?.labels).toEqual([{ name: LABEL }])
    expect(opened?.title).toBe('SendGrid Enforced TLS: 1 target out of policy')
    expect(opened?.body.split('\n')[0]).toBe(MARKER)
    expect(opened?.body).toContain('- subuser `a`: `require_tls is false, policy wants true`')
    expect(opened?.body).toContain(RUN_URL)
    expect(opened?.body).toContain('**Drift:**')
    expect(opened?.body).not.toContain('Could not be checked')
    expect(opened?.body).not.toContain('subuser `b`')
    const [listing] = github.requests
    expect(new URLSearchParams(listing?.query).get('labels')).toBe(LABEL)
    expect(new URLSearchParams(listing?.query).get('state')).toBe('all')
    expect(github.requests.every((r) => r.authorization === `token ${TOKEN}`)).toBe(true)
    expect(step.stdout).toContain('Drift issue: opened https://github.test/acme/mail/issues/43')
  })

  it('updates the open issue and comments on it while the drift lasts', async () => {
    github.issues.push(issue({}))
    const step = await verify()
    expect(step.exitCode).toBe(1)
    expect(github.issues).toHaveLength(1)
    const [kept] = github.issues
    expect(kept?.state).toBe('open')
    expect(kept?.body).toContain('- subuser `a`: `require_tls is false, policy wants true`')
    expect(kept?.body).not.toContain("an earlier run's body")
    expect(kept?.comments).toEqual([`Still out of policy: 1 of 2 targets is not compliant (1 drifted), run ${RUN_URL}`])
    expect(writes()).toEqual(['PATCH /repos/acme/mail/issues/7', 'POST /repos/acme/mail/issues/7/comments'])
  })

  it('reopens the issue closed while the drift remains, updates it and comments', async () => {
    github.issues.push(issue({ state: 'closed', state_reason: 'completed' }))
    const step = await verify()
    expect(step.exitCode).toBe(1)
    expect(github.issues).toHaveLength(1)
    expect(github.issues[0]).toMatchObject({ state: 'open', state_reason: 'reopened' })
    expect(github.issues[0]?.body).toContain('- subuser `a`: `require_tls is false, policy wants true`')
    expect(github.issues[0]?.comments).toHaveLength(1)
    expect(step.stdout).toContain('Drift issue: reopened https://github.test/acme/mail/issues/7')
  })

  it('comments and closes the open issue once every target is compliant', async () => {
    await accounts({ a: REQUIRED, b: REQUIRED })
    github.issues.push(issue({}))
    const step = await verify()
    expect(step.exitCode).toBe(0)
    expect(github.issues[0]).toMatchObject({ state: 'closed', state_reason: 'completed' })
    expect(github.issues[0]?.comments).toEqual([`All 2 targets compliant as of run ${RUN_URL}`])
    expect(github.issues[0]?.body).toBe(`${MARKER}\nan earlier run's body`)
  })

  it('writes nothing when every target is compliant and no issue is open', async () => {
    await accounts({ a: REQUIRED, b: REQUIRED })
    const closed = issue({ state: 'closed', state_reason: 'completed' })
    github.issues.push({ ...closed })
    const step = await verify()
    expect(step.exitCode).toBe(0)
    expect(writes()).toEqual([])
    expect(github.issues).toEqual([closed])
    expect(step.stdout).toContain('Drift issue: every target is compliant, and no issue is open')
  })

  it('describes a run that could not check (a key SendGrid refuses) as such, not as drift', async () => {
    const step = await verify({ 'api-key': 'SG.not-the-stand-in-key.at-all' })
    expect(step.exitCode).toBe(1)
    const [opened] = github.issues
    expect(opened?.title).toBe('SendGrid Enforced TLS: 2 targets could not be checked')
    expect(opened?.body).toContain('**Could not be checked:**')
    expect(opened?.body).not.toContain('**Drift:**')
    expect(opened?.body).toMatch(/- subuser `a`: `[^`]*401/)
    expect(opened?.body).not.toContain('not-the-stand-in-key')
  })

  it('describes a check that reached no target (the subusers could not be listed) as a check that could not run', async () => {
    await accounts({ a: OPEN }, { [DEFAULT_STAND_IN_KEY]: [SCOPE_READ] })
    const step = await verify({ subuser: '*' })
    expect(step.exitCode).toBe(1)
    const [opened] = github.issues
    expect(opened?.title).toBe('SendGrid Enforced TLS: the check could not run')
    expect(opened?.body).toContain('No target was checked in run')
    expect(opened?.body).not.toContain('**Drift:**')
  })

  it('never edits an issue that holds the marker and the label but was not written by the token', async () => {
    const mallory = issue({ user: { login: 'mallory', type: 'User' }, body: `${MARKER}\nAll fine, nothing to see` })
    github.issues.push({ ...mallory, comments: [] })
    const step = await verify()
    expect(step.exitCode).toBe(1)
    expect(github.issues[0]).toEqual(mallory)
    expect(github.issues).toHaveLength(2)
    expect(github.issues[1]?.user).toEqual(ACTIONS_BOT)
    expect(github.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /repos/acme/mail/issues',
      'GET /user',
      'POST /repos/acme/mail/issues'
    ])
  })

  it('warns, naming the permission, when GitHub refuses the write, and the verdict stands', async () => {
    await github.close()
    github = await startGitHubStandIn('acme', 'mail', 42, { readOnly: true })
    const without = await verify({ 'drift-issue': '' })
    const drifted = await verify()
    expect(drifted.exitCode).toBe(without.exitCode)
    expect(annotations(drifted.stdout, 'warning')).toEqual([
      expect.stringMatching(/^Could not keep the drift issue labelled 'sendgrid-tls-drift': .*Grant the job 'issues: write'/)
    ])
    expect(annotations(drifted.stdout, 'error')).toEqual(annotations(without.stdout, 'error'))

    await accounts({ a: REQUIRED, b: REQUIRED })
    github.issues.push(issue({}))
    const compliant = await verify()
    expect(compliant.exitCode).toBe(0)
    expect(annotations(compliant.stdout, 'warning')).toHaveLength(1)
    expect(github.issues[0]?.state).toBe('open')
  })

  it('warns when GitHub does not answer, and the verdict stands', async () => {
    await github.close()
    const step = await verify()
    expect(step.exitCode).toBe(1)
    expect(annotations(step.stdout, 'warning')).toEqual([
      expect.stringMatching(/^Could not keep the drift issue labelled 'sendgrid-tls-drift': .*A later run will try again/)
    ])
  })

  it('sends no request to GitHub when the input is empty, nor in a plan, nor when the job was cancelled', async () => {
    expect((await verify({ 'drift-issue': '' })).exitCode).toBe(1)
    const plan = await verify({ mode: 'plan' })
    expect(plan.exitCode).toBe(0)
    expect(plan.stdout).toContain("'drift-issue' is set, but this run is a plan: only verify keeps the drift issue")
    const cancel = new AbortController()
    cancel.abort()
    const cancelled = await verify({}, { signal: cancel.signal })
    expect(cancelled.stdout).toContain('The job was cancelled: the drift issue is left as it is')
    expect(github.requests).toEqual([])
  })

  it.each([
    ['a comma', 'tls,drift', 'must not hold a comma'],
    ['a line break', 'tls\ndrift', 'must be one line of visible characters'],
    ['an invisible character', 'tls\u200bdrift', 'must be one line of visible characters'],
    ['51 characters', 'x'.repeat(51), 'is 51 characters long; GitHub allows a label 50 at most']
  ])('refuses a label with %s before any request, naming the input', async (_, label, problem) => {
    const step = await verify({ 'drift-issue': label })
    expect(step.exitCode).toBe(1)
    expect(annotations(step.stdout, 'error')).toEqual([expect.stringMatching(`^Input 'drift-issue' ${problem}`)])
    expect(sendgrid.requests).toEqual([])
    expect(github.requests).toEqual([])
  })

  it('takes a label of 50 characters', async () => {
    const label = 'é'.repeat(50)
    expect((await verify({ 'drift-issue': label })).exitCode).toBe(1)
    expect(github.issues[0]?.labels).toEqual([{ name: label }])
  })

  it('requires github-token with it, naming both inputs, before any request', async () => {
    const step = await verify({ 'github-token': '' })
    expect(step.exitCode).toBe(1)
    expect(annotations(step.stdout, 'error')).toEqual([
      "Input 'github-token' is required with 'drift-issue': pass ${{ github.token }} and grant issues: write"
    ])
    expect(sendgrid.requests).toEqual([])
  })
})

describe('drift-issue against a GitHub that never ends its answer', () => {
  it('stops reading past a bound, warns, and the verdict stands', async () => {
    await github.close()
    github = await startGitHubStandIn('acme', 'mail', 42, { endlessBody: true })
    const step = await verify()
    expect(step.exitCode).toBe(1)
    expect(annotations(step.stdout, 'warning').join('\n')).toContain("GitHub's answer is larger than 16 MiB: not read further")
  })
})

describe('drift-issue against a GitHub that never ends its listing', () => {
  it('reads a bounded number of pages, then opens the issue', async () => {
    await github.close()
    github = await startGitHubStandIn('acme', 'mail', 42, { endlessPages: true })
    expect((await verify()).exitCode).toBe(1)
    expect(github.requests.filter((r) => r.method === 'GET' && r.path === '/repos/acme/mail/issues')).toHaveLength(5)
    expect(github.requests.at(-1)?.method).toBe('POST')
  })
})
