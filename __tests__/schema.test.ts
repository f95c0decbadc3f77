/** The shipped schema of the policy file, and the example a team copies. */
import { describe, expect, it } from '@jest/globals'
import { Ajv } from 'ajv'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { parsePolicy } from '../src/engine/policy/parse.js'
import { PolicyError } from '../src/engine/policy/problems.js'
import { SCHEMA_URL } from '../src/engine/policy/schema.js'

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
