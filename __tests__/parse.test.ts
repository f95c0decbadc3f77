/** The policy file on its own: parsing with positions, every problem at once, each at its line and column. */
import { describe, expect, it } from '@jest/globals'
import { parsePolicy } from '../src/engine/policy/parse.js'
import { PolicyError } from '../src/engine/policy/problems.js'
import { scopeOf } from '../src/engine/policy/resolve.js'

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
