import { describe, expect, it } from '@jest/globals'
import { parseEnforcedTls } from '../src/sendgrid/enforced-tls.js'

describe('parseEnforcedTls', () => {
  it('reads a missing version as 1.1, as SendGrid applies it', () => {
    expect(parseEnforcedTls({ require_tls: false, require_valid_cert: false })).toEqual({
      require_tls: false,
      require_valid_cert: false,
      version: 1.1
    })
  })

  it.each([
    [1.100000023841858, 1.1],
    [1.2000000476837158, 1.2],
    [1.2999999523162842, 1.3],
    ['1.2', 1.2]
  ])('normalises the stored version %p to %p', (raw, expected) => {
    expect(parseEnforcedTls({ require_tls: true, require_valid_cert: false, version: raw }).version).toBe(expected)
  })

  it.each([
    [null],
    [[]],
    ['text'],
    [{ require_tls: 'true', require_valid_cert: false }],
    [{ require_tls: true }],
    [{ require_tls: true, require_valid_cert: false, version: 'new' }]
  ])('refuses a body that is not an Enforced TLS setting: %p', (body) => {
    expect(() => parseEnforcedTls(body)).toThrow(/SendGrid answered/)
  })
})

describe('a version that is not 1.1, 1.2 or 1.3 is an unexpected answer, never rounded into compliance', () => {
  it.each([['0x13'], [''], [1.25], [1.15], [1e308], [19], [0], [2], [-1.2], [true], [{}], [' 1.2x']])('%p', (version) => {
    expect(() => parseEnforcedTls({ require_tls: true, require_valid_cert: true, version })).toThrow(
      /SendGrid answered with a version that is not 1\.1, 1\.2 or 1\.3: /
    )
  })

  it('quotes the value it got, cut short, long tokens hidden', () => {
    expect(() => parseEnforcedTls({ require_tls: true, require_valid_cert: true, version: 'x'.repeat(5000) })).toThrow(
      /: "\[long token hidden\]"$/
    )
    expect(() => parseEnforcedTls({ require_tls: true, require_valid_cert: true, version: 1e308 })).toThrow(/: 1e\+308$/)
    expect(() => parseEnforcedTls({ require_tls: true, require_valid_cert: true, version: 'word '.repeat(1000) })).toThrow(/word…$/)
  })
})
