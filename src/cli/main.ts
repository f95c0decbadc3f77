import { messageOf } from '../core/errors.js'
import { PRODUCT_VERSION } from '../core/product.js'
import { enforce, type RunResult } from '../engine/enforce.js'
import { resolve } from 'node:path'
import { exportFileProblem } from '../core/file.js'
import { protect, safe, safeLine } from '../core/guard.js'
import { PolicyError, type PolicyProblem } from '../engine/policy/problems.js'
import { describeTarget, targetName } from '../core/target.js'
import { hideLongTokens } from '../core/redact.js'
import { withPolicy, type Settings } from '../engine/settings/settings.js'
import { describeFailing, problemOf, tallyOf } from '../engine/verdict.js'
import { describeCancellation } from '../report/cancellation.js'
import { describeExport } from '../report/run-summary.js'
import { Flag, parseArgs, PROGRAM, UsageError, type CommandLine } from './args.js'
import { ExitCode, exitCodeOf } from './exit-code.js'
import type { Io, Stream } from './io.js'
import { terminalLog } from './log.js'
import { renderResult } from './render.js'
import { CLI_VOCABULARY, describeFlags, KEY_VARIABLE, readCliSettings } from './settings.js'
import { describeCommands, usage } from './usage.js'
import { SettingName } from '../engine/settings/names.js'
import { SettingError } from '../engine/settings/source.js'

// One version for the package, whichever face runs: a test keeps it equal to package.json's.
const VERSION = PRODUCT_VERSION

/**
 * flags and environment -> engine -> the result on stdout, problems on stderr, and the exit code.
 * Never throws: whatever goes wrong ends as one `error:` line and exit code 1.
 */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  // The key in the environment is guarded before a single argument is read: an argument that
  // repeats it (a pasted key, a key where a path was meant) is then never printed.
  protect(io.env[KEY_VARIABLE] ?? '')
  const verbose = argv.includes('--verbose')
  try {
    return await run(argv, io)
  } catch (error) {
    // The user's own mistakes are told in a line; a stack is for what nobody expected.
    const expected = error instanceof UsageError || error instanceof SettingError || error instanceof PolicyError
    // A policy file's problems, each where an editor jumps to it: file:line:column.
    if (error instanceof PolicyError) for (const problem of error.problems) io.stderr.write(`${describeProblem(problem)}\n`)
    printError(io.stderr, error, verbose && !expected)
    return ExitCode.Error
  }
}

async function run(argv: readonly string[], io: Io): Promise<number> {
  const line = parseArgs(argv)
  if (line.version) return print(io.stdout, `${PROGRAM} ${VERSION}\n`)
  if (line.help) return print(io.stdout, usage(line.command))
  const { command } = line
  if (!command) throw new UsageError(`No command: say ${describeCommands()} (${PROGRAM} --help tells more)`)
  if (line.exportFile !== undefined && command !== 'export') throw new UsageError(`--${Flag.ExportFile} belongs to the export command`)
  if (command === 'export' && line.exportFile === undefined && line.format !== 'text') {
    throw new UsageError(`export writes the policy file itself to stdout; --format chooses the report's form beside --${Flag.ExportFile}`)
  }
  if (line.exportFile !== undefined) {
    const policyFile = line.settings.get(SettingName.PolicyFile)
    const problem = await exportFileProblem(resolve(io.cwd, line.exportFile), policyFile && resolve(io.cwd, policyFile))
    if (problem?.kind === 'policy-file') {
      throw new UsageError(`--${Flag.ExportFile} names the policy file the export reads: write the export elsewhere and compare`)
    }
    if (problem) throw new UsageError(`--${Flag.ExportFile} names ${safeLine(line.exportFile)}, which ${problem.why}`)
  }
  const read = await readCliSettings({ ...line, command }, io.env, io.signal)
  for (const warning of read.warnings) io.stderr.write(`warning: ${warning}\n`)
  const place = { dir: io.cwd, name: 'the working directory', confined: false }
  const settings = { ...read, ...(await withPolicy(read, place, describeFlags)) }

  const log = terminalLog(io.stderr, { verbose: line.verbose, progress: io.stderr.isTTY && !line.verbose })
  let result: RunResult
  try {
    result = await enforce(settings, {
      log,
      vocabulary: CLI_VOCABULARY,
      userAgent: `${PROGRAM}/${VERSION}`,
      proxy: settings.proxy,
      signal: io.signal,
      clock: io.clock,
      retry: io.retry,
      confirmWaitsMs: io.confirmWaitsMs,
      mxResolver: io.mxResolver
    })
  } finally {
    log.finish()
  }
  for (const warning of result.policyWarnings ?? []) io.stderr.write(`${describeProblem(warning)}\n`)
  const exportFile = result.mode === 'export' ? await writeExport(result, settings, line, io) : undefined
  if (typeof exportFile === 'number') return exportFile
  const cancellation = result.cancelled
    ? `The run was cancelled: ${describeCancellation(result)}. Run ${PROGRAM} verify to see what is on the accounts.`
    : undefined
  io.stdout.write(
    renderResult(result, line.format, {
      baseUrl: settings.baseUrl,
      // Per no-color.org, NO_COLOR set to anything but the empty string turns colour off.
      colour: line.format === 'text' && io.stdout.isTTY && !line.noColor && !io.env['NO_COLOR'],
      cancellation,
      exportFile
    })
  )
  for (const text of problems(result, line, cancellation)) io.stderr.write(`${safeLine(text)}\n`)
  if (line.verbose) for (const outcome of result.outcomes) printStack(io.stderr, outcome.error)
  return exitCodeOf(result)
}

/**
 * What stderr tells beside the result: exit code 1 always comes with an `error:` line, so a log
 * that keeps only stderr still says why. Advice is in the text and Markdown; JSON leaves it here.
 */
function problems(result: RunResult, line: CommandLine, cancellation: string | undefined): string[] {
  const lines = line.format === 'json' ? (result.advice ?? []).map((advice) => `warning: ${advice}`) : []
  const { outcomes } = result
  const [only] = outcomes
  const tally = tallyOf(outcomes)
  if (result.error) lines.push(`error: ${result.error.message}`)
  else if (cancellation) lines.push(`error: ${cancellation}`)
  else if (!only) lines.push("warning: no targets: the key's account has no subusers, and --include-parent is not given")
  else if (tally.failed > 0 || tally.held > 0)
    lines.push(`error: ${(outcomes.length === 1 ? problemOf(only) : describeFailing(tally, outcomes.length)) ?? ''}`)
  return lines
}

/** `policy.yml:12:5: warning: …`, the form compilers use, which editors and terminals turn into a jump. */
function describeProblem(problem: PolicyProblem): string {
  return safeLine(`${problem.file}:${problem.line}:${problem.column}: ${problem.severity}: ${problem.message}`)
}

/**
 * The export command's policy file: to --export-file, then the run is rendered as any other and
 * names the file (returned); or to stdout, alone, so it can be redirected (the exit code returned).
 */
async function writeExport(result: RunResult, settings: Settings, line: CommandLine, io: Io): Promise<ExitCode | string> {
  const { exported } = result
  if (!exported) return exitCodeOf(result)
  for (const { target, why } of exported.unpinned) io.stderr.write(`warning: ${safeLine(`${targetName(target)} is not pinned: ${why}`)}\n`)
  if (line.exportFile === undefined) {
    io.stdout.write(safe(exported.text))
    for (const text of problems(result, line, undefined)) io.stderr.write(`${safeLine(text)}\n`)
    return exitCodeOf(result)
  }
  const file = resolve(io.cwd, line.exportFile)
  const { writeExportFile } = await import('../engine/policy/export.js')
  await writeExportFile(file, exported)
  // The text and the Markdown name the file in their verdict; JSON has no place for it.
  if (line.format === 'json') io.stderr.write(`${safeLine(`Export: ${describeExport(result.outcomes, describeTarget, file)}`)}\n`)
  return file
}

function print(stream: Stream, text: string): ExitCode {
  stream.write(text)
  return ExitCode.Done
}

function printError(stderr: Stream, error: unknown, withStack: boolean): void {
  // A message may quote an argument, and an argument may be a key pasted where it does not belong.
  stderr.write(`error: ${safeLine(hideLongTokens(messageOf(error)))}\n`)
  if (withStack) printStack(stderr, error)
}

function printStack(stderr: Stream, error: unknown): void {
  if (error instanceof Error && error.stack) for (const line of error.stack.split('\n')) stderr.write(`${safeLine(line)}\n`)
}
