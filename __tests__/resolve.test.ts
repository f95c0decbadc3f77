/** Layering a policy per target: the default, then every matching entry in file order, field by field. */
import { describe, expect, it } from '@jest/globals'
import { parsePolicy } from '../src/engine/policy/parse.js'
import { scopeOf } from '../src/engine/policy/resolve.js'
import { selectTargets, type Target } from '../src/core/target.js'

/** The issue's own example, with a glob, a null and an ended exception added. Line numbers matter below. */
const FLEET = `version: 1
default:
  require-tls: true
  require-valid-cert: true
  min-version: "1.2"
targets:
  - parent: true
  - subuser: "*"
    exclude: ["sandbox-*"]
  - subuser: "legacy-billing"
    require-valid-cert: false
    reason: "partner MTA with a self-signed certificate (OPS-123)"
    expires: 2027-03-31
  - account-id: "1234567"
    min-version: "1.3"
  - subuser: "eu-*"
    min-version: null
  - subuser: "eu-west"
    min-version: 1.3
  - subuser: "old-exception"
    require-tls: false
    reason: "migration (OPS-7)"
    expires: 2026-01-31
`

const LISTED = ['legacy-billing', 'eu-west', 'eu-north', 'sandbox-1', 'plain', 'old-exception']
const TODAY = '2026-11-26'

describe('layering: default, then every matching entry in file order, field by field', () => {
  const scope = scopeOf(parsePolicy(FLEET, 'policy.yml'), TODAY)
  const targets = scope.choose(selectTargets(scope.selection, LISTED))
  const policyOf = (target: Target) => {
    const { desired, origins } = scope.policyFor(target)
    return { desired, from: Object.fromEntries(Object.entries(origins ?? {}).map(([field, origin]) => [field, origin.line])) }
  }

  it('holds exactly the targets the entries select: globs without their exclusions, literal names, accounts', () => {
    expect(targets).toEqual([
      { kind: 'parent' },
      { kind: 'subuser', username: 'legacy-billing' },
      { kind: 'subuser', username: 'eu-west' },
      { kind: 'subuser', username: 'old-exception' },
      { kind: 'subuser', username: 'eu-north' },
      { kind: 'subuser', username: 'plain' },
      { kind: 'account', id: '1234567' }
    ])
  })

  it.each<[string, Target, object, object]>([
    [
      'the parent: the default',
      { kind: 'parent' },
      { require_tls: true, require_valid_cert: true, version: 1.2 },
      { require_tls: 3, require_valid_cert: 4, version: 5 }
    ],
    [
      'a subuser only * matches',
      { kind: 'subuser', username: 'plain' },
      { require_tls: true, require_valid_cert: true, version: 1.2 },
      { require_tls: 3, require_valid_cert: 4, version: 5 }
    ],
    [
      'an exception in force overrides one field',
      { kind: 'subuser', username: 'legacy-billing' },
      { require_tls: true, require_valid_cert: false, version: 1.2 },
      { require_tls: 3, require_valid_cert: 11, version: 5 }
    ],
    [
      'a customer account with its own version',
      { kind: 'account', id: '1234567' },
      { require_tls: true, require_valid_cert: true, version: 1.3 },
      { require_tls: 3, require_valid_cert: 4, version: 15 }
    ],
    [
      'null leaves a field unmanaged',
      { kind: 'subuser', username: 'eu-north' },
      { require_tls: true, require_valid_cert: true },
      { require_tls: 3, require_valid_cert: 4 }
    ],
    [
      'a later entry wins over an earlier one (a number is a version too)',
      { kind: 'subuser', username: 'eu-west' },
      { require_tls: true, require_valid_cert: true, version: 1.3 },
      { require_tls: 3, require_valid_cert: 4, version: 19 }
    ],
    [
      'an ended exception no longer applies, but the target stays under the rest',
      { kind: 'subuser', username: 'old-exception' },
      { require_tls: true, require_valid_cert: true, version: 1.2 },
      { require_tls: 3, require_valid_cert: 4, version: 5 }
    ]
  ])('%s', (_, target, desired, from) => {
    expect(policyOf(target)).toEqual({ desired, from })
  })

  it('never selects an excluded subuser, a subuser no entry names, or an account no entry names', () => {
    expect(
      scope.choose([
        { kind: 'subuser', username: 'sandbox-1' },
        { kind: 'account', id: '999' }
      ])
    ).toEqual([])
  })

  it('warns of an ended exception at its expires line, and of a glob that matched nothing once listed', () => {
    expect(scope.warnings(['plain']).map(({ severity, line, message }) => ({ severity, line, message }))).toEqual([
      {
        severity: 'warning',
        line: 23,
        message:
          'exception for old-exception expired on 2026-01-31: it no longer applies, and the target is held to the rest of the policy (migration (OPS-7))'
      },
      { severity: 'warning', line: 16, message: 'subuser eu-* matches no subuser of the account' }
    ])
  })

  it('applies an exception through the last day of expires, in UTC', () => {
    const onTheDay = scopeOf(parsePolicy(FLEET, 'policy.yml'), '2026-01-31')
    expect(onTheDay.policyFor({ kind: 'subuser', username: 'old-exception' }).desired.require_tls).toBe(false)
    expect(onTheDay.warnings().map((w) => w.line)).toEqual([])
  })

  it('names the entry that selected a target first, for a failure that is no one field’s', () => {
    expect(scope.policyFor({ kind: 'subuser', username: 'legacy-billing' }).selectedBy).toMatchObject({
      file: 'policy.yml',
      line: 8,
      column: 5
    })
  })
})
