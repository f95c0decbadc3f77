import { describe, expect, it } from '@jest/globals'
import { safeLine } from '../src/core/guard.js'
import { Redactor } from '../src/core/redact.js'

const KEY = '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'
const SECRET = KEY.split('.')[2] ?? ''
const redactor = new Redactor(KEY)

const every = (encode: (char: string) => string) => [...KEY].map(encode).join('')

describe('Redactor', () => {
  it.each([
    ['the key as is', `bad key ${KEY} here`],
    ['JSON \\u escapes', every((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)],
    ['percent-encoding of every character', every((c) => `%${c.charCodeAt(0).toString(16)}`)],
    ['HTML character references', every((c) => `&#${c.charCodeAt(0)};`)],
    ['hexadecimal character references', every((c) => `&#x${c.charCodeAt(0).toString(16)};`)],
    ['only the secret part', `secret=${SECRET};`],
    ['a stretch of the secret', `…${SECRET.slice(5, 25)}…`],
    ['base64', Buffer.from(`Bearer ${KEY}`).toString('base64')],
    ['base64url', Buffer.from(`x${KEY}`).toString('base64url')],
    ['hexadecimal', Buffer.from(KEY).toString('hex')],
    ['percent-encoded twice', every((c) => `%25${c.charCodeAt(0).toString(16)}`)],
    ['base64 of UTF-16', Buffer.from(KEY, 'utf16le').toString('base64')],
    ['octal escapes', every((c) => `\\${c.charCodeAt(0).toString(8).padStart(3, '0')}`)],
    ['braced escapes', every((c) => `\\u{${c.charCodeAt(0).toString(16)}}`)],
    ['references escaped again', every((c) => `&amp;#${c.charCodeAt(0)};`)],
    ['a Buffer as JSON prints it', JSON.stringify(Buffer.from(KEY))],
    ['a hex dump', [...Buffer.from(KEY)].map((b) => b.toString(16)).join(' ')],
    ['spaced out', [...KEY].join(' ')],
    ['with zero-width spaces between its letters', [...KEY].join('\u200b')],
    ['in full-width letters', every((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0))]
  ])('hides %s', (_, text) => {
    const redacted = redactor.redact(text)
    expect(redacted).toContain('***')
    for (let i = 0; i + 10 <= KEY.length; i++) expect(redacted).not.toContain(KEY.slice(i, i + 10))
    expect(redacted.length).toBeLessThan(text.length)
  })

  it('leaves ordinary text alone, and the parts of the key too short to matter', () => {
    const text = 'GET /v3/user/settings/enforced_tls for subuser SG.Ab3 answered 403 {"errors":[{"message":"access forbidden"}]}'
    expect(redactor.redact(text)).toBe(text)
  })

  it('redacts every string of a parsed answer, keys included', () => {
    expect(redactor.redactJson({ [KEY]: [`a ${SECRET}`, 1, null, { nested: KEY }] })).toEqual({
      '***': ['a ***', 1, null, { nested: '***' }]
    })
  })

  it('redacts a key that straddles any cut, since it runs before any cut', () => {
    const body = `${'x'.repeat(995)}${KEY}`
    expect(redactor.redact(body).slice(0, 1000)).not.toContain(KEY.slice(0, 10))
  })
})

describe('safeLine', () => {
  it('never lets text end the line, start a workflow command or turn text around', () => {
    const line = safeLine('name\n::warning file=x::pwned\r\n##[error]old style \u202eevil\u0007')
    expect(line).not.toMatch(/[\n\r\u202e\u0007]/)
    expect(line).not.toContain('##[')
    expect(line).toBe('name\\n::warning file=x::pwned\\r\\n# #[error]old style \\u202eevil\\u0007')
  })

  it('escapes the invisible marks that turn text around or hide between letters', () => {
    expect(safeLine('a\u200fb\u200ec\u061cd\u00ade\u200bf')).toBe('a\\u200fb\\u200ec\\u061cd\\u00ade\\u200bf')
  })

  it('keeps a line that starts like a command from being one, even after spaces', () => {
    expect(safeLine('  ::set-output name=x::y')).toBe('  : :set-output name=x::y')
  })
})
