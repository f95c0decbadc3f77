/**
 * `npm run bench`: the action against the way a user would check without it (a script with the
 * official @sendgrid/client), side by side on one local stand-in with a set latency and rate limit.
 *
 *   1. Start-up: one target in verify, each as a cold process in a clean environment (no
 *      NODE_OPTIONS or NODE_EXTRA_CA_CERTS, which cost every process alike), interleaved, against
 *      a stand-in that answers at once; medians. The action with its inputs and with a one-entry
 *      policy file, next to `node -e 0` and to Node with one GET (bench/one-get.mjs), the floor
 *      any tool pays; and the official client's script.
 *   2. 200 subusers in verify: the action (one step, concurrency 8, paced by the rate-limit
 *      headers) against the same script looping over them; next to the floor the rate limit sets.
 *   3. A forecast at a real sender's scale: a plan of one account whose week holds 100,000
 *      messages to 2,000 domains with MX records (stand-in/world.ts), through the DNS stand-in:
 *      Email Logs requests, DNS lookups, time, peak memory, and how much of the mail the policy
 *      would block it found.
 *
 * Settings (environment): BENCH_RUNS (single-target runs, 15), BENCH_TARGETS (200),
 * BENCH_LATENCY_MS (answer delay, 50), BENCH_RATE_LIMIT (requests per one-second window, 50),
 * BENCH_MESSAGES (the forecast's week, 100000), BENCH_DOMAINS (2000).
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { inputVariable } from '../stand-in/runner.js'
import { startDnsStandIn } from '../stand-in/dns.js'
import { syntheticWorld } from '../stand-in/world.js'
import { DEFAULT_STAND_IN_KEY, startStandIn, type StandIn, type StoredSetting } from '../stand-in/server.js'
import type { Forecast } from '../src/engine/forecast/forecast.js'

const RUNS = Number(process.env['BENCH_RUNS'] ?? 15)
const TARGETS = Number(process.env['BENCH_TARGETS'] ?? 200)
const LATENCY_MS = Number(process.env['BENCH_LATENCY_MS'] ?? 50)
const RATE_LIMIT = Number(process.env['BENCH_RATE_LIMIT'] ?? 50)
const MESSAGES = Number(process.env['BENCH_MESSAGES'] ?? 100_000)
const DOMAINS = Number(process.env['BENCH_DOMAINS'] ?? 2_000)
const WINDOW_MS = 1000

const ACTION = resolve('dist/index.js')
const OFFICIAL = resolve('bench/official-client.mjs')
const ONE_GET = resolve('bench/one-get.mjs')
const MAX_RSS = resolve('bench/max-rss.mjs')
const COMPLIANT: StoredSetting = { require_tls: true, require_valid_cert: false, version: 1.2 }
const names = Array.from({ length: TARGETS }, (_, i) => `subuser${i}`)
const dir = mkdtempSync(join(tmpdir(), 'enforced-tls-bench-'))
const stepFiles = { dir, output: join(dir, 'output'), summary: join(dir, 'summary') }
writeFileSync(stepFiles.output, '')
writeFileSync(stepFiles.summary, '')
// The policy the start-up runs read: one default and one entry, as a small team's file would be.
writeFileSync(
  join(dir, 'policy.yml'),
  [
    'version: 1',
    'default:',
    '  require-tls: true',
    '  min-version: "1.2"',
    'targets:',
    '  - parent: true',
    '    reason: the sending account',
    ''
  ].join('\n')
)
process.on('exit', () => rmSync(dir, { recursive: true, force: true }))

function stand(latencyMs = LATENCY_MS): Promise<StandIn> {
  return startStandIn({
    parent: COMPLIANT,
    subusers: Object.fromEntries(names.map((name) => [name, COMPLIANT])),
    float32Versions: true,
    latencyMs,
    rateLimit: { limit: RATE_LIMIT, windowMs: WINDOW_MS }
  })
}

/** What a process gets in a clean environment: a path, a home, and what the test sets. */
const CLEAN_ENV = { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '' }

async function timed(work: () => Promise<number>): Promise<{ ms: number; exitCode: number }> {
  const start = process.hrtime.bigint()
  const exitCode = await work()
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, exitCode }
}

function node(args: string[], env: Record<string, string> = {}, clean = false): Promise<number> {
  return new Promise((done, fail) => {
    spawn(process.execPath, args, { stdio: 'ignore', env: { ...(clean ? CLEAN_ENV : process.env), ...env } })
      .on('close', (code) => done(code ?? 1))
      .on('error', fail)
  })
}

/**
 * The action as a runner starts it: inputs in INPUT_* variables, output and summary files made
 * beforehand (as the runner makes them), so only the action's own process is timed.
 */
function action(standIn: StandIn, subusers: string[], { policy = false, clean = false } = {}): Promise<number> {
  const inputs: Record<string, string> = { 'api-key': DEFAULT_STAND_IN_KEY, 'api-url': standIn.url }
  if (policy) inputs['policy-file'] = 'policy.yml'
  else Object.assign(inputs, { 'require-tls': 'true', 'min-version': '1.2' })
  if (subusers.length > 0) inputs['subuser'] = subusers.join(',')
  const env = Object.fromEntries(Object.entries(inputs).map(([name, value]) => [inputVariable(name), value]))
  const runner = { GITHUB_OUTPUT: stepFiles.output, GITHUB_STEP_SUMMARY: stepFiles.summary, RUNNER_TEMP: dir, GITHUB_WORKSPACE: dir }
  return node([ACTION], { ...env, ...runner }, clean)
}

function official(standIn: StandIn, subusers: string[], clean = false): Promise<number> {
  return node([OFFICIAL], { SENDGRID_API_KEY: DEFAULT_STAND_IN_KEY, SENDGRID_BASE_URL: standIn.url, TARGETS: subusers.join(',') }, clean)
}

function oneGet(standIn: StandIn): Promise<number> {
  return node([ONE_GET], { SENDGRID_API_KEY: DEFAULT_STAND_IN_KEY, SENDGRID_BASE_URL: standIn.url }, true)
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? NaN
}

function check(what: string, result: { exitCode: number }): void {
  if (result.exitCode !== 0) throw new Error(`${what} did not verify against the stand-in (exit ${result.exitCode})`)
}

const ms = (value: number) => `${value.toFixed(0).padStart(6)} ms`

console.log(`stand-in: ${LATENCY_MS} ms latency, ${RATE_LIMIT} requests per ${WINDOW_MS / 1000} s window; Node ${process.version}\n`)

// 1. Start-up: one target, cold processes in a clean environment, a stand-in that answers at once.
{
  const standIn = await stand(0)
  const runs = { bare: [] as number[], get: [] as number[], ours: [] as number[], policy: [] as number[], theirs: [] as number[] }
  try {
    for (let i = 0; i < RUNS; i++) {
      runs.bare.push((await timed(() => node(['-e', '0'], {}, true))).ms)
      const g = await timed(() => oneGet(standIn))
      check('Node with one GET', g)
      runs.get.push(g.ms)
      const a = await timed(() => action(standIn, [], { clean: true }))
      check('The action', a)
      runs.ours.push(a.ms)
      const p = await timed(() => action(standIn, [], { policy: true, clean: true }))
      check('The action with a policy file', p)
      runs.policy.push(p.ms)
      const o = await timed(() => official(standIn, [], true))
      check('The @sendgrid/client script', o)
      runs.theirs.push(o.ms)
    }
  } finally {
    await standIn.close()
  }
  const [b, g, a, p, o] = [runs.bare, runs.get, runs.ours, runs.policy, runs.theirs].map(median) as [number, number, number, number, number]
  const times = (value: number) => `${(value / g).toFixed(2)} x node + GET`
  console.log(`Start-up: 1 target, verify, cold process in a clean environment (median of ${RUNS}):`)
  console.log(`  node -e 0                         ${ms(b)}`)
  console.log(`  node + one GET (bench/one-get.mjs) ${ms(g)}`)
  console.log(`  this action, inputs               ${ms(a)}   ${times(a)}`)
  console.log(`  this action, policy file          ${ms(p)}   ${times(p)}, +${(((p - a) / a) * 100).toFixed(0)} % for the file`)
  console.log(`  @sendgrid/client script           ${ms(o)}   ${times(o)}\n`)
}

// 2. Many subusers, one run each on a fresh stand-in.
{
  const floor = (TARGETS / RATE_LIMIT) * WINDOW_MS
  const measure = async (work: (standIn: StandIn) => Promise<number>) => {
    const standIn = await stand()
    try {
      const result = await timed(() => work(standIn))
      return { ...result, rateLimited: standIn.rateLimited() }
    } finally {
      await standIn.close()
    }
  }
  const a = await measure((standIn) => action(standIn, names))
  check('The action', a)
  const o = await measure((standIn) => official(standIn, names))
  check('The @sendgrid/client script', o)
  console.log(`${TARGETS} subusers, verify:`)
  console.log(`  rate-limit floor (${TARGETS} requests / ${RATE_LIMIT} per s) ${ms(floor)}`)
  console.log(`  this action, concurrency 8     ${ms(a.ms)}   ${(a.ms / floor).toFixed(2)} x floor, ${a.rateLimited} answered 429`)
  console.log(`  @sendgrid/client loop          ${ms(o.ms)}   ${(o.ms / floor).toFixed(2)} x floor, ${o.rateLimited} answered 429`)
  console.log(`  action / official              ${(a.ms / o.ms).toFixed(2).padStart(9)}`)
}

// 3. A forecast at a real sender's scale: one account, a week of mail, its recipients in DNS.
{
  const world = syntheticWorld({ messages: MESSAGES, domains: DOMAINS, noTlsDomains: Math.round(DOMAINS * 0.04) })
  const zones = Object.fromEntries(
    Object.entries(world.mx).map(([domain, hosts]) => [domain, { mx: hosts.map((exchange, i) => ({ exchange, priority: 10 * (i + 1) })) }])
  )
  const dns = await startDnsStandIn({ zones })
  const standIn = await startStandIn({
    mail: { parent: world.mail },
    latencyMs: LATENCY_MS,
    rateLimit: { limit: RATE_LIMIT, windowMs: WINDOW_MS }
  })
  const inputs = {
    'api-key': DEFAULT_STAND_IN_KEY,
    'api-url': standIn.url,
    mode: 'plan',
    'require-tls': 'true',
    'dns-servers': dns.address
  }
  const env = Object.fromEntries(Object.entries(inputs).map(([name, value]) => [inputVariable(name), value]))
  writeFileSync(stepFiles.output, '')
  const runner = { GITHUB_OUTPUT: stepFiles.output, GITHUB_STEP_SUMMARY: stepFiles.summary, RUNNER_TEMP: dir, GITHUB_WORKSPACE: dir }
  try {
    let peakKb = NaN
    const result = await timed(
      () =>
        new Promise<number>((done, fail) => {
          const child = spawn(process.execPath, [MAX_RSS, ACTION], {
            stdio: ['ignore', 'ignore', 'ignore', 'pipe'],
            env: { ...process.env, ...env, ...runner }
          })
          child.stdio[3]?.on('data', (chunk: Buffer) => (peakKb = Number(chunk.toString())))
          child.on('close', (code) => done(code ?? 1)).on('error', fail)
        })
    )
    const outputs = readFileSync(stepFiles.output, 'utf8')
    const forecast = JSON.parse(/^forecast<<(\S+)\n([\s\S]*?)\n\1$/m.exec(outputs)?.[2] ?? 'null') as Forecast | null
    if (!forecast || result.exitCode !== 0) throw new Error(`The forecast's plan did not end as it should (exit ${result.exitCode})`)
    const blocked = new Map<string, number>()
    for (const message of world.mail) {
      const domain = message.to.split('@')[1] ?? ''
      if (world.delivery[domain] === 'no-tls') blocked.set(domain, (blocked.get(domain) ?? 0) + 1)
    }
    const truth = [...blocked.values()].reduce((a, b) => a + b, 0)
    const found = forecast.at_risk.reduce((sum, d) => sum + (blocked.get(d.domain) ?? 0), 0)
    const logs = standIn.requests.filter((r) => r.path.startsWith('/v3/logs'))
    const searches = logs.filter((r) => r.method === 'POST').length
    console.log(
      `\nForecast, plan of one account: a week of ${MESSAGES.toLocaleString('en-US')} messages to ${DOMAINS.toLocaleString('en-US')} domains, ${blocked.size} of them without TLS:`
    )
    console.log(
      `  Email Logs requests            ${String(logs.length).padStart(9)}   (${searches} searches, ${logs.length - searches} reads)`
    )
    console.log(`  DNS lookups                    ${String(dns.queries.length).padStart(9)}`)
    console.log(`  time                           ${ms(result.ms)}   (${standIn.rateLimited()} answered 429)`)
    console.log(`  peak memory                    ${String(Math.round(peakKb / 1024)).padStart(6)} MB`)
    console.log(
      `  blocked mail found             ${(((found / truth) * 100).toFixed(1) + ' %').padStart(9)}   (${found} of ${truth} messages; ${forecast.at_risk.length} domains listed, ${forecast.mail_providers} mail providers judged)`
    )
  } finally {
    await standIn.close()
    await dns.close()
  }
}
