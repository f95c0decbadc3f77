/**
 * The floors of src/ (core, sendgrid, engine, report, the two faces): ESLint refuses an import
 * that climbs one, naming the rule, and the import graph of src/ has no cycle at all.
 */
import { describe, expect, it } from '@jest/globals'
import { ESLint } from 'eslint'
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, normalize, relative } from 'node:path'

/**
 * Linting text under a file's name. Under CI=true typescript-eslint assumes one run over the files
 * on disk and parses a file from its program, not the text given: the climbing import would go
 * unseen, so that guess is switched off.
 */
const eslint = new ESLint({
  overrideConfig: { languageOptions: { parserOptions: { disallowAutomaticSingleRunInference: true } } }
})

async function floorErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: file })
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message)
}

describe('ESLint keeps the floors', () => {
  it.each([
    ['src/core/clock.ts', "import { SendGridClient } from '../sendgrid/client.js'", 'src/core/ may not import from src/sendgrid/'],
    [
      'src/sendgrid/client.ts',
      "import type { Settings } from '../engine/settings/settings.js'",
      'src/sendgrid/ may not import from src/engine/'
    ],
    ['src/engine/forecast/window.ts', "import { table } from '../../report/markdown.js'", 'src/engine/ may not import from src/report/'],
    ['src/report/text.ts', "import { run } from '../action/main.js'", 'src/report/ may not import from src/action/'],
    ['src/cli/main.ts', "import { run } from '../action/main.js'", 'src/cli/ may not import from src/action/, the other face'],
    ['src/engine/enforce.ts', "import * as core from '@actions/core'", 'only the action face (src/action/) may use @actions/*']
  ])('refuses, in %s, %s', async (file, code, message) => {
    const errors = await floorErrors(file, `${code}\nexport {}\n`)
    expect(errors).toHaveLength(1)
    expect(errors[0]).toContain('Floors (eslint.config.js)')
    expect(errors[0]).toContain(message)
  })

  it('lets a floor import from the floors below it', async () => {
    expect(await floorErrors('src/report/text.ts', "import { count } from '../core/plural.js'\nexport { count }\n")).toEqual([])
    expect(await floorErrors('src/action/main.ts', "import * as core from '@actions/core'\nexport { core }\n")).toEqual([])
  })
})

/** Every TypeScript file of src/, but those a script generates. */
const sources = readdirSync('src', { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.ts') && !file.endsWith('.generated.ts'))
  .map((file) => join('src', file))

describe('the rooms of src/', () => {
  it('are no larger than 300 lines: a larger file is asking to be split along a seam of the domain', () => {
    const large = sources.filter((file) => readFileSync(file, 'utf8').split('\n').length > 300)
    expect(large).toEqual([])
  })
})

describe('the import graph of src/', () => {
  it('has no cycle, type imports included', () => {
    const files = sources
    const imports = new Map(
      files.map((file) => {
        const specifiers = [...readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)]
        return [file, specifiers.map(([, spec]) => normalize(join(dirname(file), (spec ?? '').replace(/\.js$/, '.ts'))))]
      })
    )
    const cycles: string[] = []
    const state = new Map<string, 'visiting' | 'done'>()
    const visit = (file: string, path: string[]): void => {
      if (state.get(file) === 'done') return
      if (state.get(file) === 'visiting') {
        cycles.push([...path.slice(path.indexOf(file)), file].map((each) => relative('src', each)).join(' → '))
        return
      }
      state.set(file, 'visiting')
      for (const next of imports.get(file) ?? []) visit(next, [...path, file])
      state.set(file, 'done')
    }
    for (const file of files) visit(file, [])
    expect(cycles).toEqual([])
  })
})
