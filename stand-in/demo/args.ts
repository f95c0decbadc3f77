/**
 * The command line of `npm start`: the action's inputs as `--name value`, and the demo's own
 * `--world FILE`, `--serve`, `--port N` and `--help`. Pure, so that every way of getting it wrong is unit-tested.
 */
import { Input } from '../../src/action/constants.js'
import { closest } from '../../src/core/closest.js'

/**
 * The inputs the demo accepts as flags. Kept in the code rather than read from action.yml, since
 * the bundled demo runs from any directory; a test keeps it equal to action.yml's inputs.
 */
export const INPUT_FLAGS: readonly string[] = Object.values(Input)

const SWITCHES = ['serve', 'help']
const KNOWN_FLAGS = [...INPUT_FLAGS, ...SWITCHES, 'port', 'world']

export interface DemoArgs {
  help: boolean
  /** Only the stand-in, until Ctrl-C. */
  serve: boolean
  /** The stand-in's port; 0 lets the system choose a free one. */
  port: number
  /** A policy or world file to seed the stand-in with, as the user wrote its path. */
  world?: string
  /** The action's inputs for one run; none means the guided tour. */
  inputs: Record<string, string>
}

/** A command line the demo refuses: the message names the flag, and nothing is run. */
export class UsageError extends Error {}

export function parseDemoArgs(argv: readonly string[]): DemoArgs {
  const parsed: DemoArgs = { help: false, serve: false, port: 0, inputs: {} }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? ''
    if (arg === '-h') {
      parsed.help = true
      continue
    }
    const match = /^--([^=]+)(?:=(.*))?$/s.exec(arg)
    if (!match?.[1]) throw new UsageError(`Unexpected argument '${arg}': pass inputs as --name value, e.g. --mode plan`)
    const [, name, inline] = match
    if (!KNOWN_FLAGS.includes(name)) throw new UsageError(unknownFlag(name))

    if (SWITCHES.includes(name)) {
      if (inline !== undefined) throw new UsageError(`--${name} takes no value`)
      if (name === 'help') parsed.help = true
      else parsed.serve = true
      continue
    }
    let value = inline
    if (value === undefined) {
      const next = argv[i + 1]
      // A flag right after is far more likely a forgotten value than a value that starts with --.
      if (next === undefined || next.startsWith('--')) throw new UsageError(`--${name} needs a value (--${name}= for an empty one)`)
      value = next
      i++
    }
    if (name === 'port') parsed.port = parsePort(value)
    else if (name === 'world') parsed.world = value
    else parsed.inputs[name] = value
  }
  return parsed
}

function parsePort(value: string): number {
  const port = /^\d{1,5}$/.test(value) ? Number(value) : NaN
  if (!(port <= 65535)) throw new UsageError(`--port must be a whole number from 0 to 65535, not '${value}'`)
  return port
}

function unknownFlag(name: string): string {
  const nearest = closest(name, KNOWN_FLAGS)
  const hint = nearest ? `; did you mean --${nearest}?` : ''
  return `Unknown flag --${name}${hint} (npm start -- --help lists the flags)`
}

/** Names after one another, broken into lines that fit a terminal, each line indented. */
function wrap(names: readonly string[], indent: string, width = 96): string {
  const lines: string[] = []
  let line = ''
  for (const name of names) {
    const next = line ? `${line}, ${name}` : name
    if (line && indent.length + next.length + 1 > width) {
      lines.push(`${line},`)
      line = name
    } else line = next
  }
  lines.push(line)
  return lines.map((l) => indent + l).join('\n')
}

export const USAGE = `Usage: npm start -- [--name value ...] [--world FILE] [--serve] [--port N] [--help]

Runs the bundled action (dist/index.js) against a local SendGrid stand-in and prints what a
workflow would see: the log, the outputs and the job summary. No API key and no network needed.

With no flags, a tour: a compliance check that finds drift, a plan with its forecast, an apply
held by max-blocked-domains, an apply, a passing check, an export and its verification.
The tour's stand-in knows the subuser marketing, the customer account 1234567, and a week of
the parent account's mail for the forecast.
With inputs, one run with those inputs; api-key, api-url and dns-servers default to the
stand-in's. Paths (policy-file, export-file, --world) are taken from where you run npm start.

  --name value   any input of the action (--name=value works too):
${wrap(INPUT_FLAGS, '                   ')}
  --world FILE   seed the stand-in with your own fleet: a policy file (an export is enough: its
                 targets become the parent, subusers and customer accounts, with the settings
                 pinned in it) or a world file that adds a week of mail (its format: docs/cli.md,
                 "Rehearse offline"). Without inputs, one plan shows every account it holds.
  --serve        start only the stand-in and keep it running (for the CLI, uses: ./ or curl;
                 npm run local too, after npm ci)
  --port N       the stand-in's port, 0 to 65535 (default: a free one)
  -h, --help     print this text and exit

Exit code: the run's (the tour's: 0 when every step ended as expected); 1 for a command line
it cannot run.

Examples: npm start -- --mode apply --subuser marketing --require-tls true --min-version 1.2
          npm start -- --world tls-policy.yml --policy-file tls-policy.yml
          npm start -- --world fleet.yml --mode plan --subuser '*' --include-parent true --require-tls true
          npm start -- --world fleet.yml --mode export --subuser '*' --include-parent true --export-file mine.yml`
