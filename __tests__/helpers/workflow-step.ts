/**
 * Runs `run()` in this process the way a runner runs a step: inputs as INPUT_* variables,
 * outputs and the summary in files, workflow commands captured from stdout.
 */
import { afterAll, jest } from '@jest/globals'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { inputVariable, parseOutputFile, type ActionRun } from '../../stand-in/runner.js'

// @actions/core's summary remembers the file it first wrote to, as it may in a one-step process:
// every step of a test file therefore uses the same files, emptied before each step.
const dir = await mkdtemp(join(tmpdir(), 'enforced-tls-step-'))
// Removed here, for every test file that imports this one, so that no file can forget it.
afterAll(() => rm(dir, { recursive: true, force: true }))
const outputFile = join(dir, 'output')
const summaryFile = join(dir, 'summary')

export async function runStep(
  run: () => Promise<void>,
  inputs: Record<string, string>,
  env: Record<string, string> = {}
): Promise<ActionRun> {
  const saved = { ...process.env }
  await writeFile(outputFile, '')
  await writeFile(summaryFile, '')
  for (const name of Object.keys(process.env)) if (name.startsWith('INPUT_')) delete process.env[name]
  for (const [name, value] of Object.entries(inputs)) process.env[inputVariable(name)] = value
  process.env['GITHUB_OUTPUT'] = outputFile
  process.env['GITHUB_STEP_SUMMARY'] = summaryFile
  process.env['RUNNER_TEMP'] = dir
  // Last, so that a test can point the runner's files elsewhere (a full disk, a directory).
  Object.assign(process.env, env)

  let stdout = ''
  const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += chunk.toString()
    return true
  })
  try {
    await run()
    return {
      exitCode: Number(process.exitCode ?? 0),
      stdout,
      stderr: '',
      outputs: process.env['GITHUB_OUTPUT'] === outputFile ? parseOutputFile(await readFile(outputFile, 'utf8')) : {},
      summary: process.env['GITHUB_STEP_SUMMARY'] === summaryFile ? await readFile(summaryFile, 'utf8') : ''
    }
  } finally {
    write.mockRestore()
    process.exitCode = undefined
    process.env = saved
  }
}

/** The workflow commands of one kind (error, notice…) in a step's log. */
export function annotations(log: string, kind: 'error' | 'warning' | 'notice'): string[] {
  return log
    .split('\n')
    .filter((line) => line.startsWith(`::${kind}`))
    .map((line) => line.slice(line.indexOf('::', 2) + 2))
}

/** The workflow commands of one kind with where they point: `{ file, line, col, message }`, the message decoded. */
export function placedAnnotations(log: string, kind: 'error' | 'warning' | 'notice') {
  return log
    .split('\n')
    .filter((line) => line.startsWith(`::${kind}`))
    .map((line) => {
      const [, properties = '', message = ''] = /^::\w+ ?([^:]*)::(.*)$/.exec(line) ?? []
      const props = new Map(properties.split(',').map((pair) => pair.split('=') as [string, string]))
      return {
        file: props.get('file'),
        line: Number(props.get('line')),
        col: Number(props.get('col')),
        message: decodeURIComponent(message)
      }
    })
}
