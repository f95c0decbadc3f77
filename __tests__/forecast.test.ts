/**
 * The forecast, through the action's real path against the stand-in's Email Logs and blocks:
 * sampling and judging, the request budget, subusers by numeric id, the unavailable cases, the
 * guard, the blocks count, bad inputs, and the one rule above the others: domains only.
 */
import { afterEach, describe, expect, it } from '@jest/globals'
import { run } from '../src/action/main.js'
import type { Forecast } from '../src/engine/forecast/forecast.js'
import type { ReportEntry } from '../src/report/entries.js'
import {
  DEFAULT_STAND_IN_KEY,
  SCOPE_BLOCKS,
  SCOPE_READ,
  SCOPE_SUBUSERS,
  SCOPE_UPDATE,
  startStandIn,
  type SeededMessage,
  type StandIn,
  type StandInOptions,
  type StoredSetting
} from '../stand-in/server.js'
import { FAST_RETRY, fakeClock } from './helpers/clock.js'
import { annotations, runStep } from './helpers/workflow-step.js'
import { OPEN } from './fixtures/fleets.js'
import { startDnsStandIn } from '../stand-in/dns.js'
import { tableResolver, type MxTable } from './helpers/mx.js'

/** The recipients' mail servers: three domains at one hoster; every other domain has no MX, so it is served at its own address and judged alone. */
const MX: MxTable = {
  'a.example': ['mx1.hoster.example', 'mx2.hoster.example'],
  'b.example': ['mx1.hoster.example'],
  'c.example': ['mx2.hoster.example']
}

const ENFORCING: StoredSetting = { require_tls: true, require_valid_cert: false, version: 1.2 }

let standIn: StandIn | undefined
afterEach(() => standIn?.close())

/** `n` messages to one domain, delivered as `delivery` says. */
function mailTo(domain: string, n: number, delivery: SeededMessage['delivery'] = 'tls'): SeededMessage[] {
  return Array.from({ length: n }, (_, i) => ({ id: `${domain}-${i}.filter0001`, to: `person${i}@${domain}`, delivery }))
}

/** A domain with TLS, one without, one with a certificate error, and one with no delivered event. */
const MIXED: SeededMessage[] = [
  ...mailTo('secure.example', 4),
  ...mailTo('plain.example', 3, 'no-tls'),
  ...mailTo('selfsigned.example', 2, 'cert-error'),
  ...mailTo('opened.example', 1, 'none')
]

async function step(options: StandInOptions, inputs: Record<string, string>) {
  standIn = await startStandIn(options)
  return runStep(() => run({ clock: fakeClock(), retry: FAST_RETRY, confirmWaitsMs: [0], mxResolver: tableResolver(MX) }), {
    'api-key': DEFAULT_STAND_IN_KEY,
    'api-url': standIn.url,
    ...inputs
  })
}

function forecastOf(outputs: Record<string, string>): Forecast {
  return JSON.parse(outputs['forecast'] ?? 'null') as Forecast
}

function logsRequests(): { method: string; path: string; query: string; body: unknown; behalf: unknown }[] {
  return (standIn?.requests ?? [])
    .filter((r) => r.path.startsWith('/v3/logs'))
    .map((r) => ({ method: r.method, path: r.path, query: r.query.toString(), body: r.body, behalf: r.headers['on-behalf-of'] }))
}

describe('sampling', () => {
  it('judges each domain from its deliveries: TLS safe, none at risk, a certificate error at risk, no delivered event unknown', async () => {
    const result = await step({ mail: { parent: MIXED } }, { mode: 'plan', 'require-tls': 'true', 'require-valid-cert': 'true' })
    expect(result.exitCode).toBe(0)
    expect(forecastOf(result.outputs)).toEqual({
      window_days: 7,
      messages_in_window: 10,
      estimated: false,
      messages_read: 10,
      domains_mailed: 4,
      domains_judged: 3,
      volume_judged: 0.9,
      mail_providers: 3,
      mx_lookups: 4,
      mx_lookups_failed: 0,
      at_risk: [
        { domain: 'plain.example', messages: 3, reason: 'no-tls', provider: 'plain.example' },
        { domain: 'selfsigned.example', messages: 2, reason: 'invalid-cert', provider: 'selfsigned.example' }
      ],
      unknown: ['opened.example'],
      blocked_since: []
    })
    const [search] = logsRequests()
    expect(search?.body).toEqual({
      query: expect.stringMatching(
        /^status IN \('delivered'\) AND sg_message_id_created_at > TIMESTAMP "[\dT:-]{19}Z" AND sg_message_id_created_at <= TIMESTAMP "[\dT:-]{19}Z"$/
      ),
      limit: 1000
    })
    expect(result.summary).toContain('### Forecast: mail the policy would block')
    expect(result.summary).toContain(
      '⚠️ **The parent account**: 10 delivered messages in 7 days to 4 domains, all read; 90.0 % of the mail judged through 3 mail providers: the policy would block mail to 2 domains, 5 messages (50.0 %).'
    )
    expect(result.summary).toContain('| plain.example | 3 | no TLS |')
    expect(result.summary).toContain('| selfsigned.example | 2 | invalid certificate |')
    expect(result.summary).toContain('Not known, no delivery could be read: opened.example')
    expect(result.summary).toContain('Email Logs do not record the TLS version')
  })

  it('lists only what the resulting policy would block: require-tls alone spares a bad certificate', async () => {
    const result = await step({ mail: { parent: MIXED } }, { mode: 'plan', 'require-tls': 'true' })
    expect(forecastOf(result.outputs).at_risk).toEqual([
      { domain: 'plain.example', messages: 3, reason: 'no-tls', provider: 'plain.example' }
    ])
  })

  it('reads mail in the window only, reduces addresses to lower-case domains, and counts a message that aged out as no answer', async () => {
    const mail: SeededMessage[] = [
      { id: 'a.1', to: 'Someone@Mixed.Example', delivery: 'no-tls' },
      { id: 'a.2', to: 'old@ancient.example', delivery: 'no-tls', ageHours: 24 * 10 }
    ]
    standIn = await startStandIn({ mail: { parent: mail } })
    // The message read answers 404, as a message past the logs' retention does.
    standIn.inject({ kind: 'status', status: 404 }, 1, 'GET', 1)
    const result = await runStep(() => run({ clock: fakeClock(), retry: FAST_RETRY, confirmWaitsMs: [0], mxResolver: tableResolver(MX) }), {
      'api-key': DEFAULT_STAND_IN_KEY,
      'api-url': standIn.url,
      mode: 'plan',
      'require-tls': 'true',
      'forecast-days': '3'
    })
    expect(forecastOf(result.outputs)).toMatchObject({ window_days: 3, messages_in_window: 1, at_risk: [], unknown: ['mixed.example'] })
  })
})

describe('the request budget', () => {
  it('is one search for a window of fewer than 1,000 messages, and a read or two per mail provider', async () => {
    // a, b and c share a hoster: its biggest domain and one other are read; d and e stand alone.
    const mail = ['a', 'b', 'c', 'd', 'e'].flatMap((name, i) => mailTo(`${name}.example`, 5 - i, name === 'e' ? 'no-tls' : 'tls'))
    const result = await step({ mail: { parent: mail } }, { mode: 'plan', 'require-tls': 'true' })
    const requests = logsRequests()
    expect(requests.filter((r) => r.method === 'POST')).toHaveLength(1)
    expect(
      requests
        .filter((r) => r.method === 'GET')
        .map((r) => r.path)
        .sort()
    ).toEqual([
      '/v3/logs/a.example-0.filter0001',
      '/v3/logs/b.example-0.filter0001',
      '/v3/logs/d.example-0.filter0001',
      '/v3/logs/e.example-0.filter0001'
    ])
    expect(forecastOf(result.outputs)).toMatchObject({
      messages_in_window: 15,
      domains_mailed: 5,
      domains_judged: 5,
      volume_judged: 1,
      mail_providers: 3,
      at_risk: [{ domain: 'e.example', messages: 1, reason: 'no-tls', provider: 'e.example' }]
    })
  })

  it('asks the resolvers dns-servers names, over the network, and judges the domains of a hoster together', async () => {
    const dns = await startDnsStandIn({
      zones: {
        'a.example': { mx: [{ exchange: 'mx1.hoster.example', priority: 10 }] },
        'b.example': { mx: [{ exchange: 'MX2.Hoster.example.', priority: 10 }] },
        'c.example': { mx: [{ exchange: 'mx1.hoster.example', priority: 10 }] }
      }
    })
    try {
      standIn = await startStandIn({
        mail: { parent: [...mailTo('a.example', 3, 'no-tls'), ...mailTo('b.example', 2, 'no-tls'), ...mailTo('c.example', 1)] }
      })
      const result = await runStep(() => run({ clock: fakeClock(), retry: FAST_RETRY, confirmWaitsMs: [0] }), {
        'api-key': DEFAULT_STAND_IN_KEY,
        'api-url': standIn.url,
        'dns-servers': dns.address,
        mode: 'plan',
        'require-tls': 'true'
      })
      expect(dns.queries.map((q) => `${q.type} ${q.name}`).sort()).toEqual(['MX a.example', 'MX b.example', 'MX c.example'])
      // c.example is never read: its hoster's two busiest domains speak for it.
      expect(logsRequests().filter((r) => r.method === 'GET')).toHaveLength(2)
      expect(forecastOf(result.outputs)).toMatchObject({
        domains_judged: 3,
        mail_providers: 1,
        at_risk: [
          { domain: 'a.example', messages: 3, reason: 'no-tls', provider: 'hoster.example' },
          { domain: 'b.example', messages: 2, reason: 'no-tls', provider: 'hoster.example' },
          { domain: 'c.example', messages: 1, reason: 'no-tls', provider: 'hoster.example' }
        ]
      })
    } finally {
      await dns.close()
    }
  })

  it('DNS at fault is one warning naming dns-servers, with the counts and a reason in the forecast; a few dead domains are not', async () => {
    const domains = (n: number) => Array.from({ length: n }, (_, i) => `own${String(i).padStart(2, '0')}.example`)
    standIn = await startStandIn({ mail: { parent: domains(12).flatMap((d) => mailTo(d, 1)) } })
    const stepWith = (table: MxTable) =>
      runStep(() => run({ clock: fakeClock(), retry: FAST_RETRY, confirmWaitsMs: [0], mxResolver: tableResolver(table) }), {
        'api-key': DEFAULT_STAND_IN_KEY,
        'api-url': standIn?.url ?? '',
        mode: 'plan',
        'require-tls': 'true'
      })
    // Every lookup times out: a resolver the runner cannot reach.
    const silent = await stepWith(Object.fromEntries(domains(12).map((d) => [d, { fail: 'ETIMEOUT' }])))
    expect(forecastOf(silent.outputs)).toMatchObject({ mx_lookups: 12, mx_lookups_failed: 12, mx_lookup_failure: 'DNS lookup timed out' })
    const warned = annotations(silent.stdout, 'warning').filter((w) => w.includes('MX lookups failed'))
    expect(warned).toHaveLength(1)
    expect(warned[0]).toContain(
      "MX lookups failed for the recipient domains of 1 forecast, so each such domain was judged by its own deliveries rather than its mail provider's: " +
        'the parent account: 12 of 12 lookups (the first: DNS lookup timed out)'
    )
    expect(warned[0]).toContain('Check that a DNS resolver can be reached from here, or name one in dns-servers.')

    // A few broken domains are those domains' problem, not DNS's, even where they are a large share: no warning, the count still said.
    const fewDead = await stepWith(Object.fromEntries(domains(4).map((d) => [d, { fail: 'ESERVFAIL' }])))
    expect(forecastOf(fewDead.outputs)).toMatchObject({
      mx_lookups: 12,
      mx_lookups_failed: 4,
      mx_lookup_failure: 'DNS server failed (SERVFAIL)'
    })
    expect(annotations(fewDead.stdout, 'warning').join('\n')).not.toContain('MX lookups failed')
  })

  it('forecast-requests bounds the reads: the busiest providers are judged first, and the share judged is said', async () => {
    const mail = Array.from({ length: 12 }, (_, i) => mailTo(`own${String(i).padStart(2, '0')}.example`, 12 - i)).flat()
    const result = await step({ mail: { parent: mail } }, { mode: 'plan', 'require-tls': 'true', 'forecast-requests': '10' })
    expect(logsRequests()).toHaveLength(10)
    const forecast = forecastOf(result.outputs)
    expect(forecast).toMatchObject({ messages_in_window: 78, domains_mailed: 12, domains_judged: 9, mail_providers: 9 })
    // The nine busiest: 12 + 11 + … + 4 of 78 messages.
    expect(forecast.volume_judged).toBeCloseTo(72 / 78, 3)
    expect(result.stdout).toContain('92.3 % of the mail judged through 9 mail providers')
  })

  it('a run without a forecast sends exactly what it sent before: one read per target in verify, and off sends none in apply', async () => {
    const verify = await step({ mail: { parent: MIXED }, subusers: { a: OPEN, b: ENFORCING } }, { 'require-tls': 'true', subuser: 'a,b' })
    expect(verify.exitCode).toBe(1)
    expect(standIn?.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /v3/user/settings/enforced_tls',
      'GET /v3/user/settings/enforced_tls'
    ])
    await standIn?.close()
    const apply = await step({ mail: { parent: MIXED } }, { mode: 'apply', 'require-tls': 'true', forecast: 'off' })
    expect(apply.exitCode).toBe(0)
    expect(standIn?.requests.map((r) => r.method)).toEqual(['GET', 'PATCH', 'GET'])
    expect(apply.outputs['forecast']).toBe('null')
  })
})

describe('subusers', () => {
  it('reads a named subuser’s logs by its numeric id, as the parent, never through on-behalf-of', async () => {
    const result = await step(
      { subusers: { other: OPEN, marketing: OPEN }, mail: { marketing: mailTo('plain.example', 1, 'no-tls'), parent: MIXED } },
      { mode: 'plan', 'require-tls': 'true', subuser: 'marketing' }
    )
    expect(result.exitCode).toBe(0)
    const lookup = standIn?.requests.find((r) => r.path === '/v3/subusers')
    expect(lookup?.query.get('username')).toBe('marketing')
    expect(logsRequests()).toEqual([
      { method: 'POST', path: '/v3/logs', query: '', body: expect.objectContaining({ subusers: ['1002'] }), behalf: undefined },
      { method: 'GET', path: '/v3/logs/plain.example-0.filter0001', query: 'subuser=1002', body: undefined, behalf: undefined }
    ])
    expect(forecastOf(result.outputs).at_risk).toEqual([
      { domain: 'plain.example', messages: 1, reason: 'no-tls', provider: 'plain.example' }
    ])
  })

  it('takes the ids from the listing with *, without a lookup, and keys the output like prior', async () => {
    const result = await step(
      { subusers: { a: OPEN, b: OPEN }, mail: { b: mailTo('plain.example', 1, 'no-tls') } },
      { mode: 'plan', 'require-tls': 'true', subuser: '*' }
    )
    expect(standIn?.requests.filter((r) => r.path === '/v3/subusers').map((r) => r.query.get('username'))).toEqual([null, null])
    const forecast = JSON.parse(result.outputs['forecast'] ?? '') as { subusers: Record<string, Forecast>; accounts: object }
    expect(Object.keys(forecast.subusers)).toEqual(['a', 'b'])
    expect(forecast.subusers['a']?.messages_in_window).toBe(0)
    expect(forecast.subusers['b']?.at_risk).toHaveLength(1)
    expect(forecast.accounts).toEqual({})
    const report = JSON.parse(result.outputs['report'] ?? '[]') as ReportEntry[]
    expect(report[1]?.forecast?.at_risk[0]?.domain).toBe('plain.example')
  })
})

describe('when the logs cannot be read', () => {
  const NO_LOGS = { keys: { [DEFAULT_STAND_IN_KEY]: [SCOPE_READ, SCOPE_UPDATE, SCOPE_SUBUSERS] } }

  it('auto: the forecast says unavailable and why, with a warning, and the run goes on', async () => {
    const result = await step({ ...NO_LOGS, mail: { parent: MIXED } }, { mode: 'apply', 'require-tls': 'true' })
    expect(result.exitCode).toBe(0)
    expect(result.outputs['changed']).toBe('true')
    const { unavailable } = forecastOf(result.outputs)
    expect(unavailable).toContain('POST /v3/logs')
    // SendGrid's own words are not quoted from this API: they may hold recipients' data.
    expect(unavailable).not.toContain('access forbidden')
    expect(unavailable).toContain('SendGrid answered 403')
    expect(unavailable).toContain('email_activity.read')
    expect(annotations(result.stdout, 'warning').join('\n')).toContain('The forecast of the parent account is unavailable')
  })

  it('on: the target fails, and is not written', async () => {
    const result = await step({ ...NO_LOGS }, { mode: 'apply', 'require-tls': 'true', forecast: 'on' })
    expect(result.exitCode).toBe(1)
    expect(standIn?.requests.map((r) => r.method)).not.toContain('PATCH')
    expect(annotations(result.stdout, 'error').join('\n')).toContain('forecast: on asks for a forecast, and it is unavailable')
  })

  it('says so for a customer account rather than guessing', async () => {
    const result = await step({ accounts: { '77': OPEN } }, { mode: 'plan', 'require-tls': 'true', 'account-id': '77' })
    expect(result.exitCode).toBe(0)
    expect(forecastOf(result.outputs).unavailable).toBe('Email Logs cannot be read for a customer account')
    expect(logsRequests()).toEqual([])
  })
})

describe('max-blocked-domains', () => {
  it('holds an apply whose forecast lists more blocked domains, naming them; the step fails and nothing is written', async () => {
    const result = await step({ mail: { parent: MIXED } }, { mode: 'apply', 'require-tls': 'true', 'max-blocked-domains': '0' })
    expect(result.exitCode).toBe(1)
    expect(standIn?.requests.map((r) => r.method)).not.toContain('PATCH')
    expect(standIn?.setting()).toEqual(OPEN)
    const report = JSON.parse(result.outputs['report'] ?? '[]') as ReportEntry[]
    expect(report[0]?.error).toContain('plain.example (no TLS)')
    expect(annotations(result.stdout, 'error').join('\n')).toContain('more than max-blocked-domains allows (0): plain.example (no TLS)')
    expect(result.summary).toContain('✋ Held')
    expect(result.summary).toContain(
      '**Held:** `the policy would block mail to 1 domain, more than max-blocked-domains allows (0): plain.example (no TLS)`'
    )
    expect(result.summary).toContain(
      '⚠️ **The parent account**: 10 delivered messages in 7 days to 4 domains, all read; 90.0 % of the mail judged through 3 mail providers: the policy would block mail to 1 domain, 3 messages (30.0 %).'
    )
    expect(result.summary).toContain('| plain.example | 3 | no TLS |')
  })

  it('says in a plan that apply would hold the target, and why, without failing the plan', async () => {
    const result = await step({ mail: { parent: MIXED } }, { mode: 'plan', 'require-tls': 'true', 'max-blocked-domains': '0' })
    expect(result.exitCode).toBe(0)
    expect(annotations(result.stdout, 'warning').join('\n')).toContain(
      'the parent account: apply would hold it back: the policy would block mail to 1 domain, more than max-blocked-domains allows (0): plain.example (no TLS)'
    )
    expect(result.summary).toContain('**Apply would hold it back:**')
    // The plan does not promise the change its apply would refuse.
    expect(result.summary).toContain('📝 Plan: apply would change 1 setting, but a safety rail would hold it back')
  })

  it('headlines a plan of several targets with what its apply would hold back, as the apply counts it', async () => {
    const result = await step(
      { subusers: { a: OPEN }, accounts: { '77': OPEN } },
      { mode: 'plan', 'require-tls': 'true', subuser: 'a', 'account-id': '77', 'max-blocked-domains': '5', 'max-changes': '1' }
    )
    expect(result.exitCode).toBe(0)
    expect(result.summary).toContain('📝 Plan: apply would change 1 of 2 targets and hold 1 back')
    expect(result.summary).toContain('**max-changes:** apply would change 1 target, the limit is 1')
  })

  it('lets an apply within the guard go ahead', async () => {
    const result = await step({ mail: { parent: MIXED } }, { mode: 'apply', 'require-tls': 'true', 'max-blocked-domains': '1' })
    expect(result.exitCode).toBe(0)
    expect(result.outputs['changed']).toBe('true')
  })

  it('holds a target whose forecast is unavailable: an unknown risk is not a green light', async () => {
    const result = await step(
      { accounts: { '77': OPEN } },
      { mode: 'apply', 'require-tls': 'true', 'account-id': '77', 'max-blocked-domains': '5' }
    )
    expect(result.exitCode).toBe(1)
    expect(standIn?.setting('account-id 77')).toEqual(OPEN)
    expect(annotations(result.stdout, 'error').join('\n')).toContain('its forecast is unavailable')
  })
})

describe('verify with forecast: on', () => {
  it('counts the blocks about TLS in the window, by domain, leaving other blocks out', async () => {
    const blocks = [
      ...Array.from({ length: 3 }, (_, i) => ({ email: `p${i}@plain.example`, reason: 'TLS required but not supported' })),
      { email: 'x@selfsigned.example', reason: 'certificate verify failed' },
      { email: 'y@gone.example', reason: 'unable to resolve MX record for gone.example: servfail' },
      { email: 'z@plain.example', reason: 'TLS required but not supported', ageHours: 24 * 9 }
    ]
    const result = await step(
      { parent: ENFORCING, subusers: { ops: ENFORCING }, blocks: { ops: blocks } },
      { 'require-tls': 'true', subuser: 'ops', forecast: 'on' }
    )
    expect(result.exitCode).toBe(0)
    const block = standIn?.requests.find((r) => r.path === '/v3/suppression/blocks')
    expect(block?.headers['on-behalf-of']).toBe('ops')
    expect(forecastOf(result.outputs).blocked_since).toEqual([
      { domain: 'plain.example', count: 3 },
      { domain: 'selfsigned.example', count: 1 }
    ])
    expect(result.summary).toContain('plain.example (3), selfsigned.example (1)')
  })

  it('fails a target whose blocks cannot be read', async () => {
    const keys = { [DEFAULT_STAND_IN_KEY]: [SCOPE_READ, SCOPE_SUBUSERS, 'email_activity.read'] }
    const result = await step({ keys, parent: ENFORCING }, { 'require-tls': 'true', forecast: 'on' })
    expect(result.exitCode).toBe(1)
    expect(annotations(result.stdout, 'error').join('\n')).toContain(SCOPE_BLOCKS)
  })
})

describe('bad input', () => {
  it.each([
    ['forecast', 'maybe', "Input 'forecast' must be one of auto, on, off; got 'maybe'"],
    ['forecast-days', '0', "Input 'forecast-days' must be a whole number from 1 to 30; got '0'"],
    ['forecast-days', '31', "Input 'forecast-days' must be a whole number from 1 to 30; got '31'"],
    ['forecast-requests', '9', "Input 'forecast-requests' must be a whole number from 10 to 100000; got '9'"],
    ['forecast-requests', '100001', "Input 'forecast-requests' must be a whole number from 10 to 100000; got '100001'"],
    [
      'dns-servers',
      'dns.example',
      'Input \'dns-servers\' has an entry it cannot use: "dns.example" is a host name: DNS resolvers are addressed by IP address (192.0.2.53, 192.0.2.53:5353, 2001:db8::53 or [2001:db8::53]:5353), since a name would need a resolver to find one'
    ],
    ['max-blocked-domains', '-1', "Input 'max-blocked-domains' must be a whole number of 0 or more, or empty for no guard; got '-1'"],
    ['max-blocked-domains', 'x', "Input 'max-blocked-domains' must be a whole number of 0 or more, or empty for no guard; got 'x'"]
  ])('%s: %s is refused before any request, naming the input', async (name, value, message) => {
    const result = await step({}, { mode: 'plan', 'require-tls': 'true', [name]: value })
    expect(result.exitCode).toBe(1)
    expect(annotations(result.stdout, 'error')).toEqual([message])
    expect(standIn?.requests).toEqual([])
  })

  it('refuses a guard with the forecast off', async () => {
    const result = await step({}, { mode: 'apply', 'require-tls': 'true', forecast: 'off', 'max-blocked-domains': '0' })
    expect(annotations(result.stdout, 'error')[0]).toMatch(/^Inputs 'max-blocked-domains' and 'forecast' contradict each other/)
    expect(standIn?.requests).toEqual([])
  })
})

describe('answers of a shape SendGrid does not document', () => {
  const LEAKY = 'leaky.person@partner.example'
  it.each([
    ['a search that is not a list of messages', JSON.stringify({ result: [] }), 'something other than a list of messages'],
    ['a message without an id', JSON.stringify({ messages: [{ to_email: LEAKY, status: 'delivered' }] }), 'without a recipient, an id'],
    [
      'more messages than asked',
      JSON.stringify({
        messages: Array.from({ length: 1001 }, (_, i) => ({ to_email: LEAKY, sg_message_id: `m${i}`, status: 'delivered' }))
      }),
      'more than the 1000 asked for'
    ]
  ])('%s makes the forecast unavailable, quoting no address', async (_, body, said) => {
    standIn = await startStandIn({})
    standIn.inject({ kind: 'status', status: 200, body }, 1, undefined, 1)
    const result = await runStep(() => run({ clock: fakeClock(), retry: FAST_RETRY, confirmWaitsMs: [0], mxResolver: tableResolver(MX) }), {
      'api-key': DEFAULT_STAND_IN_KEY,
      'api-url': standIn.url,
      mode: 'plan',
      'require-tls': 'true'
    })
    expect(result.exitCode).toBe(0)
    expect(forecastOf(result.outputs).unavailable).toContain(said)
    expect(result.stdout + result.summary).not.toContain('leaky.person')
  })

  it('a delivered event whose tls is neither 1 nor absent, or a block without an address, is an error too', async () => {
    standIn = await startStandIn({ mail: { parent: mailTo('plain.example', 1) } })
    const event = { event: 'delivered', timestamp: 1, tls: 'yes' }
    standIn.inject({ kind: 'status', status: 200, body: JSON.stringify({ events: [event] }) }, 1, 'GET', 1)
    const plan = await runStep(() => run({ clock: fakeClock(), retry: FAST_RETRY, confirmWaitsMs: [0], mxResolver: tableResolver(MX) }), {
      'api-key': DEFAULT_STAND_IN_KEY,
      'api-url': standIn.url,
      mode: 'plan',
      'require-tls': 'true'
    })
    expect(forecastOf(plan.outputs).unavailable).toContain('whose tls is neither 1 nor absent')
    await standIn.close()

    standIn = await startStandIn({ parent: ENFORCING })
    standIn.inject({ kind: 'status', status: 200, body: JSON.stringify([{ email: 7, reason: 'TLS', created: 1 }]) }, 1, 'GET', 1)
    const verify = await runStep(() => run({ clock: fakeClock(), retry: FAST_RETRY, confirmWaitsMs: [0], mxResolver: tableResolver(MX) }), {
      'api-key': DEFAULT_STAND_IN_KEY,
      'api-url': standIn.url,
      'require-tls': 'true',
      forecast: 'on'
    })
    expect(verify.exitCode).toBe(1)
    expect(annotations(verify.stdout, 'error').join('\n')).toContain('a block without an address')
  })
})
