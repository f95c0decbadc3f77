/** Self-hosted runners behind a proxy: requests go through HTTPS_PROXY, as @actions/http-client routes them. */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { resolve } from 'node:path'
import { runAction } from '../src/stand-in/runner.js'

const ACTION = resolve('dist/index.js')
const KEY = 'SG.proxy-test-key'
let proxy: Server
let connects: string[]

beforeEach(async () => {
  connects = []
  // A proxy that refuses every tunnel: enough to see where the action connects, with what.
  proxy = createServer()
  proxy.on('connect', (req, socket) => {
    connects.push(`${req.url} ${JSON.stringify(req.headers)}`)
    socket.end('HTTP/1.1 407 Proxy Authentication Required\r\n\r\n')
  })
  await new Promise<void>((done) => proxy.listen(0, '127.0.0.1', done))
})
afterEach(() => new Promise<void>((done) => proxy.close(() => done())))

describe('HTTPS_PROXY', () => {
  it('tunnels to SendGrid through the proxy, without showing the proxy the key', async () => {
    const { port } = proxy.address() as AddressInfo
    const run = await runAction(
      ACTION,
      { 'api-key': KEY, 'api-url': 'https://api.sendgrid.test', 'require-tls': 'true' },
      { HTTPS_PROXY: `http://127.0.0.1:${port}`, NO_PROXY: '' }
    )
    expect(run.exitCode).toBe(1)
    expect(connects.length).toBe(4)
    expect(connects[0]).toMatch(/^api\.sendgrid\.test:443 /)
    expect(connects.join()).not.toContain(KEY)
    expect(run.stdout).toContain('407')
  })
})
