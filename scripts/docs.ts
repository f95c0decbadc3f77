/**
 * `npm run docs`: writes the README's inputs and outputs tables from action.yml, between the
 * `<!-- inputs -->` and `<!-- outputs -->` markers, so what users read is what the action declares.
 * `npm run docs -- --check` only compares, and fails when the README is stale (CI runs it).
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import { parse } from 'yaml'

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

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const readme = readFileSync('README.md', 'utf8')
  const updated = updateReadme(readme, readFileSync('action.yml', 'utf8'))
  // Silence after a run would leave one wondering whether it ran at all.
  if (updated === readme) {
    console.log('README.md is up to date with action.yml')
  } else if (process.argv.includes('--check')) {
    console.error('README.md is stale: its inputs or outputs differ from action.yml. Run `npm run docs` and commit.')
    process.exitCode = 1
  } else {
    writeFileSync('README.md', updated)
    console.log('README.md updated from action.yml')
  }
}
