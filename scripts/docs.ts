/**
 * `npm run docs`: writes the README's inputs and outputs tables from action.yml, between the
 * `<!-- inputs -->` and `<!-- outputs -->` markers, so what users read is what the action declares;
 * and `policy.schema.json` from the schema the action validates policy files with, so what an
 * editor checks is what the action checks.
 * `npm run docs -- --check` only compares, and fails when either is stale (CI runs it).
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import { parse } from 'yaml'
import { POLICY_SCHEMA } from '../src/engine/policy/schema.js'

interface ActionMetadata {
  inputs: Record<string, { description: string; required?: boolean; default?: string }>
  outputs: Record<string, { description: string }>
}

/** A description as one table cell: pipes escaped, and `<id>` kept from reading as an HTML tag. */
function cell(text: string): string {
  return text
    .replace(/\|/g, '\\|')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\s*\n\s*/g, ' ')
    .trim()
}

export function renderInputs(action: ActionMetadata): string {
  const rows = Object.entries(action.inputs).map(([name, input]) => {
    const fallback = input.required ? 'required' : input.default ? `\`${input.default}\`` : 'empty'
    return `| \`${name}\` | ${fallback} | ${cell(input.description)} |`
  })
  return ['| input | default | description |', '|---|---|---|', ...rows].join('\n')
}

export function renderOutputs(action: ActionMetadata): string {
  const rows = Object.entries(action.outputs).map(([name, output]) => `| \`${name}\` | ${cell(output.description)} |`)
  return ['| output | description |', '|---|---|', ...rows].join('\n')
}

/** Replaces what stands between `<!-- name -->` and `<!-- /name -->`. */
function between(text: string, name: string, content: string): string {
  const start = `<!-- ${name} -->`
  const end = `<!-- /${name} -->`
  const from = text.indexOf(start)
  const to = text.indexOf(end)
  if (from < 0 || to < from) throw new Error(`README.md lacks the markers ${start} … ${end}`)
  return `${text.slice(0, from + start.length)}\n${content}\n${text.slice(to)}`
}

export function updateReadme(readme: string, actionYml: string): string {
  const action = parse(actionYml) as ActionMetadata
  return between(between(readme, 'inputs', renderInputs(action)), 'outputs', renderOutputs(action))
}

/** The shipped JSON Schema of the policy file, as editors fetch it. */
export const SCHEMA_FILE = 'policy.schema.json'

export function renderSchema(): string {
  return `${JSON.stringify(POLICY_SCHEMA, null, 2)}\n`
}

/** Writes a generated file, or with --check only says it is stale; returns whether it was up to date. */
function keep(path: string, current: string, wanted: string, source: string): boolean {
  if (wanted === current) {
    console.log(`${path} is up to date with ${source}`)
    return true
  }
  if (process.argv.includes('--check')) {
    console.error(`${path} is stale: it differs from ${source}. Run \`npm run docs\` and commit.`)
    process.exitCode = 1
  } else {
    writeFileSync(path, wanted)
    console.log(`${path} updated from ${source}`)
  }
  return false
}

function readOrEmpty(path: string): string {
  try {
    return readFileSync(path, 'utf8')
  } catch {
    return ''
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const readme = readFileSync('README.md', 'utf8')
  // Silence after a run would leave one wondering whether it ran at all: each file says.
  keep('README.md', readme, updateReadme(readme, readFileSync('action.yml', 'utf8')), 'action.yml')
  keep(SCHEMA_FILE, readOrEmpty(SCHEMA_FILE), renderSchema(), 'src/engine/policy/schema.ts')
}
