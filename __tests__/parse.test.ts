/** The policy file on its own: parsing with positions, every problem at once, layering per target. */
import { describe, expect, it } from '@jest/globals'
import { Ajv } from 'ajv'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { escapeGlob, Glob, isGlob, unescapeGlob } from '../src/engine/policy/glob.js'
import { parsePolicy } from '../src/engine/policy/parse.js'
import { PolicyError } from '../src/engine/policy/problems.js'
import { scopeOf } from '../src/engine/policy/resolve.js'
import { SCHEMA_URL } from '../src/engine/policy/schema.js'
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

function problemsOf(text: string): { line: number; column: number; message: string }[] {
  try {
    parsePolicy(text, 'policy.yml')
  } catch (error) {
    if (error instanceof PolicyError) return error.problems.map(({ line, column, message }) => ({ line, column, message }))
    throw error
  }
  throw new Error('the file was accepted')
}

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

describe('problems, all at once, each at its line and column', () => {
  it('reports every schema problem of a file in one pass', () => {
    const text = `version: 1
default:
  require-tls: yes
  min-version: 1.4
targets:
  - parent: true
  - subuser: legacy
    expires: 2027-02-30
  - account-id: "12 34"
    min-versoin: "1.3"
  - subuser: a
    parent: true
  - reason: nothing
`
    expect(problemsOf(text)).toEqual([
      { line: 3, column: 16, message: 'default.require-tls must be true or false (or null to leave it unmanaged)' },
      { line: 4, column: 16, message: 'default.min-version must be "1.1", "1.2" or "1.3" (or null to leave it unmanaged)' },
      { line: 7, column: 5, message: 'targets[1] has expires but no reason: an exception that ends must say why it exists' },
      { line: 8, column: 14, message: 'targets[1].expires is 2027-02-30, which is not a day of the calendar' },
      { line: 9, column: 17, message: 'targets[2].account-id may hold only letters, digits, - and _' },
      {
        line: 10,
        column: 5,
        message:
          "unknown key 'min-versoin' in targets[2]; did you mean 'min-version'? (known: parent, subuser, account-id, exclude, require-tls, require-valid-cert, min-version, reason, expires)"
      },
      { line: 11, column: 5, message: 'targets[3] must name one target: parent: true, subuser: <name or glob>, or account-id: <id>' },
      { line: 13, column: 5, message: 'targets[4] must name one target: parent: true, subuser: <name or glob>, or account-id: <id>' }
    ])
  })

  it.each([
    ['an empty file', '', [{ line: 1, column: 1, message: 'is empty: a policy file starts with version: 1' }]],
    ['only a comment', '# nothing yet\n', [{ line: 1, column: 1, message: 'is empty: a policy file starts with version: 1' }]],
    [
      'an unknown version, judged before anything else',
      'version: 2\nrules: []\n',
      [
        {
          line: 1,
          column: 10,
          message: 'unknown version 2: this release reads version 1; a newer format needs a newer release of the action'
        }
      ]
    ],
    [
      'no version',
      'targets:\n  - parent: true\n',
      [{ line: 1, column: 1, message: 'version is required: start the file with version: 1' }]
    ],
    ['no targets', 'version: 1\ntargets: []\n', [{ line: 2, column: 10, message: 'targets lists nothing: name at least one target' }]],
    [
      'YAML that does not parse',
      'version: 1\ntargets:\n  - parent: true\n   subuser: [\n',
      expect.arrayContaining([expect.objectContaining({ line: 4 })])
    ],
    [
      'a key given twice',
      'version: 1\ntargets:\n  - subuser: a\n    subuser: b\n',
      [{ line: 4, column: 5, message: 'not valid YAML: Map keys must be unique' }]
    ],
    [
      'a day the calendar has not',
      'version: 1\ntargets:\n  - subuser: a\n    reason: r\n    expires: 2027-02-30\n',
      [{ line: 5, column: 14, message: 'targets[0].expires is 2027-02-30, which is not a day of the calendar' }]
    ],
    [
      'JSON, which is YAML too',
      '{"version": 1, "targets": [{"parent": false}]}',
      [{ line: 1, column: 39, message: 'targets[0].parent must be true (leave the entry out to leave the parent account out)' }]
    ]
  ])('%s', (_, text, expected) => {
    expect(problemsOf(text)).toEqual(expected)
  })

  it.each([
    [
      'a subuser disguising a customer account',
      'version: 1\ntargets:\n  - subuser: "account-id 1234567"\n',
      'targets[0].subuser must be a name of printable characters without spaces, within Latin-1 (what an on-behalf-of header can carry), as SendGrid usernames are'
    ],
    [
      'a subuser with a trailing space',
      'version: 1\ntargets:\n  - subuser: "marketing "\n',
      'targets[0].subuser must be a name of printable'
    ],
    ['a subuser no header can carry', 'version: 1\ntargets:\n  - subuser: "日本"\n', 'targets[0].subuser must be a name of printable'],
    [
      'an unquoted account ID, which YAML may change',
      'version: 1\ntargets:\n  - account-id: 00123\n',
      'targets[0].account-id must be a quoted account ID, as "1234567": YAML may change an unquoted number (leading zeros, long numbers)'
    ]
  ])('refuses %s at its line', (_, text, message) => {
    expect(problemsOf(text)).toEqual([expect.objectContaining({ line: 3, message: expect.stringContaining(message) })])
  })

  it('keeps YAML 1.2, whatever a directive says, and places an error at the end on the last line', () => {
    expect(problemsOf('%YAML 1.1\n---\nversion: 1\ntargets:\n  - parent: true\n')).toEqual([
      { line: 1, column: 1, message: 'a %YAML 1.1 directive: a policy file is read as YAML 1.2; remove the directive' }
    ])
    expect(problemsOf('version: 1\ntargets: [\n').every((p) => p.line <= 2)).toBe(true)
  })

  it('reads a JSON policy file like a YAML one', () => {
    const document = parsePolicy('{"version": 1, "default": {"require-tls": true}, "targets": [{"subuser": "*"}]}', 'policy.json')
    expect(scopeOf(document, TODAY).policyFor({ kind: 'subuser', username: 'x' }).desired).toEqual({ require_tls: true })
  })

  it('is not fooled by an alias bomb', () => {
    const bomb = [
      'version: 1',
      'a: &a ["x","x","x","x","x","x","x","x","x"]',
      ...Array.from(
        { length: 9 },
        (_, i) =>
          `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)}]`
      ),
      'targets: [{parent: true}]'
    ].join('\n')
    expect(problemsOf(bomb)).toEqual([
      { line: 3, column: 8, message: 'not valid YAML: Excessive alias count indicates a resource exhaustion attack' }
    ])
  })

  it('says an alias to nothing is not valid YAML, as a problem of the file', () => {
    expect(problemsOf('version: 1\ntargets: [*nothing]\n')).toEqual([
      { line: 2, column: 11, message: 'not valid YAML: Unresolved alias (the anchor must be set before the alias): nothing' }
    ])
  })

  it('finds repeated keys in a mapping of forty thousand, at their lines, the first fifty', () => {
    const text = ['version: 1', 'targets: [{parent: true}]', ...Array.from({ length: 40_000 }, () => 'k: 1')].join('\n')
    const problems = problemsOf(text)
    expect(problems).toHaveLength(50)
    expect(problems[0]).toEqual({ line: 4, column: 1, message: 'not valid YAML: Map keys must be unique' })
  })
})

describe('the shipped schema and the example a team copies', () => {
  const example = readFileSync(join('examples', 'policy-as-code', 'policy.yml'), 'utf8')
  const shipped = JSON.parse(readFileSync('policy.schema.json', 'utf8')) as object

  it('the example is a policy the action accepts, and the shipped schema accepts it as an editor would', () => {
    const document = parsePolicy(example, 'policy.yml')
    expect(document.entries.map((entry) => entry.selector.kind)).toEqual(['parent', 'subuser', 'subuser', 'account'])
    const validate = new Ajv({ strict: false }).compile(shipped)
    expect([validate(parse(example)), validate.errors]).toEqual([true, null])
  })

  it('the shipped schema refuses what the action refuses', () => {
    const validate = new Ajv({ strict: false }).compile(shipped)
    for (const text of [
      'version: 2\ntargets: [{parent: true}]',
      'version: 1\ntargets: [{subuser: a, expires: 2027-01-01}]',
      'version: 1\ntargets: [{subuser: a, min-version: "1.0"}]'
    ]) {
      expect([text, validate(parse(text))]).toEqual([text, false])
      expect(() => parsePolicy(text, 'policy.yml')).toThrow(PolicyError)
    }
  })

  it('every example workflow reads the policy file at the same path, and its first line points editors at the schema', () => {
    for (const name of ['pull-request.yml', 'apply.yml', 'nightly.yml']) {
      expect(readFileSync(join('examples', 'policy-as-code', name), 'utf8')).toContain('policy-file: .github/sendgrid-tls.yml')
    }
    expect(example.split('\n')[0]).toBe(`# yaml-language-server: $schema=${SCHEMA_URL}`)
  })
})

describe('globs', () => {
  it.each<[string, string, boolean]>([
    ['*', 'anything', true],
    ['*', '', true],
    ['eu-*', 'eu-west', true],
    ['eu-*', 'us-east', false],
    ['*-prod', 'billing-prod', true],
    ['a?c', 'abc', true],
    ['a?c', 'ac', false],
    ['a*b*c', 'a-b-b-c', true],
    ['a*b*c', 'a-c-b', false],
    ['prod\\*', 'prod*', true],
    ['prod\\*', 'production', false],
    ['what\\?', 'what?', true],
    ['back\\\\slash', 'back\\slash', true],
    ['.+^$()|[]{}', '.+^$()|[]{}', true],
    ['ü*', 'über', true],
    ['mark\\eting', 'mark\\eting', true],
    ['mark\\eting', 'marketing', false],
    ['abc\\', 'abc\\', true]
  ])('%s against %s: %s', (pattern, name, matches) => {
    expect(new Glob(pattern).test(name)).toBe(matches)
  })

  it('matches a pathological pattern against a long name at once, where a backtracking engine takes hours', () => {
    const pattern = `${'*?'.repeat(40)}#`
    expect(new Glob(pattern).test('customer-account-eu-west-production-001'.repeat(6))).toBe(false)
  })

  it('writes any name as a pattern that matches only itself', () => {
    for (const name of ['prod*', '*', 'a?b', 'back\\slash', 'plain']) {
      const pattern = escapeGlob(name)
      expect([name, isGlob(pattern), unescapeGlob(pattern), new Glob(pattern).test(name), new Glob(pattern).test(`${name}x`)]).toEqual([
        name,
        false,
        name,
        true,
        false
      ])
    }
  })
})
