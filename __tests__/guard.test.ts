/**
 * The guard on every way out, against a server that answers as an attacker would: the key never
 * leaves, however a server echoes it, and text from the server is data, never a workflow command.
 * Each run is the real action, in process; every run's log, outputs, summary and report file are
 * checked for the key.
 */
import { afterEach, describe, expect, it } from '@jest/globals'
import { closeHostileServer, echo, errorOf, hostile, KEY, SECRET, step } from './helpers/hostile-server.js'
import { annotations } from './helpers/workflow-step.js'

afterEach(closeHostileServer)

describe('the key never leaves, whatever the server echoes', () => {
  it.each([
    [
      'JSON-escaped',
      `{"errors":[{"message":"bad key ${[...KEY].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')}"}]}`
    ],
    [
      'percent-encoded',
      JSON.stringify({ errors: [{ message: `bad key ${[...KEY].map((c) => `%${c.charCodeAt(0).toString(16)}`).join('')}` }] })
    ],
    ['only its secret part', JSON.stringify({ errors: [{ message: `secret ${SECRET}` }] })],
    ['straddling the cut at 1,000 characters', JSON.stringify({ errors: [{ message: `${'x'.repeat(950)}${KEY}` }] })],
    ['in a key of the error object', JSON.stringify({ [KEY]: 'echo' })]
  ])('in an error body, %s', async (_, body) => {
    const result = await step({}, { mode: 'verify' }, (server) => server.inject({ kind: 'status', status: 400, body }))
    expect(result.exitCode).toBe(1)
    expect(errorOf(result.stdout)).toContain('answered 400')
    expect(errorOf(result.stdout)).toMatch(/\*\*\*|long token hidden/)
  })

  const spelled = (encode: (char: string) => string) => [...KEY].map(encode).join('')
  it.each([
    ['hexadecimal', Buffer.from(KEY).toString('hex')],
    ['percent-encoded twice', spelled((c) => `%25${c.charCodeAt(0).toString(16)}`)],
    ['base64 of UTF-16', Buffer.from(KEY, 'utf16le').toString('base64')],
    ['octal escapes', spelled((c) => `\\${c.charCodeAt(0).toString(8).padStart(3, '0')}`)],
    ['braced escapes', spelled((c) => `\\u{${c.charCodeAt(0).toString(16)}}`)],
    ['zero-padded references', spelled((c) => `&#x0000${c.charCodeAt(0).toString(16)};`)],
    ['spelled with a separator nobody decodes', spelled((c) => `${c.charCodeAt(0)}.`)]
  ])('in an error message, %s: found by decoding, not merely hidden as a long token', async (_, encoded) => {
    const result = await step({}, { mode: 'verify' }, (server) => server.inject(echo(`bad key ${encoded}`)))
    expect(result.exitCode).toBe(1)
    expect(result.stdout.replace(`::add-mask::${KEY}`, '')).not.toContain(encoded.slice(0, 40))
    // The redactor's own mark: the long-token rule, which would hide any encoding, did not have to.
    expect(errorOf(result.stdout)).toContain('bad key ***')
    expect(errorOf(result.stdout)).not.toContain('long token hidden')
  })

  it('in a header the action reads, never quoted', async () => {
    const body = JSON.stringify({ require_tls: true, require_valid_cert: false })
    const headers = { 'Content-Encoding': KEY.toLowerCase() }
    const result = await step({}, { mode: 'verify' }, (server) => server.inject({ kind: 'status', status: 200, body, headers }))
    expect(errorOf(result.stdout)).toContain('a content encoding the action does not read')
    expect(result.stdout.replace(`::add-mask::${KEY}`, '')).not.toContain(KEY.toLowerCase().slice(3, 20))
  })

  it('in a value quoted from a successful answer', async () => {
    const body = JSON.stringify({ require_tls: true, require_valid_cert: false, version: `${KEY}` })
    const result = await step({}, { mode: 'verify' }, (server) => server.inject({ kind: 'status', status: 200, body }))
    expect(errorOf(result.stdout)).toContain('a version that is not 1.1, 1.2 or 1.3: "***"')
  })

  it('in a subuser name from the listing: redacted as it arrives, so that target fails rather than pass unseen', async () => {
    const result = await step({ subusers: { [`x${KEY}`]: { require_tls: true, require_valid_cert: false } } }, { subuser: '*' })
    expect(result.exitCode).toBe(1)
    expect(JSON.parse(result.outputs['result'] ?? '')).toEqual({ subusers: { 'x***': null }, accounts: {} })
  })
})

describe('text from the server is data, never a workflow command', () => {
  it('a listed name with a newline and a command cannot inject it, and is reported as not checked', async () => {
    const evil = 'ops\n::warning title=pwned::injected'
    const result = await step(
      { subusers: { [evil]: { require_tls: false, require_valid_cert: false }, fine: { require_tls: true, require_valid_cert: false } } },
      { subuser: '*' }
    )
    expect(result.exitCode).toBe(1)
    expect(result.stdout.split('\n').filter((line) => line.startsWith('::warning'))).toEqual([])
    expect(result.stdout).not.toMatch(/^\s*::warning title=pwned/m)
    expect(hostile.standIn?.requests.filter((r) => r.headers['on-behalf-of'] !== undefined).map((r) => r.headers['on-behalf-of'])).toEqual([
      'fine'
    ])
    const report = JSON.parse(result.outputs['report'] ?? '[]') as { target: string; error: string | null }[]
    expect(report.find((e) => e.target === evil)?.error).toContain('cannot be sent in an on-behalf-of header')
  })

  it('a listed name that is not a username (a space, as in account-id 1234567) reaches no account, and is reported as not checked', async () => {
    const open = { require_tls: false, require_valid_cert: false }
    const result = await step(
      { subusers: { 'account-id 1234567': open, fine: open }, accounts: { '1234567': open } },
      { subuser: '*', mode: 'apply' }
    )
    expect(result.exitCode).toBe(1)
    const reached = new Set(hostile.standIn?.requests.map((r) => r.headers['on-behalf-of']).filter((behalf) => behalf !== undefined))
    expect([...reached]).toEqual(['fine'])
    expect(hostile.standIn?.setting('account-id 1234567')).toEqual(open)
    const report = JSON.parse(result.outputs['report'] ?? '[]') as { target: string; error: string | null }[]
    expect(report.find((e) => e.target === 'account-id 1234567')?.error).toContain(
      'a username is printable characters without spaces, within Latin-1'
    )
  })

  it('an error body with a command on its own line stays on the error line', async () => {
    const result = await step({}, { mode: 'verify' }, (server) => server.inject(echo('nope\n::notice::injected\n##[error]old')))
    expect(annotations(result.stdout, 'notice')).toEqual([])
    expect(result.stdout).not.toMatch(/^##\[/m)
  })
})
