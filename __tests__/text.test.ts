/** The text report, as a pure function of a run: what a terminal shows for each verdict. */
import { CLI_VOCABULARY } from '../src/cli/settings.js'
import { describe, expect, it } from '@jest/globals'
import { findDifferences } from '../src/engine/differences.js'
import type { RunResult } from '../src/engine/enforce.js'
import type { Outcome } from '../src/engine/reconcile.js'
import type { Target } from '../src/core/target.js'
import type { DesiredTls, EnforcedTls } from '../src/core/tls-setting.js'
import { renderText } from '../src/report/text.js'
import type { Mode } from '../src/engine/mode.js'

const OPEN: EnforcedTls = { require_tls: false, require_valid_cert: false, version: 1.1 }
const POLICY: DesiredTls = { require_tls: true, version: 1.2 }

function outcome(target: Target, mode: Mode, prior: EnforcedTls | undefined, result: EnforcedTls | undefined, error?: Error): Outcome {
  const differences = prior ? findDifferences(POLICY, prior) : []
  const remaining = result ? findDifferences(POLICY, result) : []
  const sent = mode === 'apply' && differences.length > 0 ? POLICY : undefined
  const compliant = !error && result !== undefined && remaining.length === 0
  return {
    target,
    mode,
    desired: POLICY,
    prior,
    differences,
    sent,
    confirmReads: sent ? 1 : 0,
    result,
    remaining,
    changed: compliant && !!sent,
    compliant,
    error
  }
}

function render(mode: Mode, outcomes: Outcome[], extra: Partial<RunResult> = {}): string {
  return renderText({ mode, outcomes, multi: outcomes.length > 1, ...extra }, { colour: false, vocabulary: CLI_VOCABULARY })
}

describe('renderText', () => {
  it('shows what apply wrote as before → after, and a write that may not have landed as unknown', () => {
    const text = render('apply', [
      outcome({ kind: 'subuser', username: 'done' }, 'apply', OPEN, { ...OPEN, require_tls: true, version: 1.2 }),
      outcome({ kind: 'account', id: '42' }, 'apply', OPEN, undefined, new Error('no answer within 30.0 s'))
    ])
    expect(text).toBe(
      [
        'Policy: require_tls true, version 1.2',
        'TARGET         VERDICT  require_tls      version        NOTE',
        'done           applied  false → true     1.1 → 1.2',
        'account-id 42  failed   false → unknown  1.1 → unknown  no answer within 30.0 s',
        'Failed: 1 of 2 targets failed; 1 changed.',
        ''
      ].join('\n')
    )
  })

  it('counts the compliant targets of a long list instead of listing them, worst last', () => {
    const held: EnforcedTls = { ...OPEN, ...POLICY }
    const compliant = Array.from({ length: 60 }, (_, i) => outcome({ kind: 'subuser', username: `ok-${i}` }, 'verify', held, held))
    const text = render('verify', [outcome({ kind: 'subuser', username: 'late' }, 'verify', OPEN, OPEN), ...compliant])
    expect(text).not.toContain('ok-')
    expect(text).toContain('60 compliant targets not listed; the JSON report lists every target.')
    expect(text).toContain('Drift: 1 of 61 targets is not compliant (1 drifted).')
  })

  it('tells a listing that failed, and the advice', () => {
    const text = render('verify', [], { error: new Error('GET /v3/subusers answered 403'), advice: ['consider 1.2'] })
    expect(text).toBe('Failed: no target was read or changed: GET /v3/subusers answered 403\nwarning: consider 1.2\n')
  })

  it('says when a list of every subuser found none', () => {
    expect(render('verify', [], { multi: true })).toBe("No targets: the key's account has no subusers.\n")
  })
})
