/**
 * The forecast at the scale of a real sender, through the action's real path: a week of 60,000
 * messages to 1,200 domains, 52 of them or more behind servers without TLS, mostly in the long
 * tail. It must find nearly all the mail the policy would block, list no domain that does TLS,
 * and stay within about 1,200 Email Logs requests; a smaller budget makes it say it estimated.
 */
import { afterEach, describe, expect, it, jest } from '@jest/globals'
import { run } from '../src/action/main.js'
import type { Forecast } from '../src/engine/forecast/forecast.js'
import { DEFAULT_STAND_IN_KEY, startStandIn, type StandIn } from '../stand-in/server.js'
import { syntheticWorld, type World } from '../stand-in/world.js'
import { FAST_RETRY, fakeClock } from './helpers/clock.js'
import { tableResolver } from './helpers/mx.js'
import { runStep } from './helpers/workflow-step.js'

let standIn: StandIn | undefined
afterEach(() => standIn?.close())

const WORLD = syntheticWorld({ messages: 60_000, domains: 1_200, noTlsDomains: 52 })
/** A week of a real sender's mail takes seconds to plan, more on a busy machine. */
jest.setTimeout(60_000)

async function plan(world: World, inputs: Record<string, string> = {}) {
  standIn = await startStandIn({ mail: { parent: world.mail } })
  const resolver = tableResolver(world.mx)
  // Searching 60,000 messages takes the stand-in longer than the usual test timeout on a busy
  // machine: a retry would be one request more than the budget being tested.
  const clock = fakeClock(Date.now(), 10_000)
  const result = await runStep(() => run({ clock, retry: FAST_RETRY, confirmWaitsMs: [0], mxResolver: resolver }), {
    'api-key': DEFAULT_STAND_IN_KEY,
    'api-url': standIn.url,
    mode: 'plan',
    'require-tls': 'true',
    ...inputs
  })
  const forecast = JSON.parse(result.outputs['forecast'] ?? 'null') as Forecast
  const logs = standIn.requests.filter((r) => r.path.startsWith('/v3/logs'))
  return { result, forecast, logs, resolver }
}

/** The messages the policy would really block: those to domains whose server has no TLS. */
function blockedMail(world: World): Map<string, number> {
  const blocked = new Map<string, number>()
  for (const message of world.mail) {
    const domain = message.to.split('@')[1] as string
    if (world.delivery[domain] === 'no-tls') blocked.set(domain, (blocked.get(domain) ?? 0) + 1)
  }
  return blocked
}

describe('a week of a real sender’s mail', () => {
  it('finds at least 95 % of the mail the policy would block, lists no domain that does TLS, in at most 1,200 requests', async () => {
    const { result, forecast, logs, resolver } = await plan(WORLD)
    const blocked = blockedMail(WORLD)
    const truth = [...blocked.values()].reduce((a, b) => a + b, 0)
    const found = forecast.at_risk.reduce((sum, d) => sum + (blocked.get(d.domain) ?? 0), 0)
    expect(forecast.unavailable).toBeUndefined()
    expect(blocked.size).toBeGreaterThanOrEqual(52)
    expect(found / truth).toBeGreaterThanOrEqual(0.95)
    expect(forecast.at_risk.filter((d) => WORLD.delivery[d.domain] !== 'no-tls')).toEqual([])
    expect(logs.length).toBeLessThanOrEqual(1_200)
    expect(forecast).toMatchObject({ messages_in_window: 60_000, messages_read: 60_000, estimated: false, domains_mailed: 1_200 })
    expect(forecast.volume_judged).toBeGreaterThan(0.95)
    // Every search came back under the limit, or was cut: none is mistaken for its whole slice.
    expect(resolver.asked.length).toBe(1_200)
    expect(result.stdout).toMatch(
      /Forecast: 60,000 delivered messages in 7 days to 1,200 domains, all read; .*judged through [\d,]+ mail providers: would block/
    )
    expect(result.summary).toContain('60,000 delivered messages in 7 days to 1,200 domains, all read')
  })

  it('judges a hoster whose servers differ host by host: the split finds the servers without TLS and spares the others', async () => {
    const { forecast } = await plan(WORLD)
    const split = Object.entries(WORLD.mx).filter(([, hosts]) => hosts[0]?.endsWith('.hoster2.example'))
    const listed = new Set(forecast.at_risk.map((d) => d.domain))
    for (const [domain, hosts] of split) {
      const mailed = WORLD.mail.some((m) => m.to.endsWith(`@${domain}`))
      if (!mailed) continue
      expect([domain, listed.has(domain)]).toEqual([domain, hosts[0] === 'mx2.hoster2.example'])
    }
  })

  it('past forecast-requests, reads an even share of the window and says its figures are estimates', async () => {
    const { result, forecast, logs } = await plan(WORLD, { 'forecast-requests': '60' })
    expect(logs.length).toBeLessThanOrEqual(60)
    expect(forecast.estimated).toBe(true)
    expect(forecast.messages_read).toBeLessThan(60_000)
    expect(forecast.messages_in_window).toBeGreaterThan(60_000 * 0.8)
    expect(forecast.messages_in_window).toBeLessThan(60_000 * 1.2)
    expect(result.stdout).toMatch(
      /Forecast: about [\d,]+ delivered messages in 7 days to [\d,]+ domains or more, estimated from the [\d,]+ read/
    )
  })
})
