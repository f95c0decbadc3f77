import { afterEach, describe, expect, it } from '@jest/globals'
import { run } from '../src/action/main.js'
import { DEFAULT_STAND_IN_KEY, startStandIn } from '../stand-in/server.js'
import { OPEN } from './fixtures/fleets.js'
import { closeFleet, fleet, POLICY as FLEET_POLICY } from './helpers/fleet-step.js'
import { runStep } from './helpers/workflow-step.js'
import type { Outcome } from '../src/engine/reconcile.js'
import { escape, verbatim, verbatimCell } from '../src/report/markdown.js'
import { renderSummary, renderSummaryWithin } from '../src/report/summary.js'
import { brokenRows, liveText } from './helpers/markdown.js'
import { readOutcome } from './helpers/outcome.js'

const BEFORE = { require_tls: false, require_valid_cert: false, version: 1.1 }
const AFTER = { require_tls: true, require_valid_cert: false, version: 1.2 }
const POLICY = { require_tls: true, version: 1.2 }

function outcome(overrides: Partial<Outcome>): Outcome {
  return readOutcome(POLICY, BEFORE, { compliant: false, ...overrides })
}

function single(o: Outcome): string {
  return renderSummary({ mode: o.mode, outcomes: [o], multi: false }, { baseUrl: 'https://api.sendgrid.com', advice: [], maxRows: 100 })
}

function row(summary: string, field: string): string {
  return summary.split('\n').find((line) => line.includes(`\`${field}\``)) ?? ''
}

describe('renderSummary', () => {
  it('verify with drift: headline, target, and a row per field', () => {
    const summary = single(outcome({}))
    expect(summary).toContain('❌ Drift: 2 settings differ from the policy')
    expect(summary).toContain('**Target:** the parent account')
    expect(row(summary, 'require_tls')).toBe('| Require TLS `require_tls` | `false` | `true` | ❌ drift |')
    expect(row(summary, 'require_valid_cert')).toBe('| Require valid certificate `require_valid_cert` | `false` | — | not managed |')
  })

  it('apply: before, policy, after and what was sent', () => {
    const summary = single(
      outcome({
        mode: 'apply',
        result: AFTER,
        remaining: [],
        changed: true,
        compliant: true,
        sent: { require_tls: true, version: 1.2 },
        confirmReads: 1
      })
    )
    expect(summary).toContain('✅ Applied: 2 settings changed and confirmed')
    expect(row(summary, 'version')).toBe('| Minimum TLS version `version` | `1.1` | `1.2` | `1.2` | ✅ changed |')
    expect(summary).toContain('`{"require_tls":true,"version":1.2}`; a fresh read confirmed it.')
  })

  it('apply whose write did not show up in the read-back', () => {
    const summary = single(outcome({ mode: 'apply', sent: { require_tls: true, version: 1.2 }, confirmReads: 5 }))
    expect(summary).toContain('❌ Failed')
    expect(row(summary, 'require_tls')).toContain('❌ not applied')
    expect(summary).toContain('but 5 reads since still show: require_tls is false, policy wants true')
  })

  it('a failed first read shows unknown values and says nothing changed', () => {
    const summary = single(
      outcome({ prior: undefined, result: undefined, differences: [], remaining: [], error: new Error('GET failed: <b>502</b>') })
    )
    expect(row(summary, 'require_tls')).toBe('| Require TLS `require_tls` | unknown | `true` | ❓ unknown |')
    expect(summary).toContain('**Error:** `GET failed: <b>502</b>`')
    expect(summary).toContain('could not be read, so nothing was changed')
  })

  it('a write whose outcome is unknown says so and how to find out', () => {
    const summary = single(outcome({ mode: 'apply', result: undefined, sent: { require_tls: true }, error: new Error('no answer') }))
    expect(row(summary, 'require_tls')).toContain('| unknown | ❓ unknown |')
    expect(summary).toContain('may or may not have landed')
  })
})

describe('escape', () => {
  it('keeps provider text from becoming HTML or breaking the table', () => {
    expect(escape('<script>a|b</script>\nc & d')).toBe('&lt;script&gt;a&#124;b&lt;/script&gt; c &amp; d')
  })
})

/** What a hostile or careless server could put in an error body or a name. */
const HOSTILE = [
  'see [here](https://evil.example) ![x](https://evil.example/i.png) @octocat',
  'https://evil.example and www.evil.example, <https://evil.example>',
  '<script>alert(1)</script> <img src=x onerror=alert(1)> <!-- the rest is hidden',
  'a | b \\| c \\\\| d',
  '`code` ``fence`` ```more``` `',
  ' ` padded ` ',
  'line one\n\nline two\r\n| x | y |\n<!--'
]
const LIVE = /\]\(|!\[|https?:|www\.|@octocat|<script|<img|<!--|<https/

describe('verbatim', () => {
  it('quotes text in a code span longer than any run of backticks in it', () => {
    expect(verbatim('plain')).toBe('`plain`')
    expect(verbatim('a `b` c')).toBe('``a `b` c``')
    expect(verbatim('a ``` b')).toBe('````a ``` b````')
    expect(verbatim('`edge`')).toBe('`` `edge` ``')
    expect(verbatim(' both ')).toBe('`  both  `')
    expect(verbatim('one\ntwo\r\nthree\rfour')).toBe('`one two three four`')
    expect(verbatim('')).toBe('')
  })

  it('escapes pipes in a table cell with an odd number of backslashes', () => {
    expect(verbatimCell('a|b')).toBe('`a\\|b`')
    expect(verbatimCell('a\\|b')).toBe('`a\\\\\\|b`')
    expect(verbatimCell('a\\\\|b')).toBe('`a\\\\\\|b`')
  })

  it.each(HOSTILE)('leaves nothing live of %j, in a paragraph or a table', (text) => {
    const markdown = [`**Error:** ${verbatim(text)}`, '', '| a | b |', '| --- | --- |', `| ${verbatimCell(text)} | ok |`].join('\n')
    expect(liveText(markdown)).not.toMatch(LIVE)
    expect(brokenRows(markdown)).toEqual([])
  })
})

describe('provider text in the summary of one target', () => {
  it.each(HOSTILE)('shows %j and renders none of it', (text) => {
    const summary = single(
      outcome({
        target: { kind: 'subuser', username: text },
        prior: undefined,
        result: undefined,
        error: new Error(`SendGrid answered 400 ${text}`)
      })
    )
    expect(summary).toContain('**Error:** `')
    expect(liveText(summary)).not.toMatch(LIVE)
    expect(brokenRows(summary)).toEqual([])
  })
})

describe('renderSummaryWithin', () => {
  it('halves the rows until the summary fits, and counts the rest', () => {
    const many = Array.from({ length: 400 }, (_, i) => outcome({ target: { kind: 'subuser', username: `sub-${i}-${'x'.repeat(200)}` } }))
    const run = { mode: 'verify' as const, outcomes: many, multi: true }
    const markdown = renderSummaryWithin(
      run,
      { baseUrl: 'https://api.sendgrid.com', advice: [], maxRows: 2000 },
      (text) => text.length <= 20_000
    )
    expect(markdown.length).toBeLessThanOrEqual(20_000)
    expect(markdown).toMatch(/… and \d+ more targets not listed here/)
  })
})

describe('verbatim', () => {
  it('shows bidirectional and other controls as escapes, so no text is turned around', () => {
    expect(verbatim('abc\u202edef\u0007')).toBe('`abc\\u202edef\\u0007`')
  })
})

// Text from SendGrid in the summary of a fleet, through the real action in process.
afterEach(closeFleet)

describe('text from SendGrid in the summary', () => {
  const NAMES = ['[x](https://evil.example)', '@octocat', 'a|b', '`tick`', '<img/src=x>', '<!--']
  const BODY =
    '{"errors":[{"field":null,"message":"see [here](https://evil.example) ![x](https://evil.example/i.png) @octocat <script>alert(1)</script> a|b ``x``"}],\n\n"help":"www.evil.example <!--"}'
  const LIVE = /\]\(|!\[|https?:|www\.|@octocat|<script|<img|<!--/

  it('names, error bodies and advice are shown as code, never rendered', async () => {
    fleet.standIn = await startStandIn({ subusers: Object.fromEntries(NAMES.map((name) => [name, { ...OPEN }])) })
    // One target at a time, so the fault meets the first name's read.
    fleet.standIn.inject({ kind: 'status', status: 400, body: BODY })
    const result = await runStep(run, {
      'api-key': DEFAULT_STAND_IN_KEY,
      'api-url': fleet.standIn.url,
      'min-version': '1.2',
      mode: 'plan',
      subuser: [...NAMES, '@ghost[y](https://evil.example)'].join(','),
      concurrency: '1'
    })
    expect(result.summary).toContain('see [here](https://evil.example)')
    expect(result.summary).toContain('There is no subuser')
    expect(result.summary).toContain('has no effect on')
    expect(liveText(result.summary)).not.toMatch(LIVE)
    expect(brokenRows(result.summary)).toEqual([])
  })

  it('the error of a listing that failed is shown as code, never rendered', async () => {
    fleet.standIn = await startStandIn({})
    fleet.standIn.inject({ kind: 'status', status: 400, body: BODY })
    const result = await runStep(run, { 'api-key': DEFAULT_STAND_IN_KEY, 'api-url': fleet.standIn.url, ...FLEET_POLICY, subuser: '*' })
    expect(result.summary).toContain('No target was read or changed')
    expect(result.summary).toContain('see [here](https://evil.example)')
    expect(liveText(result.summary)).not.toMatch(LIVE)
  })
})
