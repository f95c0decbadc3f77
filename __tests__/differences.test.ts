import { describe, expect, it } from '@jest/globals'
import { describeDifference, findDifferences, patchBody } from '../src/engine/differences.js'

const account = { require_tls: false, require_valid_cert: true, version: 1.1 }

describe('findDifferences', () => {
  it('compares only the fields the policy manages', () => {
    expect(findDifferences({ require_tls: true }, account)).toEqual([{ field: 'require_tls', actual: false, desired: true }])
  })

  it('finds nothing when no field is managed', () => {
    expect(findDifferences({}, account)).toEqual([])
  })

  it('lists every managed field that differs, in SendGrid order', () => {
    const differences = findDifferences({ version: 1.3, require_valid_cert: false, require_tls: false }, account)
    expect(differences.map((d) => d.field)).toEqual(['require_valid_cert', 'version'])
  })
})

describe('patchBody', () => {
  it('carries only the differing fields, never an unmanaged one', () => {
    const body = patchBody(findDifferences({ require_tls: true, version: 1.1 }, account))
    expect(body).toEqual({ require_tls: true })
    expect(JSON.stringify(patchBody(findDifferences({ version: 1.2 }, account)))).toBe('{"version":1.2}')
  })
})

describe('describeDifference', () => {
  it('names the field with the actual and desired values', () => {
    expect(describeDifference({ field: 'version', actual: 1.1, desired: 1.3 })).toBe('version is 1.1, policy wants 1.3')
  })
})
