import { describe, expect, it } from '@jest/globals'
import { SettingError } from '../src/engine/settings/source.js'
import { proxyFor } from '../src/engine/settings/proxy.js'

const SENDGRID = 'https://api.sendgrid.com'

describe('proxyFor', () => {
  it('takes https_proxy before HTTPS_PROXY, and a bare host:port as http://', () => {
    expect(proxyFor(SENDGRID, { https_proxy: 'http://a:3128', HTTPS_PROXY: 'http://b:3128' })?.url.host).toBe('a:3128')
    expect(proxyFor(SENDGRID, { HTTPS_PROXY: 'proxy.internal:3128' })).toMatchObject({ variable: 'HTTPS_PROXY' })
    expect(proxyFor(SENDGRID, { HTTPS_PROXY: 'proxy.internal:3128' })?.url.href).toBe('http://proxy.internal:3128/')
  })

  it('never proxies plain http (loopback only) nor a loopback https address', () => {
    expect(proxyFor('http://127.0.0.1:8080', { HTTPS_PROXY: 'http://p:1', HTTP_PROXY: 'http://p:1' })).toBeUndefined()
    expect(proxyFor('https://localhost:8443', { HTTPS_PROXY: 'http://p:1' })).toBeUndefined()
  })

  it.each([
    ['*', true],
    ['sendgrid.com', true],
    ['.sendgrid.com', true],
    ['api.sendgrid.com:443', true],
    ['api.sendgrid.com:8443', false],
    ['other.example, SendGrid.com', true],
    ['grid.com', false],
    ['', false]
  ])('NO_PROXY=%p bypasses the proxy: %p', (noProxy, bypassed) => {
    expect(proxyFor(SENDGRID, { HTTPS_PROXY: 'http://p:3128', NO_PROXY: noProxy }) === undefined).toBe(bypassed)
  })

  it.each(['http://user:hunter2@[not-an-address', 'socks5://user:hunter2@p:1080', 'http://', 'http://user:hunter2%zz@127.0.0.1:3128'])(
    'refuses %s, naming the variable and never the value',
    (value) => {
      let error: unknown
      try {
        proxyFor(SENDGRID, { HTTPS_PROXY: value })
      } catch (thrown) {
        error = thrown
      }
      expect(error).toBeInstanceOf(SettingError)
      expect((error as Error).message).toContain('HTTPS_PROXY')
      expect((error as Error).message).not.toContain('hunter2')
    }
  )
})
