/**
 * The forecast against an Email Logs server that misbehaves, through the action in process: a
 * read answered with another message's delivery, an error that quotes a recipient, a search or
 * a DNS lookup that never ends while the job is cancelled.
 */
import { afterEach, describe, expect, it } from '@jest/globals'
import { run } from '../src/action/main.js'
import type { Clock } from '../src/core/clock.js'
import type { Forecast } from '../src/engine/forecast/forecast.js'
import type { MxRecord, MxResolver } from '../src/engine/forecast/mail-servers.js'
import { DEFAULT_STAND_IN_KEY } from '../stand-in/server.js'
import { FAST_RETRY, fakeClock } from './helpers/clock.js'
import { delivered, deliveryEvents, sliceOf, startHostileLogs, type HostileLogs } from './helpers/hostile-logs.js'
import { tableResolver } from './helpers/mx.js'
import { runStep } from './helpers/workflow-step.js'

let server: HostileLogs | undefined
afterEach(() => server?.close())

const INPUTS = { 'api-key': DEFAULT_STAND_IN_KEY, mode: 'plan', 'require-tls': 'true', forecast: 'on' }

async function plan(inputs: Record<string, string> = {}, options: { resolver?: MxResolver; clock?: Clock; signal?: AbortSignal } = {}) {
  const result = await runStep(
    () =>
      run({
        clock: options.clock ?? fakeClock(),
        retry: FAST_RETRY,
        confirmWaitsMs: [0],
        mxResolver: options.resolver ?? tableResolver({}),
        ...(options.signal && { signal: options.signal })
      }),
    { ...INPUTS, 'api-url': (server as HostileLogs).url, ...inputs }
  )
  const forecast = JSON.parse(result.outputs['forecast'] ?? 'null') as Forecast | null
  return { result, forecast }
}

/** Ten messages in the slice asked, to one domain. */
function tenTo(domain: string) {
  return (query: string) => {
    const { untilMs } = sliceOf(query)
    return {
      body: {
        messages: Array.from({ length: 10 }, (_, i) =>
          delivered(`zqxid-${i}-abcdefghijkl`, `zqxlocal${i}@${domain}`, untilMs - 1000 * (i + 1))
        )
      }
    }
  }
}

describe('a read that answers for a different message', () => {
  it('is not taken as the delivery of the message asked for', async () => {
    server = await startHostileLogs({
      search: tenTo('secure.example'),
      // Every read answers the same other message, delivered without TLS (a cache, a mix-up, a hostile proxy).
      read: () => ({ body: deliveryEvents('some-other-message-id-000', 'someone@elsewhere.example', false) })
    })
    const { forecast } = await plan()
    // Else secure.example would be listed at risk on the strength of another message's delivery.
    expect(forecast?.at_risk).toEqual([])
  })
})

describe('an error of a read that quotes the recipient and the subject', () => {
  it('never carries the address or subject into the log, the summary or the outputs', async () => {
    server = await startHostileLogs({
      search: tenTo('secure.example'),
      read: (id) => ({
        status: 400,
        body: { errors: [{ field: null, message: `message ${id} to zqxlocal0@secure.example (subject "Payroll March") is archived` }] }
      })
    })
    const { result } = await plan()
    const everywhere = [result.stdout, result.summary, JSON.stringify(result.outputs)].join('\n')
    // Observed: "…to zqxlocal0@secure.example (subject "Payroll March") is archived" in the log, summary and forecast output.
    expect(everywhere).not.toContain('zqxlocal0@')
    expect(everywhere).not.toContain('Payroll')
  })
})

/**
 * The job is cancelled from inside the server's answer, so the cancel lands while the search or
 * the lookup is in flight. Without it honoured, the run would give the request up on its own
 * timeout and end on an error instead: the step's words tell the two apart, with no clock read.
 */
describe('cancellation', () => {
  it('in the middle of a search that never ends stops the run, which says it was cancelled', async () => {
    const controller = new AbortController()
    server = await startHostileLogs({
      search: () => {
        controller.abort()
        return { body: { messages: [] }, delayMs: Infinity }
      },
      read: () => ({ body: {} })
    })
    const { result } = await plan({}, { signal: controller.signal })
    expect(result.exitCode).toBe(1)
    expect(result.stdout).toContain('The job was cancelled')
  })

  it('in the middle of DNS lookups that never answer stops the run, which says it was cancelled', async () => {
    server = await startHostileLogs({
      search: (query) => {
        const { untilMs } = sliceOf(query)
        return {
          body: {
            messages: Array.from({ length: 200 }, (_, i) => delivered(`zqxid-${i}-abcdefghijkl`, `p${i}@d${i}.example`, untilMs - 1000))
          }
        }
      },
      read: (id) => ({ body: deliveryEvents(id, 'x@d.example', true) })
    })
    const controller = new AbortController()
    const silent: MxResolver = {
      resolveMx: () => {
        controller.abort()
        return new Promise<MxRecord[]>(() => undefined)
      },
      cancel: () => undefined
    }
    const { result } = await plan({}, { signal: controller.signal, resolver: silent })
    expect(result.exitCode).toBe(1)
    expect(result.stdout).toContain('The job was cancelled')
  })
})
