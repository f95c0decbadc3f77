/**
 * What users read is what the action declares: the README's tables come from action.yml, its
 * examples match examples/, every link between the documents leads somewhere, and the README
 * stays short enough to finish.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, normalize } from 'node:path'
import { parse } from 'yaml'
import { VALIDATOR_FILE } from '../scripts/docs.js'
import { Redactor } from '../src/core/redact.js'
import { anchors, relativeLinks, slug } from './helpers/links.js'
import { runScripts } from './helpers/run-scripts.js'
import { runTsx } from './helpers/tsx.js'

const readme = readFileSync('README.md', 'utf8')
const actionPage = readFileSync('docs/action.md', 'utf8')
const action = parse(readFileSync('action.yml', 'utf8')) as { inputs: Record<string, { default?: string }> }

/** The documents a reader moves between: the README, docs/, the changelog and the security policy. */
const DOCUMENTS = ['README.md', 'CHANGELOG.md', 'SECURITY.md', ...readdirSync('docs').map((name) => join('docs', name))]

const YAML_BLOCK = /^```yaml\n([\s\S]*?)^```$/gm

/** The YAML example that comes first after a heading of a document. */
function exampleAfter(document: string, heading: string): unknown {
  const from = document.indexOf(`\n${heading}\n`)
  if (from < 0) throw new Error(`no heading ${heading}`)
  const block = new RegExp(YAML_BLOCK.source, 'm').exec(document.slice(from))
  return parse(block?.[1] ?? '')
}

/** Where a relative link in `file` leads that does not: a missing file, or an anchor no heading gives. */
function brokenLinks(file: string, markdown: string, read: (path: string) => string | undefined): string[] {
  return relativeLinks(markdown).flatMap((link) => {
    const [path = '', anchor] = link.split('#')
    const target = path === '' ? file : normalize(join(dirname(file), decodeURIComponent(path)))
    const text = path === '' ? markdown : read(target)
    if (text === undefined) return [`${file}: ${link} (no such file)`]
    if (anchor === undefined || anchor === '') return []
    if (!target.endsWith('.md')) return [`${file}: ${link} (an anchor in a file that is not Markdown)`]
    return anchors(text).has(anchor) ? [] : [`${file}: ${link} (no heading gives #${anchor})`]
  })
}

const readInRepository = (path: string): string | undefined =>
  !existsSync(path) ? undefined : path.endsWith('.md') ? readFileSync(path, 'utf8') : ''

describe('README', () => {
  it('is at most 350 lines, so a newcomer finishes it; the reference is in docs/', () => {
    expect(readme.split('\n').length).toBeLessThanOrEqual(350)
  })

  it('shows, in the full example of docs/action.md, every input in action.yml’s order with its default', () => {
    const [step] = exampleAfter(actionPage, '## Full example') as [{ with: Record<string, unknown> }]
    expect(Object.keys(step.with)).toEqual(Object.keys(action.inputs))
    for (const [name, input] of Object.entries(action.inputs)) {
      if (input.default !== undefined) expect([name, String(step.with[name])]).toEqual([name, input.default])
    }
  })

  it('guards the pull-request gate against forks and Dependabot as examples/pull-request-plan.yml does', () => {
    const example = parse(readFileSync('examples/pull-request-plan.yml', 'utf8')) as { jobs: { plan: { if: string } } }
    const shown = [
      exampleAfter(readme, '### Pull-request gate: plan, with a comment'),
      exampleAfter(actionPage, '## Pull requests from forks and Dependabot')
    ] as { jobs: { plan: { if: string } } }[]
    for (const workflow of shown) expect(workflow.jobs.plan.if).toBe(example.jobs.plan.if)
    expect(example.jobs.plan.if).toContain("github.actor != 'dependabot[bot]'")
  })

  it('writes no expression inside a run: script in its examples or in docs/, only in env:', () => {
    const examples = DOCUMENTS.flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(YAML_BLOCK)].map((match) => parse(match[1] ?? '') as unknown)
    )
    expect(examples.length).toBeGreaterThan(0)
    for (const script of examples.flatMap(runScripts)) expect(script).not.toContain('${{')
  })
})

describe('links between the documents', () => {
  it.each(DOCUMENTS)('every relative link in %s leads to a file, and to a heading when it names one', (file) => {
    expect(brokenLinks(file, readFileSync(file, 'utf8'), readInRepository)).toEqual([])
  })

  it('makes anchors as GitHub does: code, links and punctuation as rendered, repeats numbered', () => {
    expect(slug('Adopting it: mode `export`')).toBe('adopting-it-mode-export')
    expect(slug('The [forecast](docs/forecast.md), before you enforce')).toBe('the-forecast-before-you-enforce')
    expect(slug('Subusers, customer accounts and the EU region')).toBe('subusers-customer-accounts-and-the-eu-region')
    expect(slug('`max_changes` — a rail')).toBe('max_changes--a-rail')
    expect([...anchors('# Usage\n```sh\n# not a heading\n```\n## Usage\n### Usage')]).toEqual(['usage', 'usage-1', 'usage-2'])
  })

  it('finds a link to a missing file, to a missing heading, and skips code and absolute links', () => {
    const page = [
      '# Page',
      '[gone](docs/gone.md) [here](#page) [nowhere](#elsewhere) [web](https://example.com/x.md)',
      '`[code](no.md)`',
      '```md',
      '[fenced](no.md)',
      '```',
      '[readme](README.md#no-such-heading) [licence](LICENSE)'
    ].join('\n')
    expect(brokenLinks('page.md', page, readInRepository)).toEqual([
      'page.md: docs/gone.md (no such file)',
      'page.md: #elsewhere (no heading gives #elsewhere)',
      'page.md: README.md#no-such-heading (no heading gives #no-such-heading)'
    ])
  })
})

/**
 * docs/security.md says exactly what redaction guarantees: each form it names is kept out, and each
 * it names as not guaranteed is printed as it came, so a change to the redactor must change the text.
 */
describe('docs/security.md on redaction', () => {
  const KEY = 'SG.q1W2e3R4t5Y6u7I8o9P0aZ.Qx7Lm2Np9Rs4Tu6Vw8Yz1Ab3Cd5Ef7Gh9Jk2Mn4Pq6'
  const page = readFileSync('docs/security.md', 'utf8')
  const text = page
    .slice(page.indexOf('### What redaction guarantees'), page.indexOf('\n## ', page.indexOf('### What redaction guarantees')))
    .replace(/\s+/g, ' ')
  const redact = (form: string) => new Redactor(KEY).redact(`echo: ${form}`)
  const shown = (form: string) => redact(form) === `echo: ${form}`
  const each = (spell: (code: number) => string) => [...KEY].map((char) => spell(char.charCodeAt(0))).join('')
  const hex = (code: number) => code.toString(16)
  const utf8 = Buffer.from(KEY)
  const utf16 = Buffer.from(KEY, 'utf16le')

  it.each([
    ['any ten characters of it in a row', KEY.slice(-10)],
    ['`\\u0053`', each((code) => `\\u${hex(code).padStart(4, '0')}`)],
    ['`\\u{53}`', each((code) => `\\u{${hex(code)}}`)],
    ['`\\x53`', each((code) => `\\x${hex(code)}`)],
    ['`\\123`', each((code) => `\\${code.toString(8).padStart(3, '0')}`)],
    ['`%53`', each((code) => `%${hex(code)}`)],
    ['`%2553`', each((code) => `%25${hex(code)}`)],
    ['`&#83;`', each((code) => `&#${code};`)],
    ['`&#x53;`', each((code) => `&#x${hex(code)};`)],
    ['`&amp;#83;`', each((code) => `&amp;#${code};`)],
    ['base64 (standard', utf8.toString('base64')],
    ['or URL-safe)', utf16.toString('base64url')],
    ['hexadecimal of its UTF-8', utf8.toString('hex')],
    ['UTF-16 (little-endian) bytes', utf16.toString('hex').toUpperCase()],
    ['`83,71,46`', [...utf8].join(',')],
    ['`53 47 2e`', [...utf8].map(hex).join(' ')],
    ['spaces, control or invisible characters between its letters', [...KEY].join('\u200b')],
    ['full-width', each((code) => String.fromCharCode(code + 0xfee0))]
  ])('keeps out what it names: %s', (name, form) => {
    expect(text).toContain(name)
    // Left beside the mark, at most the ends of the form, which depend on what surrounds it.
    expect(redact(form)).toMatch(/^echo: \S{0,4}\*\*\*\S{0,4}$/)
  })

  it.each([
    ['reversed', [...KEY].reverse().join('')],
    ['in pieces of fewer than ten characters with visible text between them', (KEY.match(/.{1,9}/g) ?? []).join('|')],
    ['in another letter case', KEY.replace(/[a-z]/gi, (char) => (char === char.toLowerCase() ? char.toUpperCase() : char.toLowerCase()))],
    ['base64 of base64', Buffer.from(utf8.toString('base64')).toString('base64')]
  ])('prints as it came what it does not guarantee: %s', (name, form) => {
    expect(text).toContain(name)
    expect(shown(form)).toBe(true)
  })
})

describe('npm run docs, on a copy of README.md, action.yml, policy.schema.json and the precompiled validator', () => {
  let dir: string
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'enforced-tls-docs-'))
    mkdirSync(join(dir, dirname(VALIDATOR_FILE)), { recursive: true })
    for (const file of ['README.md', 'action.yml', 'policy.schema.json', VALIDATOR_FILE]) copyFileSync(file, join(dir, file))
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('says so when the README is already up to date, and leaves it alone', () => {
    for (const args of [[], ['--check']]) {
      const run = runTsx('scripts/docs.ts', args, { cwd: dir })
      expect(run.stdout.trim()).toBe(
        [
          'README.md is up to date with action.yml',
          'policy.schema.json is up to date with src/engine/policy/schema.ts',
          `${VALIDATOR_FILE} is up to date with src/engine/policy/schema.ts`
        ].join('\n')
      )
      expect(run.status).toBe(0)
    }
    expect(readFileSync(join(dir, 'README.md'), 'utf8')).toBe(readFileSync('README.md', 'utf8'))
  })

  it('rewrites a stale table, and --check fails on one', () => {
    const stale = readFileSync('README.md', 'utf8').replace(/\| `mode` \| `verify` \|.*\n/, '')
    writeFileSync(join(dir, 'README.md'), stale)
    expect(runTsx('scripts/docs.ts', ['--check'], { cwd: dir }).status).toBe(1)
    const run = runTsx('scripts/docs.ts', [], { cwd: dir })
    expect(run.stdout.trim()).toMatch(/^README.md updated from action.yml\n/)
    expect(readFileSync(join(dir, 'README.md'), 'utf8')).toBe(readFileSync('README.md', 'utf8'))
  })

  it('rewrites a stale policy.schema.json, and --check fails on one', () => {
    writeFileSync(join(dir, 'policy.schema.json'), '{}\n')
    expect(runTsx('scripts/docs.ts', ['--check'], { cwd: dir }).status).toBe(1)
    const run = runTsx('scripts/docs.ts', [], { cwd: dir })
    expect(run.stdout.trim()).toMatch(/\npolicy.schema.json updated from src\/engine\/policy\/schema.ts\n/)
    expect(readFileSync(join(dir, 'policy.schema.json'), 'utf8')).toBe(readFileSync('policy.schema.json', 'utf8'))
  })

  it('rewrites a stale precompiled validator, and --check fails on one', () => {
    writeFileSync(join(dir, VALIDATOR_FILE), 'export default () => true\n')
    expect(runTsx('scripts/docs.ts', ['--check'], { cwd: dir }).status).toBe(1)
    const run = runTsx('scripts/docs.ts', [], { cwd: dir })
    expect(run.stdout.trim()).toMatch(/\nsrc\/engine\/policy\/validator.generated.ts updated from src\/engine\/policy\/schema.ts$/)
    expect(readFileSync(join(dir, VALIDATOR_FILE), 'utf8')).toBe(readFileSync(VALIDATOR_FILE, 'utf8'))
  })
})
