/**
 * `npm start`: runs the bundled action (dist/index.js) against the local SendGrid stand-in and
 * prints what a workflow would see: the log, the outputs and the job summary. Needs no key, no
 * network and no `npm ci`: it is bundled into dist/demo.
 *
 * Without arguments it plays the three workflows in turn on one account. With arguments it runs
 * the action once with those inputs, e.g. `npm start -- --mode apply --require-tls true --subuser marketing`.
 * `npm start -- --serve [--port N]` starts only the stand-in, for a workflow's `uses: ./` or curl.
 * `--world FILE` seeds the stand-in with the user's own fleet (world-file.ts). Paths are the
 * user's: npm runs a script from the package's root, and names where it was invoked in INIT_CWD.
 * `npm start -- --help` says all this; a flag it does not know stops it before anything runs.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { basename, dirname, join, resolve } from 'node:path'
import { parseDemoArgs, UsageError, USAGE, type DemoArgs } from './args.js'
import { runAction, type ActionRun } from '../runner.js'
import { startDnsStandIn, type DnsZone } from '../dns.js'
import { DEFAULT_STAND_IN_KEY, startStandIn, type SeededMessage, type StandIn, type StandInOptions } from '../server.js'
import { loadWorld, WorldError, type DemoWorld } from './world-file.js'
import { count } from '../../src/core/plural.js'

// The bundled action beside this bundle (dist/demo/index.js -> dist/index.js). Derived from the
// running script rather than import.meta.url, which ncc would take for an asset to copy.
// Run from its source (tsx stand-in/demo/index.ts, as the tests do), it takes the bundle in dist/.
const HERE = dirname(process.argv[1] ?? '.')
const ACTION = (process.argv[1] ?? '').endsWith('.ts') ? resolve(HERE, '..', '..', 'dist', 'index.js') : resolve(HERE, '..', 'index.js')
const POLICY = { 'require-tls': 'true', 'min-version': '1.2' }

/**
 * A week of the parent account's mail: most recipients' servers use TLS (two large-provider
 * domains, three shops at one hoster); one partner's own server does not, one hoster presents
 * a bad certificate (blocked only by require-valid-cert), and one domain has no delivery on record.
 */
const DEMO_MAIL: SeededMessage[] = [
  ...seed('customer-mail.example', 6, 'tls'),
  ...seed('example-partner.com', 4, 'no-tls'),
  ...seed('legacy.example.org', 3, 'cert-error'),
  ...seed('newsletter-reader.example', 2, 'tls'),
  ...seed('shop-one.example', 2, 'tls'),
  ...seed('shop-two.example', 1, 'tls'),
  ...seed('shop-three.example', 1, 'tls'),
  ...seed('quiet.example', 1, 'none')
]

/** Who receives each domain's mail, as the demo's DNS stand-in answers: the forecast groups domains by it. */
const DEMO_ZONES: Record<string, DnsZone> = {
  'customer-mail.example': { mx: [{ exchange: 'mx1.bigmail.example', priority: 10 }] },
  'newsletter-reader.example': { mx: [{ exchange: 'mx2.bigmail.example', priority: 5 }] },
  'example-partner.com': { mx: [{ exchange: 'mail.example-partner.com', priority: 10 }] },
  'legacy.example.org': { mx: [{ exchange: 'mx.oldhost.example.net', priority: 10 }] },
  'shop-one.example': { mx: [{ exchange: 'mx.shophost.example', priority: 10 }] },
  'shop-two.example': { mx: [{ exchange: 'mx.shophost.example', priority: 10 }] },
  'shop-three.example': { mx: [{ exchange: 'mx.shophost.example', priority: 10 }] },
  'quiet.example': { a: ['192.0.2.25'] }
}

function seed(domain: string, n: number, delivery: SeededMessage['delivery']): SeededMessage[] {
  return Array.from({ length: n }, (_, i) => ({ id: `demo-${domain}-${i}`, to: `reader${i}@${domain}`, delivery, ageHours: 6 + 20 * i }))
}

interface Step {
  title: string
  inputs: Record<string, string>
  /** The exit code the step must end with for the demo to count as working. */
  expectedExit?: number
  /** An output naming a file the step wrote, shown after its summary. */
  showFile?: string
  /** Where the step's repository is, when not the tour's temporary one. */
  workspace?: string
}

/** The policy file the tour exports, in its workspace, and then verifies against. */
const PINNED = 'sendgrid-tls.yml'

const TOUR: Step[] = [
  { title: 'A scheduled compliance check finds the account on opportunistic TLS', inputs: { mode: 'verify', ...POLICY }, expectedExit: 1 },
  {
    title: 'A pull-request gate shows what apply would change, and whose mail it would block',
    inputs: { mode: 'plan', ...POLICY },
    expectedExit: 0
  },
  {
    title: 'A deployment that allows no blocked domain is held by the forecast',
    inputs: { mode: 'apply', ...POLICY, 'max-blocked-domains': '0' },
    expectedExit: 1
  },
  {
    title: 'The team accepts the one partner without TLS: apply goes ahead and is confirmed',
    inputs: { mode: 'apply', ...POLICY, 'max-blocked-domains': '1' },
    expectedExit: 0
  },
  { title: 'The compliance check now passes', inputs: { mode: 'verify', ...POLICY }, expectedExit: 0 },
  {
    title: 'Policy as code: an export pins every account as it is today, in a file to review and commit',
    inputs: { mode: 'export', subuser: 'marketing', 'account-id': '1234567', 'include-parent': 'true', 'export-file': PINNED },
    expectedExit: 0,
    showFile: 'export-file'
  },
  { title: 'The committed policy file, verified', inputs: { mode: 'verify', 'policy-file': PINNED }, expectedExit: 0 }
]

async function main(argv: string[]): Promise<number> {
  let args: DemoArgs
  try {
    args = parseDemoArgs(argv)
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    console.error(error.message)
    // As the CLI: a command line it cannot run is an error (1); 2 is kept for drift found.
    return 1
  }
  if (args.help) {
    console.log(USAGE)
    return 0
  }
  const { serve, port } = args
  // Where the user stands: npm runs scripts from the package's root and says where it was run from.
  const here = process.env['INIT_CWD'] || process.cwd()
  let world: DemoWorld | undefined
  try {
    world = args.world === undefined ? undefined : await loadWorld(resolve(here, args.world), args.world)
  } catch (error) {
    if (!(error instanceof WorldError)) throw error
    console.error(error.message)
    return 1
  }
  const refusal = await portRefusal(port)
  if (refusal) {
    console.error(refusal)
    return 1
  }
  const seeded: StandInOptions = world
    ? { parent: world.parent, subusers: world.subusers, accounts: world.accounts, mail: world.mail }
    : {
        subusers: { marketing: { require_tls: false, require_valid_cert: false } },
        accounts: { '1234567': { require_tls: true, require_valid_cert: false, version: 1.2 } },
        mail: { parent: DEMO_MAIL }
      }
  const standIn = await startStandIn({ ...seeded, float32Versions: true, port })
  const dns = await startDnsStandIn({ zones: world?.zones ?? DEMO_ZONES })
  console.log(
    `SendGrid stand-in listening on ${standIn.url} (${world ? describeWorld(world, args.world ?? '') : 'subuser: marketing, customer account: 1234567'})`
  )
  console.log(
    `DNS stand-in on ${dns.address}, UDP and TCP, with the MX records of the ${world ? "world's" : "demo's"} recipients (dns-servers: ${dns.address})\n`
  )
  for (const note of world?.notes ?? []) console.log(`Note: ${note}`)
  if (serve) {
    console.log(`API key: ${DEFAULT_STAND_IN_KEY}. Stop with Ctrl-C.`)
    return new Promise(() => undefined)
  }
  const given = Object.keys(args.inputs).length > 0
  const steps: Step[] = given ? [yourRun(args.inputs, here)] : world ? [fleetPlan(world)] : TOUR
  // The tour's repository is a temporary one; a run of the user's own reads and writes where the user is.
  const workspace = given || world ? (steps[0]?.workspace ?? here) : await mkdtemp(join(tmpdir(), 'enforced-tls-workspace-'))
  try {
    let ok = true
    for (const [index, step] of steps.entries()) {
      const run = await runAction(
        ACTION,
        { 'api-key': DEFAULT_STAND_IN_KEY, 'api-url': standIn.url, 'dns-servers': dns.address, ...step.inputs },
        { GITHUB_WORKSPACE: workspace }
      )
      printRun(index + 1, step, run, standIn)
      const shown = step.showFile && run.outputs[step.showFile]
      if (shown && run.exitCode === 0) console.log(`    ${shown}:\n\n${indent((await readFile(shown, 'utf8')).trim(), '      ')}\n`)
      if (step.expectedExit === undefined) return run.exitCode
      ok &&= run.exitCode === step.expectedExit
    }
    console.log(ok ? 'Every step ended as expected.' : 'A step did not end as expected: see above.')
    return ok ? 0 : 1
  } finally {
    await standIn.close()
    await dns.close()
    if (!given && !world) await rm(workspace, { recursive: true, force: true })
  }
}

/**
 * The user's one run. A policy file is read where the user points: the action reads only inside
 * its workspace, so the workspace is the file's folder. An export is written where the user
 * points, or beside them when they name no file: the action's default, the runner's temporary
 * folder, is gone when the demo ends.
 */
function yourRun(given: Record<string, string>, here: string): Step {
  const inputs = { ...given }
  let workspace = here
  const policy = inputs['policy-file']
  if (policy) {
    const path = resolve(here, policy)
    workspace = dirname(path)
    inputs['policy-file'] = basename(path)
  }
  if (inputs['mode'] === 'export') inputs['export-file'] = resolve(here, inputs['export-file'] || 'sendgrid-enforced-tls-policy.yml')
  else if (inputs['export-file']) inputs['export-file'] = resolve(here, inputs['export-file'])
  return { title: 'Your run', inputs, workspace, showFile: inputs['mode'] === 'export' ? 'export-file' : undefined }
}

/** With a world and no inputs: one plan of every account it holds, as it is (plan runs without a policy). */
function fleetPlan(world: DemoWorld): Step {
  const subusers = Object.keys(world.subusers).length > 0
  const accounts = Object.keys(world.accounts)
  return {
    title: 'Your fleet as the stand-in holds it (give inputs to run anything else: npm start -- --help)',
    inputs: {
      mode: 'plan',
      'include-parent': 'true',
      ...(subusers && { subuser: '*' }),
      ...(accounts.length > 0 && { 'account-id': accounts.join(',') })
    }
  }
}

/** `from fleet.yml: the parent, 3 subusers, 1 customer account, 120 messages`. */
function describeWorld(world: DemoWorld, file: string): string {
  const messages = Object.values(world.mail).reduce((sum, mail) => sum + mail.length, 0)
  return `from ${file}: the parent, ${count(Object.keys(world.subusers).length, 'subuser')}, ${count(Object.keys(world.accounts).length, 'customer account')}, ${count(messages, 'message')}`
}

/**
 * Why the stand-in could not listen on `port`, asked before it tries: its server is shared with the
 * tests, which always take a free port, and leaves a failed listen to crash the process with a
 * stack trace. The moment between asking and listening is too short to matter for a demo.
 */
async function portRefusal(port: number): Promise<string | undefined> {
  if (port === 0) return undefined
  const probe = createServer()
  return new Promise((resolve, reject) => {
    probe.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') resolve(`Port ${port} is taken: choose another with --port.`)
      else if (error.code === 'EACCES') resolve(`Port ${port} needs privileges this user lacks: choose one above 1023 with --port.`)
      else reject(error)
    })
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(undefined)))
  })
}

function printRun(n: number, step: Step, run: ActionRun, standIn: StandIn): void {
  const inputs = Object.entries(step.inputs)
    .map(([k, v]) => `${k}: ${v}`)
    .join(', ')
  console.log(`━━━ ${n}. ${step.title}`)
  console.log(`    with: ${inputs}\n`)
  console.log(indent(readableLog(run.stdout + run.stderr)))
  console.log(
    `\n    exit code ${run.exitCode}; the stand-in saw: ${standIn.requests
      .splice(0)
      .map((r) => r.method)
      .join(', ')}`
  )
  console.log('    outputs:')
  for (const [name, value] of Object.entries(run.outputs)) console.log(`      ${name} = ${shorten(value)}`)
  console.log('    job summary:\n')
  console.log(indent(run.summary.trim(), '      '))
  console.log('')
}

/** Shows workflow commands as a person reads them in the Actions UI. */
function readableLog(log: string): string {
  return log
    .split('\n')
    .filter((line) => line !== '' && !/^::(add-mask|debug|endgroup)::/.test(line))
    .map((line) =>
      line.replace(/^::group::/, '▸ ').replace(/^::(error|warning|notice)[^:]*::/, (_, kind: string) => `${kind.toUpperCase()}: `)
    )
    .join('\n')
}

/** Long JSON outputs are cut in the terminal; a workflow gets them whole. */
function shorten(value: string): string {
  return value.length > 160 ? `${value.slice(0, 160)}… (${value.length} characters)` : value
}

function indent(text: string, prefix = '    '): string {
  return text
    .split('\n')
    .map((line) => prefix + line)
    .join('\n')
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error)
    process.exitCode = 1
  }
)
