/**
 * Recipient addresses, subjects and message ids are personal data: whatever a forecast reads,
 * only domains leave the process. The stand-in is seeded with distinctive local parts, subjects
 * and ids, and every way out is searched for them: outputs, the log (debug lines too), the
 * summary (which the pull-request comment shares), the report file and the CLI in each format.
 */
import { afterEach, describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { run } from '../src/action/main.js'
import { main } from '../src/cli/main.js'
import { DEFAULT_STAND_IN_KEY, startStandIn, type SeededBlock, type SeededMessage, type StandIn } from '../stand-in/server.js'
import { FAST_RETRY, fakeClock } from './helpers/clock.js'
import { tableResolver } from './helpers/mx.js'
import { runStep } from './helpers/workflow-step.js'

const DELIVERIES = ['tls', 'no-tls', 'cert-error', 'none'] as const
const DOMAINS = ['secure.example', 'plain.example', 'selfsigned.example', 'opened.example']

const MAIL: SeededMessage[] = Array.from({ length: 12 }, (_, i) => ({
  id: `QZmsgid${i}Xv.recvd-4f8c`,
  to: `zqxlocal${i}.person@${DOMAINS[i % 4]}`,
  subject: `Kqzv confidential subject ${i}`,
  delivery: DELIVERIES[i % 4]
}))
const BLOCKS: SeededBlock[] = [
  { email: 'zqxblocked.person@plain.example', reason: 'TLS required but not supported' },
  { email: 'zqxother.person@gone.example', reason: 'unable to resolve MX record' }
]
/** What must never be seen anywhere. */
const SECRETS = ['zqxlocal', 'zqxblocked', 'zqxother', 'Kqzv', 'QZmsgid', '.person@']

let standIn: StandIn
afterEach(() => standIn.close())

async function seeded(): Promise<void> {
  standIn = await startStandIn({
    subusers: { ops: { require_tls: true, require_valid_cert: true } },
    mail: { parent: MAIL, ops: MAIL },
    blocks: { parent: BLOCKS, ops: BLOCKS }
  })
}

async function actionRun(inputs: Record<string, string>): Promise<string> {
  const step = await runStep(() => run({ clock: fakeClock(), retry: FAST_RETRY, confirmWaitsMs: [0], mxResolver: tableResolver({}) }), {
    'api-key': DEFAULT_STAND_IN_KEY,
    'api-url': standIn.url,
    ...inputs
  })
  const reportFile = step.outputs['report-file'] ? readFileSync(step.outputs['report-file'], 'utf8') : ''
  return [step.stdout, step.summary, JSON.stringify(step.outputs), reportFile].join('\n')
}

async function cliRun(argv: string[]): Promise<string> {
  let text = ''
  const stream = (isTTY: boolean) => ({ isTTY, write: (chunk: string) => void (text += chunk) })
  await main([...argv, '--api-url', standIn.url, '--verbose'], {
    env: { SENDGRID_API_KEY: DEFAULT_STAND_IN_KEY },
    cwd: process.cwd(),
    stdout: stream(false),
    stderr: stream(false),
    clock: fakeClock(),
    retry: FAST_RETRY,
    confirmWaitsMs: [0],
    mxResolver: tableResolver({})
  })
  return text
}

function expectDomainsOnly(text: string): void {
  for (const secret of SECRETS) expect(text).not.toContain(secret)
}

describe('a forecast names domains only', () => {
  it('in plan, a held apply, an apply, and verify with blocks, through the action', async () => {
    await seeded()
    const policy = { 'require-tls': 'true', 'require-valid-cert': 'true', subuser: 'ops', 'include-parent': 'true' }
    const texts = [
      await actionRun({ ...policy, mode: 'plan' }),
      await actionRun({ ...policy, mode: 'apply', 'max-blocked-domains': '0' }),
      await actionRun({ ...policy, mode: 'apply' }),
      await actionRun({ ...policy, mode: 'verify', forecast: 'on' })
    ]
    for (const text of texts) expectDomainsOnly(text)
    // The test reads what it means to: the forecast is there, by domain.
    expect(texts[0]).toContain('plain.example')
    expect(texts[1]).toContain('more than max-blocked-domains allows (0)')
    expect(texts[3]).toContain('blocked_since')
  })

  it('in every format of the CLI', async () => {
    await seeded()
    for (const format of ['text', 'json', 'markdown']) {
      const text = await cliRun(['plan', '--require-tls', '--subuser', 'ops', '--include-parent', '--format', format])
      expectDomainsOnly(text)
      expect(text).toContain('plain.example')
    }
    expectDomainsOnly(await cliRun(['verify', '--require-tls', '--forecast', 'on', '--format', 'json']))
  })

  it('when SendGrid refuses a message read and quotes its id, another id, an address and a subject back, and when a retry is logged', async () => {
    await seeded()
    // The first message read is the first of the first domain by count, then name: opened.example's.
    const first = MAIL.find((m) => m.to.endsWith('@opened.example'))?.id
    const other = MAIL[5]
    const quoting = (status: number) => ({
      kind: 'status' as const,
      status,
      body: JSON.stringify({
        errors: [{ field: null, message: `message ${first} is not yours; see ${other?.id} to ${other?.to} (${other?.subject})` }]
      })
    })
    // The first read of a message: a 503 (retried, and logged), then a refusal.
    standIn.inject(quoting(503), 1, 'GET', 1)
    standIn.inject(quoting(400), 1, 'GET')
    const text = await actionRun({ mode: 'plan', 'require-tls': 'true' })
    expectDomainsOnly(text)
    expect(text).toContain('/v3/logs/{sg_message_id}')
    expect(text).toContain("SendGrid answered 400 (its text is not shown: this API's answers may hold recipients' addresses)")
  })

  it.each([
    ['a search of the logs', 'POST', { mode: 'plan', 'require-tls': 'true' }],
    ['a read in a verify with forecast on', 'GET', { mode: 'verify', 'require-tls': 'true', forecast: 'on', subuser: 'ops' }]
  ])('when %s is refused with text that quotes a recipient', async (_, method, inputs) => {
    await seeded()
    const [message] = MAIL
    const body = JSON.stringify({ errors: [{ field: 'to_email', message: `${message?.to}: ${message?.subject} (${message?.id})` }] })
    // Past the first request (the setting's read), each of these answers with that text.
    standIn.inject({ kind: 'status', status: 503, body }, 1, method as 'GET', method === 'GET' ? 2 : 0)
    standIn.inject({ kind: 'status', status: 400, body }, 3, method as 'GET', method === 'GET' ? 2 : 0)
    const text = await actionRun(inputs)
    expectDomainsOnly(text)
    expect(text).toContain('its text is not shown')
  })
})

describe('a message id is one segment of its own path, and hidden there', () => {
  it('leaves out a message whose id the URL parser would collapse (. and ..), and reads no other path', async () => {
    const dots = [
      { id: '..', to: 'first@dots.example', delivery: 'no-tls' },
      { id: '.', to: 'second@dots.example', delivery: 'no-tls' }
    ] as const
    standIn = await startStandIn({ mail: { parent: [...dots, { id: 'kept.filter0001', to: 'third@dots.example', delivery: 'tls' }] } })
    const step = await runStep(() => run({ clock: fakeClock(), retry: FAST_RETRY, confirmWaitsMs: [0], mxResolver: tableResolver({}) }), {
      'api-key': DEFAULT_STAND_IN_KEY,
      'api-url': standIn.url,
      mode: 'plan',
      'require-tls': 'true'
    })
    expect(standIn.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /v3/user/settings/enforced_tls',
      'POST /v3/logs',
      'GET /v3/logs/kept.filter0001'
    ])
    expect(JSON.parse(step.outputs['forecast'] ?? 'null')).toMatchObject({ messages_in_window: 3, messages_read: 1, at_risk: [] })
  })

  it('hides a short id in its path only: an id GET leaves the GET of the request as it is', async () => {
    standIn = await startStandIn({ mail: { parent: [{ id: 'GET', to: 'person@short.example' }] } })
    // The read of the message, after the setting's: refused.
    standIn.inject({ kind: 'status', status: 400 }, 1, 'GET', 1)
    const text = await actionRun({ mode: 'plan', 'require-tls': 'true' })
    expect(text).toContain('GET /v3/logs/{sg_message_id} for the parent account: SendGrid answered 400')
    expect(text).not.toContain('/v3/logs/GET')
  })
})
