/** The compliance issue's text, rendered without a server: bounded, and SendGrid's text shown inert. */
import { describe, expect, it } from '@jest/globals'
import type { RunResult } from '../src/engine/enforce.js'
import type { Outcome } from '../src/engine/reconcile.js'
import { describeAllCompliant, describeStillOutOfPolicy, isOutOfPolicy, renderComplianceIssue } from '../src/report/compliance-issue.js'
import { liveText } from './helpers/markdown.js'
import { readOutcome } from './helpers/outcome.js'

const POLICY = { require_tls: true, version: 1.2 }
const OPEN = { require_tls: false, require_valid_cert: false, version: 1.1 }
const RUN_URL = 'https://github.test/acme/mail/actions/runs/9'

function outcome(username: string, overrides: Partial<Outcome> = {}): Outcome {
  return readOutcome(POLICY, OPEN, { target: { kind: 'subuser', username }, ...overrides })
}

const compliant = (username: string) => outcome(username, { differences: [], remaining: [], compliant: true })
const unreadable = (username: string, message: string) =>
  outcome(username, { prior: undefined, result: undefined, differences: [], remaining: [], error: new Error(message) })
const verify = (outcomes: Outcome[]): RunResult => ({ mode: 'verify', outcomes, multi: true })

describe('renderComplianceIssue', () => {
  it('lists drift, field by field, apart from the targets that could not be checked', () => {
    const { title, body } = renderComplianceIssue(
      verify([outcome('a'), unreadable('b', 'SendGrid answered 503'), compliant('c')]),
      RUN_URL,
      60_000
    )
    expect(title).toBe('SendGrid Enforced TLS: 1 target out of policy, 1 could not be checked')
    const [drift, unchecked] = body.split('**Could not be checked:**')
    expect(drift).toContain('- subuser `a`: `require_tls is false, policy wants true; version is 1.1, policy wants 1.2`')
    expect(drift).not.toContain('subuser `b`')
    expect(unchecked).toContain('- subuser `b`: `SendGrid answered 503`')
    expect(body).not.toContain('subuser `c`')
    expect(body).toContain(`As of run ${RUN_URL}.`)
  })

  it('stays under the length it is given, listing the first targets and counting the rest', () => {
    const many = Array.from({ length: 3000 }, (_, i) => outcome(`subuser-${i}-${'x'.repeat(60)}`))
    const failing = Array.from({ length: 500 }, (_, i) => unreadable(`down-${i}`, `timeout ${'y'.repeat(400)}`))
    const { body } = renderComplianceIssue(verify([...many, ...failing]), RUN_URL, 60_000)
    expect(body.length).toBeLessThanOrEqual(60_000)
    const listed = body.split('\n').filter((line) => line.startsWith('- ')).length
    expect(listed).toBeGreaterThan(100)
    expect(body).toContain(
      `… and ${3500 - listed} more targets (${3000 - listed} drifted, 500 could not be checked) not listed here: see the job summary of run ${RUN_URL}.`
    )
    expect(body).toContain('subuser `subuser-0-')
  })

  it('shows names and errors from SendGrid as code, never as links, images, mentions or HTML', () => {
    const hostile = 'see [here](https://evil.example) ![x](https://evil.example/i.png) @octocat <!-- `'
    const { body } = renderComplianceIssue(verify([outcome(hostile), unreadable('b', `${hostile}\n\n# heading`)]), RUN_URL, 60_000)
    expect(body).toContain('see [here](https://evil.example)')
    expect(liveText(body.replace(RUN_URL, ''))).not.toMatch(/\]\(|!\[|https?:|@octocat|<!--|^# heading/m)
  })

  it('says a check that reached no target could not run, whatever the accounts hold', () => {
    const run: RunResult = { mode: 'verify', outcomes: [], multi: true, error: new Error('GET /v3/subusers: 403 access forbidden') }
    expect(isOutOfPolicy(run)).toBe(true)
    const { title, body } = renderComplianceIssue(run, undefined, 60_000)
    expect(title).toBe('SendGrid Enforced TLS: the check could not run')
    expect(body).toContain('**Error:** `GET /v3/subusers: 403 access forbidden`')
    expect(body).toContain('No target was checked in this run')
    expect(describeStillOutOfPolicy(run, RUN_URL)).toBe(`Still out of policy: the check could not run, run ${RUN_URL}`)
  })

  it('tells a compliant run from one out of policy, and says so in the closing comment', () => {
    expect(isOutOfPolicy(verify([compliant('a'), compliant('b')]))).toBe(false)
    expect(isOutOfPolicy(verify([compliant('a'), outcome('b')]))).toBe(true)
    expect(isOutOfPolicy(verify([compliant('a'), unreadable('b', '401')]))).toBe(true)
    expect(describeAllCompliant(verify([compliant('a'), compliant('b')]), RUN_URL)).toBe(`All 2 targets compliant as of run ${RUN_URL}`)
  })
})
