/**
 * The forecast in the bundle as a runner runs it: a run that does not forecast never loads the
 * Public Suffix List's chunk nor asks DNS (the bundle is copied without that chunk: a run that
 * needed it would fail), and a step whose resolvers never answer ends when its lookups give up.
 */
import { afterAll, afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import dgram from 'node:dgram'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { runAction } from '../stand-in/runner.js'
import { DEFAULT_STAND_IN_KEY, startStandIn, type StandIn } from '../stand-in/server.js'

const copy = mkdtempSync(join(tmpdir(), 'dist-no-chunk-'))
cpSync(resolve('dist'), copy, { recursive: true })
/** The lazily loaded chunk that carries tldts, found by its source map. */
const PSL_CHUNK =
  readdirSync('dist')
    .find((file) => file.endsWith('.index.js.map') && readFileSync(join('dist', file), 'utf8').includes('node_modules/tldts/'))
    ?.replace(/\.map$/, '') ?? 'no chunk carries tldts'
rmSync(join(copy, PSL_CHUNK))
const ACTION = join(copy, 'index.js')
afterAll(() => rmSync(copy, { recursive: true, force: true }))

let standIn: StandIn
beforeEach(async () => {
  standIn = await startStandIn({ mail: { parent: [{ id: 'm1-abcdefghijk', to: 'a@mail.example' }] } })
})
afterEach(() => standIn.close())

const BASE = { 'api-key': DEFAULT_STAND_IN_KEY, 'require-tls': 'true', 'dns-servers': '192.0.2.1' }

describe('the bundle without its Public Suffix List chunk', () => {
  it.each([
    ['verify, forecast auto', { mode: 'verify' }],
    ['plan, forecast off', { mode: 'plan', forecast: 'off' }]
  ])('%s runs as ever', async (_, inputs) => {
    const run = await runAction(ACTION, { ...BASE, 'api-url': standIn.url, ...inputs })
    expect(`${run.stdout}${run.stderr}`).not.toMatch(/Cannot find module/)
    expect(standIn.requests.filter((r) => r.path.startsWith('/v3/logs'))).toEqual([])
  })

  it('plan, forecast on: the chunk is what it loads (control)', async () => {
    const run = await runAction(ACTION, { ...BASE, 'api-url': standIn.url, mode: 'plan', forecast: 'on' })
    expect(`${run.stdout}${run.stderr}`).toContain(PSL_CHUNK)
  })
})

describe('dns-servers naming several resolvers that never answer (the bundle, as a runner runs it)', () => {
  it('the step ends about when its lookups give up (5 s), not when c-ares has tried every server', async () => {
    const sockets = await Promise.all(
      Array.from({ length: 4 }, async () => {
        const socket = dgram.createSocket('udp4')
        await new Promise<void>((done) => socket.bind(0, '127.0.0.1', () => done()))
        return socket
      })
    )
    const standIn = await startStandIn({ mail: { parent: [{ id: 'm1-abcdefghijk', to: 'a@mail.example' }] } })
    try {
      const started = Date.now()
      const run = await runAction(resolve('dist/index.js'), {
        'api-key': DEFAULT_STAND_IN_KEY,
        'api-url': standIn.url,
        mode: 'plan',
        'require-tls': 'true',
        forecast: 'on',
        'dns-servers': sockets.map((s) => `127.0.0.1:${s.address().port}`).join(',')
      })
      expect(run.exitCode).toBe(0)
      // Before the run's end cancelled them: ~40 s, c-ares asking each of 4 silent resolvers in turn.
      expect((Date.now() - started) / 1000).toBeLessThan(20)
    } finally {
      await standIn.close()
      for (const socket of sockets) socket.close()
    }
  }, 120_000)
})
