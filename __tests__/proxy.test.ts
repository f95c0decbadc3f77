/**
 * Self-hosted runners behind a proxy: the bundled action tunnels through HTTPS_PROXY (as
 * @actions/http-client routes it) to an HTTPS stand-in whose certificate comes from a test CA,
 * trusted through NODE_EXTRA_CA_CERTS as a runner behind a TLS-inspecting proxy would.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { createServer, type Server } from 'node:http'
import { connect, type AddressInfo, type Socket } from 'node:net'
import { join, resolve } from 'node:path'
import { runAction } from '../stand-in/runner.js'
import { SCOPE_READ, SCOPE_UPDATE, startStandIn, type StandIn } from '../stand-in/server.js'
import { startGitHubStandIn } from './helpers/github-stand-in.js'

const ACTION = resolve('dist/index.js')
const TLS = resolve('__tests__/fixtures/tls')
const KEY = 'SG.proxy-test-key.a-secret-that-stays-inside-the-tunnel'
let proxy: Server
let sendgrid: StandIn
let connects: string[]
let refuse: boolean
/** The proxy takes the connection and never answers CONNECT. */
let silent: boolean
/** The proxy says the tunnel is open, and then carries nothing. */
let hollow: boolean
/** Tunnels leave the proxy's own tracking once open: they are closed by hand. */
let tunnels: Socket[]

beforeEach(async () => {
  connects = []
  refuse = false
  silent = false
  hollow = false
  tunnels = []
  sendgrid = await startStandIn({
    keys: { [KEY]: [SCOPE_READ, SCOPE_UPDATE] },
    tls: { key: readFileSync(`${TLS}/server.key`, 'utf8'), cert: readFileSync(`${TLS}/server.pem`, 'utf8') }
  })
  // A proxy that opens a tunnel to whatever host:port is asked, here always on 127.0.0.1: it sees
  // where the action connects and with which headers, never what goes through the tunnel.
  proxy = createServer()
  proxy.on('connect', (req, client: Socket, head) => {
    connects.push(`${req.url} ${JSON.stringify(req.headers)}`)
    if (refuse) return void client.end('HTTP/1.1 407 Proxy Authentication Required\r\n\r\n')
    if (silent) return void tunnels.push(client)
    if (hollow) {
      tunnels.push(client)
      return void client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
    }
    const port = Number((req.url ?? '').split(':')[1])
    tunnels.push(client)
    const upstream = connect(port, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      upstream.write(head)
      upstream.pipe(client).pipe(upstream)
    })
    tunnels.push(upstream)
    upstream.on('error', () => client.destroy())
    client.on('error', () => upstream.destroy())
  })
  await new Promise<void>((done) => proxy.listen(0, '127.0.0.1', done))
})
afterEach(async () => {
  for (const socket of tunnels) socket.destroy()
  proxy.closeAllConnections()
  await new Promise<void>((done) => proxy.close(() => done()))
  await sendgrid.close()
})

function runThroughProxy(inputs: Record<string, string>, proxyUrl?: string, env: Record<string, string> = {}) {
  const sendgridPort = new URL(sendgrid.url).port
  return runAction(
    ACTION,
    { 'api-key': KEY, 'api-url': `https://api.sendgrid.test:${sendgridPort}`, 'require-tls': 'true', 'request-timeout': '5', ...inputs },
    {
      https_proxy: '',
      HTTPS_PROXY: proxyUrl ?? `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`,
      NO_PROXY: '',
      no_proxy: '',
      NODE_EXTRA_CA_CERTS: `${TLS}/ca.pem`,
      ...env
    }
  )
}

describe('HTTPS_PROXY', () => {
  it('verify tunnels to SendGrid, passes, and ends cleanly, without showing the proxy the key', async () => {
    const run = await runThroughProxy({ mode: 'verify', 'require-tls': 'false' })
    expect(run.stderr).toBe('')
    expect(run.exitCode).toBe(0)
    expect(run.outputs['compliant']).toBe('true')
    expect(connects.length).toBeGreaterThanOrEqual(1)
    expect(connects[0]).toMatch(/^api\.sendgrid\.test:\d+ /)
    expect(connects.join()).not.toContain(KEY)
    expect(sendgrid.requests.map((r) => r.method)).toEqual(['GET'])
  })

  it('apply writes and confirms through the tunnel', async () => {
    const run = await runThroughProxy({ mode: 'apply', 'min-version': '1.2' })
    expect(run.stderr).toBe('')
    expect(run.exitCode).toBe(0)
    expect(run.outputs).toMatchObject({ compliant: 'true', changed: 'true' })
    // The forecast's search of Email Logs (require_tls turns on) goes through the tunnel too.
    expect(sendgrid.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /v3/user/settings/enforced_tls',
      'POST /v3/logs',
      'PATCH /v3/user/settings/enforced_tls',
      'GET /v3/user/settings/enforced_tls'
    ])
    expect(sendgrid.setting()).toMatchObject({ require_tls: true, version: 1.2 })
  })

  it('sends the credentials in the proxy URL to the proxy, and only to it', async () => {
    const port = (proxy.address() as AddressInfo).port
    const run = await runThroughProxy({ mode: 'verify', 'require-tls': 'false' }, `http://ops:s%40cret@127.0.0.1:${port}`)
    expect(run.stderr).toBe('')
    expect(run.exitCode).toBe(0)
    expect(connects[0]).toContain(`"proxy-authorization":"Basic ${Buffer.from('ops:s@cret').toString('base64')}"`)
    expect(sendgrid.requests[0]?.headers['proxy-authorization']).toBeUndefined()
  })

  it('a proxy that wants credentials fails the step at once, saying so, with no retry', async () => {
    refuse = true
    const run = await runThroughProxy({ mode: 'verify' })
    expect(run.exitCode).toBe(1)
    expect(connects).toHaveLength(1)
    expect(run.stdout).toMatch(/::error::.*the proxy \(HTTPS_PROXY\) refused to open a tunnel.*407 Proxy Authentication Required/)
    expect(sendgrid.requests).toHaveLength(0)
  })

  it('a proxy that takes the connection and never answers CONNECT fails each attempt in time, and the process ends', async () => {
    silent = true
    // request-timeout 1: four attempts of a second and the backoff between them, about 11 s.
    const run = await runThroughProxy({ mode: 'verify', 'request-timeout': '1' })
    expect(run.exitCode).toBe(1)
    expect(connects).toHaveLength(4)
    expect(run.stdout).toMatch(
      /::error::.*the proxy \(HTTPS_PROXY\) took the connection but did not answer its CONNECT to https:\/\/api\.sendgrid\.test:\d+ in time \(a request has 1\.0 s\); gave up after 4 attempts/
    )
    expect(sendgrid.requests).toHaveLength(0)
  })

  it('a tunnel that opens and then carries nothing is given up in time too, and the process ends', async () => {
    hollow = true
    const run = await runThroughProxy({ mode: 'verify', 'request-timeout': '1' })
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toMatch(
      /::error::.*the TLS handshake with api\.sendgrid\.test:\d+ through the proxy did not finish in time.*gave up after 4 attempts/
    )
  })

  it('a proxy nothing answers at is named as the fault, not SendGrid', async () => {
    // A port just released: nothing listens there.
    const closed = createServer()
    await new Promise<void>((done) => closed.listen(0, '127.0.0.1', done))
    const port = (closed.address() as AddressInfo).port
    await new Promise<void>((done) => closed.close(() => done()))
    const run = await runThroughProxy({ mode: 'verify' }, `http://127.0.0.1:${port}`)
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toMatch(
      /::error::.*the proxy \(HTTPS_PROXY\) could not be reached \(ECONNREFUSED\) for a tunnel to https:\/\/api\.sendgrid\.test:\d+; gave up after 4 attempts/
    )
  })

  it('a malformed HTTPS_PROXY is an error naming the variable, before any request, without echoing it', async () => {
    const run = await runThroughProxy({ mode: 'verify' }, 'http://user:hunter2@[not-an-address')
    expect(run.exitCode).toBe(1)
    expect(run.stderr).toBe('')
    expect(run.stdout).toMatch(/::error::The environment variable HTTPS_PROXY is not a proxy URL/)
    expect(run.stdout + run.summary).not.toContain('hunter2')
    expect(JSON.parse(run.outputs['result'] ?? '')).toBeNull()
    expect(connects).toHaveLength(0)
  })

  it('without the CA, the untrusted certificate fails at once with the way to trust it', async () => {
    const sendgridPort = new URL(sendgrid.url).port
    const run = await runAction(
      ACTION,
      { 'api-key': KEY, 'api-url': `https://api.sendgrid.test:${sendgridPort}`, 'require-tls': 'true' },
      { https_proxy: '', HTTPS_PROXY: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`, NO_PROXY: '', no_proxy: '' }
    )
    expect(run.exitCode).toBe(1)
    expect(connects).toHaveLength(1)
    expect(run.stdout).toMatch(/::error::.*is not trusted \(UNABLE_TO_VERIFY_LEAF_SIGNATURE\).*NODE_EXTRA_CA_CERTS/)
  })
})

describe('GitHub behind the same proxy', () => {
  const tls = { key: readFileSync(`${TLS}/server.key`, 'utf8'), cert: readFileSync(`${TLS}/server.pem`, 'utf8') }

  async function planWithComment(bypassGitHub: boolean) {
    const github = await startGitHubStandIn('acme', 'mail', 7, { tls })
    const port = new URL(github.url).port
    const dir = mkdtempSync(join(tmpdir(), 'enforced-tls-event-'))
    try {
      writeFileSync(join(dir, 'event.json'), JSON.stringify({ pull_request: { number: 7 } }))
      const run = await runThroughProxy({ mode: 'plan', 'pr-comment': 'true', 'github-token': 'ghs_proxy-test-token' }, undefined, {
        // The test certificate names api.sendgrid.test; the proxy tells the two stand-ins apart by port.
        GITHUB_API_URL: `https://api.sendgrid.test:${port}`,
        GITHUB_EVENT_NAME: 'pull_request',
        GITHUB_EVENT_PATH: join(dir, 'event.json'),
        GITHUB_REPOSITORY: 'acme/mail',
        NO_PROXY: bypassGitHub ? `api.sendgrid.test:${port}` : ''
      })
      return { run, github, toGitHub: connects.filter((c) => c.startsWith(`api.sendgrid.test:${port} `)) }
    } finally {
      rmSync(dir, { recursive: true, force: true })
      await github.close()
    }
  }

  it('the pull-request comment tunnels to GitHub through HTTPS_PROXY, from the bundle', async () => {
    const { run, github, toGitHub } = await planWithComment(false)
    expect(run.stdout).not.toContain('::warning::Could not comment')
    expect(github.comments.map((c) => c.body).join()).toContain('SendGrid Enforced TLS')
    expect(toGitHub.length).toBeGreaterThanOrEqual(1)
    expect(connects.join()).not.toContain('ghs_proxy-test-token')
  })

  it('a host and port in NO_PROXY go straight there, not through the proxy', async () => {
    const { run, toGitHub } = await planWithComment(true)
    expect(toGitHub).toEqual([])
    expect(connects.length).toBeGreaterThanOrEqual(1)
    // Straight to a name only the proxy could reach: the comment fails, and the verdict stands.
    expect(run.stdout).toMatch(/::warning::Could not comment on pull request #7: .*(ENOTFOUND|EAI_AGAIN)/)
    expect(run.exitCode).toBe(0)
  })
})
