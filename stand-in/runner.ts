/**
 * Runs the bundled action as a GitHub runner does: inputs as INPUT_* variables, outputs and
 * the job summary through the files named by GITHUB_OUTPUT and GITHUB_STEP_SUMMARY.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface ActionRun {
  exitCode: number
  stdout: string
  stderr: string
  outputs: Record<string, string>
  summary: string
}

/** Variables a runner sets per step; a value inherited from the caller must not leak in. */
const STEP_VARIABLES = /^(INPUT_|GITHUB_OUTPUT$|GITHUB_STEP_SUMMARY$|GITHUB_STATE$|GITHUB_ENV$|GITHUB_PATH$|RUNNER_DEBUG$|RUNNER_TEMP$)/

export function inputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`
}

/**
 * Runs `entry` as a step. `whileRunning` gets the child process, for a test that signals it as the
 * runner does when a job is cancelled.
 */
export async function runAction(
  entry: string,
  inputs: Record<string, string>,
  extraEnv: Record<string, string> = {},
  whileRunning?: (child: ChildProcess) => void
): Promise<ActionRun> {
  const dir = await mkdtemp(join(tmpdir(), 'enforced-tls-run-'))
  try {
    const outputFile = join(dir, 'output')
    const summaryFile = join(dir, 'summary')
    await writeFile(outputFile, '')
    await writeFile(summaryFile, '')
    const env: NodeJS.ProcessEnv = {}
    for (const [name, value] of Object.entries(process.env)) if (!STEP_VARIABLES.test(name)) env[name] = value
    for (const [name, value] of Object.entries(inputs)) env[inputVariable(name)] = value
    // RUNNER_TEMP too, as a runner has it: the report file goes there and goes away with it.
    Object.assign(env, { GITHUB_OUTPUT: outputFile, GITHUB_STEP_SUMMARY: summaryFile, RUNNER_TEMP: dir }, extraEnv)

    const child = spawn(process.execPath, [entry], { env, stdio: ['ignore', 'pipe', 'pipe'] })
    whileRunning?.(child)
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    const exitCode = await new Promise<number>((resolve, reject) => {
      child.on('error', reject)
      child.on('close', (code) => resolve(code ?? 1))
    })
    return {
      exitCode,
      stdout,
      stderr,
      outputs: parseOutputFile(await readFile(outputFile, 'utf8')),
      summary: await readFile(summaryFile, 'utf8')
    }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/** Reads the `name<<delimiter` blocks that @actions/core writes to GITHUB_OUTPUT. */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {}
  const lines = text.split(/\r?\n/)
  for (let i = 0; i < lines.length; i++) {
    const header = /^([^<=]+)<<(.+)$/.exec(lines[i] ?? '')
    if (!header) continue
    const [, name = '', delimiter] = header
    const value: string[] = []
    while (++i < lines.length && lines[i] !== delimiter) value.push(lines[i] ?? '')
    outputs[name] = value.join('\n')
  }
  return outputs
}
